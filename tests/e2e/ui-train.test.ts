// Real training from the UI: `graft serve` with its scheduler on (no --no-train), a tiny spec
// imported into the New experiment form and started there, the experiment page's progress bar
// moving as the worker threads train, every run completing, and the compare view showing the
// transfer gain compareExperiment computes from what was trained.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGain } from '../../analysis/format.ts';
import type { ExperimentComparison } from '../../contract/compare.ts';
import { openStore } from '../../db/open.ts';
import { compareExperiment } from '../../main/services/compare.ts';
import { formatDelta } from '../../renderer/src/lib/compare/multitask.ts';
import { launchChromium } from '../support/chromium.ts';
import { startServeProcess, type ServingProcess } from '../support/graftProcess.ts';
import { tempDir } from '../support/seed.ts';
import { tinyDigitsTransfer } from '../support/specs.ts';

const SHOTS = 'test-results';

const tinySpec = tinyDigitsTransfer({
  name: 'digits tiny (from the UI)',
  source: { pretrain: { data: { builtin: 'digits', classes: [0, 1, 2, 3, 4] }, epochs: 3 } },
  model: { type: 'mlp', hidden: [16] },
  seeds: [1],
  training: { epochs: 3, batchSize: 16, lr: 0.01 },
});

describe('training from the UI', () => {
  const dbPath = join(tempDir(), 'graft.db');
  let server: ServingProcess;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServeProcess(['--db', dbPath]), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', async (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${new URL(r.url()).pathname}: ${await r.text().catch(() => '')}`);
    });
  });

  /** The comparison as the main side computes it, read from the store `graft serve` writes. */
  function compareStored(experimentId: number): ExperimentComparison {
    const store = openStore(dbPath);
    try {
      return compareExperiment(store, experimentId);
    } finally {
      store.close();
    }
  }

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('starts an imported spec, shows the progress bar move and every run complete, then the transfer gain', async () => {
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.getByRole('link', { name: '+ New experiment' }).click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import spec…' }).click()]);
    await chooser.setFiles({ name: 'tiny.graft.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tinySpec)) });
    await expect.poll(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe(String(tinySpec.name));
    // 2 arms × 1 seed × 1 budget + 1 pretraining run
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('3');
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await page.getByRole('heading', { name: String(tinySpec.name) }).waitFor();
    const experimentId = Number(/#\/experiments\/(\d+)/.exec(page.url())?.[1]);

    // Record every value the experiment's progress bar takes until it is done.
    const bar = page.getByLabel('Experiment progress');
    const seen = new Set<number>();
    const runSeen = new Set<number>();
    const started = Date.now();
    while (Date.now() - started < 50_000) {
      const value = Number(await bar.getAttribute('value'));
      seen.add(value);
      for (const v of await page.locator('progress[aria-label^="Run "]').evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('value'))))) runSeen.add(v);
      if (value === 100) break;
      if (seen.size === 2) await page.screenshot({ path: `${SHOTS}/ui-training.png`, fullPage: true });
      await page.waitForTimeout(100);
    }
    expect(Math.max(...seen)).toBe(100);
    expect([...seen].some((v) => v > 0 && v < 100)).toBe(true);
    // A running run's own bar moved too (it shows while the run trains).
    expect([...runSeen].some((v) => v > 0 && v < 100)).toBe(true);
    const statuses = page.locator('table.runs tbody tr[data-run-id] .badge');
    await expect.poll(async () => (await statuses.evaluateAll((badges) => badges.map((b) => b.getAttribute('title')))).join(','), { timeout: 10_000 }).toBe('completed,completed,completed');

    const comparison = compareStored(experimentId);
    const fineTune = comparison.arms.find((a) => a.name === 'fine-tune');
    expect(fineTune?.transferGain).not.toBeNull();
    await page.getByRole('link', { name: 'Compare arms' }).click();
    const gain = page.locator('table.summary tr[data-arm="fine-tune"] td.gain');
    await gain.waitFor();
    expect(await gain.textContent()).toContain(formatGain(fineTune!.transferGain!, 'accuracy'));
    await page.screenshot({ path: `${SHOTS}/ui-training-compare.png`, fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);

  it('builds a tiny penguins multitask experiment in the form, trains it, and compares Δm with its convention', async () => {
    await page.getByRole('link', { name: '+ New experiment' }).click();
    await page.getByRole('radio', { name: /Multi-task/ }).check();
    await page.getByLabel('Name', { exact: true }).fill('penguins tiny (from the UI)');
    for (const weighting of ['uncertainty', 'pcgrad', 'mgda']) await page.getByRole('checkbox', { name: `hard-sharing + ${weighting}` }).uncheck();
    await page.getByLabel('Seeds').fill('1');
    await page.getByLabel('Epochs', { exact: true }).last().fill('3');
    // single-task baseline + hard-sharing+equal, one seed
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('2');
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await page.getByRole('heading', { name: 'penguins tiny (from the UI)' }).waitFor();
    const experimentId = Number(/#\/experiments\/(\d+)/.exec(page.url())?.[1]);
    await expect.poll(() => page.getByLabel('Experiment progress').getAttribute('value'), { timeout: 40_000, interval: 250 }).toBe('100');

    const comparison = compareStored(experimentId);
    const shared = comparison.arms.find((a) => a.name === 'hard-sharing+equal');
    expect(Number.isFinite(shared?.deltaM)).toBe(true);
    await page.getByRole('link', { name: 'Compare arms' }).click();
    await expect.poll(() => page.getByTestId('delta-m-convention').textContent()).toBe(comparison.multitask?.convention);
    const row = page.locator('table.multitask tr[data-arm="hard-sharing+equal"]');
    expect(await row.locator('td[data-key="deltaM"] .value').textContent()).toBe(formatDelta(shared?.deltaM));
    for (const [task, delta] of Object.entries(shared?.perTaskDelta ?? {})) {
      expect(await row.locator(`td.task-delta[data-task="${task}"] .value`).textContent()).toBe(formatDelta(delta));
    }
    // The engine's gradient cosines are charted; equal weighting keeps every task weight at 1.0,
    // so its flat task-weight chart is left out and named instead (#16).
    await expect.poll(() => page.getByTestId('flat-task-weights').textContent()).toContain('hard-sharing+equal');
    expect(await page.getByTestId('task-weight-charts').locator('figure.chart').count()).toBe(0);
    expect(await page.getByTestId('conflict-charts').locator('figure.chart').count()).toBe(3);
    await page.screenshot({ path: `${SHOTS}/ui-training-multitask-compare.png`, fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);
});
