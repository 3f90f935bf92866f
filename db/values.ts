// Conversions between the domain's values and what the schema stores.
import { StoreError } from './errors.ts';

/** Timestamps are ISO 8601 in UTC, so they sort as text and need no time zone. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** JSON text for a JSON column; `field` names the input in the error. */
export function toJson(value: unknown, field: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new StoreError('invalid', `${field} cannot be stored as JSON: ${(error as Error).message}`, { cause: error });
  }
  // JSON.stringify returns undefined for undefined, functions and symbols.
  if (text === undefined) throw new StoreError('invalid', `${field} cannot be stored as JSON (it is ${typeof value})`);
  return text;
}

export function fromJson(text: string): unknown {
  return JSON.parse(text) as unknown;
}
