// The experiments "Run the demo" starts: small enough to finish on a laptop CPU, big enough to
// show transfer at work. The engine and multitask engineers add their specs to this list.
import { SPEC_VERSION } from '../../contract/spec.ts';
import { fashionHeadToHead } from './demoHeadToHead.ts';
import { penguinsMultitask } from './demoMultitask.ts';

/**
 * Fashion-MNIST tops/trousers/pullovers/dresses/coats → sandals/shirts/sneakers/bags/boots.
 * Settings from examples/fashion-transfer.json, the ones that make transfer work on this pair
 * (main/engine/README.md): the transferred base is the conv blocks (dense: []), lr 0.003,
 * feature extraction's head at lr 0.01, fine-tuning the base at 0.3 × lr.
 */
function fashionTransfer(quick: boolean): unknown {
  return {
    version: SPEC_VERSION,
    name: quick ? 'Demo (quick): Fashion-MNIST 0-4 → 5-9 at 50 labels/class' : 'Demo: Fashion-MNIST 0-4 → 5-9 by label budget',
    kind: 'transfer',
    question: quick
      ? 'Does a CNN pretrained on five clothing classes help learn five other classes from 50 labels each?'
      : 'Does a CNN pretrained on five clothing classes help learn five other classes, and down to how few labels?',
    target: { builtin: 'fashion-mnist', classes: [5, 6, 7, 8, 9] },
    source: { pretrain: { data: { builtin: 'fashion-mnist', classes: [0, 1, 2, 3, 4] }, epochs: quick ? 3 : 6, ...(quick ? { budget: '300/class' } : {}) } },
    model: { type: 'cnn', filters: [16, 32], dense: [] },
    arms: [{ strategy: 'scratch' }, { strategy: 'feature-extraction', lr: 0.01 }, { strategy: 'fine-tune', lrFactor: 0.3 }],
    seeds: [1, 2, 3],
    budgets: quick ? ['50/class'] : ['10/class', '50/class', '200/class'],
    training: { epochs: quick ? 6 : 15, batchSize: 32, optimizer: 'adam', lr: 0.003 },
  };
}

/** Specs as JSON would hold them: validated by startExperiment like any user's spec. */
export function demoSpecs(quick: boolean): unknown[] {
  return [fashionTransfer(quick), penguinsMultitask(quick), fashionHeadToHead(quick)];
}
