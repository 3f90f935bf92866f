// The architectures, registered by the names the spec uses.
import type { ModelArchitecture } from '../../../../../contract/specMultitask.ts';
import { crossStitch } from './crossStitch.ts';
import { hardSharing } from './hardSharing.ts';
import { mmoe } from './mmoe.ts';
import { mtan } from './mtan.ts';
import { singleTask } from './singleTask.ts';
import { softSharing } from './softSharing.ts';
import type { Architecture } from './types.ts';

export const ARCHITECTURE_REGISTRY: Record<ModelArchitecture, Architecture> = {
  'hard-sharing': hardSharing,
  'soft-sharing': softSharing,
  'cross-stitch': crossStitch,
  mmoe,
  mtan,
  'single-task': singleTask,
};

export function architectureNamed(name: ModelArchitecture): Architecture {
  const architecture = ARCHITECTURE_REGISTRY[name];
  if (!architecture) throw new Error(`unknown architecture "${name}"; expected one of ${Object.keys(ARCHITECTURE_REGISTRY).join(', ')}`);
  return architecture;
}

export type { Architecture, BuildContext, HeadSpec, MultitaskModel } from './types.ts';
