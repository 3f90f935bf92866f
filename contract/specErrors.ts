// Turns zod issues into errors a user can act on: the field path as written in the spec
// (`arms[2].strategy`) and what is allowed (`must be one of scratch, fine-tune, …; got "finetune"`).
import type { z } from 'zod';

export interface SpecError {
  field: string;
  message: string;
}

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(spec)' : out;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function inputOf(issue: Issue): unknown {
  return 'input' in issue ? issue.input : undefined;
}

function got(issue: Issue): string {
  return inputOf(issue) === undefined ? '' : `; got ${shown(inputOf(issue))}`;
}

/** JSON has no undefined, so an undefined input means the field was absent. */
function isMissing(issue: Issue): boolean {
  return inputOf(issue) === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
}

function messageOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_value':
      if (isMissing(issue)) return 'is required';
      return issue.values.length === 1
        ? `must be ${shown(issue.values[0])}${got(issue)}`
        : `must be one of ${issue.values.map((v) => String(v)).join(', ')}${got(issue)}`;
    case 'invalid_type':
      if (isMissing(issue)) return 'is required';
      return `must be ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`}${got(issue)}`;
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return `must not be empty`;
      return `must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}${got(issue)}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${String(issue.maximum)} item(s)`;
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      return `must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}${got(issue)}`;
    case 'unrecognized_keys':
      return `unknown field(s): ${issue.keys.join(', ')}`;
    default:
      return `${issue.message}${got(issue)}`;
  }
}

/**
 * A union of objects told apart by which key they carry ({builtin} | {idx} | …): report the
 * errors of the branch whose key is present, or list the keys when none is.
 */
function unionErrors(issue: Extract<Issue, { code: 'invalid_union' }>, base: readonly PathKey[]): SpecError[] {
  if (issue.errors.length === 0) {
    const options = (issue as { options?: unknown[] }).options;
    const allowed = options ? `must be one of ${options.map(String).join(', ')}` : issue.message;
    return [{ field: formatPath([...base, ...issue.path]), message: `${allowed}${got(issue)}` }];
  }
  const present = issue.errors.filter((branch) => !branch.some((i) => i.path.length === 1 && isMissing(i)));
  if (present.length === 1 && present[0]) return flatten(present[0], [...base, ...issue.path]);
  const keys = issue.errors
    .map((branch) => branch.find((i) => i.path.length === 1 && isMissing(i))?.path[0])
    .filter((k): k is PathKey => k !== undefined)
    .map(String);
  const what = keys.length > 0 ? `must have exactly one of the fields ${keys.join(', ')}` : issue.message;
  return [{ field: formatPath([...base, ...issue.path]), message: `${what}${got(issue)}` }];
}

export function flatten(issues: readonly Issue[], base: readonly PathKey[] = []): SpecError[] {
  const out: SpecError[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union') out.push(...unionErrors(issue, base));
    else out.push({ field: formatPath([...base, ...issue.path]), message: messageOf(issue) });
  }
  return out;
}
