// "Run the demo": the bundled example experiments, started the same way a user's spec is.
import { demoSpecs } from './demoSpecs.ts';
import type { ServiceContext } from './handlers.ts';
import { startExperiment } from './startExperiment.ts';

export function startDemo(ctx: ServiceContext, quick: boolean): { experimentIds: number[] } {
  return { experimentIds: demoSpecs(quick).map((spec) => startExperiment(ctx, spec).experimentId) };
}
