// A checkpoint is a folder: the model (model.json + weights.bin), every block optimizer's state
// (optimizer.bin) and the loop state (state.json). Written beside the old one and swapped in by
// rename, so a crash mid-write leaves the previous checkpoint whole.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freshFolder, readStateFile, STATE_FILE, stateJson, swapIn } from '../run/checkpointFolder.ts';
import { loadModel, saveModel, type SavedFiles } from '../modelIO.ts';
import { blocksOf, type Net } from '../models/net.ts';
import type { LoopState } from '../run/epochLoop.ts';
import type { BlockOptimizers, OptimizerState } from './optimizers.ts';

const OPTIMIZER_FILE = 'optimizer.bin';

interface CheckpointState {
  format: 'graft-checkpoint';
  version: 1;
  loop: LoopState;
  optimizers: OptimizerState[];
}

export async function saveCheckpoint(dir: string, net: Net, optimizers: BlockOptimizers, loop: LoopState): Promise<SavedFiles> {
  const fresh = await freshFolder(dir);
  const saved = await saveModel(net.model, fresh);
  const opt = await optimizers.save();
  await writeFile(join(fresh, OPTIMIZER_FILE), opt.data);
  const state: CheckpointState = { format: 'graft-checkpoint', version: 1, loop, optimizers: opt.states };
  await writeFile(join(fresh, STATE_FILE), stateJson(state));
  await swapIn(fresh, dir);
  return { ...saved, dir, size: saved.size + opt.data.length };
}

export interface LoadedCheckpoint {
  net: Net;
  loop: LoopState;
  restoreOptimizers(optimizers: BlockOptimizers): Promise<void>;
}

export async function loadCheckpoint(dir: string): Promise<LoadedCheckpoint> {
  const { where, state } = await readStateFile<CheckpointState>(dir);
  if (state.format !== 'graft-checkpoint' || state.version !== 1) throw new Error(`${join(where, STATE_FILE)} is not a Graft checkpoint (version 1)`);
  const { model, metadata } = await loadModel(where);
  const net: Net = { model, blocks: blocksOf(model, metadata, where) };
  const data = new Uint8Array(await readFile(join(where, OPTIMIZER_FILE)));
  return { net, loop: state.loop, restoreOptimizers: (optimizers) => optimizers.restore(state.optimizers, data) };
}
