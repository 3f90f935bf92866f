// The checks every kind's preflight is made of: a data reference that loads (and has the
// classes the spec names), a model file that loads with weights matching its manifest.
import type { DataRef } from '../../../../contract/spec.ts';
import type { BuiltinName } from '../../../data/builtin.ts';
import type { DataLoader } from '../../worker/transfer/loadData.ts';

export interface PreflightProblem {
  /** Spec field the problem is about, e.g. "target" or "source.modelPath". */
  field: string;
  message: string;
}

const BUILTIN_CLASS_COUNTS: Record<BuiltinName, number> = { 'fashion-mnist': 10, digits: 10, penguins: 3 };

export async function checkData(load: DataLoader, ref: DataRef, field: string): Promise<PreflightProblem | null> {
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

export async function checkModelFile(path: string): Promise<PreflightProblem | null> {
  // loadModel reads model.json, checks every weight file's size against its manifest and
  // builds the model; loaded on demand because it brings TensorFlow.js in.
  const { loadModel } = await import('../../worker/modelIO.ts');
  try {
    const { model } = await loadModel(path);
    model.dispose();
    return null;
  } catch (error) {
    return { field: 'source.modelPath', message: error instanceof Error ? error.message : String(error) };
  }
}
