// The compare view for the other two kinds of experiment, in Debian's Chromium against
// `graft serve --no-train` with seeded runs: a multitask experiment shows Δm under its sign
// convention and the per-task Δ with negative transfer flagged, the task weights and the
// gradient conflict; a head-to-head experiment shows the verdict sentences first, both approaches
// in one table with their cost, and one label-efficiency chart. Every number is checked against
// compareExperiment, the one place it is computed.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGain, formatMeanStd } from '../../analysis/format.ts';
import type { ExperimentComparison } from '../../contract/compare.ts';
import { openStore } from '../../db/open.ts';
import { compareExperiment } from '../../main/services/compare.ts';
import { formatDelta } from '../../renderer/src/lib/compare/multitask.ts';
import { launchChromium } from '../support/chromium.ts';
import { startServeProcess, type ServingProcess } from '../support/graftProcess.ts';
import { tempDir } from '../support/seed.ts';
import { headToHeadSpec, multitaskSpec, seedMultitaskFile } from '../support/seedMultitask.ts';

const SHOTS = 'test-results';

describe('multitask and head-to-head comparisons in Chromium', () => {
  const dbPath = join(tempDir(), 'graft.db');
  const seeded = seedMultitaskFile(dbPath);
  let multitask: ExperimentComparison;
  let headToHead: ExperimentComparison;
  let server: ServingProcess;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const store = openStore(dbPath);
    try {
      multitask = compareExperiment(store, seeded.multitaskId);
      headToHead = compareExperiment(store, seeded.headToHeadId);
    } finally {
      store.close();
    }
    [server, browser] = await Promise.all([startServeProcess(['--db', dbPath, '--no-train']), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', async (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${new URL(r.url()).pathname}: ${await r.text().catch(() => '')}`);
    });
    await page.goto(server.openUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const go = (hash: string) => page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);

  it('shows Δm with its sign convention, the per-task Δ equal to compareExperiment, negative transfer flagged', async () => {
    await go(`#/experiments/${seeded.multitaskId}/compare`);
    await page.getByRole('heading', { name: `Compare: ${multitaskSpec.name}` }).waitFor();
    const convention = multitask.multitask?.convention ?? '';
    expect(convention).toContain('positive = better than single-task baselines');
    expect(await page.getByTestId('delta-m-convention').textContent()).toBe(convention);

    const table = page.locator('table.summary.multitask');
    expect(multitask.arms.map((a) => a.name)).toEqual(['single-task', 'hard-sharing+equal', 'hard-sharing+uncertainty', 'hard-sharing+pcgrad']);
    for (const arm of multitask.arms) {
      const tr = table.locator(`tr[data-arm="${arm.name}"][data-budget="${arm.budget}"]`);
      if (!arm.baseline) expect(await tr.locator('td[data-key="deltaM"] .value').textContent()).toBe(formatDelta(arm.deltaM));
      for (const [task, delta] of Object.entries(arm.perTaskDelta ?? {})) {
        const cell = tr.locator(`td.task-delta[data-task="${task}"]`);
        if (!arm.baseline) expect(await cell.locator('.value').textContent()).toBe(formatDelta(delta));
        expect(await cell.locator('.flag').count()).toBe(arm.negativeTransfer?.includes(task) ? 1 : 0);
      }
      for (const task of multitask.multitask?.tasks ?? []) {
        for (const metric of task.metrics) {
          const key = `${task.name}/test/${metric}`;
          const summary = arm.metrics[key];
          if (summary) expect(await tr.locator(`td[data-key="${key}"] .value`).textContent()).toBe(formatMeanStd(summary, metric));
        }
      }
    }
    // pcgrad hurts body mass beyond the noise: flagged, and its Δm is negative.
    const pcgrad = multitask.arms.find((a) => a.name === 'hard-sharing+pcgrad');
    expect(pcgrad?.negativeTransfer).toEqual(['body_mass_g']);
    expect(await table.locator('td.task-delta.negative-transfer').count()).toBeGreaterThanOrEqual(1);

    // Small multiples per task, then a task-weight chart per multitask arm whose weights move and one conflict chart per task pair.
    await expect.poll(() => page.locator('section.task').count()).toBe(3);
    // Equal weighting and PCGrad keep every weight at 1.0: their flat charts are left out and named.
    await expect.poll(() => page.getByTestId('task-weight-charts').locator('figure.chart').count()).toBe(1);
    expect(await page.getByTestId('flat-task-weights').textContent()).toMatch(/hard-sharing\+equal, .*pcgrad/);
    expect(await page.getByTestId('conflict-charts').locator('figure.chart').count()).toBe(3);
    expect(await page.getByTestId('conflict-charts').locator('[role="img"]').first().getAttribute('aria-label')).toContain('Gradient cosine · species ↔ sex');
    await page.screenshot({ path: `${SHOTS}/ui-compare-multitask.png`, fullPage: true });
    await page.getByTestId('task-weight-charts').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/ui-compare-multitask-weights.png` });
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SHOTS}/ui-compare-multitask-dark.png`, fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });

  it('shows the head-to-head verdicts first, both approaches in one table with their cost, and one label-efficiency chart', async () => {
    await go(`#/experiments/${seeded.headToHeadId}/compare`);
    await page.getByRole('heading', { name: `Compare: ${headToHeadSpec.name}` }).waitFor();
    const sentences = (headToHead.verdicts ?? []).map((v) => v.sentence);
    expect(sentences.length).toBe(6);
    expect(sentences[0]).toMatch(/^At 10 labels per class, fine-tune beats hard-sharing\+equal by [\d.]+ points \(95% CI [\d.]+ to [\d.]+, 3 seeds, Holm-adjusted p [≤=] [\d.]+\)$/);
    expect(await page.getByTestId('verdict').allTextContents()).toEqual(sentences);
    // The verdict comes before the table.
    const verdictTop = (await page.getByTestId('verdict').first().boundingBox())?.y ?? Infinity;
    const tableTop = (await page.locator('table.head-to-head').boundingBox())?.y ?? 0;
    expect(verdictTop).toBeLessThan(tableTop);

    const table = page.locator('table.head-to-head');
    expect(await table.locator('tbody').evaluateAll((bodies) => bodies.map((b) => b.getAttribute('data-approach')))).toEqual(['baseline', 'transfer', 'multitask']);
    for (const arm of headToHead.arms) {
      const tr = table.locator(`tr[data-arm="${arm.name}"][data-budget="${arm.budget}"]`);
      expect(await tr.getAttribute('data-approach')).toBe(arm.approach);
      const m = arm.metrics['target/test/accuracy'];
      if (m) expect(await tr.locator('td[data-key="target/test/accuracy"] .value').textContent()).toBe(formatMeanStd(m, 'accuracy'));
      if (arm.gainVsBaseline) expect(await tr.locator('td.gain').textContent()).toContain(formatGain(arm.gainVsBaseline, 'accuracy'));
      expect(await tr.locator('td[data-cost="samples"]').textContent()).toContain(Math.round(arm.cost?.samples ?? 0).toLocaleString('en-US'));
    }
    // Fine-tune's samples include its pretraining: many times scratch's, and marked.
    const fineTune = table.locator('tr[data-arm="fine-tune"][data-budget="10/class"] td[data-cost="samples"]');
    expect(await fineTune.getAttribute('class')).toContain('costly');
    expect(await fineTune.locator('.ratio').textContent()).toMatch(/^×\d+/);

    const chart = page.locator('figure.chart', { hasText: 'Label efficiency' });
    expect(await chart.count()).toBe(1);
    expect(await chart.locator('[role="img"]').getAttribute('aria-label')).toContain('baseline (scratch) · scratch, transfer · fine-tune, multi-task · hard-sharing+equal');
    await page.screenshot({ path: `${SHOTS}/ui-compare-head-to-head.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SHOTS}/ui-compare-head-to-head-dark.png`, fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });

  it('builds multitask and head-to-head specs in the form, validated as they are typed, with the run count', async () => {
    // "Run again with changes" opens the multitask form holding the experiment's spec.
    await go(`#/experiments/new?from=${seeded.multitaskId}`);
    await expect.poll(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe(`${multitaskSpec.name} (again)`);
    expect(await page.getByRole('radio', { name: /Multi-task/ }).isChecked()).toBe(true);
    // (single-task + 3 arms) × 3 seeds
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('12');
    await page.getByRole('checkbox', { name: 'hard-sharing + static' }).check();
    // The new arm takes its place in grid order (after equal), and its error sits at its weights input.
    await expect.poll(() => page.locator('[data-field="arms[1].weights"]').textContent()).toContain('one weight per task');
    expect(await page.getByRole('button', { name: 'Start experiment' }).isDisabled()).toBe(true);
    await page.locator('li[data-arm="hard-sharing+static"]').getByLabel('Static weights').fill('1, 1, 0.5');
    await page.getByRole('checkbox', { name: 'Train single-task baselines' }).uncheck();
    // 4 arms × 3 seeds, no baselines
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('12');
    await page.getByRole('checkbox', { name: 'cross-stitch + mgda' }).check();
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('15');
    await page.screenshot({ path: `${SHOTS}/ui-new-multitask.png`, fullPage: true });

    await page.getByRole('radio', { name: /Head to head/ }).check();
    await page.getByLabel('Name', { exact: true }).fill('Fashion: transfer or multi-task?');
    // (scratch + 2 transfer + 2 multitask) × 3 seeds × 3 budgets + 3 pretraining runs
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('48');
    await page.getByRole('button', { name: /Remove arm 1 \(scratch\)/ }).click();
    await expect.poll(() => page.locator('[data-field="arms"]').textContent()).toContain('scratch');
    await page.getByLabel('Label budgets').fill('10/class, 50/class');
    await page.getByRole('button', { name: '+ Add arm' }).click();
    await page.getByLabel('Strategy').last().selectOption('scratch');
    // (scratch + 2 transfer + 2 multitask) × 3 seeds × 2 budgets + 3 pretraining runs
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('33');
    await page.screenshot({ path: `${SHOTS}/ui-new-head-to-head.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
