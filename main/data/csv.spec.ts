import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDataDir } from './builtin.ts';
import { loadCsv, tableToDataset, type CsvOptions } from './csv.ts';
import { parseCsv } from './csvParse.ts';
import { DataError } from './errors.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'graft-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function csvFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

async function loadError(file: string, opts: CsvOptions): Promise<DataError> {
  const err = await loadCsv(file, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

describe('parseCsv (RFC 4180)', () => {
  it('handles quotes, doubled quotes, commas and line breaks inside quotes, CRLF, BOM, blank lines', () => {
    const text = '\ufeffname,note,n\r\n"Smith, J","said ""hi""\r\nthen left",1\r\n\r\nplain,5\'11" tall,2\r\n"",x,3';
    const t = parseCsv(text, 'q.csv');
    expect(t.header).toEqual(['name', 'note', 'n']);
    expect(t.rows).toEqual([
      ['Smith, J', 'said "hi"\r\nthen left', '1'],
      ['plain', '5\'11" tall', '2'],
      ['', 'x', '3'],
    ]);
    // Rows start on lines 2, 5 and 6: the quoted line break counts.
    expect(t.lines).toEqual([2, 5, 6]);
  });

  it('names columns col1.. when there is no header', () => {
    const t = parseCsv('1,2\n3,4\n', 'h.csv', { header: false });
    expect(t.header).toEqual(['col1', 'col2']);
    expect(t.rows).toHaveLength(2);
  });

  it('errors carry the line: wrong field count, unterminated quote, text after a closing quote, duplicate column', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n', 'f.csv')).toThrow(/^f\.csv:3: expected 2 fields \(as in the header\), found 1$/);
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', 'f.csv')).toThrow(/^f\.csv:2: unterminated quoted field/);
    expect(() => parseCsv('a,b\n"x"y,1\n', 'f.csv')).toThrow(/^f\.csv:2: unexpected "y" after a closing quote/);
    expect(() => parseCsv('a,a\n1,2\n', 'f.csv')).toThrow(/column name "a" appears twice/);
    expect(() => parseCsv('', 'f.csv')).toThrow(/empty CSV file/);
  });
});

describe('tableToDataset', () => {
  const table = parseCsv(
    ['color,size,weight,grade,score', 'red,1.5,10,A,3', 'blue,2.5,20,B,1', 'red,3.5,30,A,2', 'green,4.5,40,B,3'].join('\n'),
    't.csv',
  );

  it('infers task types: text and few integer levels → classification, other numbers → regression', () => {
    const ds = tableToDataset(table, { targets: ['grade', 'score', 'weight'] });
    expect(ds.tasks).toEqual([
      { name: 'grade', type: 'classification', classes: ['A', 'B'] },
      { name: 'score', type: 'classification', classes: ['1', '2', '3'] },
      { name: 'weight', type: 'classification', classes: ['10', '20', '30', '40'] },
    ]);
    expect(Array.from(ds.y.score!)).toEqual([2, 0, 1, 2]);
    const r = tableToDataset(table, { targets: ['weight'], maxClassLevels: 3, features: ['size'] });
    expect(r.tasks[0]!.type).toBe('regression');
    expect(Array.from(r.y.weight!)).toEqual([10, 20, 30, 40]);
    expect(r.y.weight).toBeInstanceOf(Float32Array);
  });

  it('overrides win over inference', () => {
    const ds = tableToDataset(table, { targets: ['score', 'size'], taskTypes: { score: 'regression', size: 'classification' } });
    expect(ds.tasks.map((t) => t.type)).toEqual(['regression', 'classification']);
    expect(ds.tasks[1]!.classes).toEqual(['1.5', '2.5', '3.5', '4.5']);
  });

  it('one-hot encodes text features and keeps numeric ones raw (standardized later with train statistics)', () => {
    const ds = tableToDataset(table, { targets: ['grade'], features: ['color', 'size'] });
    expect(ds.inputShape).toEqual([4]);
    expect(ds.features!.map((f) => f.name)).toEqual(['color=blue', 'color=green', 'color=red', 'size']);
    expect(Array.from(ds.x.subarray(0, 8))).toEqual([0, 0, 1, 1.5, 1, 0, 0, 2.5]);
    const asCategory = tableToDataset(table, { targets: ['grade'], features: ['size'], featureKinds: { size: 'category' } });
    expect(asCategory.inputShape).toEqual([4]);
  });

  it('rejects overrides for columns that are not targets/features (typo protection)', () => {
    expect(() => tableToDataset(table, { targets: ['grade'], taskTypes: { grad: 'classification' } })).toThrow(/taskTypes names "grad"/);
  });
});

describe('loadCsv errors name the file, line and column', () => {
  it('missing target column: lists the columns found', async () => {
    const file = await csvFile('cols.csv', 'a,b,c\n1,2,x\n');
    const err = await loadError(file, { targets: ['label'] });
    expect(err.file).toBe(file);
    expect(err.column).toBe('label');
    expect(err.message).toBe(`${file}: no column "label" (target); columns found: a, b, c`);
  });

  it('target with mixed types: the first offending line', async () => {
    const file = await csvFile('mixed.csv', 'x,y\n1,10\n2,20\n3,oops\n4,40\n5,n/a-ish\n');
    const err = await loadError(file, { targets: ['y'] });
    expect(err.line).toBe(4);
    expect(err.column).toBe('y');
    expect(err.message).toMatch(/mixed\.csv:4: column "y" mixes numbers and text: 3 of 5 values are numbers, but this line has "oops"/);
  });

  it('mixed types are fine when the target is declared classification', async () => {
    const file = await csvFile('mixed-ok.csv', 'x,y\n1,10\n2,b\n');
    const ds = await loadCsv(file, { targets: ['y'], taskTypes: { y: 'classification' } });
    expect(ds.tasks[0]!.classes).toEqual(['10', 'b']);
  });

  it('NaN and empty regression targets: error with the line', async () => {
    const nan = await csvFile('nan.csv', 'x,y\n1,1.5\n2,NaN\n3,2.5\n');
    const e1 = await loadError(nan, { targets: ['y'], taskTypes: { y: 'regression' } });
    expect(e1.line).toBe(3);
    expect(e1.message).toMatch(/nan\.csv:3: missing value "NaN" in target column "y"/);
    const empty = await csvFile('empty.csv', 'x,y\n1,1.5\n2,2.5\n3,\n');
    const e2 = await loadError(empty, { targets: ['y'], taskTypes: { y: 'regression' } });
    expect(e2.message).toMatch(/empty\.csv:4: missing value \(empty\) in target column "y"/);
    // Even when NaN is not treated as a missing token, it is not a number.
    const e3 = await loadError(nan, { targets: ['y'], taskTypes: { y: 'regression' }, missingTokens: [''] });
    expect(e3.message).toMatch(/nan\.csv:3: regression target "y" must be a number; found "NaN"/);
  });

  it('feature columns are checked too: mixed types, a declared numeric feature with text, a missing feature', async () => {
    const file = await csvFile('feat.csv', 'age,city,y\n31,Oslo,a\n40,Rome,b\nforty,Oslo,a\n22,5,b\n');
    const mixed = await loadError(file, { targets: ['y'], features: ['age'] });
    expect(mixed.message).toMatch(/feat\.csv:4: column "age" mixes numbers and text: 3 of 4 values are numbers, but this line has "forty"; expected all numbers$/);
    const declared = await loadError(file, { targets: ['y'], features: ['city'], featureKinds: { city: 'numeric' } });
    expect(declared.message).toMatch(/feat\.csv:2: numeric feature "city" must be a number; found "Oslo"/);
    const ok = await loadCsv(file, { targets: ['y'], features: ['city'], featureKinds: { city: 'category' } });
    expect(ok.features!.map((f) => f.name)).toEqual(['city=5', 'city=Oslo', 'city=Rome']);
    const gap = await csvFile('gap.csv', 'a,y\n1,x\n,y\n');
    expect((await loadError(gap, { targets: ['y'] })).message).toMatch(/gap\.csv:3: missing value \(empty\) in feature column "a"/);
  });

  it("missing: 'drop' drops such rows and says which", async () => {
    const file = await csvFile('drop.csv', 'x,y\n1,1.5\n2,NA\n3,2.5\n');
    const ds = await loadCsv(file, { targets: ['y'], missing: 'drop' });
    expect(ds.n).toBe(2);
    expect(ds.notes).toContain('dropped 1 rows with missing values (lines 3)');
  });

  it('reads gzipped CSV', async () => {
    const file = join(dir, 'z.csv.gz');
    await writeFile(file, gzipSync('a,b\n1,x\n2,y\n'));
    const ds = await loadCsv(file, { targets: ['b'] });
    expect(ds.n).toBe(2);
  });

  it('loads the shipped penguins CSV', async () => {
    const ds = await loadCsv(join(defaultDataDir(), 'penguins', 'penguins.csv'), { targets: ['species'], missing: 'drop' });
    // All columns but species are features: island and sex one-hot, year numeric.
    expect(ds.n).toBe(333);
    expect(ds.tasks[0]!.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
  });
});
