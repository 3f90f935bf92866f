// A Net is a flat functional LayersModel plus Graft's own bookkeeping of named blocks
// (conv1, conv2, dense1, head). Strategies freeze, unfreeze and assign learning rates by block.
//
// Why flat and why our own blocks: tfjs does not freeze a Sequential nested in a Sequential
// when its `trainable` is set to false, and changing `trainable` only takes effect after a
// recompile. The training loop never compiles and never reads `trainable`: it passes explicit
// variable lists, built from these blocks, to the optimizers.
import { tf } from '../tf.mjs';

export type Layer = tf.layers.Layer;

export interface Block {
  name: string;
  layers: Layer[];
}

export interface Net {
  model: tf.LayersModel;
  blocks: Block[];
}

export const HEAD = 'head';

interface BlockMetadata {
  name: string;
  layers: string[];
}

function isWeighted(layer: Layer): boolean {
  const cls = layer.getClassName();
  return layer.weights.length > 0 && cls !== 'BatchNormalization';
}

/** Chains the layers of each block onto `input`, in order. */
export function applyChain(input: tf.SymbolicTensor, blocks: Block[]): tf.SymbolicTensor {
  let x = input;
  for (const block of blocks) for (const layer of block.layers) x = layer.apply(x) as tf.SymbolicTensor;
  return x;
}

export function finishNet(inputs: tf.SymbolicTensor, output: tf.SymbolicTensor, blocks: Block[]): Net {
  const model = tf.model({ inputs, outputs: output });
  const meta: BlockMetadata[] = blocks.map((b) => ({ name: b.name, layers: b.layers.map((l) => l.name) }));
  model.setUserDefinedMetadata({ graft: { blocks: meta } });
  return { model, blocks };
}

/** The new classification head: flatten when the base ends in feature maps, then logits. */
export function makeHead(baseOutputRank: number, numClasses: number): Block {
  const layers: Layer[] = [];
  if (baseOutputRank > 2) layers.push(tf.layers.flatten({ name: `${HEAD}_flatten` }));
  layers.push(tf.layers.dense({ units: numClasses, name: `${HEAD}_dense`, kernelInitializer: 'zeros' }));
  return { name: HEAD, layers };
}

/**
 * Blocks of a loaded model: from Graft's metadata when the model was saved by Graft, else one
 * block per weighted layer (Conv/Dense) with the unweighted layers after it; the last is the head.
 * Only a plain chain of layers can be cut into blocks.
 */
export function blocksOf(model: tf.LayersModel, metadata: Record<string, unknown>, where: string): Block[] {
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  let prev: unknown = model.inputs[0];
  for (const layer of layers) {
    if (layer.inboundNodes.length !== 1 || layer.input !== prev) {
      throw new Error(`${where}: layer "${layer.name}" is not part of a plain chain; Graft can transfer only from sequential models`);
    }
    prev = layer.output;
  }
  const graft = metadata['graft'] as { blocks?: BlockMetadata[] } | undefined;
  if (graft?.blocks) {
    const byName = new Map(layers.map((l) => [l.name, l]));
    return graft.blocks.map((b) => ({
      name: b.name,
      layers: b.layers.map((n) => {
        const layer = byName.get(n);
        if (!layer) throw new Error(`${where}: block "${b.name}" names layer "${n}", which the model does not have`);
        return layer;
      }),
    }));
  }
  const blocks: Block[] = [];
  for (const layer of layers) {
    const last = blocks[blocks.length - 1];
    if (!last || (isWeighted(layer) && last.layers.some(isWeighted))) blocks.push({ name: `block${blocks.length + 1}`, layers: [layer] });
    else last.layers.push(layer);
  }
  if (blocks.length < 2) throw new Error(`${where}: a source model needs at least two weighted layers (a base and a head)`);
  const head = blocks[blocks.length - 1];
  if (head) head.name = HEAD;
  return blocks;
}

/** Keeps every block of `source` but its head, and puts a new head for `numClasses` on top. */
export function withNewHead(source: Net, numClasses: number): Net {
  const base = source.blocks.slice(0, -1);
  const lastBase = base[base.length - 1]?.layers.at(-1);
  if (!lastBase) throw new Error('the source model has no base below its head');
  const baseOut = lastBase.output as tf.SymbolicTensor;
  const head = makeHead(baseOut.shape.length, numClasses);
  const output = applyChain(baseOut, [head]);
  const input = source.model.inputs[0];
  if (!input) throw new Error('the source model has no input');
  return finishNet(input, output, [...base, head]);
}

export function variablesOf(block: Block): tf.Variable[] {
  const out: tf.Variable[] = [];
  for (const layer of block.layers) {
    for (const w of layer.trainableWeights) {
      const v = w.read();
      if (!(v instanceof tf.Variable)) throw new Error(`weight ${w.name} is not a variable`);
      out.push(v);
    }
  }
  return out;
}

export function paramCount(blocks: Block[]): number {
  let n = 0;
  for (const b of blocks) for (const l of b.layers) n += l.countParams();
  return n;
}

export function inputShapeOf(net: Net): number[] {
  const shape = net.model.inputs[0]?.shape ?? [];
  return shape.slice(1).map((d) => d ?? 0);
}
