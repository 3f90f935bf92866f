// One optimizer per block. A per-block learning rate must be a per-block optimizer: under Adam,
// multiplying a block's gradients by c leaves its step unchanged (m/√v cancels c), so gradient
// scaling is not a learning rate. Each optimizer always sees the same variables in the same
// order, which tfjs needs (it keys Adam's moments by position) and which lets a checkpoint
// restore its state.
import { tf } from '../tf.mjs';
import type { Net } from '../models/net.ts';
import { variablesOf } from '../models/net.ts';
import { FusedAdamOptimizer } from './fusedAdam.ts';

export type OptimizerName = 'adam' | 'sgd';

interface BlockOptimizer {
  block: number;
  optimizer: tf.Optimizer;
  variables: tf.Variable[];
  lr: number;
}

/** Saved state of one block's optimizer: tensors in tfjs's getWeights() order. */
export interface OptimizerState {
  block: string;
  lr: number;
  specs: tf.io.WeightsManifestEntry[];
  /** Byte range in the shared state buffer. */
  offset: number;
  length: number;
}

/** Named tensors in tfjs's weight encoding: one buffer, and the specs that describe it. */
export async function encodeTensors(tensors: { name: string; tensor: tf.Tensor }[]): Promise<{ bytes: Uint8Array; specs: tf.io.WeightsManifestEntry[] }> {
  const encoded = await tf.io.encodeWeights(tensors);
  return { bytes: new Uint8Array(tf.io.CompositeArrayBuffer.join(encoded.data)), specs: encoded.specs };
}

/** An optimizer's state, encoded in getWeights() order. */
export async function encodeOptimizerState(optimizer: tf.Optimizer): Promise<{ bytes: Uint8Array; specs: tf.io.WeightsManifestEntry[] }> {
  const weights = await optimizer.getWeights();
  const encoded = await encodeTensors(weights);
  // getWeights() makes a fresh tensor for the iteration count; the rest are live state.
  for (const w of weights) if (w.name === 'iter') w.tensor.dispose();
  return encoded;
}

/** Writes state saved by encodeOptimizerState into `optimizer`; `bytes` must span its whole buffer. */
export async function restoreOptimizerState(optimizer: tf.Optimizer, specs: tf.io.WeightsManifestEntry[], bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const decoded = tf.io.decodeWeights(bytes.buffer, specs);
  // decodeWeights returns a map; setWeights needs getWeights() order, which the specs keep.
  await optimizer.setWeights(specs.map((s) => ({ name: s.name, tensor: decoded[s.name] as tf.Tensor })));
  // setWeights copies the tensors into new variables.
  tf.dispose(Object.values(decoded));
}

/** Adam is tfjs's, with its update fused into one kernel per variable on wasm (fusedAdam.ts). */
export function makeOptimizer(name: OptimizerName, lr: number): tf.Optimizer {
  return name === 'adam' ? new FusedAdamOptimizer(lr) : tf.train.sgd(lr);
}

function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  if (optimizer instanceof tf.SGDOptimizer) optimizer.setLearningRate(lr);
  else (optimizer as unknown as { learningRate: number }).learningRate = lr;
}

export class BlockOptimizers {
  private readonly byBlock = new Map<number, BlockOptimizer>();

  constructor(
    private readonly net: Net,
    private readonly kind: OptimizerName,
  ) {}

  /** Creates optimizers for newly trained blocks (keeping the state of the others) and sets LRs. */
  configure(firstTrainable: number, lrs: number[]): void {
    for (let i = firstTrainable; i < this.net.blocks.length; i++) {
      const lr = lrs[i] ?? 0;
      const existing = this.byBlock.get(i);
      if (existing) {
        if (existing.lr !== lr) setLearningRate(existing.optimizer, lr);
        existing.lr = lr;
        continue;
      }
      const block = this.net.blocks[i];
      if (!block) continue;
      const variables = variablesOf(block);
      if (variables.length > 0) this.byBlock.set(i, { block: i, optimizer: makeOptimizer(this.kind, lr), variables, lr });
    }
    this.active = [...this.byBlock.values()].filter((o) => o.block >= firstTrainable);
  }

  private active: BlockOptimizer[] = [];

  /** Variables of the blocks that train now, in a stable order. */
  get variables(): tf.Variable[] {
    return this.active.flatMap((o) => o.variables);
  }

  /** Learning rate of each block that trains now, by block name. */
  get learningRates(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const o of this.active) out[this.net.blocks[o.block]?.name ?? String(o.block)] = o.lr;
    return out;
  }

  apply(grads: tf.NamedTensorMap): void {
    for (const o of this.active) {
      const own: { name: string; tensor: tf.Tensor }[] = o.variables.map((v) => {
        const g = grads[v.name];
        if (!g) throw new Error(`no gradient for ${v.name}`);
        return { name: v.name, tensor: g };
      });
      o.optimizer.applyGradients(own);
    }
  }

  async save(): Promise<{ states: OptimizerState[]; data: Uint8Array }> {
    const states: OptimizerState[] = [];
    const parts: Uint8Array[] = [];
    let offset = 0;
    for (const o of this.byBlock.values()) {
      const { bytes, specs } = await encodeOptimizerState(o.optimizer);
      states.push({ block: this.net.blocks[o.block]?.name ?? '', lr: o.lr, specs, offset, length: bytes.length });
      parts.push(bytes);
      offset += bytes.length;
    }
    const data = new Uint8Array(offset);
    let at = 0;
    for (const p of parts) {
      data.set(p, at);
      at += p.length;
    }
    return { states, data };
  }

  async restore(states: OptimizerState[], data: Uint8Array): Promise<void> {
    for (const state of states) {
      const index = this.net.blocks.findIndex((b) => b.name === state.block);
      const block = this.net.blocks[index];
      if (!block) throw new Error(`checkpoint has optimizer state for block "${state.block}", which the model does not have`);
      const optimizer = makeOptimizer(this.kind, state.lr);
      await restoreOptimizerState(optimizer, state.specs, data.slice(state.offset, state.offset + state.length));
      this.byBlock.set(index, { block: index, optimizer, variables: variablesOf(block), lr: state.lr });
    }
  }

  dispose(): void {
    for (const o of this.byBlock.values()) o.optimizer.dispose();
    this.byBlock.clear();
    this.active = [];
  }
}
