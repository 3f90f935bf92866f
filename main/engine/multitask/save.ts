// The trained multitask model as an artifact: every variable by name in weights.bin (tfjs's
// weight encoding) and a model.json naming the architecture and tasks. Written to a fresh
// folder and renamed into place, so a crash never leaves half a model.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { MODEL_FILE, WEIGHTS_FILE, describeSaved, type SavedFiles } from '../modelIO.ts';
import type { TaskInfo } from './data.ts';

export async function saveMultitaskModel(dir: string, variables: tf.Variable[], meta: { architecture: string; tasks: TaskInfo[] }): Promise<SavedFiles> {
  const fresh = `${dir}.new`;
  await rm(fresh, { recursive: true, force: true });
  await mkdir(fresh, { recursive: true });
  const encoded = await tf.io.encodeWeights(variables.map((v) => ({ name: v.name, tensor: v })));
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(encoded.data));
  const json = JSON.stringify({
    format: 'graft-multitask',
    version: 1,
    architecture: meta.architecture,
    tasks: meta.tasks,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: encoded.specs }],
  });
  await writeFile(join(fresh, MODEL_FILE), json);
  await writeFile(join(fresh, WEIGHTS_FILE), weights);
  await rm(dir, { recursive: true, force: true });
  await rename(fresh, dir);
  return describeSaved(dir);
}
