// Benchmarks 3b and 4, in Debian's Chromium as a user meets them: the compare view's first render
// on a store of 100 runs, and `graft serve` started to the first page showing data.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium.ts';
import { startServeProcess, type ServingProcess } from '../tests/support/graftProcess.ts';
import type { SeededStore } from './seedStore.ts';
import { median } from './stats.ts';
import type { ProcessStartup } from './startup.ts';

export interface RenderFigure {
  ms: number;
  /** Median CPU milliseconds the `graft serve` process spent per render; null where /proc is not there. */
  serverCpuMs: number | null;
  /** Which view was timed, and what counted as rendered. */
  view: string;
  targetMs: number;
}

export interface StartupFigure {
  ms: number;
  /** Of which: process start to the printed URL. */
  serveMs: number;
  targetMs: number;
  /** The rest of start-up as a user feels it, measured in the same run (startup.ts). */
  processes?: ProcessStartup;
}

const TIMEOUT = 60_000;

/** CPU milliseconds (user + system) a process has used, from /proc (Linux); null elsewhere. */
function processCpuMs(pid: number | undefined): number | null {
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th, in clock ticks (100 Hz).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

async function timeNavigation(page: Page, url: string, rendered: (page: Page) => Promise<unknown>): Promise<number> {
  // A blank page between repeats, so every repeat is a full load (the token stays in the tab's sessionStorage).
  await page.goto('about:blank');
  const start = performance.now();
  await page.goto(url);
  await rendered(page);
  return performance.now() - start;
}

/** The compare view is drawn when its title and every chart's canvas are on the page. */
async function compareRendered(page: Page): Promise<void> {
  await page.locator('h1', { hasText: 'Compare:' }).waitFor({ timeout: TIMEOUT });
  await page.locator('figure.chart canvas').first().waitFor({ timeout: TIMEOUT });
}

async function experimentRendered(page: Page, runs: number): Promise<void> {
  await page.locator('table.runs tbody tr').nth(runs - 1).waitFor({ timeout: TIMEOUT });
}

/** Opens the launch URL once so the tab holds the token, and checks the API answers. */
async function signIn(browser: Browser, server: ServingProcess): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(server.openUrl);
  await page.locator('table.experiments tbody tr').first().waitFor({ timeout: TIMEOUT });
  return page;
}

export async function compareRenderFigure(seeded: SeededStore, repeats: number): Promise<RenderFigure> {
  const server = await startServeProcess(['--db', seeded.dbPath, '--no-train']);
  const browser = await launchChromium();
  try {
    const page = await signIn(browser, server);
    const compareUrl = `${server.url}/#/experiments/${seeded.experimentId}/compare`;
    const times: number[] = [];
    const cpu: number[] = [];
    let view = `compare view (#/experiments/${seeded.experimentId}/compare): title and first chart canvas`;
    try {
      for (let i = 0; i < repeats; i++) {
        const before = processCpuMs(server.child.pid);
        times.push(await timeNavigation(page, compareUrl, compareRendered));
        const after = processCpuMs(server.child.pid);
        if (before !== null && after !== null) cpu.push(after - before);
      }
    } catch (error) {
      // An older renderer without the compare view: time the experiment page with its runs table instead.
      view = `experiment view with ${seeded.runIds.length} runs (the compare view did not render: ${String(error).split('\n')[0]})`;
      const url = `${server.url}/#/experiments/${seeded.experimentId}`;
      times.length = 0;
      cpu.length = 0;
      for (let i = 0; i < repeats; i++) times.push(await timeNavigation(page, url, (p) => experimentRendered(p, seeded.runIds.length)));
    }
    return { ms: median(times), serverCpuMs: cpu.length > 0 ? median(cpu) : null, view, targetMs: 1000 };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export async function startupFigure(seeded: SeededStore, repeats: number, warmUp = true): Promise<StartupFigure> {
  const browser = await launchChromium();
  const totals: number[] = [];
  const serves: number[] = [];
  try {
    // One start not counted: the first loads Graft's sources from a cold disk cache.
    for (let i = warmUp ? -1 : 0; i < repeats; i++) {
      const start = performance.now();
      const server = await startServeProcess(['--db', seeded.dbPath, '--no-train']);
      const served = performance.now();
      try {
        const page = await browser.newPage();
        await page.goto(server.openUrl);
        await page.locator('table.experiments tbody tr').first().waitFor({ timeout: TIMEOUT });
        await page.close();
      } finally {
        await server.stop();
      }
      if (i >= 0) {
        totals.push(performance.now() - start);
        serves.push(served - start);
      }
    }
  } finally {
    await browser.close();
  }
  return { ms: median(totals), serveMs: median(serves), targetMs: 500 };
}
