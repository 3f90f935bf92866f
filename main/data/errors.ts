// One error type for every bad dataset input, so callers (spec validation, the CLI, the UI)
// can show where the problem is — file, line, column — not just that loading failed.

export interface DataErrorWhere {
  /** The file or folder at fault. Absent only when the bad input is not a file (a budget string, a class list). */
  file?: string;
  /** 1-based line in a text file (CSV). */
  line?: number;
  /** Column name in a table. */
  column?: string;
  /** The option or spec field at fault, e.g. "budget", "shape", "classes". */
  field?: string;
}

export class DataError extends Error implements DataErrorWhere {
  readonly file?: string;
  readonly line?: number;
  readonly column?: string;
  readonly field?: string;

  /** `problem` says what is wrong and what was expected; the location is prefixed here. */
  constructor(problem: string, where: DataErrorWhere = {}) {
    super(prefix(where) + problem);
    this.name = 'DataError';
    if (where.file !== undefined) this.file = where.file;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
    if (where.field !== undefined) this.field = where.field;
  }
}

// "file:line: " like compilers print, so a message alone (as it crosses a transport) still says where.
function prefix(where: DataErrorWhere): string {
  if (where.file === undefined) return where.field === undefined ? '' : `${where.field}: `;
  return where.line === undefined ? `${where.file}: ` : `${where.file}:${where.line}: `;
}

/** The message of anything thrown, for wrapping third-party errors (some libraries throw strings). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
