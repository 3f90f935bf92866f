// The transfer kind's preflight: the target data, the pretraining data, the source model file,
// per-class budgets the target's classes can give.
import type { TransferSpec } from '../../../../contract/spec.ts';
import type { DataLoader } from '../../worker/transfer/loadData.ts';
import { budgetChecks } from './budgets.ts';
import { checkData, checkModelFile, type PreflightProblem } from './files.ts';

export function preflightTransfer(spec: TransferSpec, load: DataLoader): Promise<PreflightProblem | null>[] {
  const checks = [checkData(load, spec.target, 'target')];
  if (spec.source && 'pretrain' in spec.source) checks.push(checkData(load, spec.source.pretrain.data, 'source.pretrain.data'));
  if (spec.source && 'modelPath' in spec.source) checks.push(checkModelFile(spec.source.modelPath));
  return [...checks, ...budgetChecks(load, { ...spec, ref: spec.target }, 'budgets')];
}
