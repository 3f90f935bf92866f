// A new user's path through the UI, in Debian's Chromium against `graft serve --no-train`:
// the empty state, the demo, an experiment with real-looking series (seeded through the
// store, as the engine would fill it), the comparison and its numbers, the spec export, the
// form's validation, the runs table, a live run, datasets and settings. `graft serve` runs with
// --no-train here, so nothing trains: runs the demo starts stay queued (ui-train.test.ts trains
// for real, ui-kinds.test.ts covers multitask and head-to-head).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGain, formatMeanStd } from '../../analysis/format.ts';
import type { ExperimentComparison } from '../../contract/compare.ts';
import { openStore } from '../../db/open.ts';
import { compareExperiment } from '../../main/services/compare.ts';
import { launchChromium } from '../support/chromium.ts';
import { startServeProcess, type ServingProcess } from '../support/graftProcess.ts';
import { tempDir } from '../support/seed.ts';
import { compareSpec, seedComparisonFile } from '../support/seedCompare.ts';

const SHOTS = 'test-results';

/** The few browser APIs the colour check calls (the tests compile without the DOM library). */
type BrowserStyle = { getComputedStyle(element: unknown): { backgroundColor: string } };
type CanvasPixels = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };

describe('the Graft UI in Chromium', () => {
  const dbPath = join(tempDir(), 'graft.db');
  let server: ServingProcess;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let seeded: ReturnType<typeof seedComparisonFile>;
  let comparison: ExperimentComparison;
  /** The demo's first experiment (other engineers add more demo specs; tests touch only this one). */
  let demoId = 0;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServeProcess(['--db', dbPath, '--no-train']), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
    // A failed call is logged by the browser without its URL: record which one.
    page.on('response', async (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${new URL(r.url()).pathname}: ${await r.text().catch(() => '')}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const go = (hash: string) => page.evaluate((h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);

  it('shows an empty state with "Run the demo", which starts the demo experiment', async () => {
    await page.goto(server.openUrl);
    const empty = page.getByRole('status').filter({ hasText: 'No experiments yet' });
    await empty.waitFor();
    await page.screenshot({ path: `${SHOTS}/ui-empty.png` });
    await page.getByRole('button', { name: 'Run the demo' }).click();
    await page.getByRole('heading', { name: /Demo \(quick\): Fashion-MNIST/ }).waitFor();
    await expect.poll(() => page.locator('table.runs tbody tr[data-run-id]').count()).toBe(12);
    demoId = Number(/#\/experiments\/(\d+)/.exec(page.url())?.[1]);
    expect(await page.getByLabel('Experiment progress').getAttribute('value')).toBe('0');
    await page.screenshot({ path: `${SHOTS}/ui-demo-experiment.png`, fullPage: true });
  });

  it('opens a finished experiment, compares its arms and shows the transfer gain and the curves', async () => {
    seeded = seedComparisonFile(dbPath);
    const store = openStore(dbPath);
    try {
      comparison = compareExperiment(store, seeded.experimentId);
    } finally {
      store.close();
    }
    await go('#/experiments');
    const row = page.locator(`tr[data-experiment-id="${seeded.experimentId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/21\s*completed/);
    await row.getByRole('link', { name: compareSpec.name, exact: true }).click();
    await page.getByRole('link', { name: 'Compare arms' }).click();
    await page.getByRole('heading', { name: `Compare: ${compareSpec.name}` }).waitFor();

    // The summary table says what compareExperiment says, cell by cell.
    const table = page.locator('table.summary');
    await table.waitFor();
    expect(comparison.arms).toHaveLength(6);
    for (const arm of comparison.arms) {
      const tr = table.locator(`tr[data-arm="${arm.name}"][data-budget="${arm.budget}"]`);
      for (const [key, summary] of Object.entries(arm.metrics)) {
        const metric = key.split('/')[2] as string;
        expect(await tr.locator(`td[data-key="${key}"] .value`).textContent()).toBe(formatMeanStd(summary, metric));
      }
      const gainCell = (await tr.locator('td.gain').textContent()) ?? '';
      if (arm.transferGain) expect(gainCell).toContain(formatGain(arm.transferGain, 'accuracy'));
      if (arm.transferGain?.negative) expect(gainCell).toContain('negative transfer');
    }
    // feature-extraction at 50/class transfers negatively; fine-tune there gains.
    const negative = comparison.arms.find((a) => a.name === 'feature-extraction' && a.budget === '50/class');
    expect(negative?.transferGain?.negative).toBe(true);
    expect(await table.locator('tr.negative').count()).toBe(1);
    expect(await table.locator('td.best').count()).toBeGreaterThan(0);
    expect(await page.getByText('Transfer gain = metric(arm) − metric(scratch)', { exact: false }).count()).toBe(1);

    // Curves: one chart per metric, the label-efficiency chart, the config diff.
    const charts = page.locator('figure.chart canvas');
    await expect.poll(() => charts.count()).toBe(6);
    expect(await page.getByRole('heading', { name: 'Label efficiency' }).count()).toBe(1);
    // The config diff: one row per arm, one per run on demand.
    const diff = page.locator('table.config-diff');
    expect(await diff.locator('tbody tr').count()).toBe(3);
    await page.getByLabel('one row per run').check();
    expect(await diff.locator('thead th').allTextContents()).toEqual(expect.arrayContaining(['arm', 'seed', 'budget', 'strategy']));
    expect(await diff.locator('tbody tr').count()).toBe(comparison.arms.reduce((n, a) => n + a.runs, 0));
    await page.getByLabel('one row per run').uncheck();
    await page.screenshot({ path: `${SHOTS}/ui-compare.png`, fullPage: true });

    // One colour per arm: each arm's swatch in the table is drawn, pixel for pixel, in every chart.
    const swatches = await table.locator('tr[data-arm] .swatch').evaluateAll((spans) =>
      spans.map((span) => [span.closest('tr')?.getAttribute('data-arm') ?? '', (globalThis as unknown as BrowserStyle).getComputedStyle(span).backgroundColor] as const),
    );
    const swatchByArm = new Map(swatches);
    expect(swatchByArm.size).toBe(3);
    expect(new Set(swatchByArm.values()).size).toBe(3);
    const chartColors = await chartPixels();
    expect(chartColors.length).toBeGreaterThanOrEqual(4);
    for (const [arm, color] of swatchByArm) {
      chartColors.forEach((seen, i) => expect(seen, `${arm} (${color}) in chart ${i}`).toContain(color));
    }

    // Each chart saves as a PNG of what it draws.
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('figure.chart').first().getByRole('button', { name: /as PNG$/ }).click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect([...readFileSync((await png.path()) as string).subarray(0, 4)]).toEqual([137, 80, 78, 71]);

    // One set of arm toggles: hiding an arm takes its colour (line and band) out of every chart,
    // and the address keeps it, so a reload shows the same view.
    const hiddenColor = swatchByArm.get('feature-extraction') as string;
    await page.locator('[aria-label="Arms shown in the charts"] button[data-arm="feature-extraction"]').click();
    await expect.poll(async () => (await chartPixels()).some((seen) => seen.includes(hiddenColor))).toBe(false);
    expect(page.url()).toContain('hide=feature-extraction');
    await page.reload();
    await table.waitFor();
    expect(await page.locator('button[data-arm="feature-extraction"]').getAttribute('aria-pressed')).toBe('false');
    await expect.poll(async () => (await chartPixels()).length).toBeGreaterThanOrEqual(4);
    expect((await chartPixels()).some((seen) => seen.includes(hiddenColor))).toBe(false);
    await page.locator('button[data-arm="feature-extraction"]').click();
    await expect.poll(async () => (await chartPixels()).every((seen) => seen.includes(hiddenColor))).toBe(true);
    expect(page.url()).not.toContain('hide=');
  });

  /** The opaque colours drawn on each visible chart canvas (collapsed charts are skipped). */
  async function chartPixels(): Promise<string[][]> {
    const canvases = await page.locator('figure.chart canvas').evaluateAll((all) =>
      all.flatMap((c) => {
        const canvas = c as unknown as CanvasPixels;
        if (canvas.width === 0 || canvas.height === 0) return [];
        const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
        const seen = new Set<string>();
        for (let i = 0; i < data.length; i += 4) if (data[i + 3] === 255) seen.add(`rgb(${data[i]}, ${data[i + 1]}, ${data[i + 2]})`);
        return [[...seen]];
      }),
    );
    return canvases;
  }

  it('redraws the compare charts as the controls change, without errors', async () => {
    await page.getByLabel('Smoothing').fill('0.6');
    await page.getByLabel('individual runs').check();
    await page.getByLabel('log y').check();
    await page.getByLabel('wall time').check();
    await page.getByLabel('Group by').selectOption('config:strategyOptions.lrFactor');
    await expect.poll(() => page.locator('figure.chart [role="img"]').first().getAttribute('aria-label')).toContain('strategyOptions.lrFactor = 0.1');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByLabel('Group by').selectOption('arm-budget');
    await page.screenshot({ path: `${SHOTS}/ui-compare-dark.png`, fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });

  it('exports the experiment spec as a JSON download', async () => {
    await go(`#/experiments/${seeded.experimentId}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export spec' }).click()]);
    expect(download.suggestedFilename()).toBe('fashion-0-4-5-9-strategies-budgets.graft.json');
    const spec = JSON.parse(readFileSync(await download.path(), 'utf8')) as typeof compareSpec;
    expect(spec).toMatchObject({ ...compareSpec, arms: [{ strategy: 'scratch' }, { strategy: 'feature-extraction' }, { strategy: 'fine-tune', lrFactor: 0.1 }] });
  });

  it('runs again with changes: the form starts from the spec, names bad fields, counts runs', async () => {
    await page.getByRole('link', { name: 'Run again with changes' }).click();
    const name = page.getByLabel('Name', { exact: true });
    await expect.poll(() => name.inputValue()).toBe(`${compareSpec.name} (again)`);
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('21');
    await page.getByLabel('Seeds').fill('1, 2, x');
    await page.getByLabel('Label budgets').fill('50/class, lots');
    await name.fill('');
    await expect.poll(() => page.locator('[data-field="seeds"]').textContent()).toContain('seeds[2]');
    expect(await page.locator('[data-field="budgets"]').textContent()).toContain('must look like "50/class"');
    expect(await page.locator('[data-field="name"]').textContent()).toContain('is required');
    expect(await page.getByRole('button', { name: 'Start experiment' }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/ui-new-experiment-errors.png`, fullPage: true });
    await page.getByLabel('Seeds').fill('1, 2');
    await page.getByLabel('Label budgets').fill('50/class');
    await name.fill('Fewer seeds');
    // 3 arms × 2 seeds × 1 budget + 2 pretraining runs
    await expect.poll(() => page.getByTestId('run-count').textContent()).toBe('8');
  });

  it('filters, sorts and tags runs, and compares runs of two experiments', async () => {
    await go('#/runs');
    const rows = page.locator('table.runs tbody tr[data-run-id]');
    await expect.poll(() => rows.count()).toBeGreaterThan(30);
    await page.getByLabel('Filter by status').selectOption('running');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Filter by status').selectOption('completed');
    await page.getByLabel('Filter by arm').selectOption('fine-tune');
    await expect.poll(() => rows.count()).toBe(6);
    // The value at the best-validation epoch (what comparisons report), never a best-test column;
    // the hyperparameters that vary and each run's duration beside it.
    const headers = await page.locator('table.runs thead th').allTextContents();
    expect(headers.map((h) => h.replace(/[▲▼↑↓\s]+$/u, '').trim())).not.toContain('Best');
    expect(await page.locator('table.runs thead th.hp').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'At best val', exact: true }).click();
    await page.getByRole('button', { name: 'At best val', exact: true }).click(); // descending
    await expect.poll(() => rows.first().locator('td.selected-value').textContent()).toMatch(/%$/);
    expect(await rows.first().locator('td.duration').textContent()).toMatch(/\d+ (s|min|h)/);
    const first = rows.first();
    const runId = Number(await first.getAttribute('data-run-id'));
    await first.getByRole('button', { name: `Edit tags of run ${runId}` }).click();
    await page.getByLabel(`Tags of run ${runId}, comma separated`).fill('best, keep');
    await page.keyboard.press('Enter');
    await expect.poll(() => first.locator('.tag').allTextContents()).toEqual(['best', 'keep']);
    await page.getByLabel('Filter by tag').selectOption('keep');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Filter by tag').selectOption('');
    await page.getByLabel(`Select run ${runId}`, { exact: true }).check();
    await page.getByLabel('Filter by status').selectOption('');
    await page.getByLabel('Filter by arm').selectOption('');
    await page.getByLabel(`Select run ${seeded.running.runningId}`, { exact: true }).check();
    await page.getByLabel('Search runs').fill('Demo');
    await expect.poll(() => rows.first().textContent()).toContain('Demo');
    await page.getByLabel(`Select run ${await rows.first().getAttribute('data-run-id')}`, { exact: true }).check();
    await page.screenshot({ path: `${SHOTS}/ui-runs.png`, fullPage: true });
    await page.getByRole('button', { name: /Compare 3 selected/ }).click();
    await page.getByRole('heading', { name: /Compare: 3 selected runs/ }).waitFor();
    expect(await page.getByText('Runs from ', { exact: false }).first().textContent()).toContain('Digits 0-4 → 5-9 (in progress)');
    // Curves are named by experiment when runs come from several.
    await expect.poll(() => page.locator('figure.chart [role="img"]').first().getAttribute('aria-label')).toContain('Digits 0-4 → 5-9 (in progress): scratch');
    expect(errors).toEqual([]);
  });

  it('shows a live run with its progress, curves, its stored log and the cancel button', async () => {
    // The log is stored with the run (as the engine's lines are): it is there on a fresh page.
    const logStore = openStore(dbPath);
    try {
      logStore.appendRunLog(seeded.running.runningId, 'epoch 4: stored with the run');
    } finally {
      logStore.close();
    }
    await go(`#/runs/${seeded.running.runningId}`);
    await page.getByRole('heading', { name: /Run #\d+: scratch/ }).waitFor();
    await expect.poll(() => page.getByLabel('Run log').textContent()).toContain('epoch 4: stored with the run');
    await page.reload();
    await expect.poll(() => page.getByLabel('Run log').textContent()).toContain('epoch 4: stored with the run');
    expect(await page.getByLabel('Run progress').getAttribute('value')).toBe('40');
    await expect.poll(() => page.locator('figure.chart canvas').count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/ui-live-run.png`, fullPage: true });
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await page.getByRole('button', { name: 'Resume run' }).waitFor();
  });

  it('cancels a whole experiment and resumes it: every run reads cancelled at once, progress says so', async () => {
    await go(`#/experiments/${demoId}`);
    const rows = page.locator('table.runs tbody tr[data-run-id]');
    await expect.poll(() => rows.count()).toBe(12);
    await page.getByRole('button', { name: 'Cancel 12 runs' }).click();
    await page.getByRole('button', { name: 'Resume 12 runs' }).waitFor();
    expect(await rows.filter({ hasText: 'cancelled' }).count()).toBe(12);
    expect(await page.getByText('stopped: 12 cancelled').count()).toBe(1);
    expect(await page.getByLabel('Experiment progress').getAttribute('value')).toBe('0');
    await page.reload();
    await page.getByRole('button', { name: 'Resume 12 runs' }).click();
    await page.getByRole('button', { name: 'Cancel 12 runs' }).waitFor();
    expect(await rows.filter({ hasText: 'queued' }).count()).toBe(12);
    expect(errors).toEqual([]);
  });

  it('deletes an experiment after a confirmation', async () => {
    await go('#/experiments');
    const demoRow = page.locator(`tr[data-experiment-id="${demoId}"]`);
    await demoRow.getByRole('button', { name: /^Delete/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this experiment?' });
    await dialog.waitFor();
    await page.screenshot({ path: `${SHOTS}/ui-delete-confirm.png` });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByText(/Deleted “Demo \(quick\).*” and its 12 runs/).waitFor();
    await expect.poll(() => demoRow.count()).toBe(0);
  });

  it('lists the shipped datasets with sample images and a table preview, and the settings', async () => {
    await go('#/datasets');
    await page.locator('[data-dataset="fashion-mnist"] canvas').first().waitFor();
    expect(await page.locator('[data-dataset="fashion-mnist"] figure').count()).toBe(10);
    expect(await page.locator('[data-dataset="penguins"] table.preview tbody tr').count()).toBeGreaterThan(3);
    await page.screenshot({ path: `${SHOTS}/ui-datasets.png`, fullPage: true });
    await go('#/settings');
    await page.getByRole('table', { name: 'Training backends, best first' }).waitFor({ timeout: 60_000 });
    expect(await page.getByText('Concurrent runs').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/ui-settings.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
