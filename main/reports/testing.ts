// A transfer experiment seeded through the repository for the report specs and tests: several
// arms × 3 seeds × 2 label budgets × 5 epochs with train/val/test accuracy and loss, plus a failed
// and a queued run. Arm names, the experiment name, tags, notes and errors carry the strings
// each format must escape.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MetricPoint } from '../../db/series.ts';
import { openStore } from '../../db/open.ts';

export const XSS = '<img src=x onerror=alert(1)>';
export const TEX_BREAKER = '50% & $x_1$ #1';

export const ARMS = [
  { name: 'scratch', strategy: 'scratch', lr: 0.001, level: 0.6 },
  { name: 'fine-tune', strategy: 'fine-tune', lr: 0.0001, level: 0.72 },
  { name: XSS, strategy: 'fine-tune', lr: 0.0001, level: 0.5 },
  { name: TEX_BREAKER, strategy: 'lp-ft', lr: 0.0003, level: 0.68 },
] as const;
export const SEEDS = [1, 2, 3];
export const BUDGETS = ['50/class', 'all'];
export const EPOCHS = 5;
export const STEPS_PER_EPOCH = 8;

export interface SeededReport {
  dbPath: string;
  experimentId: number;
  experimentName: string;
  failedRunId: number;
  queuedRunId: number;
}

export function reportTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'graft-report-'));
}

/** Deterministic values: each arm has a level, seeds and budgets move it a little, epochs climb. */
function pointsOf(level: number, seed: number, budget: string): MetricPoint[] {
  const points: MetricPoint[] = [];
  // The seed moves every arm alike, plus a little per arm (0.002 · ((seed · level·100) mod 7)):
  // identical paired differences would have no spread, and no best or negative claim is made from them.
  const shift = (seed - 2) * 0.013 + 0.002 * ((seed * Math.round(level * 100)) % 7) + (budget === 'all' ? 0.1 : 0);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const acc = level + shift - 0.2 * Math.exp(-epoch);
    // Validation peaks at epoch 3, so "test at the best validation epoch" is not simply the last.
    const val = acc + (epoch === 3 ? 0.03 : 0);
    const step0 = epoch * STEPS_PER_EPOCH;
    // Train loss per step, at full resolution: the CSV must keep every one of these.
    for (let s = 1; s <= STEPS_PER_EPOCH; s++) {
      points.push({ task: 'target', split: 'train', metric: 'loss', epoch, step: step0 + s, time: (step0 + s) * 0.05, value: 1.5 - acc + 0.01 * Math.sin(seed * s) });
    }
    const step = step0 + STEPS_PER_EPOCH;
    const time = step * 0.05;
    const at = (split: string, metric: string, value: number): MetricPoint => ({ task: 'target', split, metric, epoch, step, time, value });
    points.push(
      at('train', 'accuracy', acc + 0.05),
      at('val', 'accuracy', val),
      at('val', 'loss', 1.6 - val),
      at('test', 'accuracy', acc - 0.01 * epoch),
      at('test', 'loss', 1.7 - acc),
      { task: '_run', split: 'train', metric: 'samples_per_sec', epoch, step, time, value: 400 + seed },
    );
  }
  return points;
}

export function seedReportStore(dbPath: string = join(reportTempDir(), 'graft.db')): SeededReport {
  const store = openStore(dbPath);
  try {
    const experimentName = `Report ${XSS} ${TEX_BREAKER}`;
    const runs = ARMS.flatMap((arm) =>
      BUDGETS.flatMap((budget) =>
        SEEDS.map((seed) => ({ arm: arm.name, seed, budget, config: { strategy: arm.strategy, seed, budget, training: { lr: arm.lr, epochs: EPOCHS } }, epochsPlanned: EPOCHS })),
      ),
    );
    runs.push({ arm: 'fine-tune', seed: 9, budget: '50/class', config: { strategy: 'fine-tune', seed: 9, budget: '50/class', training: { lr: 0.0001, epochs: EPOCHS } }, epochsPlanned: EPOCHS });
    runs.push({ arm: 'scratch', seed: 9, budget: '50/class', config: { strategy: 'scratch', seed: 9, budget: '50/class', training: { lr: 0.001, epochs: EPOCHS } }, epochsPlanned: EPOCHS });
    const spec = { version: 1, name: experimentName, kind: 'transfer', question: `Does pretraining help? ${XSS} ${TEX_BREAKER}`, seeds: SEEDS, budgets: BUDGETS };
    const { experimentId, runIds } = store.createExperiment({ name: experimentName, kind: 'transfer', specVersion: 1, spec, runs });
    const environment = { backend: 'wasm', backendReason: 'SIMD wasm loaded', versions: { 'tfjs-core': '4.22.0' }, cpu: 'Test CPU @ 3 GHz', cores: 2, gpu: null, platform: 'linux x64' };
    const failedRunId = runIds[runIds.length - 2] as number;
    const queuedRunId = runIds[runIds.length - 1] as number;
    runIds.slice(0, -2).forEach((runId, i) => {
      const run = runs[i];
      const arm = ARMS.find((a) => a.name === run?.arm);
      if (!run || !arm) return;
      store.markRunning(runId, { pid: process.pid, environment });
      store.appendPoints(runId, pointsOf(arm.level, run.seed, run.budget));
      store.setEpochsDone(runId, EPOCHS);
      store.setRunStatus(runId, 'completed');
    });
    store.setTags(runIds[0] as number, [XSS, TEX_BREAKER]);
    store.setNote(runIds[1] as number, `note | with pipes\n${XSS}\n${TEX_BREAKER}`);
    store.markRunning(failedRunId, { pid: process.pid, environment: { ...environment, backend: 'cpu' } });
    store.appendPoints(failedRunId, pointsOf(0.7, 9, '50/class').slice(0, 20));
    store.setEpochsDone(failedRunId, 1);
    store.setRunStatus(failedRunId, 'failed', { error: `diverged: ${XSS} ${TEX_BREAKER}` });
    return { dbPath, experimentId, experimentName, failedRunId, queuedRunId };
  } finally {
    store.close();
  }
}
