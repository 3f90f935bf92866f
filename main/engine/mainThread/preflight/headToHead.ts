// The head-to-head kind's preflight: the target data, every source task's data, and per-class
// budgets the target's classes can give.
import type { HeadToHeadSpec } from '../../../../contract/spec.ts';
import type { DataLoader } from '../../worker/transfer/loadData.ts';
import { budgetChecks } from './budgets.ts';
import { checkData, type PreflightProblem } from './files.ts';

export function preflightHeadToHead(spec: HeadToHeadSpec, load: DataLoader): Promise<PreflightProblem | null>[] {
  return [
    checkData(load, spec.target, 'target'),
    ...spec.sources.map((source, i) => checkData(load, source.data, `sources[${i}].data`)),
    ...budgetChecks(load, { ...spec, ref: spec.target }, 'budgets'),
  ];
}
