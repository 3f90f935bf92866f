// The New experiment form's model for a head-to-head spec: one target task, its related source
// tasks, and arms of both approaches — transfer arms (scratch first: every arm is judged
// against it) and multitask arms (architecture × weighting) — over the target's label budgets.
// The spec's arms are the transfer arms, then the multitask arms, so an error on arms[i] finds
// its input by index.
import { SPEC_VERSION } from '../../../../contract/spec.ts';
import { sourceTaskNames, TARGET_TASK } from '../../../../contract/specHeadToHead.ts';
import { commonInputs, modelFromSpec, modelToSpec, newModel, newTraining, runsFromSpec, runsToSpec, type ModelDraft, type TrainingDraft } from './commonDraft.ts';
import { defined, isObject, numberOrText, text } from './draftText.ts';
import { multitaskArmFromSpec, multitaskArmInputs, multitaskArmToSpec, newMultitaskArm, type MultitaskArmDraft } from './multitaskArmsDraft.ts';
import { armFromSpec, armToSpec, dataFromSpec, dataInputs, dataToSpec, emptyData, newArm, transferArmInputs, type ArmDraft, type DataDraft } from './transferDraft.ts';

export interface SourceTaskDraft {
  key: number;
  /** '' = "source" (or "source<i>" with several). */
  name: string;
  data: DataDraft;
  budget: string;
  epochs: string;
  lr: string;
}

export interface HeadToHeadDraft {
  kind: 'head-to-head';
  name: string;
  question: string;
  target: DataDraft;
  sources: SourceTaskDraft[];
  model: ModelDraft;
  transferArms: ArmDraft[];
  multitaskArms: MultitaskArmDraft[];
  seeds: string;
  budgets: string;
  training: TrainingDraft;
}

let nextKey = 1;
export function newSourceTask(data: DataDraft = emptyData('fashion-mnist', '0, 1, 2, 3, 4')): SourceTaskDraft {
  return { key: nextKey++, name: '', data, budget: '', epochs: '', lr: '' };
}

export function newHeadToHeadDraft(): HeadToHeadDraft {
  return {
    kind: 'head-to-head',
    name: '',
    question: '',
    target: emptyData('fashion-mnist', '5, 6, 7, 8, 9'),
    sources: [newSourceTask()],
    model: newModel('cnn', { filters: '16, 32', dense: '' }),
    transferArms: [newArm('scratch'), newArm('feature-extraction'), newArm('fine-tune')],
    multitaskArms: [newMultitaskArm('hard-sharing', 'equal'), newMultitaskArm('hard-sharing', 'uncertainty')],
    seeds: '1, 2, 3',
    budgets: '10/class, 50/class, 200/class',
    training: newTraining('10', '0.003'),
  };
}

export function headToHeadToSpec(draft: HeadToHeadDraft): Record<string, unknown> {
  return defined({
    version: SPEC_VERSION,
    name: draft.name,
    kind: 'head-to-head',
    question: draft.question.trim() || undefined,
    target: dataToSpec(draft.target),
    sources: draft.sources.map((s) =>
      defined({ name: s.name.trim() || undefined, data: dataToSpec(s.data), budget: s.budget.trim() || undefined, epochs: numberOrText(s.epochs), lr: numberOrText(s.lr) }),
    ),
    model: modelToSpec(draft.model),
    arms: [...draft.transferArms.map(armToSpec), ...draft.multitaskArms.map(multitaskArmToSpec)],
    ...runsToSpec(draft),
  });
}

export function headToHeadFromSpec(spec: unknown): HeadToHeadDraft {
  const draft = newHeadToHeadDraft();
  if (!isObject(spec)) return draft;
  draft.name = text(spec['name']);
  draft.question = text(spec['question']);
  draft.target = dataFromSpec(spec['target']);
  if (Array.isArray(spec['sources'])) {
    draft.sources = spec['sources'].filter(isObject).map((s) => ({
      ...newSourceTask(dataFromSpec(s['data'])),
      name: text(s['name']),
      budget: text(s['budget']),
      epochs: text(s['epochs']),
      lr: text(s['lr']),
    }));
  }
  draft.model = modelFromSpec(spec['model'], draft.model);
  if (Array.isArray(spec['arms'])) {
    const arms = spec['arms'].filter(isObject);
    draft.transferArms = arms.filter((a) => a['strategy'] !== undefined).map(armFromSpec);
    draft.multitaskArms = arms.filter((a) => a['strategy'] === undefined).map(multitaskArmFromSpec);
  }
  runsFromSpec(spec, draft);
  return draft;
}

/** Task names the multitask arms train, in the order static weights are given. */
export function headToHeadTasks(draft: HeadToHeadDraft): string[] {
  return [TARGET_TASK, ...sourceTaskNames({ sources: draft.sources.map((s) => ({ name: s.name.trim() || undefined })) })];
}

export function headToHeadInputs(draft: HeadToHeadDraft): Set<string> {
  const paths = [...commonInputs(draft.model), 'sources'];
  paths.push(...dataInputs('target', draft.target));
  draft.sources.forEach((s, i) => paths.push(`sources[${i}]`, ...['name', 'budget', 'epochs', 'lr'].map((f) => `sources[${i}].${f}`), ...dataInputs(`sources[${i}].data`, s.data)));
  paths.push(...transferArmInputs(draft.transferArms), ...multitaskArmInputs(draft.multitaskArms, draft.transferArms.length));
  return new Set(paths);
}
