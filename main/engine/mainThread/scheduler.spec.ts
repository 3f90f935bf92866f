// Real worker threads and a real SQLite store in a temp folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraftEvent } from '../../../contract/events.ts';
import { openStore } from '../../../db/open.ts';
import type { RunStore } from '../../../db/store.ts';
import { Scheduler, type SchedulerOptions } from './scheduler.ts';
import { digitsPlans, plansOf } from '../../../tests/support/engine/configs.ts';
import type { RunPlan } from '../../../contract/spec.ts';

let dir: string;
let store: RunStore;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'graft-scheduler-'));
  store = openStore(join(dir, 'graft.db'));
});
afterAll(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

function experiment(name: string, runs: RunPlan[]): { experimentId: number; runIds: number[] } {
  return store.createExperiment({ name, kind: 'transfer', specVersion: 1, spec: {}, runs });
}

function scheduler(events: GraftEvent[], extra: Partial<SchedulerOptions> = {}): Scheduler {
  return new Scheduler({ store, publish: (e) => events.push(e), artifactsDir: join(dir, 'artifacts'), backend: 'cpu', concurrency: 2, ...extra });
}

describe('Scheduler', () => {
  it('pretrains the source, then trains the transfer arms in workers, and stores their series', async () => {
    const plans = digitsPlans([{ strategy: 'scratch' }, { strategy: 'feature-extraction' }, { strategy: 'fine-tune' }]);
    const { experimentId, runIds } = experiment('transfer', plans);
    const events: GraftEvent[] = [];
    const s = scheduler(events);
    s.wake();
    await s.idle();
    const runs = store.listRuns({ experimentId });
    expect(runs.map((r) => [r.arm, r.status, r.epochsDone])).toEqual([
      ['source', 'completed', 3],
      ['scratch', 'completed', 3],
      ['feature-extraction', 'completed', 3],
      ['fine-tune', 'completed', 3],
    ]);
    expect(runs[0]?.environment).toMatchObject({ backend: 'cpu' });
    expect(runs[2]?.environment?.['sourceModel']).toBe(store.latestArtifact(runIds[0]!, 'model')?.path);
    const acc = store.readSeries([runIds[2]!], { task: 'target', split: 'test', metric: 'accuracy' });
    expect(acc[0]?.epoch).toEqual([1, 2, 3]);
    expect(store.readSeries([runIds[1]!], { task: '_run', metric: 'samples_per_sec' })[0]?.value).toHaveLength(3);
    const statuses = events.filter((e) => e.type === 'run-status' && e.runId === runIds[3]).map((e) => (e as { status: string }).status);
    expect(statuses).toEqual(['running', 'completed']);
    expect(events.some((e) => e.type === 'run-progress' && e.runId === runIds[1])).toBe(true);
  });

  it('hands the worker of a run that ended cleanly to the next run; a failed run\'s worker is not reused', async () => {
    const good = plansOf({ target: { builtin: 'digits' }, model: { type: 'mlp', hidden: [8] }, arms: [{ strategy: 'scratch' }], seeds: [1, 2, 3], training: { epochs: 1 } });
    const bad = plansOf({ target: { csv: join(dir, 'missing-too.csv'), target: 'y' }, model: { type: 'mlp', hidden: [8] }, arms: [{ strategy: 'scratch', name: 'bad' }] });
    // In id order: two good runs, the bad one, the last good one.
    const { runIds } = experiment('reuse', [good[0]!, good[1]!, ...bad, good[2]!]);
    const events: GraftEvent[] = [];
    const s = scheduler(events, { concurrency: 1 });
    s.wake();
    await s.idle();
    await s.stop();
    expect(runIds.map((id) => store.getRun(id)?.status)).toEqual(['completed', 'completed', 'failed', 'completed']);
    const reused = (id: number): boolean => events.some((e) => e.type === 'run-log' && e.runId === id && /reused worker thread/.test(e.line));
    expect(runIds.map(reused)).toEqual([false, true, true, false]);
  });

  it('fails only the run whose data is bad, with the reason, and finishes the others', async () => {
    const good = plansOf({ target: { builtin: 'digits' }, model: { type: 'mlp', hidden: [8] }, arms: [{ strategy: 'scratch' }], training: { epochs: 1 } });
    const bad = plansOf({ target: { csv: join(dir, 'missing.csv'), target: 'y' }, model: { type: 'mlp', hidden: [8] }, arms: [{ strategy: 'scratch', name: 'bad' }] });
    const { runIds } = experiment('isolation', [...bad, ...good]);
    const log: string[] = [];
    const s = scheduler([], { log: (line) => log.push(line) });
    s.wake();
    await s.idle();
    const [badRun, goodRun] = runIds.map((id) => store.getRun(id));
    expect(badRun?.status).toBe('failed');
    expect(badRun?.error).toContain('missing.csv');
    // The worker's error crossed classified: the run, the kind, the message — no stack.
    const failed = log.filter((line) => line.startsWith(`run ${badRun?.id} (bad, seed 0) failed (data): `));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toContain('missing.csv');
    expect(failed[0]).not.toMatch(/\n\s+at /);
    expect(goodRun?.status).toBe('completed');
  });

  it('fails the target runs of a failed source run, naming it', async () => {
    const plans = digitsPlans([{ strategy: 'fine-tune' }]);
    const source = plans[0]!;
    source.config = { ...source.config, data: { csv: join(dir, 'nope.csv'), target: 'y' } };
    const { runIds } = experiment('bad source', plans);
    const s = scheduler([]);
    s.wake();
    await s.idle();
    expect(store.getRun(runIds[1]!)?.status).toBe('failed');
    expect(store.getRun(runIds[1]!)?.error).toMatch(/pretraining run for seed 1 \(run \d+\) failed/);
  });

  it('cancels a running run within a batch', async () => {
    const plans = plansOf({ target: { builtin: 'digits' }, model: { type: 'mlp', hidden: [64] }, arms: [{ strategy: 'scratch' }], training: { epochs: 200, batchSize: 8 } });
    const { runIds } = experiment('cancel', plans);
    const events: GraftEvent[] = [];
    const s = scheduler(events);
    const runId = runIds[0]!;
    s.wake();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (events.some((e) => e.type === 'run-progress' && e.runId === runId)) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    const asked = Date.now();
    expect(s.cancel(runId)).toBe(true);
    await s.idle();
    expect(Date.now() - asked).toBeLessThan(2000);
    expect(store.getRun(runId)?.status).toBe('cancelled');
  });

  it('marks running runs interrupted on stop, and resumes them from the last checkpoint', async () => {
    const plans = plansOf({ target: { builtin: 'digits' }, model: { type: 'mlp', hidden: [16] }, arms: [{ strategy: 'scratch' }], training: { epochs: 6 } });
    const { runIds } = experiment('resume', plans);
    const runId = runIds[0]!;
    const events: GraftEvent[] = [];
    const first = scheduler(events);
    first.wake();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (store.latestArtifact(runId, 'checkpoint')) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    await first.stop();
    const stopped = store.getRun(runId);
    expect(stopped?.status).toBe('interrupted');
    expect(stopped?.epochsDone).toBeLessThan(6);
    store.requeueRun(runId);
    const second = scheduler(events);
    second.wake();
    await second.idle();
    const run = store.getRun(runId);
    expect(run?.status).toBe('completed');
    expect(run?.epochsDone).toBe(6);
    expect(store.readSeries([runId], { task: 'target', split: 'val', metric: 'loss' })[0]?.epoch).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.some((e) => e.type === 'run-log' && e.line.startsWith('resuming from'))).toBe(true);
  });

  it('fails a run whose worker runs out of memory, with the reason', async () => {
    const plans = plansOf({ target: { builtin: 'digits' }, model: { type: 'mlp', hidden: [8] }, arms: [{ strategy: 'scratch' }], training: { epochs: 1 } });
    const { runIds } = experiment('oom', plans);
    const log: string[] = [];
    const s = scheduler([], { resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 }, log: (line) => log.push(line) });
    s.wake();
    await s.idle();
    const run = store.getRun(runIds[0]!);
    expect(run?.status).toBe('failed');
    expect(run?.error).toMatch(/^the training worker ran out of memory/);
    expect(log.filter((line) => line.startsWith(`run ${run?.id} `) && line.includes('failed (out-of-memory): the training worker ran out of memory'))).toHaveLength(1);
  });
});
