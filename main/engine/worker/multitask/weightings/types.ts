// One interface for every loss weighting (LibMTL's split). Two kinds, because the methods work
// at two levels:
//  - 'loss' weightings turn the task losses into one objective (equal, static, uncertainty,
//    DWA); the loop differentiates it once.
//  - 'gradient' weightings need each task's gradient on the shared encoder (PCGrad, MGDA,
//    GradNorm); the loop computes them and the weighting combines them into one update.
import type * as tf from '@tensorflow/tfjs';
import type { MultitaskTaskType, WeightingName, WeightingOptions } from '../../../../../contract/specMultitask.ts';

export interface WeightingContext {
  tasks: { name: string; type: MultitaskTaskType }[];
  options: WeightingOptions;
  seed: number;
  /** The run's learning rate: GradNorm steps its task weights at this rate. */
  lr: number;
}

export interface TaskGradients {
  /** Per task: the gradient of its loss on the encoder variables, flattened in their order. */
  grads: Float32Array[];
  /** Per task: the gradient of its loss with respect to Z, flattened; null unless asked for. */
  repGrads: Float32Array[] | null;
  /** Per task: its loss on this batch. */
  losses: number[];
}

export interface CombinedGradient {
  /** The update direction for the encoder variables (flattened like TaskGradients.grads). */
  shared: Float32Array;
  /** Multiplies each task's gradient on its own (decoder) variables. */
  taskScale: number[];
  /** The task weights in force this step, for the log. */
  weights: number[];
}

interface WeightingBase {
  name: WeightingName;
  /** Called before each epoch with the mean training loss of every epoch done so far, per task. */
  startEpoch?(lossHistory: number[][]): void;
  /** What a checkpoint must keep, besides variables, to resume exactly (JSON); absent when stateless. */
  state?(): WeightingState;
  restore?(state: WeightingState): void;
  dispose?(): void;
}

export interface LossWeighting extends WeightingBase {
  kind: 'loss';
  /** Learned alongside the model by the model's optimizer (uncertainty's log σ²). */
  variables: tf.Variable[];
  /** The training objective from the task losses. Runs inside the gradient function. */
  combine(losses: tf.Scalar[]): tf.Scalar;
  /** The task weights now, for the log. */
  weights(): number[];
}

export interface GradientWeighting extends WeightingBase {
  kind: 'gradient';
  /** MGDA-UB: wants the gradients with respect to Z (cheaper, the paper's upper bound). */
  usesRepresentation: boolean;
  combine(input: TaskGradients): CombinedGradient;
}

export type Weighting = LossWeighting | GradientWeighting;

export type WeightingState = Record<string, number[] | number | null>;

export type WeightingFactory = (ctx: WeightingContext) => Weighting;
