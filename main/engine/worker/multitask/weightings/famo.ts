// FAMO, Fast Adaptive Multitask Optimization (Liu et al. 2023, NeurIPS): balances the rate at
// which each task's loss falls with O(1) cost — no per-task gradients. Task weights are
// z = softmax(ξ); the objective is Σ_t z_t·log L_t / c with c = Σ_t z_t / L_t, so the update
// is Σ_t (z_t / (c·L_t))·∇L_t. After each step the logits ξ move by Adam (weight decay γ) along
// ∂z/∂ξ·δ, where δ_t = log L_t(before) − log L_t(after): a task whose log loss fell more than the
// others gets less weight next. The paper recomputes the losses on the same batch after the
// step; here "after" is the next step's batch, which saves the extra forward pass (the
// difference is the batch-to-batch noise of the loss, which the logits' Adam averages out).
import { tf } from '../../tf.mjs';
import { DEFAULT_FAMO_GAMMA, DEFAULT_FAMO_WEIGHT_LR } from '../../../../../contract/specMultitask.ts';
import { softmax } from './rlw.ts';
import type { LossWeighting, WeightingContext } from './types.ts';

/** FAMO's ε: keeps log L finite at a zero loss. */
const EPSILON = 1e-8;
const BETA1 = 0.9;
const BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

/** (∂ softmax(ξ)/∂ξ)ᵀ·δ = z ⊙ (δ − zᵀδ), the logits' gradient. */
export function famoLogitGradient(z: number[], delta: number[]): number[] {
  const mean = z.reduce((sum, zt, t) => sum + zt * (delta[t] ?? 0), 0);
  return z.map((zt, t) => zt * ((delta[t] ?? 0) - mean));
}

// A task with loss exactly 0 on a batch (a head-to-head task with no labelled example in it)
// takes no part in that step: with it, c would be ~z/ε and every other task's weight ~0; and
// its log-loss change, from or to such a batch, says nothing about its rate, so it counts as 0.

/** The weight each task's gradient gets in this step's update: z_t / (c·L_t) over the tasks with a loss, summing to 1. */
export function famoWeights(z: number[], losses: number[]): number[] {
  const share = z.map((zt, t) => ((losses[t] ?? 0) > 0 ? zt / ((losses[t] as number) + EPSILON) : 0));
  const c = share.reduce((a, b) => a + b, 0);
  return share.map((x) => (c > 0 ? x / c : 0));
}

export interface FamoLogits {
  logits: number[];
  m: number[];
  v: number[];
  step: number;
}

/** One Adam step of the logits (PyTorch's Adam: decay γ·ξ added to the gradient). */
export function famoLogitStep(state: FamoLogits, before: number[], after: number[], gamma: number, lr: number): FamoLogits {
  const delta = before.map((b, t) => (b > 0 && (after[t] ?? 0) > 0 ? Math.log(b + EPSILON) - Math.log((after[t] as number) + EPSILON) : 0));
  const gradient = famoLogitGradient(softmax(state.logits), delta).map((g, t) => g + gamma * (state.logits[t] ?? 0));
  const step = state.step + 1;
  const m = gradient.map((g, t) => BETA1 * (state.m[t] ?? 0) + (1 - BETA1) * g);
  const v = gradient.map((g, t) => BETA2 * (state.v[t] ?? 0) + (1 - BETA2) * g * g);
  const logits = state.logits.map((x, t) => {
    const mHat = (m[t] ?? 0) / (1 - BETA1 ** step);
    const vHat = (v[t] ?? 0) / (1 - BETA2 ** step);
    return x - (lr * mHat) / (Math.sqrt(vHat) + ADAM_EPSILON);
  });
  return { logits, m, v, step };
}

/** Σ_t z_t·log(L_t + ε) / c, with z and c held constant (they are not the model's to learn); z_t = 0 leaves task t out. */
export function famoObjective(losses: tf.Scalar[], z: number[], c: number): tf.Scalar {
  return tf.tidy(() => tf.div(tf.sum(tf.mul(tf.log(tf.add(tf.stack(losses), EPSILON)), tf.tensor1d(z))), c) as tf.Scalar);
}

export function famo(ctx: WeightingContext): LossWeighting {
  const count = ctx.tasks.length;
  const gamma = ctx.options.gamma ?? DEFAULT_FAMO_GAMMA;
  const lr = ctx.options.weightLr ?? DEFAULT_FAMO_WEIGHT_LR;
  const zeros = () => Array.from({ length: count }, () => 0);
  let logits: FamoLogits = { logits: zeros(), m: zeros(), v: zeros(), step: 0 };
  let previous: number[] | null = null;
  let current = Array.from({ length: count }, () => 1 / count);
  return {
    name: 'famo',
    kind: 'loss',
    variables: [],
    state: () => ({ ...logits, previous: previous ? [...previous] : null }),
    restore(state) {
      logits = { logits: [...(state['logits'] as number[])], m: [...(state['m'] as number[])], v: [...(state['v'] as number[])], step: state['step'] as number };
      previous = (state['previous'] as number[] | null) ?? null;
    },
    combine(losses) {
      const values = losses.map((l) => l.dataSync()[0] as number);
      if (previous) logits = famoLogitStep(logits, previous, values, gamma, lr);
      previous = values;
      const z = softmax(logits.logits).map((zt, t) => ((values[t] ?? 0) > 0 ? zt : 0));
      current = famoWeights(z, values);
      const c = z.reduce((sum, zt, t) => sum + zt / ((values[t] ?? 0) + EPSILON), 0);
      // No task has a loss on this batch: nothing to learn from it.
      return c > 0 ? famoObjective(losses, z, c) : (tf.mul(tf.addN(losses), 0) as tf.Scalar);
    },
    weights: () => [...current],
  };
}
