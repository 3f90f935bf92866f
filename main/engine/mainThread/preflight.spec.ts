import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpec, type DataRef, type ExperimentSpec } from '../../../contract/spec.ts';
import { preflightSpec } from './preflight.ts';
import { loadDataRef } from '../worker/transfer/loadData.ts';

function csvFile(name: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'graft-preflight-')), name);
  const rows = Array.from({ length: 30 }, (_, i) => `${i},${i % 7},${['cat', 'dog', 'fox'][i % 3]}`);
  writeFileSync(file, ['a,b,label', ...rows].join('\n') + '\n');
  return file;
}

function headToHead(target: DataRef, sources: DataRef[]): ExperimentSpec {
  const parsed = parseSpec({
    version: 1,
    name: 'one file, three tasks',
    kind: 'head-to-head',
    target,
    sources: sources.map((data, i) => ({ name: `source${i + 1}`, data })),
    model: { type: 'mlp', hidden: [8] },
    arms: [{ strategy: 'scratch' }, { architecture: 'hard-sharing', weighting: 'equal' }],
    seeds: [1],
    training: { epochs: 1 },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.spec;
}

/** The real loader, with the paths it was asked to read. */
function countingLoader() {
  const reads: string[] = [];
  const load = (ref: DataRef) => {
    reads.push('csv' in ref ? ref.csv : JSON.stringify(ref));
    return loadDataRef(ref);
  };
  return { load, reads };
}

describe('preflightSpec', () => {
  it('reads a file named as the target and as every source once', async () => {
    const file = csvFile('animals.csv');
    const { load, reads } = countingLoader();
    const spec = headToHead({ csv: file, target: 'label', classes: [0] }, [
      { csv: file, target: 'label', classes: [1] },
      { csv: file, target: 'label', classes: [2] },
    ]);
    expect(await preflightSpec(spec, load)).toEqual([]);
    expect(reads).toEqual([file]);
  });

  it('reads each distinct file, and still names every field a bad file is used in', async () => {
    const file = csvFile('animals.csv');
    const other = csvFile('more-animals.csv');
    const { load, reads } = countingLoader();
    const spec = headToHead({ csv: file, target: 'label' }, [
      { csv: other, target: 'label', classes: [5] },
      { csv: file, target: 'label', classes: [9] },
    ]);
    const problems = await preflightSpec(spec, load);
    expect(reads.sort()).toEqual([file, other].sort());
    expect(problems.map((p) => p.field)).toEqual(['sources[0].data.classes', 'sources[1].data.classes']);
  });

  it('loads again in the next preflight: files may have changed between submits', async () => {
    const file = csvFile('animals.csv');
    const { load, reads } = countingLoader();
    const spec = headToHead({ csv: file, target: 'label' }, [{ csv: file, target: 'label' }]);
    await preflightSpec(spec, load);
    await preflightSpec(spec, load);
    expect(reads).toEqual([file, file]);
  });

  it('refuses a per-class budget larger than every class has for training, naming the classes and their rows', async () => {
    const file = csvFile('animals.csv'); // 10 rows per class; 2 go to validation and 2 to test
    const parsed = parseSpec({
      version: 1,
      name: 'budgets',
      kind: 'transfer',
      target: { csv: file, target: 'label' },
      model: { type: 'mlp', hidden: [8] },
      arms: [{ strategy: 'scratch' }],
      budgets: ['5/class', '6/class', '7/class', '1000000/class', '50%', 'all'],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const problems = await preflightSpec(parsed.spec);
    expect(problems.map((p) => p.field)).toEqual(['budgets[2]', 'budgets[3]']);
    expect(problems[1]?.message).toMatch(/"1000000\/class" is more than any class has for training in .*animals\.csv \(class "cat" 6, class "dog" 6, class "fox" 6\); use "all" or at most 6\/class/);
    const builtin = parseSpec({ version: 1, name: 'b', kind: 'transfer', target: { builtin: 'digits' }, arms: [{ strategy: 'scratch' }], budgets: ['1000000/class'] });
    if (!builtin.ok) throw new Error(JSON.stringify(builtin.errors));
    expect((await preflightSpec(builtin.spec)).map((p) => p.field)).toEqual(['budgets[0]']);
  });
});
