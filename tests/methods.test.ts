// The methods of issue 18 through the path a user takes: a spec file, `graft run` (real worker
// threads, a real SQLite store in a temp folder), `graft compare --json`. Small on purpose
// (penguins, 2 epochs, one seed): it checks that every new weighting and architecture trains to
// completion with finite numbers, not how good they are.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentComparison } from '../contract/compare.ts';
import { openStore } from '../db/open.ts';
import { runGraft } from './support/graftProcess.ts';
import { tempDir } from './support/seed.ts';

const NEW_WEIGHTINGS = ['rlw', 'gls', 'imtl-l', 'famo', 'db-mtl', 'cagrad', 'nash-mtl', 'aligned-mtl'];
/** The new architectures with a loss weighting, a gradient weighting and MGDA-UB (which differentiates through Z). */
const NEW_ARCHITECTURE_ARMS = [
  { architecture: 'mmoe', weighting: 'equal', experts: 3 },
  { architecture: 'mmoe', weighting: 'nash-mtl' },
  { architecture: 'mmoe', weighting: 'mgda' },
  { architecture: 'mtan', weighting: 'famo' },
  { architecture: 'mtan', weighting: 'pcgrad' },
];

let dir: string;
let db: string;

function runSpec(spec: Record<string, unknown>): ExperimentComparison {
  const file = join(dir, `${String(spec['name'])}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const result = runGraft(['run', file, '--db', db, '--backend', 'cpu', '--concurrency', '2']);
  if (result.code !== 0) throw new Error(`graft run exited ${result.code}:\n${result.stderr.slice(-3000)}`);
  const compared = runGraft(['compare', String(spec['name']), '--json', '--db', db]);
  if (compared.code !== 0) throw new Error(`graft compare exited ${compared.code}:\n${compared.stderr.slice(-3000)}`);
  return JSON.parse(compared.stdout) as ExperimentComparison;
}

beforeAll(() => {
  dir = tempDir('graft-methods-');
  db = join(dir, 'graft.db');
});

describe('the newer multitask methods, end to end on penguins', () => {
  it('trains every new weighting and architecture to completion with a finite Δm and finite task weights', () => {
    const comparison = runSpec({
      version: 1,
      name: 'methods-mtl',
      kind: 'multitask',
      data: { builtin: 'penguins' },
      model: { type: 'mlp', hidden: [16] },
      arms: [
        ...NEW_WEIGHTINGS.map((weighting) => ({ weighting })),
        { name: 'cagrad-c0.2', weighting: 'cagrad', c: 0.2 },
        ...NEW_ARCHITECTURE_ARMS,
      ],
      seeds: [1],
      training: { epochs: 2, batchSize: 32, lr: 0.01 },
    });
    const store = openStore(db);
    try {
      const runs = store.listRuns({ experimentId: comparison.experiment.id });
      expect(runs.map((r) => `${r.arm}:${r.status}`).filter((s) => !s.endsWith(':completed'))).toEqual([]);
      for (const weighting of NEW_WEIGHTINGS) {
        const arm = comparison.arms.find((a) => a.weighting === weighting && !a.baseline);
        expect(arm, weighting).toBeDefined();
        expect(Number.isFinite(arm!.deltaM), `${weighting} Δm ${arm!.deltaM}`).toBe(true);
        const run = runs.find((r) => r.arm === arm!.name)!;
        const weights = store.readSeries([run.id]).filter((s) => s.metric === 'weight');
        expect(weights).toHaveLength(3);
        for (const s of weights) for (const v of s.value) expect(Number.isFinite(v), `${weighting} weight ${v}`).toBe(true);
      }
      for (const { architecture, weighting } of NEW_ARCHITECTURE_ARMS) {
        const arm = comparison.arms.find((a) => a.name === `${architecture}+${weighting}`);
        expect(arm?.architecture, `${architecture}+${weighting}`).toBe(architecture);
        expect(Number.isFinite(arm!.deltaM), `${arm!.name} Δm ${arm!.deltaM}`).toBe(true);
      }
    } finally {
      store.close();
    }
  }, 600_000);
});

describe('the fine-tuning regularizers, end to end on digits 0-4 → 5-9', () => {
  it('trains L2-SP, LwF and BSS from a pretrained source to finite numbers that differ from plain fine-tuning', () => {
    const comparison = runSpec({
      version: 1,
      name: 'methods-transfer',
      kind: 'transfer',
      target: { builtin: 'digits', classes: [5, 6, 7, 8, 9] },
      source: { pretrain: { data: { builtin: 'digits', classes: [0, 1, 2, 3, 4] }, epochs: 3 } },
      model: { type: 'mlp', hidden: [32], dropout: 0.1 },
      arms: [{ strategy: 'scratch' }, { strategy: 'fine-tune' }, { strategy: 'l2-sp', alpha: 0.5 }, { strategy: 'lwf' }, { strategy: 'bss', k: 2, eta: 0.01 }],
      seeds: [1],
      budgets: ['20/class'],
      training: { epochs: 2, batchSize: 16, lr: 0.003 },
    });
    const store = openStore(db);
    try {
      const runs = store.listRuns({ experimentId: comparison.experiment.id });
      expect(runs.map((r) => `${r.arm}:${r.status}`).sort()).toEqual(['bss', 'fine-tune', 'l2-sp', 'lwf', 'scratch', 'source'].map((a) => `${a}:completed`));
      const testLoss = (arm: string) => {
        const run = runs.find((r) => r.arm === arm)!;
        const series = store.readSeries([run.id]);
        for (const s of series) for (const v of s.value) expect(Number.isFinite(v), `${arm} ${s.metric} ${v}`).toBe(true);
        return series.find((s) => s.split === 'test' && s.metric === 'loss')!.value;
      };
      const plain = testLoss('fine-tune');
      // Same seed, data, initial weights and learning rates: only the penalty differs.
      for (const arm of ['l2-sp', 'lwf', 'bss']) expect(testLoss(arm), arm).not.toEqual(plain);
    } finally {
      store.close();
    }
  }, 600_000);
});

