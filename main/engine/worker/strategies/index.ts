// The strategies, registered by the names the spec uses.
import type { StrategyName } from '../../../../contract/spec.ts';
import { discriminativeLr } from './discriminativeLr.ts';
import { featureExtraction } from './featureExtraction.ts';
import { fineTune } from './fineTune.ts';
import { gradualUnfreeze } from './gradualUnfreeze.ts';
import { lpFt } from './lpFt.ts';
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
};

export function strategyNamed(name: StrategyName): Strategy {
  return STRATEGY_REGISTRY[name];
}

export type { Phase, Strategy, StrategyContext } from './types.ts';
