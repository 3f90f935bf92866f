// `graft run` and `graft compare` for real: a tiny spec trained in worker threads, the
// comparison read back as JSON; bad specs refused before anything is stored.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGraft } from './support/graftProcess.ts';
import { tempDir } from './support/seed.ts';
import { tinyDigitsTransfer } from './support/specs.ts';

const tinySpec = tinyDigitsTransfer();

describe('graft run', () => {
  it('trains every run, prints progress and the comparison, and exits 0', () => {
    const dir = tempDir();
    const db = join(dir, 'graft.db');
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify(tinySpec));
    const result = runGraft(['run', spec, '--db', db]);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/6 runs queued/); // 2 arms × 2 seeds + 2 pretraining runs
    expect(result.stdout).toMatch(/scratch seed 1 10\/class: epoch 2\/2/);
    expect(result.stdout).toMatch(/fine-tune\s+10\/class\s+2\s/);

    const compare = runGraft(['compare', 'digits tiny', '--json', '--db', db]);
    expect(compare.code).toBe(0);
    const json = JSON.parse(compare.stdout) as {
      experiment: { name: string; kind: string };
      arms: { name: string; strategy: string; baseline: boolean; runs: number; metrics: Record<string, { mean: number; std: number; n: number }>; transferGain: { abs: number; rel: number; negative: boolean } | null }[];
    };
    expect(json.experiment).toMatchObject({ name: 'digits tiny', kind: 'transfer' });
    const scratch = json.arms.find((a) => a.name === 'scratch');
    const fineTune = json.arms.find((a) => a.name === 'fine-tune');
    expect(scratch).toMatchObject({ strategy: 'scratch', baseline: true, runs: 2, transferGain: null });
    expect(fineTune?.metrics['target/test/accuracy']?.n).toBe(2);
    const gain = fineTune?.transferGain;
    expect(gain?.abs).toBeCloseTo((fineTune?.metrics['target/test/accuracy']?.mean ?? NaN) - (scratch?.metrics['target/test/accuracy']?.mean ?? NaN), 12);
  });

  it('refuses a spec with a wrong field, naming it, and stores nothing', () => {
    const dir = tempDir();
    const db = join(dir, 'graft.db');
    const spec = join(dir, 'bad.json');
    writeFileSync(spec, JSON.stringify({ ...tinySpec, arms: [{ strategy: 'finetune' }] }));
    const result = runGraft(['run', spec, '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/arms\[0\]\.strategy/);
    expect(result.stderr).toMatch(/fine-tune/); // the allowed values are listed
    expect(JSON.parse(runGraft(['list', '--json', '--db', db]).stdout)).toEqual([]);
  });

  it('points at the line and column of broken JSON', () => {
    const dir = tempDir();
    const spec = join(dir, 'broken.json');
    writeFileSync(spec, '{\n  "version": 1,\n  "name": "x",,\n}\n');
    const result = runGraft(['run', spec, '--db', join(dir, 'graft.db')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.json:3:\d+: not valid JSON/);
  });

  it('says why a forced backend is not usable', () => {
    const dir = tempDir();
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify(tinySpec));
    const result = runGraft(['run', spec, '--backend', 'tensorflow-gpu', '--db', join(dir, 'graft.db')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/tensorflow-gpu is not usable: .*tfjs-node-gpu/);
  });
});
