// Reading a PDF the way a viewer does, with pdfjs-dist (Firefox's PDF engine) drawing through
// @napi-rs/canvas: no poppler or other system tool, so the tests need nothing but npm.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface CanvasFactory {
  create(width: number, height: number): { canvas: { toBuffer(mime: 'image/png'): Buffer }; context: unknown };
}

export interface ReadPdf {
  pages: number;
  /** The text layer of pages first..last (1-based, inclusive), lines joined with spaces. */
  text(first: number, last: number): Promise<string>;
  /** Page n drawn at the given resolution, as PNG bytes. */
  renderPng(page: number, dpi: number): Promise<Buffer>;
  close(): Promise<void>;
}

export async function readPdf(path: string): Promise<ReadPdf> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path)), useSystemFonts: false, isEvalSupported: false }).promise;
  return {
    pages: doc.numPages,
    async text(first, last) {
      const parts: string[] = [];
      for (let n = first; n <= Math.min(last, doc.numPages); n += 1) {
        const content = await (await doc.getPage(n)).getTextContent();
        for (const item of content.items) if ('str' in item) parts.push(item.str, item.hasEOL ? '\n' : '');
      }
      return parts.join('');
    },
    async renderPng(n, dpi) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: dpi / 72 });
      // pdfjs' own canvas factory: under Node it draws on its own copy of @napi-rs/canvas, whose
      // Path2D and context classes must match the ones it creates.
      const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
      const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      type RenderParameters = Parameters<typeof page.render>[0];
      await page.render({ canvas: canvas as unknown as RenderParameters['canvas'], canvasContext: context as RenderParameters['canvasContext'], viewport }).promise;
      return canvas.toBuffer('image/png');
    },
    close: () => doc.destroy(),
  };
}
