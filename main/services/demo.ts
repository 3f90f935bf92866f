// "Run the demo": the bundled example experiments, started the same way a user's spec is.
import { demoSpecs } from './demoSpecs.ts';
import type { ServiceContext } from './context.ts';
import { startExperiment } from './startExperiment.ts';

export async function startDemo(ctx: ServiceContext, quick: boolean): Promise<{ experimentIds: number[] }> {
  const experimentIds: number[] = [];
  for (const spec of demoSpecs(quick)) experimentIds.push((await startExperiment(ctx, spec)).experimentId);
  return { experimentIds };
}
