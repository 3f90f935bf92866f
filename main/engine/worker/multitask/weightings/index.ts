// The loss weightings, registered by the names the spec uses.
import type { WeightingName } from '../../../../../contract/specMultitask.ts';
import { alignedMtl } from './alignedMtl.ts';
import { cagrad } from './cagrad.ts';
import { dbMtl } from './dbMtl.ts';
import { dwa } from './dwa.ts';
import { equal } from './equal.ts';
import { famo } from './famo.ts';
import { gls } from './gls.ts';
import { gradnorm } from './gradnorm.ts';
import { imtlL } from './imtlL.ts';
import { mgda } from './mgda.ts';
import { nashMtl } from './nashMtl.ts';
import { pcgrad } from './pcgrad.ts';
import { rlw } from './rlw.ts';
import { staticWeights } from './static.ts';
import type { Weighting, WeightingContext, WeightingFactory } from './types.ts';
import { uncertainty } from './uncertainty.ts';

export const WEIGHTING_REGISTRY: Record<WeightingName, WeightingFactory> = {
  equal,
  static: staticWeights,
  uncertainty,
  dwa,
  gradnorm,
  pcgrad,
  mgda,
  rlw,
  gls,
  'imtl-l': imtlL,
  famo,
  'db-mtl': dbMtl,
  cagrad,
  'nash-mtl': nashMtl,
  'aligned-mtl': alignedMtl,
};

export function createWeighting(name: WeightingName, ctx: WeightingContext): Weighting {
  const factory = WEIGHTING_REGISTRY[name];
  if (!factory) throw new Error(`unknown loss weighting "${name}"; expected one of ${Object.keys(WEIGHTING_REGISTRY).join(', ')}`);
  return factory(ctx);
}

export type { CombinedGradient, GradientWeighting, LossWeighting, TaskGradients, Weighting, WeightingContext, WeightingState } from './types.ts';
