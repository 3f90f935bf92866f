// The head-to-head demo: Fashion-MNIST tops/trousers/pullovers/dresses/coats (classes 0–4, plenty
// of labels) as the related task for sandals/shirts/sneakers/bags/boots (5–9, few labels):
// pretrain-and-transfer against train-both-together, at several label budgets.
//
// Settings from examples/fashion-transfer.json, which make transfer work on this pair: the base
// is the conv blocks only (dense: []), lr 0.003, feature extraction at lr 0.01, fine-tuning the
// base at 0.3 × lr. The quick version is sized for `graft demo --quick` (all demos together
// under 3 minutes on 2 cores): a smaller CNN, a subsampled source, few epochs, one budget —
// but three seeds, since a verdict from two seeds (one degree of freedom) can say almost nothing.
import { SPEC_VERSION } from '../../contract/spec.ts';

export function fashionHeadToHead(quick: boolean): unknown {
  return {
    version: SPEC_VERSION,
    name: quick ? 'Demo (quick): transfer vs multi-task, Fashion-MNIST 0-4 → 5-9' : 'Demo: transfer vs multi-task, Fashion-MNIST 0-4 → 5-9',
    kind: 'head-to-head',
    question:
      'With few labels of sandals, shirts, sneakers, bags and boots, and plenty of tops, trousers, pullovers, dresses and coats: pretrain on the second and transfer, or train both tasks together?',
    target: { builtin: 'fashion-mnist', classes: [5, 6, 7, 8, 9] },
    sources: [{ data: { builtin: 'fashion-mnist', classes: [0, 1, 2, 3, 4] }, budget: quick ? '120/class' : 'all', epochs: quick ? 2 : 6 }],
    model: { type: 'cnn', filters: quick ? [8, 16] : [16, 32], dense: [] },
    arms: [
      { strategy: 'scratch' },
      { strategy: 'feature-extraction', lr: 0.01 },
      { strategy: 'fine-tune', lrFactor: 0.3 },
      { architecture: 'hard-sharing', weighting: 'equal' },
      { architecture: 'hard-sharing', weighting: 'uncertainty' },
    ],
    seeds: [1, 2, 3],
    budgets: quick ? ['20/class'] : ['10/class', '50/class', '200/class'],
    // Quick: a smaller validation split too — evaluating every epoch is most of a small run's time.
    training: { epochs: quick ? 3 : 15, batchSize: 32, optimizer: 'adam', lr: 0.003, ...(quick ? { valFraction: 0.08 } : {}) },
  };
}
