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
