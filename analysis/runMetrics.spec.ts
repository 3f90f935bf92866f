import { describe, expect, it } from 'vitest';
import { isBetter, metricDirection, orientDifference } from './metricDirection.ts';
import { mulberry32, randomInt } from './random.ts';
import { metricPointIndices, runMetrics, selectBestEpoch, seriesMetrics } from './runMetrics.ts';
import { lastValueAt } from './seriesPoints.ts';

const NaN_ = Number.NaN;

describe('metricDirection', () => {
  it.each([
    ['accuracy', 'max'],
    ['val_acc', 'max'],
    ['macroF1', 'max'],
    ['auc', 'max'],
    ['top5_accuracy', 'max'],
    ['loss', 'min'],
    ['val_loss', 'min'],
    ['mae', 'min'],
    ['RMSE', 'min'],
    ['mse', 'min'],
    ['mean_absolute_error', 'min'],
  ])('%s → %s', (name, direction) => {
    expect(metricDirection(name)).toBe(direction);
  });

  it('uses the fallback for names it does not know', () => {
    expect(metricDirection('cosine')).toBe('max');
    expect(metricDirection('task_weight', 'min')).toBe('min');
  });

  it('orients differences so positive is better', () => {
    expect(orientDifference(0.5, 'max')).toBe(0.5);
    expect(orientDifference(0.5, 'min')).toBe(-0.5);
    expect(isBetter(2, 1, 'max')).toBe(true);
    expect(isBetter(2, 1, 'min')).toBe(false);
    expect(isBetter(1, 1, 'max')).toBe(false);
  });
});

describe('seriesMetrics', () => {
  const accuracy = { epoch: [1, 2, 3, 4], value: [0.5, 0.7, 0.65, 0.6] };

  it('finds last, best, min and max for a higher-is-better metric', () => {
    expect(seriesMetrics(accuracy, 'max')).toEqual({
      n: 4,
      last: 0.6,
      lastEpoch: 4,
      best: 0.7,
      bestEpoch: 2,
      min: 0.5,
      max: 0.7,
    });
  });

  it('takes the lowest as best for a lower-is-better metric', () => {
    const loss = { epoch: [1, 2, 3], value: [2.0, 1.2, 1.5] };
    expect(seriesMetrics(loss, 'min')).toMatchObject({ best: 1.2, bestEpoch: 2, last: 1.5, min: 1.2, max: 2.0 });
  });

  it('breaks ties toward the later epoch, whatever the logging order', () => {
    // Rule changed from "earliest" (#16): the later epoch trained longer for the same value.
    expect(seriesMetrics({ epoch: [1, 2, 3, 4], value: [0.6, 0.8, 0.8, 0.7] }, 'max').bestEpoch).toBe(3);
    expect(seriesMetrics({ epoch: [4, 3, 2], value: [0.8, 0.8, 0.5] }, 'max').bestEpoch).toBe(4);
  });

  it('skips NaN for best/min/max but reports a NaN last value as NaN', () => {
    const diverged = { epoch: [1, 2, 3], value: [1.0, 0.8, NaN_] };
    const m = seriesMetrics(diverged, 'min');
    expect(m).toMatchObject({ n: 2, best: 0.8, bestEpoch: 2, lastEpoch: 3, min: 0.8, max: 1.0 });
    expect(m.last).toBeNaN();
  });

  it('is empty, not an error, without points', () => {
    for (const series of [undefined, { epoch: [], value: [] }, { epoch: [1], value: [NaN_] }]) {
      const m = seriesMetrics(series, 'max');
      expect(m.bestEpoch).toBeNull();
      expect(m.best).toBeNaN();
      expect(m.min).toBeNaN();
      expect(m.max).toBeNaN();
      expect(m.last).toBeNaN();
      expect(m.n).toBe(0);
    }
  });
});

describe('runMetrics', () => {
  const val = { epoch: [1, 2, 3, 4], value: [0.60, 0.75, 0.75, 0.70] };
  const test = { epoch: [1, 2, 3, 4], value: [0.58, 0.71, 0.74, 0.72] };

  it('reports the test metric at the best validation epoch, not the best test value', () => {
    // Val peaks at 0.75 on epochs 2 and 3; without a loss the tie goes to the later epoch 3,
    // where test is 0.74; with a test series whose best (0.80) is at epoch 1, that must not be reported.
    const m = runMetrics({ val, test }, 'max');
    expect(m.bestEpoch).toBe(3);
    expect(m.testAtBestVal).toBe(0.74);
    const later = runMetrics({ val, test: { epoch: [1, 2, 3, 4], value: [0.8, 0.71, 0.74, 0.72] } }, 'max');
    expect(later.testAtBestVal).toBe(0.74);
    expect(later.test.best).toBe(0.8);
  });

  it('breaks validation ties by the lower validation loss, then the later epoch', () => {
    // Val accuracy 0.75 at epochs 2, 3 and 5. Loss at those epochs: 0.40, 0.35, 0.35 → epochs 3
    // and 5 tie on loss too, the later (5) wins; with loss 0.30 at epoch 2 epoch 2 wins.
    const tiedVal = { epoch: [1, 2, 3, 4, 5], value: [0.6, 0.75, 0.75, 0.7, 0.75] };
    const tiedTest = { epoch: [1, 2, 3, 4, 5], value: [0.5, 0.61, 0.62, 0.63, 0.64] };
    const loss = (at2: number) => ({ epoch: [1, 2, 3, 4, 5], value: [0.9, at2, 0.35, 0.33, 0.35] });
    const bothTie = runMetrics({ val: tiedVal, test: tiedTest, valLoss: loss(0.4) }, 'max');
    expect(bothTie.bestEpoch).toBe(5);
    expect(bothTie.testAtBestVal).toBe(0.64);
    const lowLoss = runMetrics({ val: tiedVal, test: tiedTest, valLoss: loss(0.3) }, 'max');
    expect(lowLoss.bestEpoch).toBe(2);
    expect(lowLoss.testAtBestVal).toBe(0.61);
    // Epoch 4's loss (0.33) is lowest overall but its accuracy is not tied: it is never chosen.
    expect(selectBestEpoch(tiedVal, 'max', loss(0.4))).toBe(5);
    // A tied epoch without a loss value loses to one with it.
    expect(selectBestEpoch(tiedVal, 'max', { epoch: [2], value: [0.5] })).toBe(2);
  });

  it('uses the end-of-epoch value when a split is logged several times per epoch', () => {
    const perStepTest = { epoch: [1, 1, 2, 2], value: [0.1, 0.2, 0.3, 0.4] };
    const m = runMetrics({ val: { epoch: [1, 2], value: [0.9, 0.8] }, test: perStepTest }, 'max');
    expect(m.bestEpoch).toBe(1);
    expect(m.testAtBestVal).toBe(0.2);
  });

  it('works with lower-is-better validation', () => {
    const valLoss = { epoch: [1, 2, 3], value: [0.9, 0.4, 0.5] };
    const testLoss = { epoch: [1, 2, 3], value: [1.0, 0.45, 0.42] };
    const m = runMetrics({ val: valLoss, test: testLoss }, 'min');
    expect(m.bestEpoch).toBe(2);
    expect(m.testAtBestVal).toBe(0.45);
  });

  it('gives NaN when test was not evaluated at the best epoch, or there is no validation', () => {
    const onlyFinalTest = { epoch: [4], value: [0.72] };
    expect(runMetrics({ val, test: onlyFinalTest }, 'max').testAtBestVal).toBeNaN();
    const noVal = runMetrics({ test }, 'max');
    expect(noVal.bestEpoch).toBeNull();
    expect(noVal.testAtBestVal).toBeNaN();
    expect(noVal.test.last).toBe(0.72);
    const nothing = runMetrics({}, 'max');
    expect(nothing.train.n).toBe(0);
    expect(nothing.testAtBestVal).toBeNaN();
  });
});

describe('metricPointIndices', () => {
  const pick = (values: readonly number[], indices: readonly number[]): number[] => indices.map((i) => values[i] as number);

  it('keeps what runMetrics and lastValueAt depend on: their results are those of the whole series', () => {
    const rng = mulberry32(11);
    const values = [0.25, 0.5, 0.75, NaN_, Infinity, -Infinity, -0, 0];
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + randomInt(rng, 400);
      const epochs = 1 + randomInt(rng, 12);
      const series = () => {
        const epoch: number[] = [];
        const value: number[] = [];
        let e = 0;
        for (let i = 0; i < n; i++) {
          // Mostly rising epochs, sometimes one logged again later (a resumed run), ties often.
          if (rng() < epochs / n) e++;
          epoch.push(rng() < 0.05 ? randomInt(rng, e + 1) : e);
          value.push(rng() < 0.3 ? (values[randomInt(rng, values.length)] as number) : Math.round(rng() * 20) / 20);
        }
        return { epoch, value };
      };
      const splits = { train: series(), val: series(), test: series() };
      const cut = (s: { epoch: number[]; value: number[] }) => {
        const kept = metricPointIndices(s.epoch, s.value);
        expect(kept).toEqual([...new Set(kept)].sort((a, b) => a - b));
        return { epoch: pick(s.epoch, kept), value: pick(s.value, kept) };
      };
      const reduced = { train: cut(splits.train), val: cut(splits.val), test: cut(splits.test) };
      for (const direction of ['min', 'max'] as const) {
        const whole = runMetrics(splits, direction);
        const fromKept = runMetrics(reduced, direction);
        for (const part of ['train', 'val', 'test'] as const) {
          const { n: _n, ...rest } = whole[part];
          const { n: _m, ...restKept } = fromKept[part];
          expect(restKept).toEqual(rest);
        }
        expect(fromKept.bestEpoch).toBe(whole.bestEpoch);
        expect(fromKept.testAtBestVal).toEqual(whole.testAtBestVal);
      }
      for (let e = 0; e <= epochs + 1; e++) {
        expect(lastValueAt(reduced.test.epoch, reduced.test.value, e)).toEqual(lastValueAt(splits.test.epoch, splits.test.value, e));
      }
    }
  });

  it('keeps per epoch its first lowest and first highest finite value and its last point', () => {
    //           epoch 0          | epoch 1
    const epoch = [0, 0, 0, 0, 0, 1, 1, 1];
    const value = [3, 1, 5, 1, Infinity, NaN_, 2, NaN_];
    expect(metricPointIndices(epoch, value)).toEqual([1, 2, 4, 6, 7]);
  });
});
