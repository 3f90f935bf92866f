// The config diff: of every run's resolved config, only the fields whose values differ
// between the runs, so "what changed between these runs?" is answered at a glance.

export interface ConfigDiffRow {
  path: string;
  /** One value per run, as text; "—" where a run's config lacks the field. */
  values: string[];
}

export const MISSING = '—';

/** Leaves of a config as dotted paths; arrays are leaves (filters [16, 32] is one value). */
export function flattenConfig(config: unknown, prefix = '', out: Map<string, string> = new Map()): Map<string, string> {
  if (config !== null && typeof config === 'object' && !Array.isArray(config)) {
    for (const [key, value] of Object.entries(config as Record<string, unknown>)) flattenConfig(value, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, typeof config === 'string' ? config : JSON.stringify(config));
  }
  return out;
}

export function configDiff(configs: readonly unknown[]): ConfigDiffRow[] {
  const flat = configs.map((c) => flattenConfig(c));
  const paths = new Set<string>();
  for (const f of flat) for (const path of f.keys()) paths.add(path);
  const rows: ConfigDiffRow[] = [];
  for (const path of [...paths].sort()) {
    const values = flat.map((f) => f.get(path) ?? MISSING);
    if (new Set(values).size > 1) rows.push({ path, values });
  }
  return rows;
}

export const VARIES = 'varies';

export interface ArmDiff {
  arm: string;
  runs: number;
  /** One value per diff row: the arm's value, or "varies" where its own runs differ. */
  values: string[];
}

/**
 * The diff collapsed to one row per arm: what sets the arms apart. Fields that differ only
 * within an arm (the seed) say "varies"; fields that are "varies" for every arm are dropped,
 * since they do not tell the arms apart.
 */
export function armConfigDiff(runs: readonly { arm: string; config: unknown }[]): { paths: string[]; arms: ArmDiff[] } {
  const rows = configDiff(runs.map((r) => r.config));
  const arms = [...new Set(runs.map((r) => r.arm))];
  const collapsed = arms.map((arm) => {
    const at = runs.flatMap((r, i) => (r.arm === arm ? [i] : []));
    return { arm, runs: at.length, values: rows.map((row) => { const seen = new Set(at.map((i) => row.values[i])); return seen.size === 1 ? [...seen][0] as string : VARIES; }) };
  });
  const keep = rows.map((_, c) => new Set(collapsed.map((a) => a.values[c])).size > 1);
  return { paths: rows.filter((_, c) => keep[c]).map((r) => r.path), arms: collapsed.map((a) => ({ ...a, values: a.values.filter((_, c) => keep[c]) })) };
}
