// The joint data of a head-to-head multitask run: the target rows are exactly the transfer runs'
// rows for the same seed and budget, each example is labelled for one task only, and a task's
// loss and scores ignore the examples of the other task.
import { tf } from '../tf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandRuns, parseSpec } from '../../../../contract/spec.ts';
import { isJointConfig, type JointRunConfig } from '../../../../contract/specHeadToHead.ts';
import { scoreTask, taskLoss } from '../multitask/taskLoss.ts';
import { loadDataRef } from '../transfer/loadData.ts';
import { disposeRunData, prepareRunData } from '../transfer/runData.ts';
import { NO_LABEL, prepareJointData } from './jointData.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function jointConfig(): JointRunConfig {
  const parsed = parseSpec({
    version: 1,
    name: 'joint',
    kind: 'head-to-head',
    target: { builtin: 'digits', classes: [5, 6, 7, 8, 9] },
    sources: [{ data: { builtin: 'digits', classes: [0, 1, 2, 3, 4] }, budget: '20/class' }],
    model: { type: 'mlp', hidden: [8] },
    arms: [{ strategy: 'scratch' }, { architecture: 'hard-sharing', weighting: 'equal' }],
    seeds: [7],
    budgets: ['5/class'],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const config = expandRuns(parsed.spec).map((r) => r.config).find(isJointConfig);
  if (!config) throw new Error('no joint run');
  return config;
}

describe('prepareJointData', () => {
  it('puts the transfer runs’ target rows and the source rows in one pool, one label each', async () => {
    const config = jointConfig();
    const data = await prepareJointData(config);
    const transfer = prepareRunData(await loadDataRef(config.target), {
      seed: 7,
      budget: '5/class',
      valFraction: config.training.valFraction,
      testFraction: config.training.testFraction,
      classes: [5, 6, 7, 8, 9],
    });
    try {
      expect(data.tasks.map((t) => [t.name, t.units, t.partial])).toEqual([
        ['target', 5, true],
        ['source', 5, true],
      ]);
      expect(data.train.n).toBe(25 + 100);
      const [target, source] = data.test.raw as [Int32Array, Int32Array];
      const nTarget = transfer.test.n;
      // Target rows first, identical to what the transfer arms are tested on.
      expect(Array.from(target.subarray(0, nTarget))).toEqual(Array.from(transfer.test.y.dataSync()));
      expect(Array.from(data.test.x.slice(0, nTarget).dataSync())).toEqual(Array.from(transfer.test.x.dataSync()));
      expect(target.subarray(nTarget).every((y) => y === NO_LABEL)).toBe(true);
      expect(source.subarray(0, nTarget).every((y) => y === NO_LABEL)).toBe(true);
      expect(source.subarray(nTarget).every((y) => y >= 0 && y < 5)).toBe(true);
    } finally {
      disposeRunData(transfer);
      for (const s of [data.train, data.val, data.test]) tf.dispose([s.x, ...s.targets]);
    }
  });
});

describe('a partially labelled task', () => {
  const task = { name: 'target', type: 'classification' as const, units: 3, classNames: null, mean: 0, std: 1, partial: true };

  it('takes its loss over the labelled examples only', () => {
    const logits = tf.tensor2d([
      [2, 0, 0],
      [0, 1, 0],
      [5, -5, 0],
      [0, 0, 3],
    ]);
    const labels = tf.tensor1d([0, NO_LABEL, NO_LABEL, 2], 'int32');
    const expected = tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3), tf.tensor2d([[2, 0, 0], [0, 0, 3]]));
    expect(taskLoss(logits, labels, task).dataSync()[0]).toBeCloseTo(expected.dataSync()[0] as number, 6);
    // A batch without any of its labels contributes nothing (and stays finite).
    expect(taskLoss(logits, tf.tensor1d([NO_LABEL, NO_LABEL, NO_LABEL, NO_LABEL], 'int32'), task).dataSync()[0]).toBe(0);
  });

  it('is scored on the labelled examples only', () => {
    expect(scoreTask(task, [0, 1, 1, 2], [0, NO_LABEL, NO_LABEL, 1])['accuracy']).toBe(0.5);
  });
});
