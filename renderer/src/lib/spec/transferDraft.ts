// The New experiment form's model for a transfer spec. Inputs hold text as typed; toSpec()
// turns it into a spec object for validateSpec, keeping anything that is not a number as the
// text typed, so the validator's message ("must be a number; got "1e"") names the real input.
// fromSpec() is the way back, for "run again with changes" and imported spec files.
import { SPEC_VERSION, STRATEGIES, type StrategyName } from '../../../../contract/spec.ts';
import { REGULARIZER_OPTIONS, type RegularizerOption } from '../../../../contract/specRegularizers.ts';
import { commonInputs, modelFromSpec, modelToSpec, newModel, newTraining, runsFromSpec, runsToSpec, type ModelDraft, type TrainingDraft } from './commonDraft.ts';
import { defined, isObject, listOf, numberList, numberOrText, text } from './draftText.ts';

export { listOf, numberOrText };

export type DataKind = 'builtin' | 'idx' | 'imageFolder' | 'csv';

export interface DataDraft {
  kind: DataKind;
  builtin: string;
  images: string;
  labels: string;
  folder: string;
  inputShape: string;
  csv: string;
  target: string;
  classes: string;
}

export interface ArmDraft {
  /** Keys the arm's inputs across re-ordering; not part of the spec. */
  key: number;
  name: string;
  strategy: StrategyName;
  lr: string;
  lrFactor: string;
  epochs: string;
  freezeBlocks: string;
  lrDecay: string;
  probeEpochs: string;
  unfreezeEvery: string;
  alpha: string;
  beta: string;
  lambda: string;
  temperature: string;
  eta: string;
  k: string;
}

export type SourceKind = 'none' | 'pretrain' | 'run' | 'modelPath';

export interface TransferDraft {
  kind: 'transfer';
  name: string;
  question: string;
  target: DataDraft;
  source: SourceKind;
  pretrain: { data: DataDraft; epochs: string; lr: string; budget: string };
  sourceRun: string;
  modelPath: string;
  model: ModelDraft;
  arms: ArmDraft[];
  seeds: string;
  budgets: string;
  training: TrainingDraft;
}

export type ArmOption = 'lrFactor' | 'freezeBlocks' | 'lrDecay' | 'probeEpochs' | 'unfreezeEvery' | RegularizerOption;

/** Which options each strategy reads (beyond lr and epochs, which every arm may override). */
export const STRATEGY_OPTIONS: Record<StrategyName, ArmOption[]> = {
  scratch: [],
  'feature-extraction': [],
  'fine-tune': ['lrFactor'],
  'partial-freeze': ['lrFactor', 'freezeBlocks'],
  'gradual-unfreeze': ['lrFactor', 'unfreezeEvery'],
  'discriminative-lr': ['lrFactor', 'lrDecay'],
  'lp-ft': ['lrFactor', 'probeEpochs'],
  'l2-sp': ['lrFactor', 'alpha', 'beta'],
  lwf: ['lrFactor', 'lambda', 'temperature'],
  bss: ['lrFactor', 'eta', 'k'],
};

let nextKey = 1;

export function emptyData(builtin = 'fashion-mnist', classes = ''): DataDraft {
  return { kind: 'builtin', builtin, images: '', labels: '', folder: '', inputShape: '28, 28, 1', csv: '', target: '', classes };
}

export function newArm(strategy: StrategyName = 'scratch'): ArmDraft {
  return { key: nextKey++, name: '', strategy, lr: '', lrFactor: '', epochs: '', freezeBlocks: '', lrDecay: '', probeEpochs: '', unfreezeEvery: '', alpha: '', beta: '', lambda: '', temperature: '', eta: '', k: '' };
}

export function newTransferDraft(): TransferDraft {
  return {
    kind: 'transfer',
    name: '',
    question: '',
    target: emptyData('fashion-mnist', '5, 6, 7, 8, 9'),
    source: 'pretrain',
    pretrain: { data: emptyData('fashion-mnist', '0, 1, 2, 3, 4'), epochs: '5', lr: '', budget: '' },
    sourceRun: '',
    modelPath: '',
    model: newModel('cnn'),
    arms: [newArm('scratch'), newArm('feature-extraction'), newArm('fine-tune')],
    seeds: '1, 2, 3',
    budgets: '50/class',
    training: newTraining(),
  };
}

export function dataToSpec(d: DataDraft): Record<string, unknown> {
  const classes = d.classes.trim() ? { classes: numberList(d.classes) } : {};
  switch (d.kind) {
    case 'builtin':
      return { builtin: d.builtin, ...classes };
    case 'idx':
      return { idx: { images: d.images, labels: d.labels }, ...classes };
    case 'imageFolder':
      return { imageFolder: d.folder, inputShape: numberList(d.inputShape), ...classes };
    case 'csv':
      return { csv: d.csv, target: d.target, ...classes };
  }
}

function sourceToSpec(draft: TransferDraft): unknown {
  switch (draft.source) {
    case 'none':
      return undefined;
    case 'pretrain':
      return {
        pretrain: {
          data: dataToSpec(draft.pretrain.data),
          ...defined({ epochs: numberOrText(draft.pretrain.epochs), lr: numberOrText(draft.pretrain.lr), budget: draft.pretrain.budget.trim() }),
        },
      };
    case 'run':
      return { run: numberOrText(draft.sourceRun) ?? '' };
    case 'modelPath':
      return { modelPath: draft.modelPath };
  }
}

export function armToSpec(arm: ArmDraft): Record<string, unknown> {
  const options = STRATEGY_OPTIONS[arm.strategy];
  const option = (k: ArmOption) => (options.includes(k) ? numberOrText(arm[k]) : undefined);
  return defined({
    name: arm.name.trim() || undefined,
    strategy: arm.strategy,
    lr: numberOrText(arm.lr),
    epochs: numberOrText(arm.epochs),
    lrFactor: option('lrFactor'),
    freezeBlocks: option('freezeBlocks'),
    lrDecay: option('lrDecay'),
    probeEpochs: option('probeEpochs'),
    unfreezeEvery: option('unfreezeEvery'),
    ...Object.fromEntries(REGULARIZER_OPTIONS.map((k) => [k, option(k)])),
  });
}

export function toSpec(draft: TransferDraft): Record<string, unknown> {
  return defined({
    version: SPEC_VERSION,
    name: draft.name,
    kind: 'transfer',
    question: draft.question.trim() || undefined,
    target: dataToSpec(draft.target),
    source: sourceToSpec(draft),
    model: modelToSpec(draft.model),
    arms: draft.arms.map(armToSpec),
    ...runsToSpec(draft),
  });
}

// ── the way back ─────────────────────────────────────────────────────────────

export function dataFromSpec(value: unknown): DataDraft {
  const d = emptyData('fashion-mnist');
  if (!isObject(value)) return d;
  d.classes = text(value['classes']);
  if (typeof value['builtin'] === 'string') return { ...d, kind: 'builtin', builtin: value['builtin'] };
  if (isObject(value['idx'])) return { ...d, kind: 'idx', images: text(value['idx']['images']), labels: text(value['idx']['labels']) };
  if (typeof value['imageFolder'] === 'string') return { ...d, kind: 'imageFolder', folder: value['imageFolder'], inputShape: text(value['inputShape']) };
  if (typeof value['csv'] === 'string') return { ...d, kind: 'csv', csv: value['csv'], target: text(value['target']) };
  return d;
}

export function armFromSpec(a: Record<string, unknown>): ArmDraft {
  return {
    ...newArm(isStrategy(a['strategy']) ? a['strategy'] : 'scratch'),
    name: text(a['name']),
    lr: text(a['lr']),
    lrFactor: text(a['lrFactor']),
    epochs: text(a['epochs']),
    freezeBlocks: text(a['freezeBlocks']),
    lrDecay: text(a['lrDecay']),
    probeEpochs: text(a['probeEpochs']),
    unfreezeEvery: text(a['unfreezeEvery']),
    ...(Object.fromEntries(REGULARIZER_OPTIONS.map((k) => [k, text(a[k])])) as Record<RegularizerOption, string>),
  };
}

function isStrategy(v: unknown): v is StrategyName {
  return typeof v === 'string' && (STRATEGIES as readonly string[]).includes(v);
}

/** A draft holding what the spec says; fields the form does not know are dropped (the form then validates what it holds). */
export function fromSpec(spec: unknown): TransferDraft {
  const draft = newTransferDraft();
  if (!isObject(spec)) return draft;
  draft.name = text(spec['name']);
  draft.question = text(spec['question']);
  draft.target = dataFromSpec(spec['target']);
  const source = spec['source'];
  if (!isObject(source)) draft.source = 'none';
  else if (isObject(source['pretrain'])) {
    const p = source['pretrain'];
    draft.source = 'pretrain';
    draft.pretrain = { data: dataFromSpec(p['data']), epochs: text(p['epochs']), lr: text(p['lr']), budget: text(p['budget']) };
  } else if (source['run'] !== undefined) {
    draft.source = 'run';
    draft.sourceRun = text(source['run']);
  } else if (source['modelPath'] !== undefined) {
    draft.source = 'modelPath';
    draft.modelPath = text(source['modelPath']);
  }
  draft.model = modelFromSpec(spec['model'], draft.model);
  if (Array.isArray(spec['arms'])) draft.arms = spec['arms'].filter(isObject).filter((a) => a['weighting'] === undefined).map(armFromSpec);
  runsFromSpec(spec, draft);
  return draft;
}

// ── where errors can show ────────────────────────────────────────────────────

export function dataInputs(prefix: string, d: DataDraft): string[] {
  const own =
    d.kind === 'builtin'
      ? ['builtin']
      : d.kind === 'idx'
        ? ['idx.images', 'idx.labels', 'idx']
        : d.kind === 'imageFolder'
          ? ['imageFolder', 'inputShape']
          : ['csv', 'target'];
  return [prefix, ...[...own, 'classes'].map((f) => `${prefix}.${f}`)];
}

/** The spec paths the form has an input (or a fieldset) for, given what the draft shows. */
/** Spec paths of a list of transfer arms starting at arms[offset]. */
export function transferArmInputs(arms: readonly ArmDraft[], offset = 0): string[] {
  return arms.flatMap((arm, k) => {
    const i = k + offset;
    return [`arms[${i}]`, ...['name', 'strategy', 'lr', 'epochs', ...STRATEGY_OPTIONS[arm.strategy]].map((f) => `arms[${i}].${f}`)];
  });
}

/** The spec paths the form has an input (or a fieldset) for, given what the draft shows. */
export function transferInputs(draft: TransferDraft): Set<string> {
  const paths = [...commonInputs(draft.model), 'source'];
  paths.push(...dataInputs('target', draft.target));
  if (draft.source === 'pretrain') paths.push(...dataInputs('source.pretrain.data', draft.pretrain.data), 'source.pretrain', 'source.pretrain.epochs', 'source.pretrain.lr', 'source.pretrain.budget');
  if (draft.source === 'run') paths.push('source.run');
  if (draft.source === 'modelPath') paths.push('source.modelPath');
  paths.push(...transferArmInputs(draft.arms));
  return new Set(paths);
}
