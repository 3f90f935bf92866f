// Axis ticks, tooltips and error bars shared by every chart: percentages for fractions (as the
// tables print them), log ticks only at 1-2-5 so they never overlap, ± std from a mean line's
// spread, and error bars drawn from the same spread.
import type { Chart, Plugin } from 'chart.js';
import type { ChartLine } from './lines.ts';

function number(value: number): string {
  return String(Number(value.toPrecision(4)));
}

export function yTick(value: number, percent: boolean): string {
  return percent ? `${Number((value * 100).toFixed(1))}%` : number(value);
}

/** Log-axis labels at 1, 2 and 5 × 10^k only; the other grid lines stay unlabelled. */
export function logTick(value: number, percent: boolean): string {
  if (!(value > 0)) return '';
  const mantissa = value / 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6) ? yTick(value, percent) : '';
}

/** "81.2% ± 1.3%" for a mean line's point with a spread, else the value alone. */
export function plusMinus(line: Pick<ChartLine, 'points' | 'spread'>, index: number, percent: boolean): string {
  const point = line.points[index];
  if (!point) return '';
  const upper = line.spread?.find((p) => p.x === point.x);
  const text = yTick(point.y, percent);
  return upper ? `${text} ± ${yTick(upper.y - point.y, percent)}` : text;
}

/** Vertical ± std bars at each point of the mean lines that carry a spread. */
export function errorBarPlugin(lines: () => readonly ChartLine[]): Plugin<'line'> {
  return {
    id: 'graftErrorBars',
    afterDatasetsDraw(chart: Chart<'line'>) {
      const { ctx, scales } = chart;
      const y = scales['y'];
      const x = scales['x'];
      if (!x || !y) return;
      lines().forEach((line, i) => {
        if (line.role !== 'mean' || !line.spread || !chart.isDatasetVisible(i)) return;
        ctx.save();
        ctx.strokeStyle = line.color;
        ctx.lineWidth = 1.5;
        for (const point of line.points) {
          const upper = line.spread.find((p) => p.x === point.x);
          if (!upper) continue;
          const px = x.getPixelForValue(point.x);
          const top = y.getPixelForValue(upper.y);
          const bottom = y.getPixelForValue(2 * point.y - upper.y);
          ctx.beginPath();
          ctx.moveTo(px, top);
          ctx.lineTo(px, bottom);
          ctx.moveTo(px - 4, top);
          ctx.lineTo(px + 4, top);
          ctx.moveTo(px - 4, bottom);
          ctx.lineTo(px + 4, bottom);
          ctx.stroke();
        }
        ctx.restore();
      });
    },
  };
}
