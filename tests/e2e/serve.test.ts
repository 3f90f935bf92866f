// The first vertical slice, as a user meets it: `graft serve` on a seeded store, the
// printed URL opened in Debian's Chromium, experiments and runs read off the page.
import { describe, expect, it } from 'vitest';
import { useServedSeededStore } from '../support/servedStore.ts';

describe('graft serve in Chromium', () => {
  const served = useServedSeededStore();

  it('lists the experiments with their status counts and opens one to show its runs', async () => {
    const { seeded, server, browser } = served();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.openUrl);
    const rows = page.locator('table.experiments tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const transferRow = page.locator(`tr[data-experiment-id="${seeded.transferId}"]`);
    await expect.poll(() => transferRow.textContent()).toContain('Fashion 0-4 → 5-9 at 50 labels/class');
    const text = (await transferRow.textContent()) ?? '';
    expect(text).toContain('transfer');
    expect(text).toMatch(/1\s*completed/);
    expect(text).toMatch(/1\s*failed/);
    expect(text).toMatch(/1\s*queued/);
    // The token has left the address bar.
    expect(page.url()).not.toContain('token=');

    await transferRow.getByRole('link').click();
    const runRows = page.locator('table.runs tbody tr');
    await expect.poll(() => runRows.count()).toBe(3);
    expect(await page.locator('table.runs').textContent()).toContain('diverged at epoch 2, step 25');
    await page.screenshot({ path: 'test-results/serve-experiment.png', fullPage: true });
    expect(errors).toEqual([]);
  });

  it('without the token the page says how to connect, and the API refuses', async () => {
    const { server, browser } = served();
    const page = await browser.newPage();
    await page.goto(server.url);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('graft serve');
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/call/listExperiments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      return response.status;
    });
    expect(status).toBe(401);
  });
});
