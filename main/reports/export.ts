// One entry point for every report format: read the model once, draw the charts when the format
// shows them, render, and hand back the files (the main one and its attachments). The CLI writes
// them to disk; the API (main/services/exportReport.ts) sends them as base64 for the app's save
// dialog. Both hand in the comparison, which the reports render and never compute.
//
// The chart, HTML and PDF renderers are loaded on demand: canvas, Chart.js and PDFKit take about a
// second to import, and every `graft` command (and the app's start) imports this file.
import type { ExperimentComparison } from '../../contract/compare.ts';
import type { ExperimentDetail } from '../../contract/model.ts';
import type { RunStore } from '../../db/store.ts';
import type { RenderedChart } from './charts/render.ts';
import { chartSpecs } from './charts/specs.ts';
import { renderSummaryCsv, seriesCsvChunks } from './csv.ts';
import type { ReportOutput } from './files.ts';
import { FORMAT_INFO, stemOf, type ReportFormat } from './formats.ts';
import { renderLatex } from './latex.ts';
import { renderMarkdown } from './markdown.ts';
import { buildReportModel, buildSummaryModel, type ReportModel } from './model.ts';

/** Where a report's attachments go, named after its main file (a base name, no folder). */
function attachmentNames(mainFileName: string): { chartDir: string; seriesCsv: string } {
  const stem = stemOf(mainFileName);
  return { chartDir: `${stem}-files`, seriesCsv: `${stem}-series.csv` };
}

async function drawCharts(model: ReportModel): Promise<RenderedChart[]> {
  const { renderCharts } = await import('./charts/render.ts');
  return renderCharts(chartSpecs(model));
}

/**
 * `comparison`: the experiment's (compareExperimentRow); `mainFileName`: the base name the report
 * will be saved as, which its attachments are named after.
 */
export async function produceReport(
  store: RunStore,
  experiment: ExperimentDetail,
  comparison: ExperimentComparison,
  format: ReportFormat,
  mainFileName: string,
): Promise<ReportOutput> {
  const mimeType = FORMAT_INFO[format].mimeType;
  const main = (content: string | Buffer) => ({ fileName: mainFileName, mimeType, content: [content] });
  // The LaTeX table shows only the summary: reading every stored point for it would be wasted.
  if (format === 'tex') return { main: main(renderLatex(buildSummaryModel(comparison))), attachments: [] };
  const model = buildReportModel(store, experiment, comparison);
  const names = attachmentNames(mainFileName);
  switch (format) {
    case 'html': {
      const { renderHtml } = await import('./html.ts');
      return { main: main(renderHtml(model, await drawCharts(model))), attachments: [] };
    }
    case 'pdf': {
      const { renderPdf } = await import('./pdf/report.ts');
      return { main: main(await renderPdf(model, await drawCharts(model))), attachments: [] };
    }
    case 'md': {
      const report = renderMarkdown(model, await drawCharts(model), names.chartDir);
      return {
        main: main(report.text),
        attachments: report.images.map((image) => ({ fileName: image.path, mimeType: 'image/png', content: [image.png] })),
      };
    }
    case 'csv':
      return {
        main: main(renderSummaryCsv(model)),
        attachments: [{ fileName: names.seriesCsv, mimeType: FORMAT_INFO.csv.mimeType, content: seriesCsvChunks(model) }],
      };
  }
}
