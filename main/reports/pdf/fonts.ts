// Fonts for the PDF. PDF's built-in fonts (Helvetica, Courier) only cover WinAnsi, and Graft's
// numbers use −, ±, → and Δ: so a Unicode TrueType font is embedded. DejaVu comes with Graft
// (the dejavu-fonts-ttf package), so no system font is needed; the system's DejaVu, Liberation
// or Arial are next, and only without any does the text fall back to the built-in fonts with
// those characters spelled in ASCII, rather than printing garbage.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type PDFDocument from 'pdfkit';

/** A PDFKit document (the module's default export is its constructor). */
export type Doc = InstanceType<typeof PDFDocument>;

export type FontRole = 'regular' | 'bold' | 'mono';

/** The shipped DejaVu fonts' folder, or null where the package is missing. */
function shippedFontFolder(): string | null {
  try {
    // The package has no exports map, so its package.json resolves; the fonts sit beside it.
    return join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  } catch {
    return null;
  }
}

const SHIPPED = shippedFontFolder();
const shipped = (file: string): string[] => (SHIPPED ? [join(SHIPPED, file)] : []);

/** The Unicode fonts Graft draws with, best first: the reports' charts use the regular one too. */
export const FONT_CANDIDATES: Record<FontRole, string[]> = {
  regular: [
    ...shipped('DejaVuSans.ttf'),
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/TTF/DejaVuSans.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/System/Library/Fonts/Supplemental/Arial.ttf',
    'C:\\Windows\\Fonts\\arial.ttf',
  ],
  bold: [
    ...shipped('DejaVuSans-Bold.ttf'),
    '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
    'C:\\Windows\\Fonts\\arialbd.ttf',
  ],
  mono: [
    ...shipped('DejaVuSansMono.ttf'),
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

export function registerFonts(doc: Doc, candidates: Record<FontRole, string[]> = FONT_CANDIDATES): PdfFonts {
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
