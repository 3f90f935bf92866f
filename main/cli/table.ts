// Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned.
// A trailing ★ is the comparison's best mark: the number stays right-aligned with its column.
const NUMERIC = /^[-+]?[\d.,]+%?( ± [\d.,]+%?)?( ★)?$/;

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (NUMERIC.test(cell) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
