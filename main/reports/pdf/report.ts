// The PDF report, laid out in Node with PDFKit (no Electron, no browser): the HTML report's
// content on A4 pages, tables that never split a row, charts that never split across pages,
// and "page i of n" in every footer.
import PDFDocument from 'pdfkit';
import { directionWord } from '../../../analysis/format.ts';
import type { RenderedChart } from '../charts/render.ts';
import { CHART_HEIGHT, CHART_WIDTH } from '../charts/render.ts';
import type { ReportModel } from '../model.ts';
import { configDiffTable, dataNotesTable, environmentTable, reportTitle, runsTable, specText, subtitle, type TextTable } from '../sections.ts';
import { buildSummaryTable } from '../../../analysis/comparison/summaryTable.ts';
import { registerFonts, type Doc, type PdfFonts } from './fonts.ts';
import { drawTable, frameOf, type PdfTable } from './table.ts';

const MARGIN = 50;
const GREY = '#555555';
const NEGATIVE = '#b00020';

function heading(doc: Doc, fonts: PdfFonts, text: string): void {
  // Keep a heading with at least a few lines of what follows it.
  if (doc.y + 90 > frameOf(doc).bottom) doc.addPage();
  doc.moveDown(0.6);
  fonts.use(doc, 'bold');
  doc.fontSize(13).fillColor('#1d1d1f').text(fonts.text('bold', text), MARGIN);
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, fonts: PdfFonts, text: string, options: { size?: number; color?: string } = {}): void {
  fonts.use(doc, 'regular');
  doc.fontSize(options.size ?? 10).fillColor(options.color ?? '#1d1d1f').text(fonts.text('regular', text), MARGIN);
  doc.fillColor('#1d1d1f');
}

function textTable(t: TextTable): PdfTable {
  return { header: t.header, rows: t.rows.map((row) => row.map((text) => ({ text }))), fill: true };
}

function summary(doc: Doc, fonts: PdfFonts, model: ReportModel): void {
  const primary = model.comparison.primary;
  if (!primary || model.comparison.arms.length === 0) {
    paragraph(doc, fonts, 'No completed runs to compare yet.');
    return;
  }
  paragraph(doc, fonts, `Primary metric: ${primary.key} (${directionWord(primary.direction)}).`);
  doc.moveDown(0.4);
  const t = buildSummaryTable(model.comparison);
  drawTable(doc, fonts, {
    header: t.columns.map((c) => c.label),
    rows: t.rows.map(({ cells }) =>
      cells.map((cell) => ({ text: cell.negative ? `${cell.text} ▼` : cell.text, bold: cell.best, color: cell.negative ? NEGATIVE : undefined })),
    ),
    align: t.columns.map((c) => (c.kind === 'arm' || c.kind === 'budget' ? 'left' : 'right')),
    keyColumns: 2,
  });
  for (const verdict of t.verdicts) paragraph(doc, fonts, `• ${verdict}`);
  if (t.verdicts.length > 0) doc.moveDown(0.4);
  for (const note of t.notes) paragraph(doc, fonts, `· ${note}`, { size: 8, color: GREY });
}

function charts(doc: Doc, fonts: PdfFonts, rendered: readonly RenderedChart[]): void {
  const frame = frameOf(doc);
  const height = (frame.width * CHART_HEIGHT) / CHART_WIDTH;
  for (const { spec, png } of rendered) {
    if (doc.y + height + 30 > frame.bottom) doc.addPage();
    doc.image(png, frame.left, doc.y, { width: frame.width, height });
    doc.y += height + 4;
    paragraph(doc, fonts, spec.caption, { size: 8, color: GREY });
    doc.moveDown(0.8);
  }
}

function footers(doc: Doc, fonts: PdfFonts, title: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make PDFKit start a new page; lift the margin meanwhile.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    fonts.use(doc, 'regular');
    const footer = `${title} · page ${i + 1 - range.start} of ${range.count}`;
    doc.fontSize(7.5).fillColor(GREY).text(fonts.text('regular', footer), MARGIN, doc.page.height - 32, {
      width: doc.page.width - 2 * MARGIN,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

export function renderPdf(model: ReportModel, rendered: readonly RenderedChart[]): Promise<Buffer> {
  const title = reportTitle(model);
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: title, Author: `Graft ${model.graftVersion}`, Subject: `Report on experiment ${model.experiment.id}`, Creator: 'Graft' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const fonts = registerFonts(doc);

  fonts.use(doc, 'bold');
  doc.fontSize(18).text(fonts.text('bold', title), MARGIN, MARGIN);
  paragraph(doc, fonts, subtitle(model), { size: 8.5, color: GREY });

  heading(doc, fonts, 'Question');
  paragraph(doc, fonts, model.question ?? 'The spec states no question.');
  heading(doc, fonts, 'Data');
  if (model.dataNotes.length > 0) drawTable(doc, fonts, textTable(dataNotesTable(model)));
  else paragraph(doc, fonts, 'No data notes were recorded.');
  heading(doc, fonts, 'Environment');
  drawTable(doc, fonts, textTable(environmentTable(model)));
  heading(doc, fonts, 'Summary');
  summary(doc, fonts, model);
  if (rendered.length > 0) {
    heading(doc, fonts, 'Charts');
    charts(doc, fonts, rendered);
  }
  heading(doc, fonts, 'Config diff');
  if (model.configDiff.length > 0) drawTable(doc, fonts, textTable(configDiffTable(model)));
  else paragraph(doc, fonts, 'Every run used the same config.');
  heading(doc, fonts, 'Runs');
  drawTable(doc, fonts, textTable(runsTable(model)));
  heading(doc, fonts, 'Spec');
  fonts.use(doc, 'mono');
  doc.fontSize(7.5).fillColor('#1d1d1f').text(fonts.text('mono', specText(model)), MARGIN);

  footers(doc, fonts, title);
  doc.end();
  return done;
}
