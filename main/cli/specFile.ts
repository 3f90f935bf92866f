// Reading an experiment spec file: a missing file or broken JSON gets an error naming the
// file, line and column; the spec's own validation names the field.
import { readFileSync } from 'node:fs';
import { UsageError } from './command.ts';

export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

export function readSpecFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `spec file ${file} does not exist` : `cannot read spec file ${file}: ${String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const where = position?.[1] ? lineAndColumn(text, Number(position[1])) : null;
    throw new UsageError(
      `${file}${where ? `:${where.line}:${where.column}` : ''}: not valid JSON (${message.replace(/ in JSON at position \d+.*/, '')})`,
    );
  }
}
