// Data notes for real: an image folder with a stray text file and a corrupt image is trained by
// `graft run`; what the loader decided is printed before training, stored with the experiment
// and returned by getExperiment — and the spec can ask for the folder to be refused instead.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { openApp } from '../main/app.ts';
import { runGraft } from './support/graftProcess.ts';
import { tempDir } from './support/seed.ts';

function png(shade: number): Buffer {
  const image = new PNG({ width: 4, height: 4 });
  image.data.fill(shade);
  for (let p = 3; p < image.data.length; p += 4) image.data[p] = 255;
  return PNG.sync.write(image);
}

function imageFolder(): string {
  const dir = join(tempDir(), 'shapes');
  for (const [cls, shade] of [['dark', 20], ['light', 230]] as const) {
    mkdirSync(join(dir, cls), { recursive: true });
    for (let i = 0; i < 8; i++) writeFileSync(join(dir, cls, `${i}.png`), png(shade + i));
  }
  writeFileSync(join(dir, 'dark', 'notes.txt'), 'not an image');
  writeFileSync(join(dir, 'light', 'broken.png'), png(200).subarray(0, 30));
  return dir;
}

const spec = (folder: string, extra: Record<string, unknown> = {}) => ({
  version: 1,
  name: 'notes',
  kind: 'transfer',
  target: { imageFolder: folder, inputShape: [4, 4, 1], ...extra },
  model: { type: 'mlp', hidden: [8] },
  arms: [{ strategy: 'scratch' }],
  seeds: [1],
  training: { epochs: 1, batchSize: 4 },
});

describe('data notes', () => {
  it('are printed by graft run, stored with the experiment and returned by getExperiment', async () => {
    // The spec names its folder relatively: read beside the spec file, not in the working directory.
    const dir = dirname(imageFolder());
    const db = join(dir, 'graft.db');
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec('shapes')));
    const result = runGraft(['run', file, '--db', db]);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Data notes:\n {2}target: skipped 1 non-image files: dark\/notes\.txt\n {2}target: skipped 1 unreadable images: light\/broken\.png \(corrupt or unreadable PNG image/);
    expect(result.stdout).toMatch(/target: rows per class \(label\): dark 8, light 8/);
    const app = openApp(db);
    try {
      const detail = await app.handlers.getExperiment({ id: 1 });
      expect(detail.dataNotes.map((n) => n.note)).toEqual([
        'skipped 1 non-image files: dark/notes.txt',
        expect.stringMatching(/^skipped 1 unreadable images: light\/broken\.png/),
        'rows per class (label): dark 8, light 8',
      ]);
    } finally {
      app.close();
    }
  }, 120_000);

  it('an absolute path in a spec file is used as written and recorded in the data notes; a relative one leaving the folder is refused', async () => {
    const folder = imageFolder();
    const dir = tempDir();
    const db = join(dir, 'graft.db');
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec(folder)));
    const result = runGraft(['run', file, '--db', db]);
    expect(result.code).toBe(0);
    const note = `read from the absolute path ${folder} as written in ${file} (not resolved against the spec's folder)`;
    expect(result.stdout).toContain(`  target: ${note}`);
    const app = openApp(db);
    try {
      expect((await app.handlers.getExperiment({ id: 1 })).dataNotes).toContainEqual({ data: 'target', note });
    } finally {
      app.close();
    }
    writeFileSync(file, JSON.stringify(spec(`../${folder.split('/').slice(-2).join('/')}`)));
    const refused = runGraft(['run', file, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${file}: target.imageFolder: `);
    expect(refused.stderr).toMatch(/data path "\.\.\/[^"]+\/shapes" points outside the folder/);
    expect(JSON.parse(runGraft(['list', '--json', '--db', db]).stdout)).toHaveLength(1);
  }, 120_000);

  it('a spec with unreadable "refuse" has the folder refused, naming the file, and stores nothing', () => {
    const dir = tempDir();
    const db = join(dir, 'graft.db');
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec(imageFolder(), { unreadable: 'refuse' })));
    const result = runGraft(['run', file, '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.png: corrupt or unreadable PNG image/);
    expect(JSON.parse(runGraft(['list', '--json', '--db', db]).stdout)).toEqual([]);
  });

  it("of a run — its budget capped for a class with fewer training rows — are stored with that run, printed after training and returned by readRunDataNotes", async () => {
    // 16 dark and 6 light images: a budget of 8/class fits dark's training rows, not light's.
    const dir = join(tempDir(), 'lopsided');
    for (const [cls, shade, count] of [['dark', 20, 16], ['light', 230, 6]] as const) {
      mkdirSync(join(dir, cls), { recursive: true });
      for (let i = 0; i < count; i++) writeFileSync(join(dir, cls, `${i}.png`), png(shade + i));
    }
    const db = join(dirname(dir), 'graft.db');
    const file = join(dirname(dir), 'spec.json');
    writeFileSync(file, JSON.stringify({ ...spec('lopsided'), budgets: ['8/class'] }));
    const result = runGraft(['run', file, '--db', db]);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    const capped = /^budget 8\/class capped for classes with fewer training rows than the budget: light (\d) rows taken$/;
    const printed = result.stdout.slice(result.stdout.indexOf('Run data notes:'));
    expect(printed).toMatch(/^Run data notes:\n {2}run #1 \(scratch, seed 1, 8\/class\):\n {4}data: \S*lopsided: 2 classes; train (\d+) \(budget 8\/class\), val \d+, test \d+\n {4}data: budget 8\/class capped/);
    const app = openApp(db);
    try {
      const { notes } = await app.handlers.readRunDataNotes({ runId: 1 });
      expect(notes).toHaveLength(2);
      const [rows, cap] = notes.map((n) => n.note);
      const taken = Number(capped.exec(cap ?? '')?.[1]);
      expect(taken).toBeLessThan(8);
      // All of light's training rows were taken, and 8 of dark's.
      expect(rows).toMatch(new RegExp(`train ${8 + taken} \\(budget 8/class\\)`));
      expect(printed).toContain(`    data: ${cap}`);
      // The run's notes are the run's: the experiment's own notes do not include them.
      expect((await app.handlers.getExperiment({ id: 1 })).dataNotes.map((n) => n.note)).not.toContain(cap);
      // Every report carries the experiment's and the run's notes in its Data section.
      const experimentNotes = (await app.handlers.getExperiment({ id: 1 })).dataNotes;
      expect(experimentNotes.length).toBeGreaterThan(0);
      for (const format of ['md', 'html'] as const) {
        const out = join(dirname(dir), `report.${format}`);
        expect(runGraft(['report', '1', '--format', format, '--out', out, '--db', db]).code).toBe(0);
        const text = readFileSync(out, 'utf8');
        const data = text.slice(text.indexOf('Data'), text.indexOf('Environment'));
        expect(data).toContain(`run 1: data`);
        expect(data).toContain('capped for classes with fewer training rows');
        for (const note of experimentNotes) expect(data).toContain(format === 'html' ? note.note.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;') : note.note);
      }
    } finally {
      app.close();
    }
  }, 120_000);

  it('of a multitask CSV name the rows dropped for missing values and the task types inferred', async () => {
    const file = join(tempDir(), 'tasks.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `${i},${i % 5},${i === 7 ? '' : ['a', 'b'][i % 2]},${(i * 0.5).toFixed(1)}`);
    writeFileSync(file, ['x,y,kind,size', ...rows].join('\n') + '\n');
    const app = openApp(join(tempDir(), 'graft.db'));
    try {
      const { experimentId } = await app.handlers.startExperiment({
        spec: { version: 1, kind: 'multitask', name: 'csv notes', data: { csv: file, missing: 'drop' }, tasks: ['kind', 'size'], arms: [{ weighting: 'equal' }], training: { epochs: 1 } },
      });
      const notes = (await app.handlers.getExperiment({ id: experimentId })).dataNotes;
      expect(notes.map((n) => n.note)).toEqual(
        expect.arrayContaining([
          'dropped 1 rows with missing values (lines 9)',
          expect.stringMatching(/^task "kind" inferred classification \(2 classes\)/),
          expect.stringMatching(/^task "size" inferred regression/),
          'rows per class (kind): a 20, b 19',
        ]),
      );
    } finally {
      app.close();
    }
  });
});
