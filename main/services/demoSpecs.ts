// The experiments "Run the demo" starts: small enough to finish on a laptop CPU, big enough to
// show transfer at work. The engine and multitask engineers add their specs to this list.
import { SPEC_VERSION } from '../../contract/spec.ts';
import { fashionHeadToHead } from './demoHeadToHead.ts';
import { penguinsMultitask } from './demoMultitask.ts';

/** Fashion-MNIST tops/trousers/pullovers/dresses/coats → sandals/shirts/sneakers/bags/boots. */
function fashionTransfer(quick: boolean): unknown {
  return {
    version: SPEC_VERSION,
    name: quick ? 'Demo (quick): Fashion-MNIST 0-4 → 5-9 at 50 labels/class' : 'Demo: Fashion-MNIST 0-4 → 5-9 at 50 labels/class',
    kind: 'transfer',
    question: 'Does a CNN pretrained on five clothing classes help learn five other classes from 50 labels each?',
    target: { builtin: 'fashion-mnist', classes: [5, 6, 7, 8, 9] },
    source: { pretrain: { data: { builtin: 'fashion-mnist', classes: [0, 1, 2, 3, 4] }, epochs: 3, ...(quick ? { budget: '300/class' } : {}) } },
    model: { type: 'cnn', filters: [16, 32], dense: [64] },
    arms: [{ strategy: 'scratch' }, { strategy: 'feature-extraction' }, { strategy: 'fine-tune' }],
    seeds: [1, 2, 3],
    budgets: ['50/class'],
    training: { epochs: 3, batchSize: 32 },
  };
}

/** Specs as JSON would hold them: validated by startExperiment like any user's spec. */
export function demoSpecs(quick: boolean): unknown[] {
  return [fashionTransfer(quick), penguinsMultitask(quick), fashionHeadToHead(quick)];
}
