import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { FONT_CANDIDATES, registerFonts } from './fonts.ts';

describe('report fonts', () => {
  it('come with Graft: the shipped DejaVu alone gives a Unicode font for every role', () => {
    const shippedOnly = {
      regular: FONT_CANDIDATES.regular.slice(0, 1),
      bold: FONT_CANDIDATES.bold.slice(0, 1),
      mono: FONT_CANDIDATES.mono.slice(0, 1),
    };
    for (const [path] of Object.values(shippedOnly)) {
      expect(path).toMatch(/dejavu-fonts-ttf[\\/]ttf[\\/]DejaVuSans/);
      expect(existsSync(path ?? '')).toBe(true);
    }
    const fonts = registerFonts(new PDFDocument(), shippedOnly);
    expect(fonts.unicode).toBe(true);
    expect(fonts.text('regular', '−0.5 ± 0.1 → Δ')).toBe('−0.5 ± 0.1 → Δ');
  });

  it('fall back to the built-in fonts, spelled in WinAnsi, where no font file exists', () => {
    const fonts = registerFonts(new PDFDocument(), { regular: ['/no/such.ttf'], bold: [], mono: [] });
    expect(fonts.unicode).toBe(false);
    expect(fonts.text('regular', '−0.5 → Δ')).toBe('-0.5 -> delta ');
  });
});
