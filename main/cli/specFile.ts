// Reading an experiment spec file: a missing file or broken JSON gets an error naming the
// file, line and column; the spec's own validation names the field.
import { readFileSync } from 'node:fs';
import { jsonSyntaxMessage } from '../../contract/jsonText.ts';
import { UsageError } from './command.ts';

export { lineAndColumn } from '../../contract/jsonText.ts';

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
    throw new UsageError(jsonSyntaxMessage(text, file, error));
  }
}
