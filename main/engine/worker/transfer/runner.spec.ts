import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '../tf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactInfo, RunHooks, RunJob } from '../run/lifecycle.ts';
import { trainRun } from './runner.ts';
import { digitsPlans } from '../../../../tests/support/engine/configs.ts';
import type { EpochReport } from '../run/epochLoop.ts';
import type { RunConfig } from '../../../../contract/spec.ts';
import type { DataNote } from '../../../../contract/dataNotes.ts';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'graft-runner-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Recorded {
  epochs: EpochReport[];
  artifacts: { path: string; info: ArtifactInfo }[];
  logs: string[];
  dataNotes: DataNote[][];
  progress: number[];
}

function recorder(onEpoch?: (r: EpochReport) => void): { hooks: RunHooks; seen: Recorded } {
  const seen: Recorded = { epochs: [], artifacts: [], logs: [], dataNotes: [], progress: [] };
  return {
    seen,
    hooks: {
      onEpoch: (r) => {
        seen.epochs.push(r);
        onEpoch?.(r);
      },
      onProgress: (f) => seen.progress.push(f),
      onLog: (l) => seen.logs.push(l),
      onDataNotes: (notes) => seen.dataNotes.push(notes),
      onCheckpoint: (path, info) => seen.artifacts.push({ path, info }),
    },
  };
}

/** The metric values of an epoch, without the wall-clock ones. */
function values(r: EpochReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of r.points) if (!['epoch_time', 'samples_per_sec'].includes(p.metric)) out[`${p.task}/${p.split}/${p.metric}`] = p.value;
  return out;
}

function job(config: RunConfig, name: string, sourceModelPath: string | null = null): RunJob {
  return { config, workDir: join(dir, name), sourceModelPath };
}

const [sourcePlan, scratchPlan, fePlan, ftPlan, l2SpPlan, lwfPlan, bssPlan] = digitsPlans([
  { strategy: 'scratch' },
  { strategy: 'feature-extraction' },
  { strategy: 'fine-tune' },
  { strategy: 'l2-sp' },
  { strategy: 'lwf' },
  { strategy: 'bss', k: 2 },
]);

describe('trainRun', () => {
  it('trains a source run, reports every epoch, checkpoints, and saves the model', async () => {
    const { hooks, seen } = recorder();
    const outcome = await trainRun(job(sourcePlan!.config, 'source'), hooks, new AbortController().signal);
    expect(outcome).toMatchObject({ status: 'completed', epochsDone: 3, modelDir: join(dir, 'source', 'model') });
    expect(seen.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    const last = values(seen.epochs[2]!);
    expect(last['source/val/accuracy']).toBeGreaterThan(0.8);
    expect(last['_run/train/total_params']).toBe(last['_run/train/trainable_params']);
    expect(Object.keys(last)).toContain('_run/train/lr/head');
    expect(seen.artifacts.map((a) => a.info.kind)).toEqual(['checkpoint', 'checkpoint', 'checkpoint', 'model']);
    expect(seen.progress.at(-1)).toBeCloseTo(1);
    // What preparing the data decided goes out once, before training, for the store.
    expect(seen.dataNotes).toHaveLength(1);
    expect(seen.dataNotes[0]?.[0]).toMatchObject({ data: 'data', note: expect.stringMatching(/classes; train \d+ \(budget [^)]+\), val \d+, test \d+$/) });
  });

  it('gives identical metrics for the same config and seed', async () => {
    const a = recorder();
    const b = recorder();
    await trainRun(job(scratchPlan!.config, 'scratch-a'), a.hooks, new AbortController().signal);
    await trainRun(job(scratchPlan!.config, 'scratch-b'), b.hooks, new AbortController().signal);
    expect(a.seen.epochs.map(values)).toEqual(b.seen.epochs.map(values));
  });

  it('transfers from the source model: feature extraction trains only the head', async () => {
    const source = join(dir, 'source', 'model');
    const fe = recorder();
    await trainRun(job(fePlan!.config, 'fe', source), fe.hooks, new AbortController().signal);
    const first = values(fe.seen.epochs[0]!);
    expect(first['_run/train/trainable_params']).toBe(16 * 5 + 5);
    expect(fe.seen.logs.some((l) => l.includes('transferring 2 blocks'))).toBe(true);
    const ft = recorder();
    await trainRun(job(ftPlan!.config, 'ft', source), ft.hooks, new AbortController().signal);
    expect(values(ft.seen.epochs[0]!)['_run/train/lr/dense1']).toBeCloseTo(0.001);
    expect(values(ft.seen.epochs[0]!)['_run/train/lr/head']).toBeCloseTo(0.01);
  });

  // The regularizers reload the source for their reference, so a resumed run penalizes as the whole one did.
  it.each([
    ['fine-tune', ftPlan],
    ['l2-sp', l2SpPlan],
    ['lwf', lwfPlan],
    ['bss', bssPlan],
  ])('resumes %s from a checkpoint with the same numbers as an uninterrupted run', async (name, plan) => {
    const config = { ...plan!.config, training: { ...plan!.config.training, epochs: 4 } };
    const source = join(dir, 'source', 'model');
    const whole = recorder();
    await trainRun(job(config, `whole-${name}`, source), whole.hooks, new AbortController().signal);
    const abort = new AbortController();
    const first = recorder((r) => {
      if (r.epoch === 2) abort.abort();
    });
    const stopped = await trainRun(job(config, `parts-${name}`, source), first.hooks, abort.signal);
    expect(stopped).toMatchObject({ status: 'cancelled', epochsDone: 2 });
    const rest = recorder();
    const resumed = await trainRun(job(config, `parts-${name}`, source), rest.hooks, new AbortController().signal, {
      checkpointDir: join(dir, `parts-${name}`, 'checkpoint'),
    });
    expect(resumed).toMatchObject({ status: 'completed', epochsDone: 4 });
    expect(rest.seen.epochs.map((e) => e.epoch)).toEqual([3, 4]);
    expect([...first.seen.epochs, ...rest.seen.epochs].map(values)).toEqual(whole.seen.epochs.map(values));
  });

  it('replays from the epoch log the epochs its checkpoint holds but the store lacks (a crash before the writer committed them)', async () => {
    // The main thread's writer commits an epoch a moment after the worker reported it; a crash in
    // that moment leaves the checkpoint ahead of the store. Here the store has epoch 1 only.
    const config = { ...scratchPlan!.config, training: { ...scratchPlan!.config.training, epochs: 4 } };
    const abort = new AbortController();
    const first = recorder((r) => {
      if (r.epoch === 3) abort.abort();
    });
    await trainRun(job(config, 'lagging-store'), first.hooks, abort.signal);
    const rest = recorder();
    await trainRun(job(config, 'lagging-store'), rest.hooks, new AbortController().signal, {
      checkpointDir: join(dir, 'lagging-store', 'checkpoint'),
      epochsStored: 1,
    });
    expect(rest.seen.epochs.map((e) => e.epoch)).toEqual([2, 3, 4]);
    expect(rest.seen.epochs.slice(0, 2).map(values)).toEqual(first.seen.epochs.slice(1, 3).map(values));
    expect(rest.seen.logs.some((l) => l.includes('storing epoch 2, 3 from the epoch log'))).toBe(true);
  });

  it('fails a transfer run without a source, naming the arm', async () => {
    await expect(trainRun(job(ftPlan!.config, 'nosrc'), recorder().hooks, new AbortController().signal)).rejects.toThrow(
      /arm "fine-tune" \(fine-tune\) needs a source model/,
    );
  });
});
