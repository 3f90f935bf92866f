// Curve smoothing, exactly as TensorBoard's smoothing slider does it, so a user who moves from
// TensorBoard sees the same curve for the same setting.

/** TensorBoard's slider stops here; at weight 1 the average would never move. */
const MAX_WEIGHT = 0.999;

/**
 * TensorBoard's debiased exponential moving average. `weight` is TensorBoard's smoothing weight
 * (0 = raw, 0.6 its default, 0.99 heavy), i.e. 1 − α of the textbook EMA; it is clamped to
 * [0, 0.999], and NaN counts as 0.
 *
 *   last_k = weight · last_{k−1} + (1 − weight) · v_k,  last_0 = 0
 *   smoothed_k = last_k / (1 − weight^k)
 *
 * The division removes the pull toward the zero start (so the first value is v_1, not
 * (1 − weight) · v_1), as in Adam's bias correction. k counts finite values only: a non-finite
 * value passes through unchanged and leaves the average untouched, so one NaN epoch shows as a
 * gap instead of poisoning the rest of the curve. A constant series is returned as is, to keep
 * rounding from wobbling a flat line (TensorBoard does the same).
 */
export function ema(values: readonly number[], weight: number): number[] {
  const w = Number.isNaN(weight) ? 0 : Math.min(MAX_WEIGHT, Math.max(0, weight));
  const first = values[0];
  if (w === 0 || values.every((v) => v === first)) return values.slice();
  let last = 0;
  let finiteCount = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    last = last * w + (1 - w) * v;
    finiteCount++;
    return last / (1 - w ** finiteCount);
  });
}
