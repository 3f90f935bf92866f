import { describe, expect, it } from 'vitest';
import type { StrategyName } from '../../../../contract/spec.ts';
import { STRATEGIES } from '../../../../contract/spec.ts';
import { STRATEGY_REGISTRY, strategyNamed, type StrategyContext } from './index.ts';

const ctx: StrategyContext = {
  blockCount: 4, // conv1, conv2, dense1, head
  epochs: 8,
  lr: 0.01,
  options: { lrFactor: 0.1, freezeBlocks: 2, lrDecay: 0.5, probeEpochs: 3, unfreezeEvery: 2 },
};
const phase = (name: StrategyName, epoch = 0) => strategyNamed(name).phaseAt(epoch, ctx);

describe('strategies', () => {
  it('registers one strategy per name the spec allows', () => {
    expect(Object.keys(STRATEGY_REGISTRY).sort()).toEqual([...STRATEGIES].sort());
    for (const name of STRATEGIES) expect(strategyNamed(name).name).toBe(name);
    expect(strategyNamed('scratch').transfers).toBe(false);
  });

  it('scratch trains everything at lr; feature extraction only the head', () => {
    expect(phase('scratch')).toEqual({ firstTrainable: 0, lrs: [0.01, 0.01, 0.01, 0.01] });
    expect(phase('feature-extraction')).toEqual({ firstTrainable: 3, lrs: [0, 0, 0, 0.01] });
  });

  it('fine-tune trains the base at lr × lrFactor and the new head at lr', () => {
    expect(phase('fine-tune').lrs.map((x) => +x.toFixed(6))).toEqual([0.001, 0.001, 0.001, 0.01]);
  });

  it('partial-freeze freezes the first k blocks', () => {
    expect(phase('partial-freeze')).toMatchObject({ firstTrainable: 2, lrs: [0, 0, expect.closeTo(0.001), 0.01] });
  });

  it('gradual-unfreeze adds one block per stage, top-down', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((e) => phase('gradual-unfreeze', e).firstTrainable)).toEqual([3, 3, 2, 2, 1, 1, 0, 0]);
    const auto = strategyNamed('gradual-unfreeze').phaseAt(2, { ...ctx, options: { ...ctx.options, unfreezeEvery: null } });
    expect(auto.firstTrainable).toBe(2); // 8 epochs / 4 blocks = 2 per stage
  });

  it('discriminative-lr decays the lr by lrDecay per block going down', () => {
    expect(phase('discriminative-lr').lrs).toEqual([0.01 * 0.1 * 0.125, 0.01 * 0.1 * 0.25, 0.01 * 0.1 * 0.5, 0.01]);
  });

  it('lp-ft probes the head, then fine-tunes everything at lr × lrFactor', () => {
    expect(phase('lp-ft', 2)).toMatchObject({ firstTrainable: 3 });
    expect(phase('lp-ft', 3)).toMatchObject({ firstTrainable: 0 });
    expect(phase('lp-ft', 3).lrs.every((x) => Math.abs(x - 0.001) < 1e-12)).toBe(true);
  });
});
