// Reading a PDF the way a viewer does, with pdfjs-dist (Firefox's PDF engine) drawing through
// @napi-rs/canvas: no poppler or other system tool, so the tests need nothing but npm.
import { readFileSync } from 'node:fs';
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

// pdfjs polyfills Path2D, DOMMatrix and ImageData on globalThis from its own copy of
// @napi-rs/canvas when it loads; Graft's charts (Chart.js on Graft's copy) would then build paths
// that Graft's canvas refuses. So pdfjs is loaded lazily, the globals put back at once, and its
// own set swapped in only while it draws.
const POLYFILLED = ['Path2D', 'DOMMatrix', 'ImageData'] as const;
type Globals = Partial<Record<(typeof POLYFILLED)[number], unknown>>;
const globals = globalThis as unknown as Globals;
const take = (): Globals => Object.fromEntries(POLYFILLED.map((name) => [name, globals[name]]));
const put = (set: Globals): void => {
  for (const name of POLYFILLED) {
    if (set[name] === undefined) delete globals[name];
    else globals[name] = set[name];
  }
};

let pdfjs: Promise<{ module: typeof Pdfjs; globals: Globals }> | undefined;
function loadPdfjs(): NonNullable<typeof pdfjs> {
  pdfjs ??= (async () => {
    const before = take();
    const module = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const own = take();
    put(before);
    return { module, globals: own };
  })();
  return pdfjs;
}

async function withPdfjsGlobals<T>(own: Globals, work: () => Promise<T>): Promise<T> {
  const before = take();
  put(own);
  try {
    return await work();
  } finally {
    put(before);
  }
}

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
  const { module, globals: own } = await loadPdfjs();
  const doc = await module.getDocument({ data: new Uint8Array(readFileSync(path)), useSystemFonts: false, isEvalSupported: false }).promise;
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
      await withPdfjsGlobals(own, () => page.render({ canvas: canvas as unknown as RenderParameters['canvas'], canvasContext: context as RenderParameters['canvasContext'], viewport }).promise);
      return canvas.toBuffer('image/png');
    },
    close: () => doc.destroy(),
  };
}
