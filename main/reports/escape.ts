// Escaping of user-provided text (experiment, arm and file names, tags, notes, errors) for
// each output format. Every string that did not come from Graft's own code passes through the
// function of the format it lands in; the numbers Graft formats pass through too, since they
// carry characters (%, ±, −) that some formats treat specially.

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe as HTML text and inside a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  // In LaTeX's default OT1 font encoding these print as other glyphs (¡ ¿ —).
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
  // Characters Graft's number formatting uses, which pdflatex without extra packages rejects.
  '±': '$\\pm$',
  '−': '$-$',
  '—': '---',
  '–': '--',
  '→': '$\\rightarrow$',
  'Δ': '$\\Delta$',
  '·': '$\\cdot$',
  '×': '$\\times$',
  '…': '\\ldots{}',
  '\n': ' ',
  '\r': ' ',
};

/** Text that typesets as itself inside a LaTeX document, a table cell or a caption. */
export function escapeLatex(text: string): string {
  return text.replace(/[\\{}$&#%_^~<>|±−—–→Δ·×…\r\n]/g, (c) => LATEX_SPECIALS[c] ?? c);
}

/**
 * Text that renders as itself in CommonMark/GFM, also inside a table cell. Raw HTML is the
 * danger (many Markdown viewers render it), so < > & become entities; the punctuation that
 * starts emphasis, code, links, table cells or (on GitHub) $math$ is backslash-escaped; line
 * breaks would end a table row, so they become spaces. `block` also escapes what is special only
 * at the start of a paragraph: a list marker ("-", "+", "1.") or a heading underline ("=").
 */
export function escapeMarkdown(text: string, options: { block?: boolean } = {}): string {
  const escaped = text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/[\\`*_[\]#|~$]/g, (c) => `\\${c}`);
  if (!options.block) return escaped;
  return escaped.replace(/^(\s*)(?:([-+=])|(\d+)([.)]))/, (_m, space: string, mark: string | undefined, digits: string | undefined, end: string | undefined) =>
    mark ? `${space}\\${mark}` : `${space}${digits ?? ''}\\${end ?? ''}`,
  );
}

/**
 * One CSV field (RFC 4180). Numbers are written exactly (String round-trips a double);
 * non-finite numbers and null as an empty field. Text that a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR first) gets a leading apostrophe (OWASP's advice), so a shared
 * report cannot run anything when opened.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
