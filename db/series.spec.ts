import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Series } from '../contract/model.ts';
import { openStore } from './open.ts';
import type { MetricPoint } from './series.ts';
import type { RunStore } from './store.ts';
import { countRows, rawConnection, removeTempDirs, sampleExperiment, tempDir, thrown } from '../tests/support/db/testing.ts';

afterAll(removeTempDirs);

let file: string;
let store: RunStore;
let runIds: number[];
beforeEach(() => {
  file = join(tempDir(), 'graft.db');
  store = openStore(file);
  ({ runIds } = store.createExperiment(sampleExperiment()));
});
afterEach(() => store.close());

const run = (i: number): number => runIds[i] as number;
const acc = (step: number, value: number, epoch = step, time = step / 2): MetricPoint => ({
  task: 'target',
  split: 'val',
  metric: 'accuracy',
  epoch,
  step,
  time,
  value,
});

/** Values that must come back exactly, sign of zero included. */
const SPECIAL_VALUES = [
  0,
  -0,
  1,
  -1,
  Infinity,
  -Infinity,
  Number.MIN_VALUE, // smallest subnormal
  -Number.MIN_VALUE,
  2.2250738585072014e-308, // smallest normal
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.EPSILON,
  1 + Number.EPSILON,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 63, // whole, beyond int64: SQLite must not turn it into an integer
  -(2 ** 63),
  0.1,
  1 / 3,
  Math.PI,
];

describe('appendPoints and readSeries', () => {
  it('round-trips every float64 exactly; NaN comes back as NaN', () => {
    const values = [...SPECIAL_VALUES, NaN];
    store.appendPoints(run(0), values.map((value, step) => acc(step, value)));
    const [series] = store.readSeries([run(0)]);
    expect(series?.value).toHaveLength(values.length);
    series?.value.forEach((value, i) => expect(Object.is(value, values[i]), `value ${i}: ${values[i]}`).toBe(true));
  });

  it('stores any NaN (whatever its payload) as NULL and reads it back as NaN', () => {
    const weirdNaN = new Float64Array(new BigUint64Array([0x7ff8_dead_beef_0001n]).buffer)[0] as number;
    store.appendPoints(run(0), [acc(0, NaN), acc(1, weirdNaN), acc(2, -NaN)]);
    expect(store.readSeries([run(0)])[0]?.value).toEqual([NaN, NaN, NaN]);
    const raw = rawConnection(file);
    expect(raw.prepare('SELECT count(*) FROM points WHERE value IS NULL').pluck().get()).toBe(3);
    raw.close();
  });

  it('orders points by step, whatever order they were written in', () => {
    store.appendPoints(run(0), [acc(30, 0.3), acc(10, 0.1)]);
    store.appendPoints(run(0), [acc(20, 0.2)]);
    expect(store.readSeries([run(0)])[0]).toMatchObject({ step: [10, 20, 30], value: [0.1, 0.2, 0.3] });
  });

  it('overwrites the points of a step written again (a resumed run re-training an epoch)', () => {
    store.appendPoints(run(0), [acc(1, 0.5, 1, 10), acc(2, 0.6, 2, 20), acc(3, 0.1, 3, 30)]);
    store.appendPoints(run(0), [acc(3, 0.7, 3, 31.5), acc(4, 0.8, 4, 41)]);
    expect(store.readSeries([run(0)])[0]).toMatchObject({
      epoch: [1, 2, 3, 4],
      step: [1, 2, 3, 4],
      time: [10, 20, 31.5, 41],
      value: [0.5, 0.6, 0.7, 0.8],
    });
  });

  it('keeps series apart by run, task, split and metric, and filters by them', () => {
    const point = (task: string, split: string, metric: string, value: number): MetricPoint => ({
      task,
      split,
      metric,
      epoch: 0,
      step: 0,
      time: 0,
      value,
    });
    store.appendPoints(run(0), [
      point('species', 'val', 'accuracy', 1),
      point('species', 'train', 'accuracy', 2),
      point('sex', 'val', 'accuracy', 3),
      point('species', 'val', 'loss', 4),
      point('a/b', 'c', 'm', 5), // names that would collide if keys were joined with '/'
      point('a', 'b/c', 'm', 6),
    ]);
    store.appendPoints(run(1), [point('species', 'val', 'accuracy', 7)]);

    const key = (s: Series): string => `${s.runId}:${s.task}:${s.split}:${s.metric}=${s.value.join()}`;
    expect(store.readSeries([run(1), run(0)]).map(key)).toEqual([
      `${run(0)}:a:b/c:m=6`,
      `${run(0)}:a/b:c:m=5`,
      `${run(0)}:sex:val:accuracy=3`,
      `${run(0)}:species:train:accuracy=2`,
      `${run(0)}:species:val:accuracy=1`,
      `${run(0)}:species:val:loss=4`,
      `${run(1)}:species:val:accuracy=7`,
    ]);
    expect(store.readSeries([run(0), run(1)], { task: 'species', split: 'val', metric: 'accuracy' }).map(key)).toEqual([
      `${run(0)}:species:val:accuracy=1`,
      `${run(1)}:species:val:accuracy=7`,
    ]);
    expect(store.readSeries([run(0)], { metric: 'loss' }).map(key)).toEqual([`${run(0)}:species:val:loss=4`]);
    expect(store.readSeries([run(2)])).toEqual([]);
    expect(store.readSeries([])).toEqual([]);

    expect(store.listSeriesKeys([run(0), run(1)])).toEqual([
      { task: 'a', split: 'b/c', metric: 'm' },
      { task: 'a/b', split: 'c', metric: 'm' },
      { task: 'sex', split: 'val', metric: 'accuracy' },
      { task: 'species', split: 'train', metric: 'accuracy' },
      { task: 'species', split: 'val', metric: 'accuracy' },
      { task: 'species', split: 'val', metric: 'loss' },
    ]);
    expect(store.listSeriesKeys([])).toEqual([]);
  });

  it('writes a batch all or nothing, naming the bad point', () => {
    store.appendPoints(run(0), [acc(0, 0.1)]);
    const error = thrown(() =>
      store.appendPoints(run(0), [acc(1, 0.2), { ...acc(2, 0.3), task: 'brand-new' }, acc(2.5, 0.4), acc(3, 0.5)]),
    );
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/points\[2\] \(target\/val\/accuracy step 2\.5\)/);
    expect(store.readSeries([run(0)])).toMatchObject([{ step: [0], value: [0.1] }]);
    expect(countRows(file).series).toBe(1); // the series of the failed batch was rolled back too
    // ...and the store forgot its id, so writing to the new series still works.
    store.appendPoints(run(0), [{ ...acc(2, 0.3), task: 'brand-new' }]);
    expect(store.listSeriesKeys([run(0)]).map((k) => k.task)).toEqual(['brand-new', 'target']);
  });

  it("rejects a time that is not a number as 'invalid'", () => {
    expect(thrown(() => store.appendPoints(run(0), [acc(0, 1, 0, NaN)])).code).toBe('invalid');
    expect(thrown(() => store.appendPoints(run(0), [{ ...acc(0, 1), value: '1' as unknown as number }])).code).toBe('invalid');
  });

  it('accepts an empty batch', () => {
    store.appendPoints(run(0), []);
    expect(store.readSeries([run(0)])).toEqual([]);
  });
});

describe('withTransaction', () => {
  it('commits the writes of one epoch together', () => {
    store.markRunning(run(0), { pid: process.pid, environment: null });
    const result = store.withTransaction(() => {
      store.appendPoints(run(0), [acc(1, 0.5)]);
      store.setEpochsDone(run(0), 1);
      store.addArtifact(run(0), { kind: 'checkpoint', path: '/c/1', size: 1, sha256: 'd'.repeat(64), epoch: 1 });
      return 'done';
    });
    expect(result).toBe('done');
    expect(store.getRun(run(0))?.epochsDone).toBe(1);
    expect(store.latestArtifact(run(0), 'checkpoint')?.epoch).toBe(1);
  });

  it('rolls all of them back when one fails', () => {
    const error = thrown(() =>
      store.withTransaction(() => {
        store.appendPoints(run(0), [acc(1, 0.5)]);
        store.setEpochsDone(run(0), 1);
        store.addArtifact(run(0), { kind: 'checkpoint', path: '/c/1', size: 1, sha256: 'not a hash' });
      }),
    );
    expect(error.code).toBe('invalid');
    expect(store.readSeries([run(0)])).toEqual([]);
    expect(store.getRun(run(0))?.epochsDone).toBe(0);
    expect(store.listArtifacts(run(0))).toEqual([]);
  });

  it("never writes into another run's series after a rollback reissued a series id", () => {
    // Series ids come from AUTOINCREMENT, whose counter rolls back with the transaction, so
    // the id run 0's series had inside the failed transaction goes to run 1's new series.
    thrown(() =>
      store.withTransaction(() => {
        store.appendPoints(run(0), [acc(1, 0.5)]);
        throw new Error('epoch failed');
      }),
    );
    store.appendPoints(run(1), [acc(1, 0.9)]);
    store.appendPoints(run(0), [acc(2, 0.6)]);
    expect(store.readSeries([run(0)])).toMatchObject([{ runId: run(0), step: [2], value: [0.6] }]);
    expect(store.readSeries([run(1)])).toMatchObject([{ runId: run(1), step: [1], value: [0.9] }]);
  });

  it('refuses an async function and writes nothing', () => {
    const error = thrown(() =>
      store.withTransaction(async () => {
        store.setEpochsDone(run(0), 5);
      }),
    );
    expect(error.message).toMatch(/synchronous/);
    expect(store.getRun(run(0))?.epochsDone).toBe(0);
  });
});

describe('artifacts', () => {
  it('lists oldest first, finds the latest of a kind, and replaces a rewritten path', () => {
    const hash = (c: string): string => c.repeat(64);
    store.addArtifact(run(0), { kind: 'checkpoint', path: '/c/e1', size: 10, sha256: hash('1'), epoch: 1 });
    store.addArtifact(run(0), { kind: 'checkpoint', path: '/c/e2', size: 11, sha256: hash('2'), epoch: 2 });
    store.addArtifact(run(0), { kind: 'model', path: '/m', size: 12, sha256: hash('A') });
    expect(store.latestArtifact(run(0), 'checkpoint')).toMatchObject({ path: '/c/e2', epoch: 2, size: 11 });
    expect(store.latestArtifact(run(0), 'model')).toMatchObject({ path: '/m', epoch: null, sha256: hash('a') });
    expect(store.latestArtifact(run(0), 'log')).toBeUndefined();
    expect(store.latestArtifact(run(1), 'checkpoint')).toBeUndefined();

    // Resumed from epoch 1, the run writes epoch 2's checkpoint again, to the same path.
    store.addArtifact(run(0), { kind: 'checkpoint', path: '/c/e1', size: 13, sha256: hash('3'), epoch: 1 });
    expect(store.listArtifacts(run(0)).map((a) => `${a.path}:${a.size}`)).toEqual(['/c/e2:11', '/m:12', '/c/e1:13']);
    expect(store.latestArtifact(run(0), 'checkpoint')).toMatchObject({ path: '/c/e1', size: 13 });
  });

  it("rejects a malformed hash or a negative size as 'invalid'", () => {
    expect(thrown(() => store.addArtifact(run(0), { kind: 'model', path: '/m', size: 1, sha256: 'xyz' })).code).toBe('invalid');
    expect(thrown(() => store.addArtifact(run(0), { kind: 'model', path: '/m', size: -1, sha256: 'e'.repeat(64) })).code).toBe(
      'invalid',
    );
  });
});
