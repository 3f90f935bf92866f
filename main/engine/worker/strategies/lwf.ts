// LwF, Learning without Forgetting (Li & Hoiem 2017, TPAMI), as a fine-tuning regularizer: the
// source model's own head, applied to the features being fine-tuned, is asked to keep giving
// the outputs the untouched source gives on the same target inputs, by knowledge distillation
// at temperature T: λ·T²·KL(softmax(z_source/T) ‖ softmax(z_now/T)), batch mean. So the base
// may adapt to the target only as far as it keeps what the source task needed.
// Differences from the paper: the source head stays frozen here (the paper trains it too), and
// the source outputs come from a frozen copy of the source each step rather than being recorded
// once before training (the same numbers, since that copy never changes).
import { tf } from '../tf.mjs';
import { DEFAULT_LWF_LAMBDA, DEFAULT_LWF_TEMPERATURE } from '../../../../contract/specRegularizers.ts';
import { EVAL_MODE, forward } from '../models/forward.ts';
import type { Net } from '../models/net.ts';
import type { Strategy } from './types.ts';
import { suffixPhase } from './types.ts';

/** T²·mean over the batch of KL(softmax(teacher/T) ‖ softmax(student/T)); both are logits. */
export function distillationLoss(student: tf.Tensor2D, teacher: tf.Tensor2D, temperature: number): tf.Scalar {
  return tf.tidy(() => {
    const target = tf.softmax(tf.div(teacher, temperature));
    const logTarget = tf.logSoftmax(tf.div(teacher, temperature));
    const logStudent = tf.logSoftmax(tf.div(student, temperature));
    const kl = tf.sum(tf.mul(target, tf.sub(logTarget, logStudent)), -1);
    return tf.mul(tf.mean(kl), temperature * temperature) as tf.Scalar;
  });
}

/** Why a source cannot be distilled from, or null when it can: it needs a head that outputs class scores. */
export function sourceHeadProblem(source: Net): string | null {
  if (source.blocks.length < 2) return 'has no base below its head';
  const shape = source.model.outputs[0]?.shape ?? [];
  if (shape.length !== 2) return `ends in an output of shape [${shape.join(', ')}], not a classification head ([batch, classes])`;
  if ((shape[1] ?? 0) < 2) return `ends in ${shape[1]} output unit(s), not a classification head over 2 or more classes`;
  return null;
}

/** A source whose last layer already applies softmax gives probabilities: their log is a valid set of logits. */
function outputsProbabilities(source: Net): boolean {
  const last = source.blocks.at(-1)?.layers.at(-1);
  return last?.getConfig()['activation'] === 'softmax';
}

export const lwf: Strategy = {
  name: 'lwf',
  transfers: true,
  phaseAt: (_epoch, ctx) => suffixPhase(ctx, 0, ctx.lr * ctx.options.lrFactor),
  regularizer({ source, sourcePath, options }) {
    const problem = sourceHeadProblem(source);
    if (problem) throw new Error(`strategy "lwf" distils the source head's outputs, but the source model ${sourcePath} ${problem}; use "fine-tune" or "l2-sp" with this source`);
    const head = source.blocks.length - 1;
    const lambda = options.lambda ?? DEFAULT_LWF_LAMBDA;
    const temperature = options.temperature ?? DEFAULT_LWF_TEMPERATURE;
    const asLogits = outputsProbabilities(source) ? (p: tf.Tensor) => tf.log(tf.maximum(p, 1e-12)) : (z: tf.Tensor) => z;
    return {
      penalty({ x, features }) {
        return tf.tidy(() => {
          // The source copy's variables are in no optimizer's list: no gradient reaches them.
          const teacher = asLogits(forward(source, x, EVAL_MODE)) as tf.Tensor2D;
          const student = asLogits(forward(source, features, EVAL_MODE, head)) as tf.Tensor2D;
          return tf.mul(distillationLoss(student, teacher, temperature), lambda) as tf.Scalar;
        });
      },
      dispose: () => {},
    };
  },
};
