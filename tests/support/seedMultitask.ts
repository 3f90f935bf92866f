// Seeding for the multitask and head-to-head compare views: real specs expanded into runs with
// resolved configs, and per-epoch series shaped as the engines log them — per task and split its
// metrics, the task weights and the gradient cosines between task pairs (split 'train'), and
// the run-level cost series (task "_run") — with plateaus chosen so Δm, a negative transfer and
// the head-to-head verdicts show up in the numbers.
import { expandRuns } from '../../contract/spec.ts';
import { isJointConfig } from '../../contract/specHeadToHead.ts';
import { openStore } from '../../db/open.ts';
import type { MetricPoint } from '../../db/series.ts';
import type { RunStore } from '../../db/store.ts';
import { complete, noise, parsedSpec } from './seedCompare.ts';

const EPOCHS = 6;
const STEPS_PER_EPOCH = 10;

export const multitaskSpec = {
  version: 1,
  name: 'Penguins: three tasks, three weightings',
  kind: 'multitask',
  question: 'Does one trunk for species, sex and body mass beat a model per task?',
  data: { builtin: 'penguins' },
  model: { type: 'mlp', hidden: [16] },
  arms: [{ weighting: 'equal' }, { weighting: 'uncertainty' }, { weighting: 'pcgrad' }],
  seeds: [1, 2, 3],
  training: { epochs: EPOCHS, batchSize: 32, lr: 0.01 },
};

/** Test plateaus per arm: classification accuracy, body mass RMSE in grams. pcgrad hurts body mass beyond the noise. */
const MULTITASK_PLATEAU: Record<string, { species: number; sex: number; body_mass_g: number }> = {
  'single-task': { species: 0.95, sex: 0.8, body_mass_g: 340 },
  'hard-sharing+equal': { species: 0.97, sex: 0.83, body_mass_g: 330 },
  'hard-sharing+uncertainty': { species: 0.96, sex: 0.82, body_mass_g: 345 },
  'hard-sharing+pcgrad': { species: 0.97, sex: 0.84, body_mass_g: 420 },
};

export const headToHeadSpec = {
  version: 1,
  name: 'Fashion 0-4 → 5-9: transfer or multi-task?',
  kind: 'head-to-head',
  question: 'Pretrain on 0-4 and transfer, or train 0-4 and 5-9 together?',
  target: { builtin: 'fashion-mnist', classes: [5, 6, 7, 8, 9] },
  sources: [{ data: { builtin: 'fashion-mnist', classes: [0, 1, 2, 3, 4] }, epochs: EPOCHS }],
  model: { type: 'cnn', filters: [8, 16], dense: [] },
  arms: [
    { strategy: 'scratch' },
    { strategy: 'fine-tune', lrFactor: 0.3 },
    { architecture: 'hard-sharing', weighting: 'equal' },
    { architecture: 'hard-sharing', weighting: 'uncertainty' },
  ],
  seeds: [1, 2, 3],
  budgets: ['10/class', '50/class'],
  training: { epochs: EPOCHS, batchSize: 32 },
};

/** Target test accuracy plateaus: fine-tune wins at 10/class, the joint model at 50/class. */
const H2H_PLATEAU: Record<string, Record<string, number>> = {
  scratch: { '10/class': 0.5, '50/class': 0.66 },
  'fine-tune': { '10/class': 0.68, '50/class': 0.72 },
  'hard-sharing+equal': { '10/class': 0.6, '50/class': 0.75 },
  'hard-sharing+uncertainty': { '10/class': 0.58, '50/class': 0.74 },
  source: { all: 0.88 },
};

/** Arms differ in their noise too, so paired differences have a spread. */
function salt(arm: string): number {
  return [...arm].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 97;
}

function rise(epoch: number): number {
  return 1 - Math.exp(-(epoch + 1) / 2);
}

type At = (task: string, split: string, metric: string, value: number) => MetricPoint;
function pointsAt(epoch: number, seed: number): At {
  return (task, split, metric, value) => ({ task, split, metric, epoch, step: (epoch + 1) * STEPS_PER_EPOCH, time: (epoch + 1) * 0.8 + seed * 0.05, value });
}

function classification(at: At, task: string, plateau: number, seed: number, epoch: number): MetricPoint[] {
  const acc = 0.3 + (plateau - 0.3) * rise(epoch);
  return [
    at(task, 'train', 'loss', 1.2 * Math.exp(-epoch / 2.5) + 0.2 + noise(seed, epoch + 40)),
    at(task, 'train', 'accuracy', Math.min(0.99, acc + 0.03 + noise(seed, epoch + 9))),
    at(task, 'val', 'accuracy', acc + noise(seed, epoch)),
    at(task, 'val', 'f1', acc - 0.02 + noise(seed, epoch + 3)),
    at(task, 'test', 'accuracy', acc + noise(seed + 1, epoch)),
    at(task, 'test', 'f1', acc - 0.02 + noise(seed + 1, epoch + 3)),
  ];
}

function regression(at: At, task: string, plateau: number, seed: number, epoch: number): MetricPoint[] {
  const rmse = plateau * (1 + 1.5 * Math.exp(-(epoch + 1) / 2)) * (1 + noise(seed, epoch));
  return [
    at(task, 'train', 'loss', (rmse / 800) ** 2 + noise(seed, epoch + 40) * 0.01),
    at(task, 'val', 'rmse', rmse),
    at(task, 'val', 'mae', rmse * 0.8),
    at(task, 'test', 'rmse', rmse * (1 + noise(seed + 1, epoch))),
    at(task, 'test', 'mae', rmse * 0.8 * (1 + noise(seed + 2, epoch))),
  ];
}

/** The run-level series cost is read from: seconds per epoch, examples per epoch, weights trained. */
function costPoints(at: At, seconds: number, samples: number, params: number): MetricPoint[] {
  return [at('_run', 'train', 'epoch_time', seconds), at('_run', 'train', 'samples', samples), at('_run', 'train', 'trainable_params', params)];
}

const WEIGHTS: Record<string, (epoch: number, task: number) => number> = {
  equal: () => 1,
  uncertainty: (epoch, task) => [1.4, 1.0, 0.5][task]! * (0.6 + 0.4 * rise(epoch)) + 0.3,
  pcgrad: () => 1,
};

/** The multitask experiment above, every run completed. */
export function seedMultitask(store: RunStore): { experimentId: number } {
  const valid = parsedSpec(multitaskSpec);
  const plans = expandRuns(valid);
  const { experimentId, runIds } = store.createExperiment({ name: valid.name, kind: valid.kind, specVersion: 1, spec: valid, runs: plans });
  plans.forEach((plan, i) => {
    const plateau = MULTITASK_PLATEAU[plan.arm] ?? { species: 0.9, sex: 0.8, body_mass_g: 350 };
    const weighting = plan.arm.split('+')[1] ?? 'equal';
    const seed = plan.seed + salt(plan.arm);
    const points: MetricPoint[] = [];
    for (let epoch = 0; epoch < plan.epochsPlanned; epoch++) {
      const at = pointsAt(epoch, plan.seed);
      points.push(...classification(at, 'species', plateau.species, seed, epoch), ...classification(at, 'sex', plateau.sex, seed + 7, epoch));
      points.push(...regression(at, 'body_mass_g', plateau.body_mass_g, seed + 3, epoch));
      points.push(...costPoints(at, 0.4, 230, plan.arm === 'single-task' ? 3 * 500 : 700));
      if (plan.arm === 'single-task') continue; // no shared weights, no weighting
      ['species', 'sex', 'body_mass_g'].forEach((task, t) => points.push(at(task, 'train', 'weight', (WEIGHTS[weighting] ?? WEIGHTS['equal']!)(epoch, t))));
      const conflict = weighting === 'pcgrad' ? 0.1 : -0.15;
      points.push(
        at('species~sex', 'train', 'grad_cosine', 0.35 - 0.05 * epoch + noise(plan.seed, epoch)),
        at('species~body_mass_g', 'train', 'grad_cosine', conflict + 0.02 * epoch + noise(plan.seed + 1, epoch)),
        at('sex~body_mass_g', 'train', 'grad_cosine', 0.05 + noise(plan.seed + 2, epoch)),
      );
    }
    complete(store, runIds[i] as number, points, plan.epochsPlanned);
  });
  return { experimentId };
}

/** The head-to-head experiment above, every run completed: fine-tune costs its pretraining. */
export function seedHeadToHead(store: RunStore): { experimentId: number } {
  const valid = parsedSpec(headToHeadSpec);
  const plans = expandRuns(valid);
  const { experimentId, runIds } = store.createExperiment({ name: valid.name, kind: valid.kind, specVersion: 1, spec: valid, runs: plans });
  plans.forEach((plan, i) => {
    const plateau = H2H_PLATEAU[plan.arm]?.[plan.budget] ?? 0.5;
    const joint = isJointConfig(plan.config);
    const labels = plan.budget === '10/class' ? 50 : plan.budget === '50/class' ? 250 : 2500;
    const points: MetricPoint[] = [];
    for (let epoch = 0; epoch < plan.epochsPlanned; epoch++) {
      const at = pointsAt(epoch, plan.seed);
      const task = 'task' in plan.config ? plan.config.task : 'target';
      points.push(...classification(at, task, plateau, plan.seed + salt(plan.arm), epoch));
      if (joint) {
        points.push(...classification(at, 'source', 0.86, plan.seed + 5, epoch));
        points.push(at('target', 'train', 'weight', plan.arm.endsWith('uncertainty') ? 0.8 + 0.3 * rise(epoch) : 1), at('source', 'train', 'weight', plan.arm.endsWith('uncertainty') ? 0.9 - 0.2 * rise(epoch) : 1));
        points.push(at('target~source', 'train', 'grad_cosine', 0.2 - 0.04 * epoch + noise(plan.seed, epoch)));
      }
      const samples = task === 'source' ? 2500 : joint ? labels + 2500 : labels;
      points.push(...costPoints(at, samples / 1000 + 0.2, samples, joint ? 9000 : 5000));
    }
    complete(store, runIds[i] as number, points, plan.epochsPlanned);
  });
  return { experimentId };
}

/** Opens the file, seeds both, closes: for tests that hand the file to `graft serve`. */
export function seedMultitaskFile(dbPath: string): { multitaskId: number; headToHeadId: number } {
  const store = openStore(dbPath);
  try {
    return { multitaskId: seedMultitask(store).experimentId, headToHeadId: seedHeadToHead(store).experimentId };
  } finally {
    store.close();
  }
}
