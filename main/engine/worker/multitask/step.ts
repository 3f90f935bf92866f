// One optimizer step of a multitask model, for both kinds of weighting (see weightings/types.ts).
// Every pass of a step replays the same dropout masks (modeFor() restarts one seeded stream),
// so the per-task gradients of a gradient weighting are gradients of the same network.
import { tf } from '../tf.mjs';
import type { ForwardMode } from '../models/forward.ts';
import type { MultitaskModel } from './architectures/index.ts';
import type { TaskInfo } from './data.ts';
import { taskLoss, taskPrediction } from './taskLoss.ts';
import type { GradientWeighting, LossWeighting, Weighting } from './weightings/index.ts';

export interface StepContext {
  model: MultitaskModel;
  weighting: Weighting;
  tasks: TaskInfo[];
  optimizer: tf.Optimizer;
  /** Every trained variable, in the fixed order the optimizer's state is kept in. */
  variables: tf.Variable[];
}

export interface StepOutcome {
  losses: number[];
  /** Per task, per example of the batch: class index or standardized regression output. */
  predictions: Float32Array[];
  weights: number[];
}

export interface Batch {
  x: tf.Tensor;
  targets: tf.Tensor1D[];
}

/** Flattens the gradients of `variables` into one vector; a variable the loss does not reach gets zeros. */
export function flatGradient(grads: tf.NamedTensorMap, variables: tf.Variable[]): Float32Array {
  const size = variables.reduce((n, v) => n + v.size, 0);
  const out = new Float32Array(size);
  let at = 0;
  for (const v of variables) {
    const g = grads[v.name];
    if (g) out.set(g.dataSync() as Float32Array, at);
    at += v.size;
  }
  return out;
}

function apply(ctx: StepContext, grads: Map<string, tf.Tensor>): void {
  // The optimizer keys its state by position: always hand it every variable, in order.
  const list = ctx.variables.map((v) => ({ name: v.name, tensor: grads.get(v.name) ?? tf.zerosLike(v) }));
  ctx.optimizer.applyGradients(list);
}

function readScalars(tensors: tf.Scalar[]): number[] {
  return tensors.map((t) => t.dataSync()[0] as number);
}

function lossStep(ctx: StepContext, weighting: LossWeighting, batch: Batch, modeFor: () => ForwardMode): StepOutcome {
  const kept: { losses: tf.Scalar[]; predictions: tf.Tensor1D[] } = { losses: [], predictions: [] };
  tf.tidy(() => {
    const { grads } = tf.variableGrads(() => {
      const mode = modeFor();
      const z = ctx.model.encode(batch.x, mode);
      const losses = ctx.tasks.map((task, t) => {
        const output = ctx.model.decode(z, t, mode);
        kept.predictions.push(tf.keep(taskPrediction(output, task)));
        const loss = taskLoss(output, batch.targets[t] as tf.Tensor1D, task);
        kept.losses.push(tf.keep(tf.clone(loss)));
        return loss;
      });
      const objective = weighting.combine(losses);
      return ctx.model.penalty ? tf.add(objective, ctx.model.penalty()) : objective;
    }, ctx.variables);
    apply(ctx, new Map(Object.entries(grads)));
  });
  const outcome = { losses: readScalars(kept.losses), predictions: kept.predictions.map((p) => Float32Array.from(p.dataSync())), weights: weighting.weights() };
  tf.dispose([...kept.losses, ...kept.predictions]);
  return outcome;
}

function gradientStep(ctx: StepContext, weighting: GradientWeighting, batch: Batch, modeFor: () => ForwardMode): StepOutcome {
  const { model, tasks } = ctx;
  const encoder = model.encoderVariables;
  const losses: number[] = [];
  const predictions: Float32Array[] = [];
  let weights: number[] = [];
  tf.tidy(() => {
    const taskGrads: tf.NamedTensorMap[] = [];
    const flat = tasks.map((task, t) => {
      const own = [...encoder, ...(model.taskVariables[t] ?? [])];
      const { value, grads } = tf.variableGrads(() => {
        const mode = modeFor();
        const output = model.decode(model.encode(batch.x, mode), t, mode);
        predictions.push(Float32Array.from(taskPrediction(output, task).dataSync()));
        return taskLoss(output, batch.targets[t] as tf.Tensor1D, task);
      }, own);
      losses.push(value.dataSync()[0] as number);
      taskGrads.push(grads);
      return flatGradient(grads, encoder);
    });
    let repGrads: Float32Array[] | null = null;
    if (weighting.usesRepresentation) {
      const z = model.encode(batch.x, modeFor());
      repGrads = tasks.map((task, t) => {
        const g = tf.grad((zz: tf.Tensor) => taskLoss(model.decode(zz, t, modeFor()), batch.targets[t] as tf.Tensor1D, task))(z);
        return Float32Array.from(g.dataSync());
      });
    }
    const combined = weighting.combine({ grads: flat, repGrads, losses });
    weights = combined.weights;
    const update = new Map<string, tf.Tensor>();
    let at = 0;
    for (const v of encoder) {
      update.set(v.name, tf.tensor(combined.shared.subarray(at, at + v.size), v.shape, 'float32'));
      at += v.size;
    }
    const penalty = model.penalty && tf.variableGrads(model.penalty, encoder).grads;
    for (const [name, g] of Object.entries(penalty ?? {})) update.set(name, tf.add(update.get(name) ?? tf.zerosLike(g), g));
    tasks.forEach((_, t) => {
      for (const v of model.taskVariables[t] ?? []) {
        const g = taskGrads[t]?.[v.name];
        if (!g) continue;
        const scaled = tf.mul(g, combined.taskScale[t] ?? 1);
        const before = update.get(v.name);
        update.set(v.name, before ? tf.add(before, scaled) : scaled);
      }
    });
    apply(ctx, update);
  });
  return { losses, predictions, weights };
}

export function trainStep(ctx: StepContext, batch: Batch, modeFor: () => ForwardMode): StepOutcome {
  return ctx.weighting.kind === 'loss' ? lossStep(ctx, ctx.weighting, batch, modeFor) : gradientStep(ctx, ctx.weighting, batch, modeFor);
}
