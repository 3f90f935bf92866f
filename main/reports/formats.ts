// The report formats, their files and how those files are named. The main file's name comes
// from the user (--out, or the save dialog); attachments are named after it, so a report and
// its charts travel together: OUT.md + OUT-files/curve-1.png, OUT.csv + OUT-series.csv.
import { REPORT_FORMATS, type ReportFormat } from '../../contract/api.ts';

export { REPORT_FORMATS, type ReportFormat };

export const FORMAT_INFO: Record<ReportFormat, { extension: string; mimeType: string; label: string }> = {
  html: { extension: '.html', mimeType: 'text/html', label: 'HTML, one self-contained file' },
  pdf: { extension: '.pdf', mimeType: 'application/pdf', label: 'PDF' },
  md: { extension: '.md', mimeType: 'text/markdown', label: 'Markdown, charts as PNG files beside it' },
  csv: { extension: '.csv', mimeType: 'text/csv', label: 'CSV: the summary table, and every series in long format' },
  tex: { extension: '.tex', mimeType: 'application/x-tex', label: 'LaTeX booktabs table' },
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** The format a file name's extension names, e.g. "paper/table.tex" → tex. */
export function formatOfFileName(fileName: string): ReportFormat | undefined {
  const lower = fileName.toLowerCase();
  const format = REPORT_FORMATS.find((f) => lower.endsWith(FORMAT_INFO[f].extension));
  return format ?? (lower.endsWith('.markdown') ? 'md' : lower.endsWith('.htm') ? 'html' : undefined);
}

/** A file name from an experiment's name that is safe on every file system: "Fashion 0-4 → 5-9" → "fashion-0-4-5-9". */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'experiment';
}

export function suggestedFileName(experimentName: string, format: ReportFormat): string {
  return `${slugOf(experimentName)}-report${FORMAT_INFO[format].extension}`;
}

/** "out/report.md" → "out/report": attachments are named after the main file without its extension. */
export function stemOf(fileName: string): string {
  return fileName.replace(/\.[^./\\]*$/, '');
}
