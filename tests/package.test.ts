// The installed app, proven: the file set electron-builder ships (tests/support/packagedApp.ts),
// run from its folder under plain Node with nothing from the clone: `graft serve` starts, serves
// the UI, trains a small run to completion and exports a PDF, and nothing is written inside the
// app folder. Electron itself cannot be installed here; tests/e2e/electron.test.ts launches this
// same packaged folder where it can.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packApp, type PackagedApp } from './support/packagedApp.ts';
import { tempDir } from './support/seed.ts';
import { tinyDigitsTransfer } from './support/specs.ts';

/** Every file under a folder with its size and modification time. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        files.set(relative(dir, path), `${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return files;
}

describe.skipIf(process.platform !== 'linux')('the packaged app', () => {
  let app: PackagedApp;
  let before: Map<string, string>;

  beforeAll(() => {
    app = packApp();
    before = snapshot(app.appDir);
  }, 600_000);
  afterAll(() => app?.remove());

  it('holds dist/, data/, examples/ and production dependencies only: no sources, specs or development tools', () => {
    const files = [...before.keys()];
    expect(files).toContain('package.json');
    for (const needed of ['dist/cli.mjs', 'dist/electron-main.mjs', 'dist/train-worker.mjs', 'dist/probe-worker.mjs', 'dist/preload/preload.cjs', 'dist/renderer/index.html', 'dist/wasm/graft-kernels.wasm', 'dist/wasm/graft-kernels-fma.wasm', 'examples/quick.json', 'node_modules/better-sqlite3/package.json', 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf']) {
      expect(files, needed).toContain(needed);
    }
    expect(files.some((f) => f.startsWith('data/digits/'))).toBe(true);
    const topLevel = new Set(files.map((f) => f.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['data', 'dist', 'examples', 'node_modules', 'package.json']);
    expect(files.filter((f) => !f.startsWith('node_modules/') && /\.(ts|mts|cts|svelte)$/.test(f))).toEqual([]);
    const packages = new Set(files.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/').slice(1, f.split('/')[1]?.startsWith('@') ? 3 : 2).join('/')));
    for (const devTool of ['tsx', 'esbuild', 'wabt', 'vite', 'vitest', 'typescript', 'electron-builder', 'playwright-core', 'svelte', '@sparticuz/chromium', 'pdfjs-dist']) {
      expect(packages.has(devTool), devTool).toBe(false);
    }
    // Native modules sit outside the asar, where Electron can load them.
    expect(readdirSync(join(app.resourcesDir, 'app.asar.unpacked', 'node_modules'))).toContain('better-sqlite3');
  });

  it('serves the UI, trains a run to completion and exports a PDF, writing nothing inside the app folder', async () => {
    const home = tempDir('graft-package-home-');
    const child: ChildProcess = spawn(process.execPath, [join(app.appDir, 'dist', 'cli.mjs'), 'serve', '--port', '0'], {
      cwd: home,
      env: { ...process.env, GRAFT_HOME: home, NODE_PATH: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    try {
      await expect.poll(() => /Open (http:\/\/\S+)\/#token=(\S+)/.test(output), { timeout: 60_000 }).toBe(true);
      const [, url, token] = /Open (http:\/\/\S+)\/#token=(\S+)/.exec(output) ?? [];
      const page = await (await fetch(`${url}/`)).text();
      expect(page).toContain('<div id="app"');
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page)?.[1];
      expect(script).toBeDefined();
      expect((await fetch(`${url}/${script}`)).status).toBe(200);

      const call = async <T>(method: string, body: unknown): Promise<T> => {
        const response = await fetch(`${url}/api/call/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
        const reply = (await response.json()) as { ok: boolean; result: T; error?: unknown };
        if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
        return reply.result;
      };
      const spec = tinyDigitsTransfer({ name: 'packaged', seeds: [1], arms: [{ strategy: 'scratch' }] });
      const { experimentId } = await call<{ experimentId: number }>('startExperiment', { spec });
      // Done when every run has finished; then every one of them must have completed.
      const runs = async () => (await call<{ experiment: { runs: { total: number; completed: number; failed: number; cancelled: number } } }>('getExperiment', { id: experimentId })).experiment.runs;
      await expect.poll(async () => { const r = await runs(); return r.completed + r.failed + r.cancelled === r.total; }, { timeout: 240_000, interval: 500 }).toBe(true);
      const finished = await runs();
      expect(finished.total).toBeGreaterThan(0);
      expect(finished).toMatchObject({ completed: finished.total, failed: 0 });
      const pdf = await call<{ fileName: string; mimeType: string; base64: string }>('exportReport', { experimentId, format: 'pdf' });
      expect(pdf.mimeType).toBe('application/pdf');
      const bytes = Buffer.from(pdf.base64, 'base64');
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(10_000);
      expect(readdirSync(home)).toContain('graft.db');
      // The log a bug report can attach sits in the per-user data folder.
      expect(readFileSync(join(home, 'logs', 'graft.log'), 'utf8')).toMatch(/ graft serve \d+\.\d+\.\d+ on /);
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
    }
    expect(output).not.toMatch(/Error|error:/);
    expect(snapshot(app.appDir)).toEqual(before);
  }, 300_000);
});
