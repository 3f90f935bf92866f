// The fixture most browser tests start from: a seeded store behind `graft serve`
// (training off) and a headless Chromium, set up once per file.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.ts';
import { startServeProcess, type ServingProcess } from './graftProcess.ts';
import { seedStore, type Seeded } from './seed.ts';

export interface ServedStore {
  seeded: Seeded;
  server: ServingProcess;
  browser: Browser;
}

/** Registers beforeAll/afterAll hooks; read the fixture inside tests through the getter. */
export function useServedSeededStore(): () => ServedStore {
  let fixture: ServedStore | null = null;
  beforeAll(async () => {
    const seeded = seedStore();
    const server = await startServeProcess(['--db', seeded.dbPath, '--no-train']);
    fixture = { seeded, server, browser: await launchChromium() };
  });
  afterAll(async () => {
    await fixture?.browser.close();
    await fixture?.server.stop();
  });
  return () => {
    if (!fixture) throw new Error('the served store is set up in beforeAll');
    return fixture;
  };
}
