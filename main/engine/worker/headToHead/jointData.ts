// The data of a head-to-head multitask run: the target task's rows and each source task's rows
// in one pool, every example labelled for its own task only (NO_LABEL for the others), so the
// multitask loop takes each task's loss over the examples that have its label.
//
// The target rows come from selectRunRows with the run's seed and budget — the very split and
// budget the transfer arms of that seed train and are tested on — so every arm of a
// head-to-head experiment is judged on the same target test rows.
import { tf } from '../tf.mjs';
import type { DataRef } from '../../../../contract/spec.ts';
import { TARGET_TASK, type JointRunConfig } from '../../../../contract/specHeadToHead.ts';
import { DataError } from '../../../data/errors.ts';
import { exampleSize, takeRows } from '../../../data/rows.ts';
import type { Dataset } from '../../../data/types.ts';
import type { MultitaskData, MultitaskSplit, TaskInfo } from '../multitask/data.ts';
import { loadDataRef, loadingEachFileOnce } from '../transfer/loadData.ts';
import { selectRunRows, type RunRows } from '../transfer/runData.ts';

/** The label of a task on an example that belongs to another task. */
export const NO_LABEL = -1;

interface Part {
  task: string;
  rows: RunRows;
}

type SplitName = 'train' | 'val' | 'test';

/** One dataset file per distinct reference: the target and its sources are often one dataset's class subsets. */
async function loadAll(refs: DataRef[], dataDir: string | undefined): Promise<Dataset[]> {
  const load = loadingEachFileOnce((ref) => loadDataRef(ref, dataDir ? { dataDir } : {}));
  return Promise.all(refs.map(load));
}

function jointSplit(parts: Part[], split: SplitName, inputShape: number[]): MultitaskSplit {
  const n = parts.reduce((sum, p) => sum + p.rows[split].length, 0);
  const size = exampleSize({ inputShape });
  const x = new Float32Array(n * size);
  const raw = parts.map(() => new Int32Array(n).fill(NO_LABEL));
  let at = 0;
  parts.forEach((part, t) => {
    const rows = part.rows[split];
    x.set(takeRows(part.rows.scaled, rows).x, at * size);
    const labels = raw[t] as Int32Array;
    rows.forEach((r, i) => {
      labels[at + i] = part.rows.labels[r] as number;
    });
    at += rows.length;
  });
  return { n, x: tf.tensor(x, [n, ...inputShape], 'float32'), targets: raw.map((r) => tf.tensor1d(r, 'int32')), raw };
}

export async function prepareJointData(config: JointRunConfig, opts: { dataDir?: string } = {}): Promise<MultitaskData> {
  const refs = [config.target, ...config.sources.map((s) => s.data)];
  const datasets = await loadAll(refs, opts.dataDir);
  const common = { seed: config.seed, valFraction: config.training.valFraction, testFraction: config.training.testFraction };
  const parts: Part[] = [
    { task: TARGET_TASK, budget: config.budget, ref: config.target },
    ...config.sources.map((s) => ({ task: s.name, budget: s.budget, ref: s.data })),
  ].map((p, i) => ({
    task: p.task,
    rows: selectRunRows(datasets[i] as Dataset, { ...common, budget: p.budget, ...(p.ref.classes ? { classes: p.ref.classes } : {}) }),
  }));
  const inputShape = parts[0]?.rows.scaled.inputShape ?? [];
  for (const part of parts) {
    const shape = part.rows.scaled.inputShape;
    if (shape.join('x') !== inputShape.join('x')) {
      throw new DataError(`source task "${part.task}" has inputs [${shape.join(', ')}] but the target has [${inputShape.join(', ')}]; a shared trunk needs one input shape`, {
        field: 'sources',
      });
    }
  }
  const tasks: TaskInfo[] = parts.map((p) => ({
    name: p.task,
    type: 'classification',
    units: p.rows.numClasses,
    classNames: p.rows.classNames,
    mean: 0,
    std: 1,
    partial: true,
  }));
  return {
    inputShape,
    tasks,
    train: jointSplit(parts, 'train', inputShape),
    val: jointSplit(parts, 'val', inputShape),
    test: jointSplit(parts, 'test', inputShape),
    notes: parts.map((p) => `task ${p.task}: ${p.rows.notes.join('; ')}`),
    decisions: parts.flatMap((p) => p.rows.decisions.map((note) => ({ data: `task ${p.task}`, note }))),
  };
}
