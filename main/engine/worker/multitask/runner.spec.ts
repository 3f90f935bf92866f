// Multitask runs in-process on penguins: every architecture and weighting trains to finite
// numbers, the same seed gives the same numbers, and the tensor count stays flat.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '../tf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultitaskRunConfig } from '../../../../contract/specMultitask.ts';
import type { EpochReport } from '../run/epochLoop.ts';
import type { ResumeFrom, RunHooks } from '../run/lifecycle.ts';
import { trainMultitaskRun } from './runner.ts';
import { multitaskPlans, PENGUINS_QUICK } from '../../../../tests/support/engine/multitask/plans.ts';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'graft-mtl-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function recorder(onEpoch?: (r: EpochReport) => void): { hooks: RunHooks; epochs: EpochReport[]; logs: string[] } {
  const epochs: EpochReport[] = [];
  const logs: string[] = [];
  return {
    epochs,
    logs,
    hooks: {
      onEpoch: (r) => {
        epochs.push(r);
        onEpoch?.(r);
      },
      onProgress: () => {},
      onLog: (l) => logs.push(l),
      onDataNotes: () => {},
      onCheckpoint: () => {},
    },
  };
}

/** Metric values of an epoch without the wall-clock ones. */
function values(r: EpochReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of r.points) if (!['epoch_time', 'samples_per_sec'].includes(p.metric)) out[`${p.task}/${p.split}/${p.metric}`] = p.value;
  return out;
}

async function run(config: MultitaskRunConfig, name: string, onEpoch?: (r: EpochReport) => void, signal = new AbortController().signal, resume?: ResumeFrom) {
  const rec = recorder(onEpoch);
  const outcome = await trainMultitaskRun({ config, workDir: join(dir, name), sourceModelPath: null }, rec.hooks, signal, resume);
  return { outcome, ...rec };
}

const arms = [
  { architecture: 'hard-sharing', weighting: 'equal' },
  { architecture: 'hard-sharing', weighting: 'static', weights: [1, 0.5, 2] },
  { architecture: 'hard-sharing', weighting: 'uncertainty' },
  { architecture: 'hard-sharing', weighting: 'dwa' },
  { architecture: 'hard-sharing', weighting: 'gradnorm' },
  { architecture: 'hard-sharing', weighting: 'pcgrad' },
  { architecture: 'hard-sharing', weighting: 'mgda' },
  { architecture: 'soft-sharing', weighting: 'equal' },
  { architecture: 'soft-sharing', weighting: 'mgda' },
  { architecture: 'cross-stitch', weighting: 'pcgrad' },
  { architecture: 'cross-stitch', weighting: 'mgda' },
];
const plans = multitaskPlans({ ...PENGUINS_QUICK, arms });

describe('trainMultitaskRun', () => {
  it.each(plans.map((p) => [p.arm, p]))('%s trains to finite per-task numbers', async (_name, plan) => {
    const { outcome, epochs } = await run(plan.config, plan.arm.replace(/\W/g, '_'));
    expect(outcome).toMatchObject({ status: 'completed', epochsDone: 3 });
    const last = values(epochs.at(-1)!);
    for (const task of ['species', 'sex']) {
      for (const split of ['train', 'val', 'test']) for (const metric of ['loss', 'accuracy', 'f1']) expect(Number.isFinite(last[`${task}/${split}/${metric}`])).toBe(true);
    }
    for (const split of ['train', 'val', 'test']) for (const metric of ['loss', 'mae', 'rmse']) expect(Number.isFinite(last[`body_mass_g/${split}/${metric}`])).toBe(true);
    for (const task of ['species', 'sex', 'body_mass_g']) expect(Number.isFinite(last[`${task}/train/weight`])).toBe(true);
    // MAE in grams: penguins weigh 2.7–6.3 kg, so a sane model is off by hundreds, not by 1.
    expect(last['body_mass_g/test/mae']).toBeGreaterThan(50);
    expect(last['body_mass_g/test/mae']).toBeLessThan(2000);
    const sharesWeights = plan.config.architecture !== 'soft-sharing' && plan.config.architecture !== 'single-task';
    expect('species~sex/train/grad_cosine' in last).toBe(sharesWeights);
    if (sharesWeights) expect(Math.abs(last['species~sex/train/grad_cosine']!)).toBeLessThanOrEqual(1);
  });

  it('logs the single-task baseline per task, without gradient cosines', async () => {
    const [baseline] = multitaskPlans({ ...PENGUINS_QUICK, arms: [{ weighting: 'equal' }] });
    expect(baseline?.arm).toBe('single-task');
    const { epochs } = await run(baseline!.config, 'single');
    const last = values(epochs.at(-1)!);
    expect(last['species/test/accuracy']).toBeGreaterThan(0.5);
    expect(Object.keys(last).some((k) => k.includes('grad_cosine'))).toBe(false);
  });

  it('gives identical numbers for the same seed, and keeps the tensor count flat across epochs', async () => {
    const plan = multitaskPlans({ ...PENGUINS_QUICK, model: { type: 'mlp', hidden: [16], dropout: 0.2 }, arms: [{ weighting: 'pcgrad' }, { architecture: 'cross-stitch', weighting: 'uncertainty' }] });
    for (const p of plan.slice(1)) {
      const config = { ...p.config, training: { ...p.config.training, epochs: 4 } };
      const counts: number[] = [];
      const a = await run(config, 'repro-a', () => counts.push(tf.memory().numTensors));
      const b = await run(config, 'repro-b');
      expect(a.epochs.map(values)).toEqual(b.epochs.map(values));
      expect(new Set(counts.slice(1)).size).toBe(1);
    }
  });

  it('stops early on the mean validation loss, keeping `epochsSinceBest` in the checkpoint as every kind does', async () => {
    const [plan] = multitaskPlans({ ...PENGUINS_QUICK, arms: [{ architecture: 'hard-sharing', weighting: 'equal' }] });
    const config = { ...plan!.config, training: { ...plan!.config.training, epochs: 60, lr: 0.05, patience: 1 } };
    const { outcome, epochs, logs } = await run(config, 'early-stop');
    expect(outcome).toMatchObject({ status: 'completed' });
    expect(epochs.length).toBeLessThan(60);
    expect(logs.some((l) => /^early stop after epoch \d+: mean validation loss/.test(l))).toBe(true);
    // It stopped at the first epoch whose mean validation loss did not beat the best before it.
    const meanValLoss = epochs.map((e) => {
      const losses = e.points.filter((p) => p.split === 'val' && p.metric === 'loss' && !p.task.startsWith('_'));
      return losses.reduce((sum, p) => sum + p.value, 0) / losses.length;
    });
    const firstStale = meanValLoss.findIndex((loss, i) => i > 0 && loss >= Math.min(...meanValLoss.slice(0, i)));
    expect(epochs.length).toBe(firstStale + 1);
    const saved = JSON.parse(await readFile(join(dir, 'early-stop', 'checkpoint', 'state.json'), 'utf8')) as { version: number; loop: Record<string, unknown> };
    expect(saved.version).toBe(2);
    expect(saved.loop).toMatchObject({ epoch: epochs.length, epochsSinceBest: 1 });
    expect(saved.loop).not.toHaveProperty('sinceBest');
  });

  it('resumes a version 1 checkpoint (sinceBest, loss history in the loop state) and refuses an unknown version by name', async () => {
    const [, plan] = multitaskPlans({ ...PENGUINS_QUICK, arms: [{ weighting: 'dwa' }] });
    const config = { ...plan!.config, training: { ...plan!.config.training, epochs: 4 } };
    const whole = await run(config, 'v1-whole');
    const abort = new AbortController();
    const first = await run(config, 'v1-parts', (r) => r.epoch === 2 && abort.abort(), abort.signal);
    expect(first.outcome).toMatchObject({ status: 'cancelled', epochsDone: 2 });
    // Rewrite the checkpoint as version 1 wrote it.
    const checkpointDir = join(dir, 'v1-parts', 'checkpoint');
    const statePath = join(checkpointDir, 'state.json');
    const v2 = JSON.parse(await readFile(statePath, 'utf8')) as { loop: { epochsSinceBest: number }; lossHistory: number[][] } & Record<string, unknown>;
    const { epochsSinceBest, ...loop } = v2.loop;
    const { lossHistory, ...rest } = v2;
    expect(lossHistory).toHaveLength(2);
    await writeFile(statePath, JSON.stringify({ ...rest, version: 1, loop: { ...loop, sinceBest: epochsSinceBest, lossHistory } }));
    const rest1 = await run(config, 'v1-parts', undefined, new AbortController().signal, { checkpointDir });
    expect(rest1.outcome).toMatchObject({ status: 'completed', epochsDone: 4 });
    expect([...first.epochs, ...rest1.epochs].map(values)).toEqual(whole.epochs.map(values));
    // A version this build does not know is refused, naming the version.
    const saved = JSON.parse(await readFile(statePath, 'utf8')) as Record<string, unknown>;
    await writeFile(statePath, JSON.stringify({ ...saved, version: 7 }));
    await expect(run(config, 'v1-parts', undefined, new AbortController().signal, { checkpointDir })).rejects.toThrow(/multitask checkpoint of version 7; this Graft reads versions 1 and 2/);
  });

  it.each(['gradnorm', 'pcgrad', 'dwa', 'uncertainty', 'famo', 'db-mtl', 'rlw', 'imtl-l'])('resumes %s from its checkpoint with the numbers of an uninterrupted run', async (weighting) => {
    const [, plan] = multitaskPlans({ ...PENGUINS_QUICK, arms: [{ weighting }] });
    const config = { ...plan!.config, training: { ...plan!.config.training, epochs: 4 } };
    const whole = await run(config, `whole-${weighting}`);
    const abort = new AbortController();
    const first = await run(config, `parts-${weighting}`, (r) => r.epoch === 2 && abort.abort(), abort.signal);
    expect(first.outcome).toMatchObject({ status: 'cancelled', epochsDone: 2 });
    const rest = await run(config, `parts-${weighting}`, undefined, new AbortController().signal, { checkpointDir: join(dir, `parts-${weighting}`, 'checkpoint') });
    expect(rest.outcome).toMatchObject({ status: 'completed', epochsDone: 4 });
    expect(rest.epochs.map((e) => e.epoch)).toEqual([3, 4]);
    expect([...first.epochs, ...rest.epochs].map(values)).toEqual(whole.epochs.map(values));
  });
});
