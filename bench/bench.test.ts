// Keeps `npm run bench` from rotting: the whole benchmark at tiny sizes, through the real
// command, checking the JSON's shape and that every figure is a finite positive number.
// Timings are never pass/fail here: this machine is shared and noisy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BENCH_BIN = fileURLToPath(new URL('../bin/bench.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'graft-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = Record<string, unknown>;

function positive(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function objectAt(json: Json, key: string): Json {
  const value = json[key];
  expect(value, key).toBeTypeOf('object');
  return value as Json;
}

describe('npm run bench --quick (tiny sizes)', () => {
  it('writes every figure with its reference and the machine', () => {
    const file = join(dir, 'bench.json');
    const result = spawnSync(process.execPath, [BENCH_BIN, '--quick', '--tiny', '--json', file], { encoding: 'utf8', timeout: 110_000 });
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(readFileSync(file, 'utf8')) as Json;

    const machine = objectAt(json, 'machine');
    for (const key of ['cpu', 'node', 'tfjs', 'betterSqlite3', 'backend']) expect(machine[key], key).toBeTypeOf('string');
    expect(positive(machine['cores'])).toBe(true);
    expect(positive(machine['threads'])).toBe(true);

    const torchFound = machine['torch'] !== null;
    for (const key of ['train', 'mlp', 'features']) {
      const t = objectAt(json, key);
      expect(positive(t['graftSamplesPerSec']), `${key}.graftSamplesPerSec`).toBe(true);
      expect(t['backend']).toBe(machine['backend']);
      // Without PyTorch the reference is null and says what is missing; with it, a ratio.
      if (torchFound) {
        expect(positive(t['pytorchSamplesPerSec']), `${key}.pytorchSamplesPerSec`).toBe(true);
        expect(positive(t['ratio']), `${key}.ratio`).toBe(true);
      } else {
        expect(t['pytorchSamplesPerSec']).toBeNull();
        // Either no PyTorch, or one refused for its reference BLAS.
        expect(String(t['pytorchMissing'])).toMatch(/python3-torch|reference BLAS/);
      }
    }
    const profile = objectAt(json, 'profile');
    for (const model of ['cnn', 'mlp']) {
      const p = objectAt(profile, model);
      expect(positive(p['stepMs']), `profile.${model}.stepMs`).toBe(true);
      expect((p['kernels'] as unknown[]).length).toBeGreaterThan(0);
    }
    for (const g of profile['gemm'] as Json[]) expect(positive(g['graftGmacPerSec'])).toBe(true);
    const logging = objectAt(json, 'logging');
    for (const key of ['storePointsPerSec', 'ceilingPointsPerSec', 'ratio', 'epochWriteMs']) expect(positive(logging[key]), `logging.${key}`).toBe(true);
    const compare = objectAt(json, 'compare');
    expect(positive(compare['ms'])).toBe(true);
    expect(positive(objectAt(compare, 'render')['ms'])).toBe(true);
    expect(positive(objectAt(json, 'startup')['ms'])).toBe(true);
    const processes = objectAt(objectAt(json, 'startup'), 'processes');
    for (const key of ['nodeMs', 'listMs', 'workerReadyMs']) expect(positive(processes[key]), `startup.processes.${key}`).toBe(true);
    const concurrency = json['concurrency'] as Json[];
    expect(concurrency.length).toBeGreaterThan(0);
    for (const pass of concurrency) {
      expect(pass['failed']).toBe(0);
      expect(positive(pass['runsPerMinute'])).toBe(true);
    }
  }, 120_000);

  it('refuses an unknown benchmark name, naming the known ones', () => {
    const result = spawnSync(process.execPath, [BENCH_BIN, '--only', 'train,warp'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown: warp');
    expect(result.stderr).toContain('logging');
  });
});
