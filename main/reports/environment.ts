// The environment the runs trained in, one row per property. Runs of one experiment usually
// share it; when they do not (resumed on another machine, a backend that failed to load), each
// distinct value is listed with how many runs had it, since that difference may explain a number.
import type { RunEnvironment, RunSummary } from '../../contract/model.ts';

export interface EnvironmentRow {
  label: string;
  value: string;
}

type Reader = (environment: RunEnvironment) => string | undefined;

const text = (value: unknown): string | undefined =>
  value === undefined || value === null || value === '' ? undefined : typeof value === 'string' ? value : JSON.stringify(value);

const PROPERTIES: [string, Reader][] = [
  ['Backend', (e) => text(e.backend)],
  ['Why this backend', (e) => text(e.backendReason)],
  ['CPU', (e) => text(e.cpu)],
  ['Cores', (e) => text(e.cores)],
  ['GPU', (e) => text(e.gpu) ?? 'none'],
  ['Platform', (e) => text(e.platform)],
];

function distinct(runs: RunSummary[], read: Reader): string | undefined {
  const counts = new Map<string, number>();
  for (const run of runs) {
    const value = run.environment ? read(run.environment) : undefined;
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  if (counts.size === 0) return undefined;
  if (counts.size === 1) return [...counts.keys()][0];
  return [...counts].map(([value, n]) => `${value} (${n} run${n === 1 ? '' : 's'})`).join('; ');
}

export function environmentRows(runs: RunSummary[]): EnvironmentRow[] {
  const recorded = runs.filter((r) => r.environment !== null);
  const rows: EnvironmentRow[] = [{ label: 'Runs with a recorded environment', value: `${recorded.length} of ${runs.length}` }];
  for (const [label, read] of PROPERTIES) {
    const value = distinct(recorded, read);
    if (value !== undefined) rows.push({ label, value });
  }
  const libraries = new Set<string>();
  for (const run of recorded) for (const name of Object.keys(run.environment?.versions ?? {})) libraries.add(name);
  for (const library of [...libraries].sort()) {
    const value = distinct(recorded, (e) => text(e.versions?.[library]));
    if (value !== undefined) rows.push({ label: `Version of ${library}`, value });
  }
  return rows;
}
