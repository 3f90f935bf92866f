// The trained multitask model as an artifact: every variable by name in weights.bin (tfjs's
// weight encoding) and a model.json naming the architecture and tasks. Written to a fresh
// folder and swapped into place, so a crash never leaves half a model.
import { mkdir } from 'node:fs/promises';
import type * as tf from '@tensorflow/tfjs';
import { freshFolder, swapIn } from '../run/checkpointFolder.ts';
import { WEIGHTS_FILE, writeModelFiles, type SavedFiles } from '../modelIO.ts';
import { encodeTensors } from '../transfer/optimizers.ts';
import type { TaskInfo } from './data.ts';

export async function saveMultitaskModel(dir: string, variables: tf.Variable[], meta: { architecture: string; tasks: TaskInfo[] }): Promise<SavedFiles> {
  const fresh = await freshFolder(dir);
  await mkdir(fresh, { recursive: true });
  const { bytes: weights, specs } = await encodeTensors(variables.map((v) => ({ name: v.name, tensor: v })));
  const json = Buffer.from(
    JSON.stringify({
      format: 'graft-multitask',
      version: 1,
      architecture: meta.architecture,
      tasks: meta.tasks,
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
    }),
  );
  const files = await writeModelFiles(fresh, json, weights);
  await swapIn(fresh, dir);
  return { dir, ...files };
}
