// One interface for every multitask architecture (LibMTL's split): an encoder that the tasks
// share, producing a representation Z, and per task a decoder from Z to that task's output.
// Loss weightings that work on gradients (PCGrad, MGDA, GradNorm) act on the encoder's
// variables; MGDA-UB takes task gradients with respect to Z.
import type * as tf from '@tensorflow/tfjs';
import type { ModelArchitecture } from '../../../../../contract/specMultitask.ts';
import type { ModelConfig } from '../../../../../contract/spec.ts';
import type { ForwardMode } from '../../models/forward.ts';

export interface HeadSpec {
  name: string;
  /** Classes, or 1 for a regression output. */
  units: number;
}

export interface BuildContext {
  model: ModelConfig;
  inputShape: number[];
  heads: HeadSpec[];
  seed: number;
  /** soft-sharing: λ of the L2 penalty between corresponding tower weights. */
  penalty: number;
  /** mmoe: how many experts; absent = the default. */
  experts?: number | undefined;
}

export interface MultitaskModel {
  /** Below Z, in a stable order (optimizer state is keyed by position). */
  encoderVariables: tf.Variable[];
  /** Per task: the variables only that task's loss reaches, in a stable order. */
  taskVariables: tf.Variable[][];
  /**
   * Whether some encoder variable gets gradient from more than one task. False for separate
   * towers (soft-sharing, single-task), where gradient cosines are 0 by construction.
   */
  sharesParameters: boolean;
  /** Z for a batch. Call inside tf.tidy or a gradient function. */
  encode(x: tf.Tensor, mode: ForwardMode): tf.Tensor;
  /** Task `task`'s output from Z: logits, or [batch, 1] for regression. */
  decode(z: tf.Tensor, task: number, mode: ForwardMode): tf.Tensor;
  /** Every variable of the model, trained or not (batch-norm statistics too), in a stable order: what a checkpoint holds. */
  stateVariables: tf.Variable[];
  /**
   * A regularizer added to the training objective (soft-sharing's L2 pull); null when the model
   * has none, decided once when it is built. Call inside tf.tidy or a gradient function.
   */
  penalty: (() => tf.Scalar) | null;
  paramCount: number;
  dispose(): void;
}

export interface Architecture {
  name: ModelArchitecture;
  build(ctx: BuildContext): MultitaskModel;
}
