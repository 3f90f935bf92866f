// A multitask checkpoint is a folder: every model variable (weights.bin, by position), the
// optimizer's state (optimizer.bin), and state.json with the loop state and the weighting's own
// state (GradNorm's weights and moments). Written beside the old one and swapped in by rename,
// so a crash mid-write leaves the previous checkpoint whole — as the transfer checkpoint does.
import { createHash } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { freshFolder, readStateFile, STATE_FILE, stateJson, swapIn } from '../checkpointFolder.ts';
import { encodeOptimizerState, encodeTensors, restoreOptimizerState } from '../train/optimizers.ts';
import type { Weighting, WeightingState } from './weightings/index.ts';

const WEIGHTS_FILE = 'weights.bin';
const OPTIMIZER_FILE = 'optimizer.bin';

export interface MultitaskLoopState {
  /** Epochs done. */
  epoch: number;
  step: number;
  /** Seconds of training so far, across resumes. */
  elapsed: number;
  bestValLoss: number;
  sinceBest: number;
  /** Mean training loss per epoch and task (DWA reads it). */
  lossHistory: number[][];
}

interface CheckpointFile {
  format: 'graft-multitask-checkpoint';
  version: 1;
  loop: MultitaskLoopState;
  weighting: WeightingState | null;
  variables: { shape: number[] }[];
  optimizer: tf.io.WeightsManifestEntry[];
}

export interface CheckpointParts {
  /** The model's state variables and the weighting's, in a fixed order. */
  variables: tf.Variable[];
  optimizer: tf.Optimizer;
  weighting: Weighting;
}

export async function saveMultitaskCheckpoint(dir: string, parts: CheckpointParts, loop: MultitaskLoopState): Promise<{ size: number; sha256: string }> {
  const fresh = await freshFolder(dir);
  await mkdir(fresh, { recursive: true });
  const weights = await encodeTensors(parts.variables.map((v, i) => ({ name: `v${i}`, tensor: v })));
  const optimizer = await encodeOptimizerState(parts.optimizer);
  const file: CheckpointFile = {
    format: 'graft-multitask-checkpoint',
    version: 1,
    loop,
    weighting: parts.weighting.state?.() ?? null,
    variables: parts.variables.map((v) => ({ shape: v.shape })),
    optimizer: optimizer.specs,
  };
  const json = stateJson(file);
  await writeFile(join(fresh, WEIGHTS_FILE), weights.bytes);
  await writeFile(join(fresh, OPTIMIZER_FILE), optimizer.bytes);
  await writeFile(join(fresh, STATE_FILE), json);
  await swapIn(fresh, dir);
  const sha256 = createHash('sha256').update(json).update(weights.bytes).update(optimizer.bytes).digest('hex');
  return { size: json.length + weights.bytes.length + optimizer.bytes.length, sha256 };
}

/** Writes the checkpoint's values into the freshly built parts; returns where the loop resumes. */
export async function restoreMultitaskCheckpoint(dir: string, parts: CheckpointParts): Promise<MultitaskLoopState> {
  const { where, state: file } = await readStateFile<CheckpointFile>(dir);
  if (file.format !== 'graft-multitask-checkpoint' || file.version !== 1) throw new Error(`${join(where, STATE_FILE)} is not a Graft multitask checkpoint (version 1)`);
  const mismatch = file.variables.length !== parts.variables.length || file.variables.some((v, i) => v.shape.join('x') !== parts.variables[i]?.shape.join('x'));
  if (mismatch) throw new Error(`checkpoint ${where} does not match this run's model (its variables differ); it cannot be resumed`);
  const weights = new Uint8Array(await readFile(join(where, WEIGHTS_FILE)));
  const decoded = tf.io.decodeWeights(weights.buffer, parts.variables.map((v, i) => ({ name: `v${i}`, shape: v.shape, dtype: 'float32' as const })));
  parts.variables.forEach((v, i) => v.assign(decoded[`v${i}`] as tf.Tensor));
  tf.dispose(Object.values(decoded));
  await restoreOptimizerState(parts.optimizer, file.optimizer, new Uint8Array(await readFile(join(where, OPTIMIZER_FILE))));
  if (file.weighting) parts.weighting.restore?.(file.weighting);
  return file.loop;
}
