// Exporting a report from the experiment view: the browser download holds the same
// self-contained HTML that `graft report` writes.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { startServeProcess, type ServingProcess } from '../support/graftProcess.ts';
import { seedStore, type Seeded } from '../support/seed.ts';

describe('report export from the app', () => {
  let seeded: Seeded;
  let server: ServingProcess;
  let browser: Browser;

  beforeAll(async () => {
    seeded = seedStore();
    server = await startServeProcess(['--db', seeded.dbPath, '--no-train']);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('downloads an offline HTML report of the experiment', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.openUrl);
    await page.goto(`${server.url}/#/experiments/${seeded.transferId}`);
    await page.getByLabel('Report format').selectOption('html');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export report' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.html$/);
    const html = readFileSync((await download.path()) as string, 'utf8');
    expect(html).toContain('Fashion 0-4 → 5-9 at 50 labels/class');
    expect(html).not.toMatch(/(src|href)="https?:/);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('.html');
    await context.close();
  });
});
