// RFC 4180 CSV parsing: comma-separated, fields optionally in double quotes, a quote inside a
// quoted field written twice (""), quoted fields may hold commas and line breaks; CRLF or LF.
// Kept apart from csv.ts because the parser knows nothing of tasks or features.

import { DataError } from './errors.ts';

export interface CsvTable {
  file: string;
  /** Column names: the first record, or "col1".."colK" when the file has no header. */
  header: string[];
  rows: string[][];
  /** 1-based file line where each row starts (quoted line breaks make rows span lines). */
  lines: number[];
}

/**
 * Blank lines are skipped. Leniencies beyond RFC 4180, each common in real files: a UTF-8
 * BOM is ignored; a quote inside an unquoted field is kept literally (5'11"); spaces after a
 * closing quote are ignored. Every row must have as many fields as the header.
 */
export function parseCsv(text: string, file: string, opts: { header?: boolean } = {}): CsvTable {
  const records = parseRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  const hasHeader = opts.header !== false;
  const first = records[0];
  if (first === undefined) throw new DataError('empty CSV file: expected a header line and rows', { file });
  const header = hasHeader ? first.fields.map((f) => f.trim()) : first.fields.map((_, i) => `col${i + 1}`);
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new DataError(`column name "${name}" appears twice in the header; expected unique names`, { file, line: first.line, column: name });
    seen.add(name);
  }
  const body = hasHeader ? records.slice(1) : records;
  for (const r of body) {
    if (r.fields.length !== header.length) {
      throw new DataError(`expected ${header.length} fields (as in the ${hasHeader ? 'header' : 'first line'}), found ${r.fields.length}`, {
        file,
        line: r.line,
      });
    }
  }
  return { file, header, rows: body.map((r) => r.fields), lines: body.map((r) => r.line) };
}

interface CsvRecord {
  fields: string[];
  line: number;
}

function parseRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let state: 'start' | 'unquoted' | 'quoted' | 'closed' = 'start';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;

  const endField = () => {
    fields.push(field);
    field = '';
    state = 'start';
  };
  const endRecord = () => {
    endField();
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) records.push({ fields, line: recordLine });
    fields = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (state === 'quoted') {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          state = 'closed';
        }
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
    } else if (ch === ',') {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (state === 'closed') {
      if (ch !== ' ' && ch !== '\t') {
        throw new DataError(`unexpected ${JSON.stringify(ch)} after a closing quote; expected a comma or end of line (write a quote inside a quoted field as "")`, {
          file,
          line,
        });
      }
    } else if (ch === '"' && state === 'start') {
      state = 'quoted';
      quoteLine = line;
    } else {
      state = 'unquoted';
      field += ch;
    }
  }
  if (state === 'quoted') throw new DataError('unterminated quoted field: expected a closing quote before the end of the file', { file, line: quoteLine });
  if (state !== 'start' || fields.length > 0) endRecord();
  return records;
}
