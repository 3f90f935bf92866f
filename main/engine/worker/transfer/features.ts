// Cache of a frozen bottom's output. A frozen block runs in eval mode, so its output for a given
// input never changes: computing it once per split, not once per epoch, is what makes
// feature extraction cheap. The cache is rebuilt when the frozen bottom changes (gradual
// unfreezing, lp-ft) and skipped when the features would not fit the memory budget.
import { tf } from '../tf.mjs';
import { EVAL_MODE, forward } from '../models/forward.ts';
import type { Net } from '../models/net.ts';
import type { RunData } from './runData.ts';

export const FEATURE_CACHE_BYTES = 512 * 1024 * 1024;
const BATCH = 256;

export interface SplitInputs {
  /** Index of the block that receives `x`. */
  from: number;
  train: tf.Tensor;
  val: tf.Tensor;
  test: tf.Tensor;
}

function featuresOf(net: Net, x: tf.Tensor, upTo: number): tf.Tensor {
  const n = x.shape[0] ?? 0;
  const parts: tf.Tensor[] = [];
  for (let start = 0; start < n; start += BATCH) {
    parts.push(tf.tidy(() => forward(net, x.slice(start, Math.min(BATCH, n - start)), EVAL_MODE, 0, upTo)));
  }
  const all = tf.concat(parts, 0);
  tf.dispose(parts);
  return all;
}

export class FeatureCache {
  private cached: SplitInputs | null = null;
  /** How many times features were computed, for tests. */
  computed = 0;

  constructor(
    private readonly net: Net,
    private readonly data: RunData,
  ) {}

  /** Inputs for training with blocks below `firstTrainable` frozen. */
  inputsFor(firstTrainable: number): SplitInputs {
    const raw: SplitInputs = { from: 0, train: this.data.train.x, val: this.data.val.x, test: this.data.test.x };
    if (firstTrainable === 0) return raw;
    if (this.cached?.from === firstTrainable) return this.cached;
    this.release();
    const sample = tf.tidy(() => forward(this.net, this.data.train.x.slice(0, 1), EVAL_MODE, 0, firstTrainable));
    const perRow = sample.size * 4;
    sample.dispose();
    const rows = this.data.train.n + this.data.val.n + this.data.test.n;
    if (perRow * rows > FEATURE_CACHE_BYTES) return raw;
    this.cached = {
      from: firstTrainable,
      train: featuresOf(this.net, this.data.train.x, firstTrainable),
      val: featuresOf(this.net, this.data.val.x, firstTrainable),
      test: featuresOf(this.net, this.data.test.x, firstTrainable),
    };
    this.computed++;
    return this.cached;
  }

  release(): void {
    if (this.cached) tf.dispose([this.cached.train, this.cached.val, this.cached.test]);
    this.cached = null;
  }
}
