// The config fields that differ between an experiment's runs: what actually changed from one
// arm to the next (lr, strategy, freeze depth...), without the hundred fields they share.
// Each differing field lists its values and the arms that used each one.
import type { RunSummary } from '../../contract/model.ts';

export interface ConfigDiffRow {
  /** Dotted path, e.g. "training.lr". */
  field: string;
  values: { value: string; arms: string[] }[];
}

const UNSET = '(unset)';

/** Leaves of a JSON value by dotted path; arrays are leaves (a layer list differs as a whole). */
function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix) {
    into.set(prefix, typeof value === 'string' ? value : JSON.stringify(value) ?? UNSET);
  }
}

export function configDiff(runs: readonly RunSummary[]): ConfigDiffRow[] {
  const flat = runs.map((run) => {
    const fields = new Map<string, string>();
    flatten(run.config, '', fields);
    return { run, fields };
  });
  const paths = new Set<string>();
  for (const { fields } of flat) for (const path of fields.keys()) paths.add(path);
  const rows: ConfigDiffRow[] = [];
  for (const field of [...paths].sort()) {
    const arms = new Map<string, Set<string>>();
    for (const { run, fields } of flat) {
      const value = fields.get(field) ?? UNSET;
      const set = arms.get(value) ?? new Set<string>();
      arms.set(value, set);
      set.add(run.arm);
    }
    if (arms.size < 2) continue;
    rows.push({ field, values: [...arms].map(([value, set]) => ({ value, arms: [...set] })) });
  }
  return rows;
}

/** "0.0001 (fine-tune, lp-ft); 0.001 (scratch)", or "every arm" when all arms used the value. */
export function describeValues(row: ConfigDiffRow, allArms: readonly string[]): string[] {
  return row.values.map(({ value, arms }) => {
    const who = arms.length === allArms.length && allArms.length > 1 ? 'every arm' : arms.join(', ');
    return `${value} (${who})`;
  });
}
