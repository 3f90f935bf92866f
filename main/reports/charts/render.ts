// Draws a ChartSpec to PNG with Chart.js on @napi-rs/canvas, in plain Node: the same pixels for
// the HTML, PDF and Markdown reports, from the CLI on a machine without Electron or a browser.
import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartDataset, type Plugin } from 'chart.js';
import { FONT_CANDIDATES } from '../pdf/fonts.ts';
import type { ChartSpec } from './specs.ts';
import { withAlpha } from '../../../analysis/armColors.ts';

// The same Unicode font as the PDF (shipped with Graft), so labels draw on a machine without fonts.
for (const role of ['regular', 'bold'] as const) {
  const path = FONT_CANDIDATES[role].find((p) => existsSync(p));
  if (path) GlobalFonts.registerFromPath(path, 'Graft Sans');
}
Chart.register(...registerables);
// Large enough to read when a chart is scaled down to a PDF page's width.
Chart.defaults.font.size = 13;
Chart.defaults.font.family = 'Graft Sans, DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 380;
/** Drawn at twice the size, so the charts stay sharp when printed or zoomed. */
const PIXEL_RATIO = 2;

/** Label budgets of one arm: solid, dashed, dotted, dash-dot. */
const DASHES = [[], [7, 4], [2, 3], [10, 3, 2, 3]];

/** Canvas pixels start transparent; a report page (or a dark-mode viewer) needs a white chart. */
const whiteBackground: Plugin<'line'> = {
  id: 'graftWhiteBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

type Point = { x: number; y: number | null };
const points = (x: number[], y: number[]): Point[] => x.map((xi, i) => ({ x: xi, y: Number.isFinite(y[i]) ? (y[i] as number) : null }));

function datasets(spec: ChartSpec): ChartDataset<'line', Point[]>[] {
  return spec.lines.flatMap((line) => {
    const color = line.color;
    const main: ChartDataset<'line', Point[]> = {
      label: line.label,
      data: points(line.x, line.y),
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2,
      borderDash: DASHES[line.dash % DASHES.length] ?? [],
      pointRadius: line.x.length <= 30 ? 2.5 : 0,
      spanGaps: false,
    };
    if (!line.lower || !line.upper) return [main];
    // The band is drawn as an upper edge filled down to the lower edge ('+1'); both edges are
    // hidden from the legend, which names only the mean lines.
    const edge = { borderWidth: 0, pointRadius: 0, borderColor: 'transparent', spanGaps: false };
    return [
      main,
      { ...edge, label: `${line.label} +std`, data: points(line.x, line.upper), backgroundColor: withAlpha(color, 0.16), fill: '+1' },
      { ...edge, label: `${line.label} −std`, data: points(line.x, line.lower), backgroundColor: 'transparent', fill: false },
    ];
  });
}

function tickText(value: number, spec: ChartSpec, axis: 'x' | 'y'): string {
  if (axis === 'x') return spec.xCategories ? (spec.xCategories[value] ?? '') : String(value);
  return spec.yPercent ? `${Number((value * 100).toFixed(1))}%` : String(Number(value.toPrecision(4)));
}

export function renderChartPng(spec: ChartSpec): Buffer {
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const categories = spec.xCategories;
  const chart = new Chart(canvas as unknown as HTMLCanvasElement, {
    type: 'line',
    data: { datasets: datasets(spec) },
    plugins: [whiteBackground],
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: PIXEL_RATIO,
      plugins: {
        title: { display: true, text: spec.title, font: { size: 15, weight: 'bold' }, color: '#222' },
        legend: { position: 'bottom', labels: { filter: (item) => !/ [+−]std$/.test(item.text), boxWidth: 14 } },
      },
      scales: {
        x: {
          type: 'linear',
          title: { display: true, text: spec.xLabel },
          ...(categories ? { min: -0.25, max: categories.length - 0.75, afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
            axis.ticks = categories.map((_, i) => ({ value: i }));
          } } : {}),
          ticks: { precision: 0, callback: (value) => tickText(Number(value), spec, 'x') },
        },
        y: {
          title: { display: true, text: spec.yPercent ? `${spec.yLabel} (%)` : spec.yLabel },
          ticks: { callback: (value) => tickText(Number(value), spec, 'y') },
        },
      },
    },
  });
  try {
    // Chart.js resized the canvas by the pixel ratio; encode what it drew.
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}

export interface RenderedChart {
  spec: ChartSpec;
  png: Buffer;
}

export function renderCharts(specs: readonly ChartSpec[]): RenderedChart[] {
  return specs.map((spec) => ({ spec, png: renderChartPng(spec) }));
}
