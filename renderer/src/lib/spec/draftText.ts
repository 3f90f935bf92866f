// Form inputs hold text as typed; these turn it into spec values and back. Anything that is not
// a number stays the text typed, so the validator's message ("must be a number; got "1e"")
// names the real input.

/** A number, or the text as typed when it is not one (so the validator names it); undefined when empty. */
export function numberOrText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

export function listOf(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function numberList(text: string): (number | string)[] {
  return listOf(text).map((s) => numberOrText(s) as number | string);
}

/** Drops undefined and empty fields, so an empty input means "use the default". */
export function defined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A spec value as input text: lists joined by ", ", nothing as "". */
export const text = (v: unknown): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v));
