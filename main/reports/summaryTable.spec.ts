// The summary table shows the comparison's numbers as analysis/format.ts writes them, marks the
// best cell per column within each budget, and flags negative transfer.
import { describe, expect, it } from 'vitest';
import { formatGain, formatGainInterval, formatMeanStd } from '../../analysis/format.ts';
import { buildSummaryTable } from '../../analysis/comparison/summaryTable.ts';
import { seededReportModel } from '../../tests/support/reportModel.ts';
import { XSS } from './testing.ts';

// The model's comparison is compareExperiment's result, read from the seeded store.
const { comparison } = seededReportModel();

describe('buildSummaryTable', () => {
  it('puts the primary metric and its gain first, and every cell is the comparison formatted', () => {
    const table = buildSummaryTable(comparison);
    expect(table.columns.slice(0, 5).map((c) => c.kind)).toEqual(['arm', 'budget', 'seeds', 'metric', 'gain']);
    expect(table.columns[3]).toMatchObject({ key: 'target/test/accuracy' });
    for (const { arm, cells } of table.rows) {
      table.columns.forEach((column, i) => {
        const cell = cells[i];
        if (column.kind === 'metric') {
          const summary = arm.metrics[column.key];
          expect(summary).toBeDefined();
          if (summary) expect(cell?.text).toBe(formatMeanStd(summary, column.metric));
        }
        if (column.kind === 'gain') expect(cell?.text).toBe(arm.baseline ? 'baseline' : arm.transferGain ? formatGain(arm.transferGain, column.metric) + formatGainInterval(arm.transferGain.ci95, column.metric) : '—');
      });
    }
  });

  it('marks the best per column within each budget, honouring lower-is-better metrics', () => {
    const table = buildSummaryTable(comparison);
    const accuracy = table.columns.findIndex((c) => c.kind === 'metric' && c.key === 'target/test/accuracy');
    const loss = table.columns.findIndex((c) => c.kind === 'metric' && c.key === 'target/test/loss');
    for (const budget of ['50/class', 'all']) {
      const rows = table.rows.filter((r) => r.arm.budget === budget);
      const bestAccuracy = Math.max(...rows.map((r) => r.arm.metrics['target/test/accuracy']?.mean ?? -Infinity));
      const bestLoss = Math.min(...rows.map((r) => r.arm.metrics['target/test/loss']?.mean ?? Infinity));
      for (const r of rows) {
        expect(r.cells[accuracy]?.best).toBe(r.arm.metrics['target/test/accuracy']?.mean === bestAccuracy);
        expect(r.cells[loss]?.best).toBe(r.arm.metrics['target/test/loss']?.mean === bestLoss);
      }
      expect(rows.filter((r) => r.cells[accuracy]?.best).map((r) => r.arm.name)).toEqual(['fine-tune']);
    }
    // Rows grouped by budget, fewest labels first.
    expect(table.rows.map((r) => r.arm.budget)).toEqual([...Array(4).fill('50/class'), ...Array(4).fill('all')]);
  });

  it('flags negative transfer on the gain cell only', () => {
    const table = buildSummaryTable(comparison);
    const gain = table.columns.findIndex((c) => c.kind === 'gain');
    for (const { arm, cells } of table.rows) {
      expect(cells[gain]?.negative).toBe(arm.name === XSS);
      expect(cells.filter((c) => c.negative)).toHaveLength(arm.name === XSS ? 1 : 0);
    }
    expect(table.notes).toEqual(expect.arrayContaining(comparison.conventions));
  });

  it('keeps only the asked splits', () => {
    const table = buildSummaryTable(comparison, { splits: ['test'] });
    expect(table.columns.flatMap((c) => (c.kind === 'metric' ? [c.split] : []))).toEqual(['test', 'test']);
  });
});
