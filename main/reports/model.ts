// Everything a report shows, read from the store once. Every format renders this one model, and
// its numbers are the comparison's, computed by analysis/comparison and handed in by the caller
// (the service or CLI command asking for the report): a report never computes a number of its
// own, so it can never disagree with `graft compare` or the compare view.
import type { DataNote } from '../../contract/dataNotes.ts';
import type { ExperimentComparison } from '../../contract/compare.ts';
import { ApiError } from '../../contract/errors.ts';
import type { ExperimentDetail, RunSummary, Series } from '../../contract/model.ts';
import type { RunStore } from '../../db/store.ts';
import { GRAFT_VERSION } from '../version.ts';
import { configDiff, type ConfigDiffRow } from './configDiff.ts';
import { environmentRows, type EnvironmentRow } from './environment.ts';

export interface ReportModel {
  generatedAt: string;
  graftVersion: string;
  experiment: ExperimentDetail;
  /** The spec's question, when it states one. */
  question: string | null;
  comparison: ExperimentComparison;
  /** Every run of the experiment, whatever its status, in id order. */
  runs: RunSummary[];
  /** Every series of every run at full resolution, as stored (the CSV needs every point). */
  series: Series[];
  environment: EnvironmentRow[];
  configDiff: ConfigDiffRow[];
  /** What the loaders decided about the data: the experiment's notes, then each run's (run set). */
  dataNotes: ReportDataNote[];
}

export interface ReportDataNote extends DataNote {
  /** The run the note is about; null for the experiment's own notes. */
  runId: number | null;
}

function questionOf(spec: unknown): string | null {
  const question = spec !== null && typeof spec === 'object' ? (spec as { question?: unknown }).question : undefined;
  return typeof question === 'string' && question.trim() !== '' ? question : null;
}

/** What a summary-only format (the LaTeX table) shows: the comparison's numbers and where they came from. */
export type SummaryModel = Pick<ReportModel, 'generatedAt' | 'graftVersion' | 'comparison'>;

/** The experiment a report is asked for by id: not-found names `experimentId`, the reports' field. */
export function reportExperiment(store: RunStore, experimentId: number): ExperimentDetail {
  const found = store.getExperiment(experimentId);
  if (!found) throw new ApiError('not-found', `experiment ${experimentId} does not exist`, 'experimentId');
  return found;
}

/** The summary without the runs' full series, so a table of a long experiment does not read every point. */
export function buildSummaryModel(comparison: ExperimentComparison, now: Date = new Date()): SummaryModel {
  return { generatedAt: now.toISOString(), graftVersion: GRAFT_VERSION, comparison };
}

/** `comparison`: the experiment's (main/services/compare.ts's compareExperimentRow). */
export function buildReportModel(store: RunStore, experiment: ExperimentDetail, comparison: ExperimentComparison, now: Date = new Date()): ReportModel {
  const runs = store.listRuns({ experimentId: experiment.id }).sort((a, b) => a.id - b.id);
  const series = runs.length > 0 ? store.readSeries(runs.map((r) => r.id)) : [];
  return {
    ...buildSummaryModel(comparison, now),
    experiment,
    question: questionOf(experiment.spec),
    runs,
    series,
    environment: environmentRows(runs),
    configDiff: configDiff(runs),
    dataNotes: [
      ...store.listDataNotes(experiment.id).map((n) => ({ ...n, runId: null })),
      ...runs.flatMap((run) => store.listRunDataNotes(run.id).map((n) => ({ ...n, runId: run.id }))),
    ],
  };
}
