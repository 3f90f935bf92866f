// The strategies, registered by the names the spec uses.
import type { StrategyName } from '../../../../contract/spec.ts';
import { bss } from './bss.ts';
import { discriminativeLr } from './discriminativeLr.ts';
import { featureExtraction } from './featureExtraction.ts';
import { fineTune } from './fineTune.ts';
import { gradualUnfreeze } from './gradualUnfreeze.ts';
import { l2Sp } from './l2Sp.ts';
import { lpFt } from './lpFt.ts';
import { lwf } from './lwf.ts';
import { partialFreeze } from './partialFreeze.ts';
import { scratch } from './scratch.ts';
import type { Strategy } from './types.ts';

export const STRATEGY_REGISTRY: Record<StrategyName, Strategy> = {
  scratch,
  'feature-extraction': featureExtraction,
  'fine-tune': fineTune,
  'partial-freeze': partialFreeze,
  'gradual-unfreeze': gradualUnfreeze,
  'discriminative-lr': discriminativeLr,
  'lp-ft': lpFt,
  'l2-sp': l2Sp,
  lwf,
  bss,
};

export function strategyNamed(name: StrategyName): Strategy {
  return STRATEGY_REGISTRY[name];
}

export type { Phase, RegularizerSetup, Strategy, StrategyContext, StepRegularizer } from './types.ts';
