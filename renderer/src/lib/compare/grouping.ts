// How the compare view groups runs: by arm (the usual), arm and budget (when an experiment
// has several budgets), or any field of the resolved config ("training.lr").
import { byConfigPath } from '../../../../analysis/aggregate.ts';
import type { RunSummary } from '../../../../contract/model.ts';
import { flattenConfig } from './configDiff.ts';

export type GroupChoice = { by: 'arm' } | { by: 'arm-budget' } | { by: 'config'; path: string };

type Groupable = Pick<RunSummary, 'arm' | 'budget' | 'config' | 'experimentId'>;

export function groupKeyFn(choice: GroupChoice, experimentName?: (id: number) => string): (run: Groupable) => string {
  const prefix = (run: Groupable) => (experimentName ? `${experimentName(run.experimentId)}: ` : '');
  switch (choice.by) {
    case 'arm':
      return (run) => prefix(run) + run.arm;
    case 'arm-budget':
      return (run) => `${prefix(run)}${run.arm} @ ${run.budget}`;
    case 'config': {
      const key = byConfigPath(choice.path);
      return (run) => `${choice.path} = ${key(run)}`;
    }
  }
}

/** The default grouping: arm, with the budget too when the runs span several budgets. */
export function defaultGrouping(runs: readonly Pick<RunSummary, 'budget'>[]): GroupChoice {
  return new Set(runs.map((r) => r.budget)).size > 1 ? { by: 'arm-budget' } : { by: 'arm' };
}

/** Dotted paths of every leaf in the configs, for the "group by config field" picker. */
export function configPaths(configs: readonly unknown[]): string[] {
  const leaves = new Map<string, string>();
  for (const config of configs) flattenConfig(config, '', leaves);
  return [...leaves.keys()].sort();
}

/** Only the config paths whose value differs between the runs: grouping by a constant says nothing. */
export function varyingConfigPaths(configs: readonly unknown[]): string[] {
  const flat = configs.map((c) => flattenConfig(c));
  return configPaths(configs).filter((path) => new Set(flat.map((f) => f.get(path) ?? '')).size > 1);
}

/** Each value once, in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Each distinct value's place in first-seen order. */
export function places<T>(values: Iterable<T>): ReadonlyMap<T, number> {
  return new Map(distinct(values).map((value, at) => [value, at]));
}

/** id → name, for labelling runs by their experiment. */
export function namesById(items: readonly { id: number; name: string }[]): ReadonlyMap<number, string> {
  return new Map(items.map((e) => [e.id, e.name]));
}
