// Multitask arms as the form holds them: an (architecture × weighting) grid whose ticked cells
// are the arms, each with the options its weighting or architecture reads. Used by the multitask
// form and by the multitask half of the head-to-head form.
import { ARCHITECTURES, armName, armOptions, WEIGHTINGS, type ArchitectureName, type MultitaskArmOption, type WeightingName } from '../../../../contract/specMultitask.ts';
import { defined, isObject, numberList, numberOrText, text } from './draftText.ts';

export interface MultitaskArmDraft {
  /** Keys the arm's inputs across re-ordering; not part of the spec. */
  key: number;
  architecture: ArchitectureName;
  weighting: WeightingName;
  name: string;
  /** static: one weight per task, comma separated. */
  weights: string;
  alpha: string;
  temperature: string;
  penalty: string;
  c: string;
  beta: string;
  gamma: string;
  weightLr: string;
  experts: string;
  lr: string;
  epochs: string;
}

let nextKey = 1;

export function newMultitaskArm(architecture: ArchitectureName, weighting: WeightingName): MultitaskArmDraft {
  return { key: nextKey++, architecture, weighting, name: '', weights: '', alpha: '', temperature: '', penalty: '', c: '', beta: '', gamma: '', weightLr: '', experts: '', lr: '', epochs: '' };
}

export function hasCell(arms: readonly MultitaskArmDraft[], architecture: ArchitectureName, weighting: WeightingName): boolean {
  return arms.some((a) => a.architecture === architecture && a.weighting === weighting);
}

/** Ticks or unticks a grid cell: adds one arm for it (grid order kept), or removes every arm it holds. */
export function toggleCell(arms: readonly MultitaskArmDraft[], architecture: ArchitectureName, weighting: WeightingName): MultitaskArmDraft[] {
  if (hasCell(arms, architecture, weighting)) return arms.filter((a) => a.architecture !== architecture || a.weighting !== weighting);
  const rank = (a: Pick<MultitaskArmDraft, 'architecture' | 'weighting'>) => ARCHITECTURES.indexOf(a.architecture) * WEIGHTINGS.length + WEIGHTINGS.indexOf(a.weighting);
  const added = newMultitaskArm(architecture, weighting);
  const at = arms.findIndex((a) => rank(a) > rank(added));
  return at < 0 ? [...arms, added] : [...arms.slice(0, at), added, ...arms.slice(at)];
}

export function multitaskArmName(arm: Pick<MultitaskArmDraft, 'architecture' | 'weighting' | 'name'>): string {
  return armName({ architecture: arm.architecture, weighting: arm.weighting, name: arm.name.trim() || undefined });
}

export function multitaskArmToSpec(arm: MultitaskArmDraft): Record<string, unknown> {
  const options = armOptions(arm);
  const option = (k: MultitaskArmOption) => (options.includes(k) ? (k === 'weights' ? (arm.weights.trim() ? numberList(arm.weights) : undefined) : numberOrText(arm[k])) : undefined);
  return defined({
    name: arm.name.trim() || undefined,
    architecture: arm.architecture,
    weighting: arm.weighting,
    weights: option('weights'),
    alpha: option('alpha'),
    temperature: option('temperature'),
    penalty: option('penalty'),
    c: option('c'),
    beta: option('beta'),
    gamma: option('gamma'),
    weightLr: option('weightLr'),
    experts: option('experts'),
    lr: numberOrText(arm.lr),
    epochs: numberOrText(arm.epochs),
  });
}

function isArchitecture(v: unknown): v is ArchitectureName {
  return typeof v === 'string' && (ARCHITECTURES as readonly string[]).includes(v);
}
function isWeighting(v: unknown): v is WeightingName {
  return typeof v === 'string' && (WEIGHTINGS as readonly string[]).includes(v);
}

export function multitaskArmFromSpec(a: unknown): MultitaskArmDraft {
  const arm = isObject(a) ? a : {};
  return {
    ...newMultitaskArm(isArchitecture(arm['architecture']) ? arm['architecture'] : 'hard-sharing', isWeighting(arm['weighting']) ? arm['weighting'] : 'equal'),
    name: text(arm['name']),
    weights: text(arm['weights']),
    alpha: text(arm['alpha']),
    temperature: text(arm['temperature']),
    penalty: text(arm['penalty']),
    c: text(arm['c']),
    beta: text(arm['beta']),
    gamma: text(arm['gamma']),
    weightLr: text(arm['weightLr']),
    experts: text(arm['experts']),
    lr: text(arm['lr']),
    epochs: text(arm['epochs']),
  };
}

/** Spec paths of multitask arms starting at arms[offset]. */
export function multitaskArmInputs(arms: readonly MultitaskArmDraft[], offset = 0): string[] {
  return arms.flatMap((arm, k) => {
    const i = k + offset;
    return [`arms[${i}]`, ...['name', 'architecture', 'weighting', 'lr', 'epochs', ...armOptions(arm)].map((f) => `arms[${i}].${f}`)];
  });
}
