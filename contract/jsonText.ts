// Parsing JSON a user wrote (a spec, a model.json, a request body): a syntax error says where,
// as "file:line:column", the way editors jump to it. V8 reports only a character position
// (newer versions add the line), so the line and column are counted here. Pure.

export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

/** The syntax problem of `text` as "WHERE:LINE:COLUMN: not valid JSON (…)", from the error JSON.parse threw. */
export function jsonSyntaxMessage(text: string, where: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const at = position?.[1] ? lineAndColumn(text, Number(position[1])) : /Unexpected end of JSON input/.test(message) ? lineAndColumn(text, text.length) : null;
  const reason = message.replace(/ in JSON at position \d+.*/, '').replace(/ \(line \d+ column \d+\)$/, '');
  return `${where}${at ? `:${at.line}:${at.column}` : ''}: not valid JSON (${reason})`;
}

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

/** JSON.parse, throwing JsonSyntaxError with the line and column of a syntax error. */
export function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new JsonSyntaxError(jsonSyntaxMessage(text, where, error));
  }
}
