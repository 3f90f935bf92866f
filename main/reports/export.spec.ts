import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../db/open.ts';
import type { RunStore } from '../../db/store.ts';
import { produceReport } from './export.ts';
import { contentBuffer } from './files.ts';
import { renderLatex } from './latex.ts';
import { buildReportModel, reportExperiment } from './model.ts';
import { compareExperimentRow } from '../services/compare.ts';
import { seedReportStore } from './testing.ts';

let store: RunStore | undefined;
afterEach(() => store?.close());

/** The store of a seeded experiment, with every readSeries call recorded. */
function seededStore() {
  const seeded = seedReportStore();
  store = openStore(seeded.dbPath);
  const readSeries = vi.spyOn(store, 'readSeries');
  return { store, readSeries, experimentId: seeded.experimentId };
}

const fullReads = (spy: ReturnType<typeof seededStore>['readSeries']) => spy.mock.calls.filter(([, , options]) => options?.overview !== true);
const withoutDate = (tex: string) => tex.replace(/generated \S+ by/, 'generated … by');

describe('produceReport tex', () => {
  it('reads only series overviews, never every stored point, and renders the same table', async () => {
    const { store, readSeries, experimentId } = seededStore();
    const experiment = reportExperiment(store, experimentId);
    const comparison = compareExperimentRow(store, experiment);
    const output = await produceReport(store, experiment, comparison, 'tex', 'table.tex');
    expect(readSeries).toHaveBeenCalled();
    expect(fullReads(readSeries)).toEqual([]);
    const tex = contentBuffer(output.main.content).toString('utf8');
    expect(tex).toContain('\\begin{tabular}');
    expect(withoutDate(tex)).toBe(withoutDate(renderLatex(buildReportModel(store, experiment, comparison))));
  });

  it('is told apart from a format that does need every point (the control)', async () => {
    const { store, readSeries, experimentId } = seededStore();
    const experiment = reportExperiment(store, experimentId);
    await produceReport(store, experiment, compareExperimentRow(store, experiment), 'csv', 'table.csv');
    expect(fullReads(readSeries).length).toBeGreaterThan(0);
  });
});
