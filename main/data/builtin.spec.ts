import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyBudget } from './budget.ts';
import { BUILTIN_INFO, BUILTIN_NAMES, FASHION_MNIST_CLASSES, loadBuiltin, type BuiltinName } from './builtin.ts';
import { splitIndices } from './split.ts';
import { standardizeFeatures } from './standardize.ts';
import { selectClasses } from './subset.ts';
import type { Dataset } from './types.ts';

const loaded = new Map<BuiltinName, Dataset>();
beforeAll(async () => {
  for (const name of BUILTIN_NAMES) loaded.set(name, await loadBuiltin(name));
});
const get = (name: BuiltinName) => loaded.get(name)!;

function counts(labels: Int32Array | Float32Array, k: number): number[] {
  const out = new Array<number>(k).fill(0);
  for (const l of labels) out[l]! += 1;
  return out;
}

describe('loadBuiltin', () => {
  it('fashion-mnist: 10,000 train + 2,000 official test images, 28×28×1 in 0..1, named classes', () => {
    const ds = get('fashion-mnist');
    expect(ds.n).toBe(12000);
    expect(ds.inputShape).toEqual([28, 28, 1]);
    expect(ds.x.length).toBe(12000 * 784);
    expect(ds.tasks).toEqual([{ name: 'label', type: 'classification', classes: FASHION_MNIST_CLASSES }]);
    expect(ds.testRows!.length).toBe(2000);
    expect(ds.testRows![0]).toBe(10000);
    expect(counts(ds.y.label!, 10)).toEqual(new Array(10).fill(1200));
    let max = 0;
    for (const v of ds.x) max = Math.max(max, v);
    expect(max).toBe(1);
  });

  it('digits: 1,797 8×8×1 images scaled 0..1, ten classes', () => {
    const ds = get('digits');
    expect(ds.n).toBe(1797);
    expect(ds.inputShape).toEqual([8, 8, 1]);
    expect(ds.tasks[0]).toEqual({ name: 'digit', type: 'classification', classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
    expect(ds.x.reduce((a, v) => Math.min(a, v), 1)).toBe(0);
    expect(ds.x.reduce((a, v) => Math.max(a, v), 0)).toBe(1);
    expect(counts(ds.y.digit!, 10).every((c) => c >= 170 && c <= 190)).toBe(true);
  });

  it('penguins: 333 complete rows, tasks species/sex/body_mass_g, the drop documented', () => {
    const ds = get('penguins');
    expect(ds.n).toBe(333);
    expect(ds.inputShape).toEqual([6]);
    expect(ds.tasks).toEqual([
      { name: 'species', type: 'classification', classes: ['Adelie', 'Chinstrap', 'Gentoo'] },
      { name: 'sex', type: 'classification', classes: ['female', 'male'] },
      { name: 'body_mass_g', type: 'regression' },
    ]);
    expect(counts(ds.y.species!, 3)).toEqual([146, 68, 119]);
    expect(ds.notes).toEqual(['dropped 11 rows with missing values (lines 5, 10, 11, 12, 13, 49, 180, 220, 258, 270, 273)']);
    expect(ds.features!.map((f) => f.kind)).toEqual(['category', 'category', 'category', 'numeric', 'numeric', 'numeric']);
    expect(ds.y.body_mass_g![0]).toBe(3750);
  });

  it('BUILTIN_INFO matches what loads', () => {
    for (const name of BUILTIN_NAMES) {
      expect(get(name).n).toBe(BUILTIN_INFO[name].rows);
      expect(get(name).inputShape).toEqual(BUILTIN_INFO[name].inputShape);
      expect(get(name).tasks.map((t) => t.name)).toEqual(BUILTIN_INFO[name].tasks);
    }
  });

  it('unknown names and a missing data folder are errors saying what was expected', async () => {
    await expect(loadBuiltin('mnist' as BuiltinName)).rejects.toThrow(/unknown built-in dataset "mnist"; expected one of: fashion-mnist, digits, penguins/);
    const empty = await mkdtemp(join(tmpdir(), 'graft-builtin-'));
    try {
      await expect(loadBuiltin('penguins', { dataDir: empty })).rejects.toThrow(/penguins\.csv: file not found/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('a transfer pipeline on shipped data', () => {
  it('Fashion-MNIST classes 5–9 → labels 0–4, split keeps the official test rows, 10/class budget', () => {
    const target = selectClasses(get('fashion-mnist'), [5, 6, 7, 8, 9]);
    expect(target.n).toBe(6000);
    expect(target.tasks[0]!.classes).toEqual(['Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']);
    const split = splitIndices(target, { seed: 1 });
    expect(split.test.length).toBe(1000);
    expect(Array.from(split.test)).toEqual(Array.from(target.testRows!));
    const budget = applyBudget(target, split.train, { perClass: 10 }, { seed: 1 });
    expect(budget.perClass).toEqual([10, 10, 10, 10, 10]);
  });

  it('penguins features standardized with train statistics only', () => {
    const ds = get('penguins');
    const { train } = splitIndices(ds, { seed: 2 });
    const { dataset, stats } = standardizeFeatures(ds, train);
    // Numeric positions 3..5 have mean ≈ 0 over the train rows; one-hot positions are untouched.
    for (const j of [3, 4, 5]) {
      const mean = Array.from(train).reduce((a, r) => a + dataset.x[r * 6 + j]!, 0) / train.length;
      expect(Math.abs(mean)).toBeLessThan(1e-4);
      expect(stats.std[j]).toBeGreaterThan(0.1);
    }
    expect(stats.mean[0]).toBe(0);
    expect(dataset.x.subarray(0, 3)).toEqual(ds.x.subarray(0, 3));
  });
});
