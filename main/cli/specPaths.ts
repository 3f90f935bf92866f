// The data paths inside a spec file given to `graft run`. A relative path means "next to this
// spec": it resolves against the spec file's folder (not the shell's working directory) and must
// stay inside it — `..` or a symlink that leads out is refused naming the field and the path,
// by the same rule as a model's weight paths (main/data/containment.ts). An absolute path is the
// user's explicit choice and is used as written; the experiment's data notes record it, so a
// result that read a file from elsewhere says so wherever it is shown.
import { dirname, isAbsolute, resolve } from 'node:path';
import type { DataNote } from '../../contract/dataNotes.ts';
import { inputLimitProblem } from '../../contract/limits.ts';
import { resolveInside } from '../data/containment.ts';
import { DataError } from '../data/errors.ts';
import { UsageError } from './command.ts';

/** Keys whose string value is a path to read; `images`/`labels` only inside an `idx` reference. */
const PATH_KEYS = new Set(['csv', 'imageFolder', 'modelPath']);
const IDX_KEYS = new Set(['images', 'labels']);

interface WrittenPath {
  holder: Record<string, unknown>;
  key: string;
  /** The spec field of the path, e.g. "target.csv", "sources[1].data.idx.images". */
  field: string;
  /** The spec field of the data the path belongs to, as data notes name it ("target", "source.modelPath"). */
  data: string;
}

function pathsIn(value: unknown, field: string, parentKey: string, found: WrittenPath[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => pathsIn(item, `${field}[${i}]`, parentKey, found));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const holder = value as Record<string, unknown>;
  for (const [key, inner] of Object.entries(holder)) {
    const at = field ? `${field}.${key}` : key;
    const isPath = PATH_KEYS.has(key) || (parentKey === 'idx' && IDX_KEYS.has(key));
    if (isPath && typeof inner === 'string') {
      const data = key === 'modelPath' ? at : parentKey === 'idx' ? field.replace(/\.idx$/, '') : field;
      found.push({ holder, key, field: at, data });
    } else {
      pathsIn(inner, at, key, found);
    }
  }
}

export interface ResolvedSpec {
  /** The spec with every relative data path made absolute (the other fields untouched). */
  spec: unknown;
  /** One note per absolute path written in the spec, for the experiment's data notes. */
  notes: DataNote[];
}

/** Resolves the data paths of `spec`, read from `specFile`; refuses a relative path that leaves the spec's folder. */
export async function resolveSpecPaths(spec: unknown, specFile: string): Promise<ResolvedSpec> {
  // A spec too deep to walk is refused by parseSpec with the limit named; it is left as it is here.
  if (inputLimitProblem(spec) !== null) return { spec, notes: [] };
  const folder = dirname(resolve(specFile));
  const found: WrittenPath[] = [];
  pathsIn(spec, '', '', found);
  const notes: DataNote[] = [];
  for (const { holder, key, field, data } of found) {
    const written = holder[key] as string;
    if (isAbsolute(written)) {
      notes.push({ data, note: `read from the absolute path ${written} as written in ${specFile} (not resolved against the spec's folder)` });
      continue;
    }
    try {
      holder[key] = await resolveInside(folder, written, 'data path');
    } catch (error) {
      if (error instanceof DataError) throw new UsageError(`${specFile}: ${field}: ${error.message}`);
      throw error;
    }
  }
  return { spec, notes };
}
