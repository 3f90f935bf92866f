// Which cells of a comparison's table are marked best: per label budget, per column (every
// metric key, the transfer gain, the gain vs the scratch baseline, Δm), the one arm best.ts's
// rule finds ahead of the runner-up beyond the seeds' noise. The result travels with each arm
// (ArmComparison.best), so the app, the CLI and every report show the same marks.
import type { ArmComparison, PrimaryMetric } from '../../contract/compare.ts';
import { metricDirection, orientDifference } from '../metricDirection.ts';
import type { ArmGroup } from './arms.ts';
import { bestCandidate, type BestCandidate } from './best.ts';

/** What a mark means, in one sentence every view prints beside its table. */
export const BEST_RULE =
  'Best per column within each label budget: the arm ahead of the runner-up with the 95% CI of the difference above 0 (paired by seed where both share seeds, else Welch); none is marked when the lead is within noise.';

/** The columns that are not a metric key, named by the ArmComparison field they show. */
export const GAIN_COLUMN = 'transferGain';
export const VS_BASELINE_COLUMN = 'gainVsBaseline';
export const DELTA_M_COLUMN = 'deltaM';

/** Per arm (by index), per seed: the arm's value in a column that is not a metric key. */
export type SeedColumn = ReadonlyMap<number, ReadonlyMap<number, number>>;

function oriented(group: ArmGroup | undefined, key: string, direction: 'max' | 'min'): Map<number, number> {
  return new Map([...(group?.values ?? new Map<number, Map<string, number>>())].map(([seed, values]) => [seed, orientDifference(values.get(key) ?? Number.NaN, direction)]));
}

/**
 * `arms` with `best` set on each: the columns where it is marked. Arm i is summarized from
 * `groups[i]`'s seeds. `deltaMSeeds`: per arm its Δm per seed (multitask experiments).
 */
export function markBest(
  arms: readonly ArmComparison[],
  groups: readonly ArmGroup[],
  primary: PrimaryMetric | null,
  deltaMSeeds: SeedColumn = new Map(),
): ArmComparison[] {
  const best = arms.map((): string[] => []);
  const columns: { id: string; candidate: (arm: ArmComparison, i: number) => BestCandidate | null }[] = [];
  const keys = [...new Set(arms.flatMap((a) => Object.keys(a.metrics)))].sort();
  for (const key of keys) {
    const direction = metricDirection(key.split('/').slice(2).join('/') || key);
    columns.push({
      id: key,
      candidate: (arm, i) => {
        const m = arm.metrics[key];
        return m && m.n > 0 ? { score: orientDifference(m.mean, direction), seeds: oriented(groups[i], key, direction) } : null;
      },
    });
  }
  if (primary) {
    // A gain is the arm's metric minus the same scratch mean, so gains differ as the metric does.
    for (const id of [GAIN_COLUMN, VS_BASELINE_COLUMN] as const) {
      columns.push({
        id,
        candidate: (arm, i) => {
          const gain = arm[id];
          return gain ? { score: gain.abs, seeds: oriented(groups[i], primary.key, primary.direction) } : null;
        },
      });
    }
  }
  columns.push({
    id: DELTA_M_COLUMN,
    candidate: (arm, i) => (!arm.baseline && typeof arm.deltaM === 'number' ? { score: arm.deltaM, seeds: deltaMSeeds.get(i) ?? new Map() } : null),
  });

  for (const budget of new Set(arms.map((a) => a.budget))) {
    const here = arms.flatMap((arm, index) => (arm.budget === budget ? [index] : []));
    for (const column of columns) {
      const entries = here.flatMap((index) => {
        const candidate = column.candidate(arms[index]!, index);
        return candidate ? [{ index, candidate }] : [];
      });
      const winner = bestCandidate(entries.map((e) => e.candidate));
      if (winner !== null) best[entries[winner]!.index]!.push(column.id);
    }
  }
  return arms.map((arm, i) => ({ ...arm, best: best[i]! }));
}
