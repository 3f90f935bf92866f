// A checkpoint is a folder: the model (model.json + weights.bin), every block optimizer's state
// (optimizer.bin) and the loop state (state.json). Written beside the old one and swapped in by
// rename, so a crash mid-write leaves the previous checkpoint whole.
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModel, saveModel, type SavedFiles } from '../modelIO.ts';
import { blocksOf, type Net } from '../models/net.ts';
import type { LoopState } from './loop.ts';
import type { BlockOptimizers, OptimizerState } from './optimizers.ts';

const STATE_FILE = 'state.json';
const OPTIMIZER_FILE = 'optimizer.bin';

interface CheckpointState {
  format: 'graft-checkpoint';
  version: 1;
  loop: LoopState;
  optimizers: OptimizerState[];
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export async function saveCheckpoint(dir: string, net: Net, optimizers: BlockOptimizers, loop: LoopState): Promise<SavedFiles> {
  const fresh = `${dir}.new`;
  const old = `${dir}.old`;
  await rm(fresh, { recursive: true, force: true });
  const saved = await saveModel(net.model, fresh);
  const opt = await optimizers.save();
  await writeFile(join(fresh, OPTIMIZER_FILE), opt.data);
  // JSON has no Infinity: an unset best val loss is stored as null.
  const state: CheckpointState = { format: 'graft-checkpoint', version: 1, loop, optimizers: opt.states };
  await writeFile(join(fresh, STATE_FILE), JSON.stringify(state, (_k, v: unknown) => (v === Number.POSITIVE_INFINITY ? null : v)));
  await rm(old, { recursive: true, force: true });
  if (await exists(dir)) await rename(dir, old);
  await rename(fresh, dir);
  await rm(old, { recursive: true, force: true });
  return { ...saved, dir, size: saved.size + opt.data.length };
}

export interface LoadedCheckpoint {
  net: Net;
  loop: LoopState;
  restoreOptimizers(optimizers: BlockOptimizers): Promise<void>;
}

export async function loadCheckpoint(dir: string): Promise<LoadedCheckpoint> {
  // A crash between the two renames of saveCheckpoint leaves only the .old folder.
  const where = (await exists(join(dir, STATE_FILE))) ? dir : `${dir}.old`;
  let state: CheckpointState;
  try {
    state = JSON.parse(await readFile(join(where, STATE_FILE), 'utf8')) as CheckpointState;
  } catch (err) {
    throw new Error(`cannot read checkpoint ${join(dir, STATE_FILE)}: ${(err as Error).message}`);
  }
  if (state.format !== 'graft-checkpoint' || state.version !== 1) throw new Error(`${join(where, STATE_FILE)} is not a Graft checkpoint (version 1)`);
  const { model, metadata } = await loadModel(where);
  const net: Net = { model, blocks: blocksOf(model, metadata, where) };
  const loop: LoopState = { ...state.loop, bestValLoss: state.loop.bestValLoss ?? Number.POSITIVE_INFINITY };
  const data = new Uint8Array(await readFile(join(where, OPTIMIZER_FILE)));
  return { net, loop, restoreOptimizers: (optimizers) => optimizers.restore(state.optimizers, data) };
}
