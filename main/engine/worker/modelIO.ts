// Graft's own file handlers for tfjs LayersModels: a directory holding model.json + weights.bin.
// The `file://` handler exists only in tfjs-node, which is an optional install, so the engine
// reads and writes the same format itself, on every backend.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { tf } from './tf.mjs';
import { resolveInside } from '../../data/containment.ts';
import { weightShapeProblem } from './weightShapes.ts';
import { parseJsonText } from '../../../contract/jsonText.ts';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

export interface SavedFiles {
  dir: string;
  /** Bytes of model.json + weights.bin. */
  size: number;
  /** sha256 over model.json then weights.bin. */
  sha256: string;
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

function bytesOf(spec: tf.io.WeightsManifestEntry): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const per = DTYPE_BYTES[dtype];
  if (per === undefined) throw new Error(`weight "${spec.name}" has an unknown dtype "${dtype}"`);
  return count * per;
}

/** Writes model.json and weights.bin into `dir` (which must exist); their size and hash. */
export async function writeModelFiles(dir: string, json: Uint8Array, weights: Uint8Array): Promise<Omit<SavedFiles, 'dir'>> {
  await writeFile(join(dir, MODEL_FILE), json);
  await writeFile(join(dir, WEIGHTS_FILE), weights);
  return { size: json.length + weights.length, sha256: createHash('sha256').update(json).update(weights).digest('hex') };
}

export async function saveModel(model: tf.LayersModel, dir: string): Promise<SavedFiles> {
  await mkdir(dir, { recursive: true });
  let artifacts: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const saved = artifacts as tf.io.ModelArtifacts | null;
  if (!saved?.weightData || !saved.weightSpecs) throw new Error('tfjs returned no weights while saving the model');
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(saved.weightData));
  const modelJson: tf.io.ModelJSON = {
    modelTopology: saved.modelTopology as object,
    format: 'layers-model',
    generatedBy: `graft with TensorFlow.js ${tf.version.tfjs}`,
    convertedBy: null,
    weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: saved.weightSpecs }],
    ...(saved.userDefinedMetadata ? { userDefinedMetadata: saved.userDefinedMetadata } : {}),
  };
  return { dir, ...(await writeModelFiles(dir, Buffer.from(JSON.stringify(modelJson)), weights)) };
}

export interface LoadedModel {
  model: tf.LayersModel;
  metadata: Record<string, unknown>;
}

/** Accepts a directory or the path of its model.json. */
export async function loadModel(path: string): Promise<LoadedModel> {
  const jsonPath = path.endsWith('.json') ? path : join(path, MODEL_FILE);
  let text: string;
  try {
    text = await readFile(jsonPath, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${jsonPath}: ${(err as Error).message}`);
  }
  const parsed = parseJsonText(text, jsonPath);
  const modelJson = parsed as Partial<tf.io.ModelJSON>;
  if (typeof modelJson !== 'object' || modelJson === null || !modelJson.modelTopology) {
    throw new Error(`${jsonPath}: expected a tfjs LayersModel model.json with "modelTopology"`);
  }
  if (!Array.isArray(modelJson.weightsManifest)) {
    throw new Error(`${jsonPath}: expected "weightsManifest", a list of weight groups`);
  }
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: Uint8Array[] = [];
  for (const group of modelJson.weightsManifest) {
    const groupBuffers: Uint8Array[] = [];
    for (const file of group.paths) {
      const filePath = await resolveInside(dirname(jsonPath), file, 'weight file');
      try {
        groupBuffers.push(new Uint8Array(await readFile(filePath)));
      } catch {
        const expected = group.weights.reduce((n, w) => n + bytesOf(w), 0);
        throw new Error(`${filePath}: weight file is missing; ${jsonPath} expects it (weights ${group.weights.map((w) => w.name).join(', ')}, ${expected} bytes in this group)`);
      }
    }
    const expected = group.weights.reduce((n, w) => n + bytesOf(w), 0);
    const actual = groupBuffers.reduce((n, b) => n + b.length, 0);
    if (actual !== expected) {
      const misfit = await weightShapeProblem(modelJson.modelTopology, group.weights);
      if (misfit) throw new Error(`${jsonPath}: ${misfit} (the weight file holds ${actual} bytes, the manifest describes ${expected})`);
      throw new Error(`${group.paths.map((p) => resolve(dirname(jsonPath), p)).join(', ')}: holds ${actual} bytes but ${jsonPath} describes ${expected} bytes of weights (${group.weights.length} tensors)`);
    }
    specs.push(...group.weights);
    buffers.push(...groupBuffers);
  }
  const total = buffers.reduce((n, b) => n + b.length, 0);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    weightData.set(b, offset);
    offset += b.length;
  }
  const metadata = (modelJson.userDefinedMetadata ?? {}) as Record<string, unknown>;
  try {
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: specs, weightData: weightData.buffer, userDefinedMetadata: metadata }),
    );
    if (Object.keys(metadata).length > 0) model.setUserDefinedMetadata(metadata);
    return { model, metadata };
  } catch (err) {
    const misfit = await weightShapeProblem(modelJson.modelTopology, specs);
    throw new Error(`${jsonPath}: the weights do not fit the model: ${misfit ?? (err as Error).message}`);
  }
}
