// A small head-to-head experiment (digits 0–4 → 5–9) through the real path: spec → runs in a
// real SQLite store → real worker threads → comparison. Its approaches, costs and verdicts are
// finite, the joint runs log the same target task as the transfer runs, and a second run of the
// same spec gives the same numbers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandRuns, parseSpec } from '../../contract/spec.ts';
import type { ExperimentComparison } from '../../contract/compare.ts';
import { openStore } from '../../db/open.ts';
import type { RunStore } from '../../db/store.ts';
import { Scheduler } from '../engine/mainThread/scheduler.ts';
import { compareExperiment } from './compare.ts';

const SPEC = {
  version: 1,
  name: 'digits head-to-head',
  kind: 'head-to-head',
  target: { builtin: 'digits', classes: [5, 6, 7, 8, 9] },
  sources: [{ data: { builtin: 'digits', classes: [0, 1, 2, 3, 4] }, epochs: 3 }],
  model: { type: 'mlp', hidden: [32] },
  arms: [
    { strategy: 'scratch' },
    { strategy: 'fine-tune', lrFactor: 0.3 },
    { architecture: 'hard-sharing', weighting: 'equal' },
    { architecture: 'hard-sharing', weighting: 'uncertainty' },
  ],
  seeds: [1, 2],
  budgets: ['5/class'],
  training: { epochs: 3, batchSize: 16, lr: 0.01 },
};

let dir: string;
let store: RunStore;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'graft-h2h-'));
  store = openStore(join(dir, 'graft.db'));
});
afterAll(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

async function runExperiment(name: string): Promise<ExperimentComparison> {
  const parsed = parseSpec({ ...SPEC, name });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const { experimentId } = store.createExperiment({ name, kind: 'head-to-head', specVersion: 1, spec: parsed.spec, runs: expandRuns(parsed.spec) });
  const scheduler = new Scheduler({ store, publish: () => {}, artifactsDir: join(dir, name), backend: 'cpu', concurrency: 2 });
  scheduler.wake();
  await scheduler.idle();
  const failed = store.listRuns({ experimentId }).filter((r) => r.status !== 'completed');
  expect(failed.map((r) => `${r.arm}: ${r.error}`)).toEqual([]);
  return compareExperiment(store, experimentId);
}

/** The comparison without wall-clock numbers, which differ run to run. */
function deterministic(c: ExperimentComparison): unknown {
  return { arms: c.arms.map(({ cost, ...arm }) => ({ ...arm, samples: cost?.samples, params: cost?.trainableParams })), verdicts: c.verdicts };
}

describe('head-to-head, end to end', () => {
  it('trains both approaches and gives approaches, costs and verdicts with finite numbers, reproducibly', async () => {
    const first = await runExperiment('first');
    expect(first.primary?.key).toBe('target/test/accuracy');
    expect(first.arms.map((a) => [a.name, a.approach, a.budget, a.runs])).toEqual([
      ['scratch', 'baseline', '5/class', 2],
      ['fine-tune', 'transfer', '5/class', 2],
      ['hard-sharing+equal', 'multitask', '5/class', 2],
      ['hard-sharing+uncertainty', 'multitask', '5/class', 2],
    ]);
    for (const arm of first.arms) {
      expect(Number.isFinite(arm.metrics['target/test/accuracy']?.mean)).toBe(true);
      expect(arm.cost?.wallSeconds).toBeGreaterThan(0);
      expect(arm.cost?.trainableParams).toBeGreaterThan(0);
      if (arm.approach === 'baseline') expect(arm.gainVsBaseline).toBeNull();
      else expect(Number.isFinite(arm.gainVsBaseline?.abs)).toBe(true);
    }
    const cost = (name: string) => first.arms.find((a) => a.name === name)?.cost;
    // 5 labels × 5 classes × 3 epochs on the target; fine-tune adds its pretraining on every source training row.
    expect(cost('scratch')?.samples).toBe(75);
    expect(cost('fine-tune')?.samples).toBeGreaterThan(75 + 3 * 500);
    // The joint model trains on target and source rows each epoch, and has two heads.
    expect(cost('hard-sharing+equal')?.samples).toBeGreaterThan(3 * 500);
    expect(cost('hard-sharing+equal')?.trainableParams).toBeGreaterThan(cost('scratch')?.trainableParams ?? Infinity);
    // The multitask arms log the source task too, under its own name.
    expect(Object.keys(first.arms[2]?.metrics ?? {})).toContain('source/test/accuracy');

    expect(first.verdicts?.map((v) => [v.a, v.b, v.n, v.method])).toEqual([
      ['fine-tune', expect.stringMatching(/^hard-sharing/), 2, 'paired-t'],
      ['fine-tune', 'scratch', 2, 'paired-t'],
      [expect.stringMatching(/^hard-sharing/), 'scratch', 2, 'paired-t'],
    ]);
    for (const v of first.verdicts ?? []) {
      expect(v.sentence).toMatch(/^At 5 labels per class, /);
      expect(v.sentence).toMatch(/2 seeds/);
      expect(Number.isFinite(v.meanDiff)).toBe(true);
    }

    const second = await runExperiment('second');
    expect(deterministic(second)).toEqual(deterministic(first));
  }, 240_000);
});
