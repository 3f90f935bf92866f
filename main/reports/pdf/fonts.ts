// Fonts for the PDF. PDF's built-in fonts (Helvetica, Courier) only cover WinAnsi, and Graft's
// numbers use −, ±, → and Δ: so a Unicode TrueType font is embedded when the system has one
// (DejaVu, Liberation, Arial), and only without one does the text fall back to the built-in
// fonts with those characters spelled in ASCII, rather than printing garbage.
import { existsSync } from 'node:fs';
import type PDFDocument from 'pdfkit';

/** A PDFKit document (the module's default export is its constructor). */
export type Doc = InstanceType<typeof PDFDocument>;

export type FontRole = 'regular' | 'bold' | 'mono';

const CANDIDATES: Record<FontRole, string[]> = {
  regular: [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/TTF/DejaVuSans.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/System/Library/Fonts/Supplemental/Arial.ttf',
    'C:\\Windows\\Fonts\\arial.ttf',
  ],
  bold: [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
    'C:\\Windows\\Fonts\\arialbd.ttf',
  ],
  mono: [
    '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
    '/usr/share/fonts/dejavu/DejaVuSansMono.ttf',
    '/usr/share/fonts/TTF/DejaVuSansMono.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf',
    '/System/Library/Fonts/Supplemental/Courier New.ttf',
    'C:\\Windows\\Fonts\\consola.ttf',
  ],
};

const BUILT_IN: Record<FontRole, string> = { regular: 'Helvetica', bold: 'Helvetica-Bold', mono: 'Courier' };

const ASCII_SPELLING: Record<string, string> = { '−': '-', '→': '->', 'Δ': 'delta ', '▼': '(v)', '✓': 'ok', '…': '...' };

/** WinAnsi (cp1252) beyond Latin-1: the characters the built-in fonts can still print. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function toWinAnsi(text: string): string {
  return [...text]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      if ((code >= 0x20 && code < 0x7f) || c === '\n' || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(c)) return c;
      return ASCII_SPELLING[c] ?? '?';
    })
    .join('');
}

export interface PdfFonts {
  /** Selects the font on the document. */
  use(doc: Doc, role: FontRole): void;
  /** The text as the selected role's font can print it. */
  text(role: FontRole, text: string): string;
  /** Whether a Unicode font was found for every role. */
  unicode: boolean;
}

export function registerFonts(doc: Doc, candidates: Record<FontRole, string[]> = CANDIDATES): PdfFonts {
  const found: Partial<Record<FontRole, boolean>> = {};
  for (const role of ['regular', 'bold', 'mono'] as const) {
    const path = candidates[role].find((p) => existsSync(p));
    if (path) {
      doc.registerFont(`graft-${role}`, path);
      found[role] = true;
    }
  }
  return {
    use: (d, role) => void d.font(found[role] ? `graft-${role}` : BUILT_IN[role]),
    text: (role, text) => (found[role] ? text : toWinAnsi(text)),
    unicode: Boolean(found.regular && found.bold && found.mono),
  };
}
