// Exporting a report from the experiment view: the browser download holds the same
// self-contained HTML that `graft report` writes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useServedSeededStore } from '../support/servedStore.ts';

describe('report export from the app', () => {
  const served = useServedSeededStore();

  it('downloads an offline HTML report of the experiment', async () => {
    const { seeded, server, browser } = served();
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

  it('downloads a PDF report from the compare view', async () => {
    const { seeded, server, browser } = served();
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.openUrl);
    await page.goto(`${server.url}/#/experiments/${seeded.transferId}/compare`);
    await page.getByLabel('Report format').selectOption('pdf');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export report' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync((await download.path()) as string).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await context.close();
  });
});
