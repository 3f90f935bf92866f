// An error nobody caught, in a process that has loaded tfjs' wasm backend (whose emscripten
// script otherwise makes Node print its 20 kB minified source line): one clear message, the
// stack only with --verbose or GRAFT_DEBUG=1, exit code 1.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runGraft } from './support/graftProcess.ts';
import { seedStore } from './support/seed.ts';

const PROBE = fileURLToPath(new URL('./support/crashProbe.ts', import.meta.url));
const probe = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', PROBE, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, GRAFT_DEBUG: '', ...env } });

describe('an uncaught error', () => {
  it('without the handler dumps the wasm backend\'s script (what the handler prevents)', () => {
    const bare = probe([]);
    expect(bare.status).not.toBe(0);
    expect(bare.stderr).toContain('WasmBackendModule');
  });

  it('prints one clear message and exits 1, never library source', () => {
    const result = probe(['--handler']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('graft: TypeError: the model has no layer named "head"\n(run again with --verbose or GRAFT_DEBUG=1 to see where it happened)\n');
    const rejected = probe(['--handler', '--reject']);
    expect(rejected.status).toBe(1);
    expect(rejected.stderr.split('\n')[0]).toBe('graft: a promise nobody awaited failed');
  });

  it('shows the stack frames with --verbose or GRAFT_DEBUG=1, still no source', () => {
    for (const result of [probe(['--handler', '--verbose']), probe(['--handler'], { GRAFT_DEBUG: '1' })]) {
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines[0]).toBe('graft: TypeError: the model has no layer named "head"');
      expect(lines[1]).toMatch(/^\s+at (Timeout\.)?failDeepInside \(.*crashProbe\.ts:\d+:\d+\)$/);
      expect(lines.slice(1).every((line) => /^\s+at /.test(line) && line.length <= 301)).toBe(true);
      expect(result.stderr).not.toContain('WasmBackendModule');
    }
  });
});

describe.skipIf(process.platform !== 'linux')('graft (the CLI)', () => {
  it('prints its version with --version', () => {
    const { version } = JSON.parse(spawnSync(process.execPath, ['-p', 'JSON.stringify(require("./package.json"))'], { encoding: 'utf8' }).stdout) as { version: string };
    const result = runGraft(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`graft ${version}\n`);
  });

  it('reports a command that fails unexpectedly in one line, and its stack with --verbose', () => {
    const seeded = seedStore();
    // Writing into /proc fails with a raw file-system error no command expects.
    const args = ['report', String(seeded.transferId), '--format', 'html', '--out', '/proc/report.html', '--db', seeded.dbPath];
    const plain = runGraft(args);
    expect(plain.code).toBe(1);
    const [message, hint, ...more] = plain.stderr.split('\n');
    expect(message).toMatch(/^graft report: ENOENT: no such file or directory, open '\/proc\/[^']+\.tmp'$/);
    expect(hint).toBe('(run again with --verbose or GRAFT_DEBUG=1 to see where it happened)');
    expect(more).toEqual(['']);
    const verbose = runGraft([...args, '--verbose']);
    expect(verbose.code).toBe(1);
    const lines = verbose.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^graft report: ENOENT: no such file or directory, open '\/proc\/[^']+\.tmp'$/);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.slice(1).every((line) => /^\s+at /.test(line))).toBe(true);
  });
});
