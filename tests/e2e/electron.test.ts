// The real desktop app through Playwright's Electron driver, as the installer ships it: packed by
// electron-builder (tests/support/packagedApp.ts) around the installed Electron, and launched from
// the packaged executable. Electron's binary cannot be installed on machines without its download
// (CI here), so this suite reports itself SKIPPED there — never passed; tests/package.test.ts runs
// the same packaged file set under plain Node everywhere.
import { dirname } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../contract/api.ts';
import { detectElectron } from '../../main/electronPresence.ts';
import { packApp } from '../support/packagedApp.ts';
import { seedStore } from '../support/seed.ts';

const presence = detectElectron();

describe.skipIf(!presence.available || process.platform !== 'linux')(`Electron app (${presence.reason})`, () => {
  it('shows the seeded experiments in a sandboxed, isolated window that cannot navigate away', async () => {
    const seeded = seedStore();
    const packaged = packApp({ electronDist: dirname(presence.binary ?? '') });
    const app = await electron.launch({
      executablePath: packaged.executable,
      args: ['--db', seeded.dbPath, '--no-sandbox'],
    });
    try {
      const page = await app.firstWindow();
      await expect.poll(() => page.locator('table.experiments tbody tr').count(), { timeout: 60_000 }).toBe(2);
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const window = BrowserWindow.getAllWindows()[0];
        const p = window?.webContents.getLastWebPreferences();
        return { contextIsolation: p?.contextIsolation, sandbox: p?.sandbox, nodeIntegration: p?.nodeIntegration };
      });
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      // The preload exposes one function per contract method, the event subscription and the
      // native path dialog — nothing else.
      const exposed = await page.evaluate(() => Object.keys((globalThis as unknown as { graftIpc: object }).graftIpc).sort());
      expect(exposed).toEqual([...METHOD_NAMES, 'onEvent', 'pickPath'].sort());
      expect(await page.evaluate(() => typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer)).toBe('undefined');
      const before = page.url();
      await page.evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe(before);
    } finally {
      await app.close();
      packaged.remove();
    }
  }, 600_000);
});
