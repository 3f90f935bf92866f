// What every kind of experiment form shares: the model, the seeds, budgets and training
// settings — drafts, their spec, the way back, and the spec paths their inputs edit.
import { defined, isObject, numberList, numberOrText, listOf, text } from './draftText.ts';

export interface ModelDraft {
  type: 'cnn' | 'mlp';
  filters: string;
  dense: string;
  kernelSize: string;
  hidden: string;
  dropout: string;
  batchNorm: boolean;
}

export interface TrainingDraft {
  epochs: string;
  batchSize: string;
  optimizer: 'adam' | 'sgd';
  lr: string;
  valFraction: string;
  testFraction: string;
  patience: string;
}

/** The part of a draft TrainingFields edits. */
export interface RunsDraft {
  seeds: string;
  budgets: string;
  training: TrainingDraft;
}

export function newModel(type: 'cnn' | 'mlp' = 'cnn', sizes: { filters?: string; dense?: string; hidden?: string } = {}): ModelDraft {
  return { type, filters: sizes.filters ?? '16, 32', dense: sizes.dense ?? '64', kernelSize: '', hidden: sizes.hidden ?? '256, 128', dropout: '', batchNorm: false };
}

export function newTraining(epochs = '10', lr = '0.001'): TrainingDraft {
  return { epochs, batchSize: '32', optimizer: 'adam', lr, valFraction: '', testFraction: '', patience: '' };
}

export function modelToSpec(m: ModelDraft): Record<string, unknown> {
  return m.type === 'cnn'
    ? defined({ type: 'cnn', filters: numberList(m.filters), dense: numberList(m.dense), kernelSize: numberOrText(m.kernelSize), dropout: numberOrText(m.dropout), batchNorm: m.batchNorm || undefined })
    : defined({ type: 'mlp', hidden: numberList(m.hidden), dropout: numberOrText(m.dropout), batchNorm: m.batchNorm || undefined });
}

export function runsToSpec(d: RunsDraft): Record<string, unknown> {
  const t = d.training;
  return {
    seeds: numberList(d.seeds),
    budgets: listOf(d.budgets),
    training: defined({
      epochs: numberOrText(t.epochs),
      batchSize: numberOrText(t.batchSize),
      optimizer: t.optimizer,
      lr: numberOrText(t.lr),
      valFraction: numberOrText(t.valFraction),
      testFraction: numberOrText(t.testFraction),
      patience: numberOrText(t.patience),
    }),
  };
}

export function modelFromSpec(model: unknown, fallback: ModelDraft): ModelDraft {
  if (!isObject(model)) return fallback;
  return {
    type: model['type'] === 'mlp' ? 'mlp' : 'cnn',
    filters: model['filters'] !== undefined ? text(model['filters']) : fallback.filters,
    dense: model['dense'] !== undefined ? text(model['dense']) : fallback.dense,
    kernelSize: text(model['kernelSize']),
    hidden: model['hidden'] !== undefined ? text(model['hidden']) : fallback.hidden,
    dropout: model['dropout'] ? text(model['dropout']) : '',
    batchNorm: model['batchNorm'] === true,
  };
}

/** Seeds, budgets and training from a spec into a draft (in place). */
export function runsFromSpec(spec: Record<string, unknown>, draft: RunsDraft): void {
  if (spec['seeds'] !== undefined) draft.seeds = text(spec['seeds']);
  if (spec['budgets'] !== undefined) draft.budgets = text(spec['budgets']);
  const t = spec['training'];
  if (isObject(t)) {
    draft.training = {
      epochs: text(t['epochs']),
      batchSize: text(t['batchSize']),
      optimizer: t['optimizer'] === 'sgd' ? 'sgd' : 'adam',
      lr: text(t['lr']),
      valFraction: text(t['valFraction']),
      testFraction: text(t['testFraction']),
      patience: text(t['patience']),
    };
  }
}

/** Spec paths of the model, seeds, budgets and training inputs, given what the draft shows. */
export function commonInputs(model: ModelDraft): string[] {
  return [
    'name',
    'question',
    'kind',
    'version',
    'seeds',
    'budgets',
    'model',
    'arms',
    'training',
    ...(model.type === 'cnn' ? ['filters', 'dense', 'kernelSize'] : ['hidden']).map((f) => `model.${f}`),
    'model.dropout',
    'model.type',
    ...['epochs', 'batchSize', 'optimizer', 'lr', 'valFraction', 'testFraction', 'patience'].map((f) => `training.${f}`),
  ];
}
