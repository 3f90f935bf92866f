// How numbers are written for people, the same in the CLI, the UI and the reports.
// Accuracy-like metrics (fractions) are shown as percentages; gains on them in points.
import type { MetricDirection } from './metricDirection.ts';

const FRACTION_METRICS = /(accuracy|acc|f1|auc|precision|recall)$/i;

export function isFractionMetric(metric: string): boolean {
  return FRACTION_METRICS.test(metric);
}

/** Fixed decimals with a typographic minus and no "−0.0"; "—" when not finite. */
export function formatFixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '—';
  const text = value.toFixed(digits);
  // No "-0.0": a rounded zero has no sign.
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text.replace(/^-/, '−');
}

export function formatValue(value: number, metric: string): string {
  return isFractionMetric(metric) ? `${formatFixed(value * 100, 1)}%` : formatFixed(value, Math.abs(value) >= 100 ? 1 : 3);
}

export function formatMeanStd(summary: { mean: number; std: number; n: number }, metric: string): string {
  if (summary.n === 0) return '—';
  const spread = isFractionMetric(metric) ? formatFixed(summary.std * 100, 1) : formatFixed(summary.std, Math.abs(summary.mean) >= 100 ? 1 : 3);
  return summary.n > 1 ? `${formatValue(summary.mean, metric)} ± ${spread}` : formatValue(summary.mean, metric);
}

export function formatGain(gain: { abs: number; rel: number }, metric: string): string {
  const sign = gain.abs > 0 ? '+' : '';
  const abs = isFractionMetric(metric) ? `${sign}${formatFixed(gain.abs * 100, 1)} pts` : `${sign}${formatFixed(gain.abs, 3)}`;
  const rel = Number.isFinite(gain.rel) ? ` (${gain.rel > 0 ? '+' : ''}${formatFixed(gain.rel * 100, 1)}%)` : '';
  return abs + rel;
}

/**
 * A gain's 95% interval in the gain's units, e.g. " [95% CI −0.5 to 5.7]" (points for a fraction
 * metric), and " within noise" after it when the interval includes 0; '' without an interval.
 */
export function formatGainInterval(ci95: readonly [number | null, number | null], metric: string): string {
  const [scale, digits] = isFractionMetric(metric) ? [100, 1] : [1, 3];
  return formatInterval(ci95, (v) => formatFixed(v * scale, digits));
}

/** Δm's spread: " ± 1.20 [95% CI −2.10% to 0.90%, within noise]"; '' without one. */
export function formatDeltaMSpread(spread: { std: number; ci95: readonly [number | null, number | null] } | null | undefined): string {
  if (!spread || spread.ci95[0] === null) return '';
  return ` ± ${formatFixed(spread.std, 2)}${formatInterval(spread.ci95, formatPercentDelta)}`;
}

function formatInterval(ci95: readonly [number | null, number | null], format: (value: number) => string): string {
  const [low, high] = ci95;
  if (low === null || high === null) return '';
  const noise = low <= 0 && high >= 0 ? ', within noise' : '';
  return ` [95% CI ${format(low)} to ${format(high)}${noise}]`;
}

/** A Δ already in percent (Δm, per-task Δ): "+2.31%", "−0.40%", "0.00%"; "—" when undefined. */
export function formatPercentDelta(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = formatFixed(value, 2);
  return `${value > 0 && text !== '0.00' ? '+' : ''}${text}%`;
}

export function directionWord(direction: MetricDirection): string {
  return direction === 'max' ? 'higher is better' : 'lower is better';
}
