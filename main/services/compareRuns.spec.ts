// Comparing selected runs: the same numbers as the experiment's comparison for one
// experiment; across experiments, arms are named by experiment and gains stay per experiment.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/open.ts';
import { tempDir } from '../../tests/support/seed.ts';
import { compareSpec, seedComparison } from '../../tests/support/seedCompare.ts';
import { compareExperiment } from './compare.ts';
import { CROSS_EXPERIMENT_CONVENTION } from '../../analysis/comparison/runSets.ts';
import { compareRuns } from './compareRuns.ts';

describe('compareRuns', () => {
  const store = openStore(join(tempDir(), 'graft.db'));
  const a = seedComparison(store);
  const b = seedComparison(store, { ...compareSpec, name: 'Second copy', budgets: ['10/class'] });

  it('on all target runs of one experiment equals compareExperiment', () => {
    const whole = compareExperiment(store, a.experimentId);
    const selected = compareRuns(store, a.runIds);
    expect(selected.arms).toEqual(whole.arms);
    expect(selected.primary).toEqual(whole.primary);
    expect(selected.experiments).toEqual([whole.experiment]);
  });

  it('across experiments names arms by experiment and keeps each gain against its own scratch', () => {
    const result = compareRuns(store, [...a.targetRunIds, ...b.targetRunIds]);
    expect(result.experiments.map((e) => e.id)).toEqual([a.experimentId, b.experimentId]);
    expect(result.conventions).toContain(CROSS_EXPERIMENT_CONVENTION);
    const names = result.arms.map((arm) => `${arm.name}@${arm.budget}`);
    expect(names).toContain('Second copy: fine-tune@10/class');
    const ownGain = compareExperiment(store, b.experimentId).arms.find((arm) => arm.name === 'fine-tune')?.transferGain;
    expect(result.arms.find((arm) => arm.name === 'Second copy: fine-tune')?.transferGain).toEqual(ownGain);
  });

  it('says which run does not exist', () => {
    expect(() => compareRuns(store, [a.runIds[0] as number, 99_999])).toThrow(/run 99999 does not exist/);
  });
});
