// The head-to-head kind's preflight: the target data and every source task's data.
import type { HeadToHeadSpec } from '../../../../contract/spec.ts';
import type { DataLoader } from '../../worker/transfer/loadData.ts';
import { checkData, type PreflightProblem } from './files.ts';

export function preflightHeadToHead(spec: HeadToHeadSpec, load: DataLoader): Promise<PreflightProblem | null>[] {
  return [checkData(load, spec.target, 'target'), ...spec.sources.map((source, i) => checkData(load, source.data, `sources[${i}].data`))];
}
