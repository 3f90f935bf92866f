// The exact strings the issue names, through each format's escaping.
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, escapeHtml, escapeLatex, escapeMarkdown } from './escape.ts';
import { TEX_BREAKER, XSS } from './testing.ts';

describe('escaping user-provided text', () => {
  it('HTML: markup becomes text, quotes cannot end an attribute', () => {
    expect(escapeHtml(XSS)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`a"b'c&d`)).toBe('a&quot;b&#39;c&amp;d');
    expect(escapeHtml(TEX_BREAKER)).toBe('50% &amp; $x_1$ #1');
  });

  it('LaTeX: every special character typesets as itself', () => {
    expect(escapeLatex(TEX_BREAKER)).toBe('50\\% \\& \\$x\\_1\\$ \\#1');
    expect(escapeLatex('a\\b{c}^~')).toBe('a\\textbackslash{}b\\{c\\}\\textasciicircum{}\\textasciitilde{}');
    expect(escapeLatex(XSS)).toBe('\\textless{}img src=x onerror=alert(1)\\textgreater{}');
    // Graft's own number formatting: − and ± are not in pdflatex's default input encoding.
    expect(escapeLatex('−10.0 pts (72.0% ± 1.3)')).toBe('$-$10.0 pts (72.0\\% $\\pm$ 1.3)');
  });

  it('Markdown: no raw HTML, no table-breaking pipes, no emphasis or math', () => {
    expect(escapeMarkdown(XSS)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown(TEX_BREAKER)).toBe('50% &amp; \\$x\\_1\\$ \\#1');
    expect(escapeMarkdown('a | b\nc *d* [e](f)')).toBe('a \\| b c \\*d\\* \\[e\\](f)');
    expect(escapeMarkdown('- not a list', { block: true })).toBe('\\- not a list');
    expect(escapeMarkdown('1. not a list', { block: true })).toBe('1\\. not a list');
    expect(escapeMarkdown('1. in a cell')).toBe('1. in a cell');
  });

  it('CSV: quotes when needed, numbers exactly, formulas neutralized', () => {
    expect(csvField(TEX_BREAKER)).toBe('50% & $x_1$ #1');
    expect(csvField(XSS)).toBe(XSS);
    expect(csvField('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvLine(['a', 1, true, null])).toBe('a,1,true,\r\n');
  });
});
