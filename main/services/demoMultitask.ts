// The multitask demo: penguins' three tasks (species, sex, body mass) in one model under
// several loss weightings, against single-task baselines, so Δm and the per-task Δ show at
// once. Penguins trains in about a second per run, which keeps the quick demo quick.
import { SPEC_VERSION } from '../../contract/spec.ts';

export function penguinsMultitask(quick: boolean): unknown {
  const weightings = quick ? ['equal', 'uncertainty', 'pcgrad', 'mgda'] : ['equal', 'uncertainty', 'dwa', 'gradnorm', 'pcgrad', 'mgda'];
  return {
    version: SPEC_VERSION,
    name: quick ? 'Demo (quick): penguins species + sex + body mass, multitask' : 'Demo: penguins species + sex + body mass, multitask',
    kind: 'multitask',
    question: 'Does one shared trunk for species, sex and body mass beat a model per task, and which loss weighting balances them best?',
    data: { builtin: 'penguins' },
    model: { type: 'mlp', hidden: [32, 16] },
    arms: [
      ...weightings.map((weighting) => ({ weighting })),
      ...(quick ? [] : [{ architecture: 'soft-sharing', weighting: 'equal' }, { architecture: 'cross-stitch', weighting: 'equal' }]),
    ],
    seeds: [1, 2, 3],
    training: { epochs: quick ? 10 : 30, batchSize: 32, lr: 0.005 },
  };
}
