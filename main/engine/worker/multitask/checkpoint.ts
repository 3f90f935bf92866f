// A multitask checkpoint is a folder: every model variable (weights.bin, by position), the
// optimizer's state (optimizer.bin), and state.json with the loop state and the weighting's own
// state (GradNorm's weights and moments). Written beside the old one and swapped in by rename,
// so a crash mid-write leaves the previous checkpoint whole — as the transfer checkpoint does.
//
// Version 2 keeps the loop state with the fields every kind's checkpoint has (LoopState:
// epochsSinceBest, not version 1's sinceBest) and the loss history beside it; a version 1
// checkpoint is read by renaming that one field, so runs interrupted before the change resume.
import { createHash } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tf } from '../tf.mjs';
import { freshFolder, readStateFile, STATE_FILE, stateJson, swapIn } from '../run/checkpointFolder.ts';
import type { LoopState } from '../run/epochLoop.ts';
import { encodeOptimizerState, encodeTensors, restoreOptimizerState } from '../transfer/optimizers.ts';
import type { Weighting, WeightingState } from './weightings/index.ts';

const WEIGHTS_FILE = 'weights.bin';
const OPTIMIZER_FILE = 'optimizer.bin';

export const MULTITASK_CHECKPOINT_VERSION = 2;

/** The loop's place, and the mean training loss per epoch and task (DWA reads it). */
export interface MultitaskResumePoint {
  loop: LoopState;
  lossHistory: number[][];
}

interface CheckpointFile {
  format: 'graft-multitask-checkpoint';
  version: typeof MULTITASK_CHECKPOINT_VERSION;
  loop: LoopState;
  lossHistory: number[][];
  weighting: WeightingState | null;
  variables: { shape: number[] }[];
  optimizer: tf.io.WeightsManifestEntry[];
}

/** Version 1 kept the loss history inside the loop state and named epochsSinceBest `sinceBest`. */
interface CheckpointFileV1 extends Omit<CheckpointFile, 'version' | 'loop' | 'lossHistory'> {
  version: 1;
  loop: Omit<LoopState, 'epochsSinceBest'> & { sinceBest: number; lossHistory: number[][] };
}

/** A checkpoint file of any version this build reads, as the current version. */
function currentVersion(where: string, file: CheckpointFile | CheckpointFileV1): CheckpointFile {
  const name = join(where, STATE_FILE);
  if (file.format !== 'graft-multitask-checkpoint') throw new Error(`${name} is not a Graft multitask checkpoint`);
  if (file.version === MULTITASK_CHECKPOINT_VERSION) return file;
  if (file.version === 1) {
    const { sinceBest, lossHistory, ...loop } = file.loop;
    return { ...file, version: MULTITASK_CHECKPOINT_VERSION, loop: { ...loop, epochsSinceBest: sinceBest }, lossHistory };
  }
  const version: unknown = (file as { version: unknown }).version;
  throw new Error(`${name} is a multitask checkpoint of version ${String(version)}; this Graft reads versions 1 and ${MULTITASK_CHECKPOINT_VERSION}`);
}

export interface CheckpointParts {
  /** The model's state variables and the weighting's, in a fixed order. */
  variables: tf.Variable[];
  optimizer: tf.Optimizer;
  weighting: Weighting;
}

export async function saveMultitaskCheckpoint(dir: string, parts: CheckpointParts, at: MultitaskResumePoint): Promise<{ size: number; sha256: string }> {
  const fresh = await freshFolder(dir);
  await mkdir(fresh, { recursive: true });
  const weights = await encodeTensors(parts.variables.map((v, i) => ({ name: `v${i}`, tensor: v })));
  const optimizer = await encodeOptimizerState(parts.optimizer);
  const file: CheckpointFile = {
    format: 'graft-multitask-checkpoint',
    version: MULTITASK_CHECKPOINT_VERSION,
    loop: at.loop,
    lossHistory: at.lossHistory,
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
export async function restoreMultitaskCheckpoint(dir: string, parts: CheckpointParts): Promise<MultitaskResumePoint> {
  const read = await readStateFile<CheckpointFile | CheckpointFileV1>(dir);
  const { where } = read;
  const file = currentVersion(where, read.state);
  const mismatch = file.variables.length !== parts.variables.length || file.variables.some((v, i) => v.shape.join('x') !== parts.variables[i]?.shape.join('x'));
  if (mismatch) throw new Error(`checkpoint ${where} does not match this run's model (its variables differ); it cannot be resumed`);
  const weights = new Uint8Array(await readFile(join(where, WEIGHTS_FILE)));
  const decoded = tf.io.decodeWeights(weights.buffer, parts.variables.map((v, i) => ({ name: `v${i}`, shape: v.shape, dtype: 'float32' as const })));
  parts.variables.forEach((v, i) => v.assign(decoded[`v${i}`] as tf.Tensor));
  tf.dispose(Object.values(decoded));
  await restoreOptimizerState(parts.optimizer, file.optimizer, new Uint8Array(await readFile(join(where, OPTIMIZER_FILE))));
  if (file.weighting) parts.weighting.restore?.(file.weighting);
  return { loop: file.loop, lossHistory: file.lossHistory };
}
