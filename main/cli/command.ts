// The shape every `graft` subcommand has, so main.ts can parse flags, print usage and
// map failures to exit codes in one place.
import type { ParseArgsConfig } from 'node:util';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stdout is a terminal: progress bars redraw in place only then. */
  isTTY: boolean;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  dbPath: string;
  io: CliIO;
  values: OptionValues;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  /** e.g. "graft list [--json]" */
  usage: string;
  options: OptionSpec;
  /** Names of positional arguments, for usage errors. */
  positionals?: { min: number; max: number };
  run(ctx: CommandContext): Promise<number>;
}

/** A failure the user caused (bad flag value, missing file): printed without a stack, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function intOption(values: OptionValues, name: string, range: { min: number; max: number }): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new UsageError(`--${name} must be a whole number from ${range.min} to ${range.max}; got "${text}"`);
  }
  return value;
}
