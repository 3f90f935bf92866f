// The New experiment form's model for a multitask spec: data with several tasks (penguins,
// MultiFashion, or a CSV with several target columns), the arms as architectures × weightings,
// the single-task baselines, and the shared model and training settings.
import { SPEC_VERSION } from '../../../../contract/spec.ts';
import { MULTITASK_BUILTINS, TASK_TYPES, type MultitaskBuiltin, type MultitaskTaskType } from '../../../../contract/specMultitask.ts';
import { commonInputs, modelFromSpec, modelToSpec, newModel, newTraining, runsFromSpec, runsToSpec, type ModelDraft, type TrainingDraft } from './commonDraft.ts';
import { defined, isObject, listOf, text } from './draftText.ts';
import { multitaskArmFromSpec, multitaskArmInputs, multitaskArmToSpec, newMultitaskArm, type MultitaskArmDraft } from './multitaskArmsDraft.ts';

export interface TaskDraft {
  key: number;
  name: string;
  /** '' = inferred from the column. */
  type: MultitaskTaskType | '';
}

export interface MultitaskDataDraft {
  kind: 'builtin' | 'csv';
  builtin: MultitaskBuiltin;
  /** Built-in data: its tasks that are ticked. */
  builtinTasks: string[];
  csv: string;
  /** Feature columns, comma separated; empty = every column that is not a task. */
  features: string;
  missing: 'error' | 'drop';
  /** CSV: one task per target column. */
  tasks: TaskDraft[];
}

export interface MultitaskDraft {
  kind: 'multitask';
  name: string;
  question: string;
  data: MultitaskDataDraft;
  model: ModelDraft;
  arms: MultitaskArmDraft[];
  singleTaskBaselines: boolean;
  seeds: string;
  budgets: string;
  training: TrainingDraft;
}

let nextTaskKey = 1;
export function newTask(name = '', type: MultitaskTaskType | '' = ''): TaskDraft {
  return { key: nextTaskKey++, name, type };
}

export function newMultitaskDraft(): MultitaskDraft {
  return {
    kind: 'multitask',
    name: '',
    question: '',
    data: { kind: 'builtin', builtin: 'penguins', builtinTasks: [...MULTITASK_BUILTINS.penguins], csv: '', features: '', missing: 'error', tasks: [newTask(), newTask()] },
    model: newModel('mlp', { hidden: '32, 16' }),
    arms: ['equal', 'uncertainty', 'pcgrad', 'mgda'].map((w) => newMultitaskArm('hard-sharing', w as MultitaskArmDraft['weighting'])),
    singleTaskBaselines: true,
    seeds: '1, 2, 3',
    budgets: 'all',
    training: newTraining('20', '0.005'),
  };
}

/** Task names in order: the ticked built-in tasks, or the CSV's target columns. */
export function taskNames(data: MultitaskDataDraft): string[] {
  if (data.kind === 'builtin') return MULTITASK_BUILTINS[data.builtin].filter((t) => data.builtinTasks.includes(t));
  return data.tasks.map((t) => t.name.trim()).filter(Boolean);
}

function dataToSpec(d: MultitaskDataDraft): { data: Record<string, unknown>; tasks: unknown } {
  if (d.kind === 'builtin') {
    const all = MULTITASK_BUILTINS[d.builtin];
    const ticked = all.filter((t) => d.builtinTasks.includes(t));
    return { data: { builtin: d.builtin }, tasks: ticked.length === all.length ? undefined : ticked };
  }
  const features = listOf(d.features);
  return {
    data: defined({ csv: d.csv, features: features.length > 0 ? features : undefined, missing: d.missing === 'error' ? undefined : d.missing }),
    tasks: d.tasks.map((t) => (t.type ? { name: t.name.trim(), type: t.type } : t.name.trim())),
  };
}

export function multitaskToSpec(draft: MultitaskDraft): Record<string, unknown> {
  const { data, tasks } = dataToSpec(draft.data);
  return defined({
    version: SPEC_VERSION,
    name: draft.name,
    kind: 'multitask',
    question: draft.question.trim() || undefined,
    data,
    tasks,
    model: modelToSpec(draft.model),
    arms: draft.arms.map(multitaskArmToSpec),
    singleTaskBaselines: draft.singleTaskBaselines ? undefined : false,
    ...runsToSpec(draft),
  });
}

function isBuiltin(v: unknown): v is MultitaskBuiltin {
  return typeof v === 'string' && v in MULTITASK_BUILTINS;
}

export function multitaskFromSpec(spec: unknown): MultitaskDraft {
  const draft = newMultitaskDraft();
  if (!isObject(spec)) return draft;
  draft.name = text(spec['name']);
  draft.question = text(spec['question']);
  const data = spec['data'];
  const tasks = Array.isArray(spec['tasks']) ? spec['tasks'] : null;
  const taskName = (t: unknown) => (isObject(t) ? text(t['name']) : text(t));
  if (isObject(data) && isBuiltin(data['builtin'])) {
    const builtin = data['builtin'];
    draft.data = { ...draft.data, kind: 'builtin', builtin, builtinTasks: tasks ? tasks.map(taskName) : [...MULTITASK_BUILTINS[builtin]] };
  } else if (isObject(data) && typeof data['csv'] === 'string') {
    const type = (t: unknown) => (isObject(t) && (TASK_TYPES as readonly unknown[]).includes(t['type']) ? (t['type'] as MultitaskTaskType) : '');
    draft.data = {
      ...draft.data,
      kind: 'csv',
      csv: data['csv'],
      features: text(data['features']),
      missing: data['missing'] === 'drop' ? 'drop' : 'error',
      tasks: (tasks ?? []).map((t) => newTask(taskName(t), type(t))),
    };
  }
  draft.model = modelFromSpec(spec['model'], draft.model);
  if (Array.isArray(spec['arms'])) draft.arms = spec['arms'].map(multitaskArmFromSpec);
  draft.singleTaskBaselines = spec['singleTaskBaselines'] !== false;
  runsFromSpec(spec, draft);
  return draft;
}

export function multitaskInputs(draft: MultitaskDraft): Set<string> {
  const paths = [...commonInputs(draft.model), 'data', 'tasks', 'singleTaskBaselines'];
  if (draft.data.kind === 'builtin') paths.push('data.builtin');
  else paths.push('data.csv', 'data.features', 'data.missing', ...draft.data.tasks.flatMap((_, i) => [`tasks[${i}]`, `tasks[${i}].name`, `tasks[${i}].type`]));
  paths.push(...multitaskArmInputs(draft.arms));
  return new Set(paths);
}
