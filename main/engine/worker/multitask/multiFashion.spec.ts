// MultiFashion's two tasks through a small CNN: conv towers mixed by cross-stitch units, and
// MGDA-UB on the stacked tower outputs — the image path of the multitask engine; and MTAN's
// attention over the trunk's feature maps (no dense layer, so Z is maps), and MMoE's CNN experts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backends/select.ts';
import type { EpochReport } from '../run/epochLoop.ts';
import { trainMultitaskRun } from './runner.ts';
import { multitaskPlans } from '../../../../tests/support/engine/multitask/plans.ts';

let dir: string;
beforeAll(async () => {
  await selectBackend('wasm');
  dir = await mkdtemp(join(tmpdir(), 'graft-mtl-fashion-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('MultiFashion (left, right)', () => {
  it.each([
    ['cross-stitch', 'mgda', [16]],
    ['mtan', 'mgda', []],
    ['mmoe', 'aligned-mtl', [16]],
  ])('trains %s CNN towers with %s to finite per-task numbers', async (architecture, weighting, dense) => {
    const [plan] = multitaskPlans({
      data: { builtin: 'multi-fashion' },
      model: { type: 'cnn', filters: [4], dense, kernelSize: 3 },
      arms: [{ architecture, weighting, ...(architecture === 'mmoe' ? { experts: 2 } : {}) }],
      singleTaskBaselines: false,
      budgets: ['10/class'],
      seeds: [1],
      training: { epochs: 1, batchSize: 25, valFraction: 0.05, testFraction: 0.05 },
    });
    const epochs: EpochReport[] = [];
    const outcome = await trainMultitaskRun(
      { config: plan!.config, workDir: join(dir, `run-${architecture}`), sourceModelPath: null },
      { onEpoch: (r) => void epochs.push(r), onProgress: () => {}, onLog: () => {}, onDataNotes: () => {}, onCheckpoint: () => {} },
      new AbortController().signal,
    );
    expect(outcome.status).toBe('completed');
    const points = epochs[0]!.points;
    for (const task of ['left', 'right']) {
      for (const metric of ['loss', 'accuracy', 'f1']) {
        const p = points.find((q) => q.task === task && q.split === 'test' && q.metric === metric);
        expect(Number.isFinite(p?.value)).toBe(true);
      }
    }
    expect(points.find((p) => p.task === 'left~right' && p.metric === 'grad_cosine')).toBeDefined();
    expect(points.find((p) => p.task === 'left' && p.metric === 'weight')?.value).toBeGreaterThanOrEqual(0);
  });
});
