// Tables on PDF pages. A row is never split: one that does not fit below starts a new page, under
// the header drawn again. A table wider than the page is cut into column groups, each repeating
// the key columns (arm, budget), rather than shrinking the text until nobody can read it.
import type { Doc, FontRole, PdfFonts } from './fonts.ts';

export interface PdfCell {
  text: string;
  bold?: boolean;
  color?: string;
}

export interface PdfTable {
  header: string[];
  rows: PdfCell[][];
  align?: ('left' | 'right')[];
  /** Fill the page's width, wrapping the widest columns (text tables); otherwise columns take
   *  their content's width and a table too wide is cut into column groups (number tables). */
  fill?: boolean;
  /** Columns repeated in every column group when the table is wider than the page. */
  keyColumns?: number;
}

const FONT_SIZE = 8.5;
const PAD_X = 4;
const PAD_Y = 3;
/** A cell wider than this wraps, so one long name cannot push every other column off the page. */
const MAX_NATURAL_WIDTH = 170;

interface Frame {
  left: number;
  width: number;
  top: number;
  bottom: number;
}

export function frameOf(doc: Doc): Frame {
  const { margins, width, height } = doc.page;
  return { left: margins.left, width: width - margins.left - margins.right, top: margins.top, bottom: height - margins.bottom };
}

function measure(doc: Doc, fonts: PdfFonts, role: FontRole, text: string, width: number): number {
  fonts.use(doc, role);
  doc.fontSize(FONT_SIZE);
  return doc.heightOfString(fonts.text(role, text) || ' ', { width: width - 2 * PAD_X });
}

/** Shortens text (with …) until it fits `maxHeight`: only for a single cell taller than a whole page. */
function fit(doc: Doc, fonts: PdfFonts, role: FontRole, text: string, width: number, maxHeight: number): string {
  if (measure(doc, fonts, role, text, width) <= maxHeight) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(doc, fonts, role, `${text.slice(0, mid)}…`, width) <= maxHeight) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

interface ContentWidths {
  /** Each column's widest cell on one line. */
  natural: number[];
  /** Each column's longest word: narrower, and words break mid-word. */
  minimum: number[];
}

function contentWidths(doc: Doc, fonts: PdfFonts, table: PdfTable): ContentWidths {
  const natural: number[] = [];
  const minimum: number[] = [];
  table.header.forEach((h, c) => {
    // Headers wrap at spaces ("target test accuracy" over three lines): only their words count.
    const texts: [FontRole, string, boolean][] = [
      ...h.split(/\s+/).map((word): [FontRole, string, boolean] => ['bold', word, true]),
      ...table.rows.map((r): [FontRole, string, boolean] => [r[c]?.bold ? 'bold' : 'regular', r[c]?.text ?? '', false]),
    ];
    let widest = 0;
    let longestWord = 0;
    for (const [role, text] of texts) {
      fonts.use(doc, role);
      doc.fontSize(FONT_SIZE);
      const printed = fonts.text(role, text);
      widest = Math.max(widest, ...printed.split('\n').map((line) => doc.widthOfString(line)));
      longestWord = Math.max(longestWord, ...printed.split(/\s+/).map((word) => doc.widthOfString(word)));
    }
    natural.push(Math.ceil(widest) + 2 * PAD_X + 1);
    minimum.push(Math.ceil(longestWord) + 2 * PAD_X + 1);
  });
  return { natural, minimum };
}

/** `room` shared by the `flexible` columns: equally, except those whose longest word needs more. */
function shareOut(widths: number[], flexible: number[], minimum: number[], room: number, maxMinimum: number): void {
  let open = [...flexible];
  let left = room;
  for (;;) {
    const share = left / open.length;
    const needMore = open.filter((i) => (minimum[i] ?? 0) > share && (minimum[i] ?? 0) <= maxMinimum);
    const needed = needMore.reduce((sum, i) => sum + (minimum[i] ?? 0), 0);
    // When the long words cannot all fit, every column wraps at an equal share, breaking words.
    if (needMore.length === 0 || needMore.length === open.length || needed > left) {
      for (const i of open) widths[i] = share;
      return;
    }
    for (const i of needMore) {
      widths[i] = minimum[i] ?? 0;
      left -= widths[i] ?? 0;
    }
    open = open.filter((i) => !needMore.includes(i));
  }
}

/**
 * Widths filling `available`: columns narrower than an equal share of what is left keep their
 * content's width; the wide ones (notes, errors) share the rest and wrap, never below their
 * longest word (up to a third of the page), so "completed" is not broken into "complete d".
 */
function fillWidths({ natural, minimum }: ContentWidths, available: number): number[] {
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= available) return natural.map((w) => w + ((available - total) * w) / total);
  const widths = [...natural];
  let flexible = natural.map((_, i) => i);
  for (;;) {
    const fixed = widths.reduce((sum, w, i) => (flexible.includes(i) ? sum : sum + w), 0);
    const share = (available - fixed) / flexible.length;
    const narrow = flexible.filter((i) => (natural[i] ?? 0) <= share);
    if (narrow.length === 0) {
      shareOut(widths, flexible, minimum, available - fixed, available / 3);
      return widths;
    }
    flexible = flexible.filter((i) => !narrow.includes(i));
  }
}

/** Column groups that fit the frame, each starting with the key columns. */
function columnGroups(widths: number[], keys: number, available: number): number[][] {
  const keyColumns = widths.slice(0, keys).map((_, i) => i);
  const keyWidth = widths.slice(0, keys).reduce((a, b) => a + b, 0);
  const groups: number[][] = [];
  let current: number[] = [];
  let used = keyWidth;
  for (let c = keys; c < widths.length; c++) {
    const w = widths[c] ?? 0;
    if (current.length > 0 && used + w > available) {
      groups.push([...keyColumns, ...current]);
      current = [];
      used = keyWidth;
    }
    current.push(c);
    used += w;
  }
  groups.push([...keyColumns, ...current]);
  return groups;
}

function drawRow(doc: Doc, fonts: PdfFonts, cells: PdfCell[], columns: { x: number; width: number; align: 'left' | 'right' }[], y: number, height: number, header: boolean): void {
  if (header) doc.rect(columns[0]?.x ?? 0, y, columns.reduce((s, c) => s + c.width, 0), height).fill('#eeeef2');
  cells.forEach((cell, i) => {
    const column = columns[i];
    if (!column) return;
    const role: FontRole = header || cell.bold ? 'bold' : 'regular';
    fonts.use(doc, role);
    doc.fontSize(FONT_SIZE).fillColor(cell.color ?? '#1d1d1f');
    doc.text(fonts.text(role, cell.text), column.x + PAD_X, y + PAD_Y, { width: column.width - 2 * PAD_X, align: column.align });
  });
  const left = columns[0]?.x ?? 0;
  const right = left + columns.reduce((s, c) => s + c.width, 0);
  doc.moveTo(left, y + height).lineTo(right, y + height).lineWidth(header ? 0.8 : 0.4).strokeColor(header ? '#888' : '#d8d8d8').stroke();
  doc.fillColor('#1d1d1f');
}

export function drawTable(doc: Doc, fonts: PdfFonts, table: PdfTable): void {
  const frame = frameOf(doc);
  const content = contentWidths(doc, fonts, table);
  const widths = table.fill ? fillWidths(content, frame.width) : content.natural.map((w) => Math.min(w, MAX_NATURAL_WIDTH));
  const groups = table.fill ? [widths.map((_, i) => i)] : columnGroups(widths, table.keyColumns ?? 1, frame.width);

  for (const group of groups) {
    const columns = group.map((c, i) => ({
      x: frame.left + group.slice(0, i).reduce((s, k) => s + (widths[k] ?? 0), 0),
      width: widths[c] ?? 0,
      align: table.align?.[c] ?? 'left',
    }));
    const header = group.map((c) => ({ text: table.header[c] ?? '', bold: true }));
    const heightOf = (cells: PdfCell[], isHeader: boolean) =>
      Math.max(...cells.map((cell, i) => measure(doc, fonts, isHeader || cell.bold ? 'bold' : 'regular', cell.text, columns[i]?.width ?? 0))) + 2 * PAD_Y;
    const headerHeight = heightOf(header, true);
    const drawHeader = () => {
      const y = doc.y;
      drawRow(doc, fonts, header, columns, y, headerHeight, true);
      doc.y = y + headerHeight;
    };
    // The header needs at least one row under it on the same page.
    if (doc.y + headerHeight * 2.5 > frame.bottom) doc.addPage();
    drawHeader();
    for (const row of table.rows) {
      // A row taller than a whole page has its cells shortened; the CSV keeps the full text.
      const maxCell = frame.bottom - frame.top - headerHeight - 2 * PAD_Y;
      const cells = group.map((c, i) => {
        const cell = row[c] ?? { text: '' };
        return { ...cell, text: fit(doc, fonts, cell.bold ? 'bold' : 'regular', cell.text, columns[i]?.width ?? 0, maxCell) };
      });
      const height = heightOf(cells, false);
      if (doc.y + height > frame.bottom) {
        doc.addPage();
        drawHeader();
      }
      // Drawing text moves doc.y; the row's own height decides where the next one starts.
      const y = doc.y;
      drawRow(doc, fonts, cells, columns, y, height, false);
      doc.y = y + height;
    }
    doc.x = frame.left;
    doc.moveDown(0.8);
  }
}
