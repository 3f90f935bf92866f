// Checks an experiment's data and source before anything is stored: a user's file that
// cannot be read (an IDX with a wrong magic number, a CSV without the target column, an
// unreadable image, a model.json whose weights don't match) is an error naming the file at
// submit time, not a queue of runs that all fail the same way.
//
// Each kind's checks are in preflight/<kind>.ts, listed once here (one line per kind).
import type { ExperimentSpec } from '../../../contract/spec.ts';
import type { ExperimentKind } from '../../../contract/model.ts';
import { loadDataRef, loadingEachFileOnce, type DataLoader } from '../worker/transfer/loadData.ts';
import type { PreflightProblem } from './preflight/files.ts';
import { preflightHeadToHead } from './preflight/headToHead.ts';
import { preflightMultitask } from './preflight/multitask.ts';
import { preflightTransfer } from './preflight/transfer.ts';

export type { PreflightProblem };

/** A kind's checks: each promise resolves to a problem, or null when that part is fine. */
interface KindPreflight<Spec> {
  checks(spec: Spec, load: DataLoader): Promise<PreflightProblem | null>[];
}

const PREFLIGHTS: Record<ExperimentKind, KindPreflight<ExperimentSpec>> = {
  transfer: { checks: preflightTransfer },
  multitask: { checks: preflightMultitask },
  'head-to-head': { checks: preflightHeadToHead },
};

/** Every problem with the spec's files; an empty list when the experiment can start. */
export async function preflightSpec(spec: ExperimentSpec, load: DataLoader = loadDataRef): Promise<PreflightProblem[]> {
  const checks = PREFLIGHTS[spec.kind].checks(spec, loadingEachFileOnce(load));
  return (await Promise.all(checks)).filter((p): p is PreflightProblem => p !== null);
}
