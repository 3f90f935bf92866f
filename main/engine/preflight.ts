// Checks an experiment's data and source before anything is stored: a user's file that
// cannot be read (an IDX with a wrong magic number, a CSV without the target column, an
// unreadable image, a model.json whose weights don't match) is an error naming the file at
// submit time, not a queue of runs that all fail the same way.
import type { DataRef, ExperimentSpec } from '../../contract/spec.ts';
import type { BuiltinName } from '../data/builtin.ts';
import { budgetProblems } from './budgetPreflight.ts';
import { loadDataRef, loadingEachFileOnce, type DataLoader } from './train/loadData.ts';

export interface PreflightProblem {
  /** Spec field the problem is about, e.g. "target" or "source.modelPath". */
  field: string;
  message: string;
}

const BUILTIN_CLASS_COUNTS: Record<BuiltinName, number> = { 'fashion-mnist': 10, digits: 10, penguins: 3 };

async function checkData(load: DataLoader, ref: DataRef, field: string): Promise<PreflightProblem | null> {
  const classes = ref.classes ?? [];
  if ('builtin' in ref) {
    const count = BUILTIN_CLASS_COUNTS[ref.builtin];
    const bad = classes.find((c) => c >= count);
    return bad === undefined ? null : { field: `${field}.classes`, message: `${ref.builtin} has classes 0–${count - 1}; got ${bad}` };
  }
  try {
    const dataset = await load(ref);
    const task = dataset.tasks[0];
    if (task?.type === 'classification' && classes.length > 0) {
      const count = task.classes?.length ?? 0;
      const bad = classes.find((c) => c >= count);
      if (bad !== undefined) return { field: `${field}.classes`, message: `${dataset.name} has ${count} classes (0–${count - 1}); got ${bad}` };
    }
    return null;
  } catch (error) {
    return { field, message: error instanceof Error ? error.message : String(error) };
  }
}

async function checkModelFile(path: string): Promise<PreflightProblem | null> {
  // loadModel reads model.json, checks every weight file's size against its manifest and
  // builds the model; loaded on demand because it brings TensorFlow.js in.
  const { loadModel } = await import('./modelIO.ts');
  try {
    const { model } = await loadModel(path);
    model.dispose();
    return null;
  } catch (error) {
    return { field: 'source.modelPath', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Every problem with the spec's files; an empty list when the experiment can start. */
export async function preflightSpec(spec: ExperimentSpec, load: DataLoader = loadDataRef): Promise<PreflightProblem[]> {
  const loadOnce = loadingEachFileOnce(load);
  const checks: Promise<PreflightProblem | null>[] = [];
  if (spec.kind === 'transfer') {
    checks.push(checkData(loadOnce, spec.target, 'target'));
    if (spec.source && 'pretrain' in spec.source) checks.push(checkData(loadOnce, spec.source.pretrain.data, 'source.pretrain.data'));
    if (spec.source && 'modelPath' in spec.source) checks.push(checkModelFile(spec.source.modelPath));
  } else if (spec.kind === 'head-to-head') {
    checks.push(checkData(loadOnce, spec.target, 'target'));
    spec.sources.forEach((source, i) => checks.push(checkData(loadOnce, source.data, `sources[${i}].data`)));
  }
  const budgets = spec.kind === 'multitask' ? [] : budgetProblems(loadOnce, { ...spec, ref: spec.target }, 'budgets');
  return [...(await Promise.all(checks)), ...(await budgets)].filter((p): p is PreflightProblem => p !== null);
}
