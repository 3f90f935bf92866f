// `npm start` runs `graft start`: the Electron window where Electron is installed; here,
// where it is not, the served UI with its URL — never a crash.
import { describe, expect, it } from 'vitest';
import { detectElectron } from '../main/electronPresence.ts';
import { startServeProcess } from './support/graftProcess.ts';
import { seedStore } from './support/seed.ts';

describe.skipIf(detectElectron().available)('graft start without Electron', () => {
  it('says Electron is missing, serves the UI and prints the URL with its token', async () => {
    const seeded = seedStore();
    const server = await startServeProcess(['--db', seeded.dbPath, '--no-train'], {}, 'start');
    try {
      expect(server.output()).toMatch(/Electron is not installed/);
      expect(server.openUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
      const response = await fetch(`${server.url}/api/call/listExperiments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
        body: '{}',
      });
      expect(((await response.json()) as { result: unknown[] }).result).toHaveLength(2);
    } finally {
      await server.stop();
    }
  });
});
