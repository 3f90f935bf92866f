// A failed export leaves neither half a file nor a temporary file, and never touches the old report.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderProblem, writeFileAtomic, writeReportFiles } from './files.ts';
import { reportTempDir } from './testing.ts';

function* failing(): Generator<string> {
  yield 'the first half of a report';
  throw new Error('disk full');
}

describe('report files', () => {
  it('writes whole files, replacing an existing one', () => {
    const dir = reportTempDir();
    const path = join(dir, 'report.html');
    writeFileSync(path, 'old');
    writeFileAtomic(path, ['new ', Buffer.from('report')]);
    expect(readFileSync(path, 'utf8')).toBe('new report');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('leaves the old file and no temporary file when writing fails midway', () => {
    const dir = reportTempDir();
    const path = join(dir, 'report.csv');
    writeFileSync(path, 'old report');
    expect(() => writeFileAtomic(path, failing())).toThrow('disk full');
    expect(readFileSync(path, 'utf8')).toBe('old report');
    expect(readdirSync(dir)).toEqual(['report.csv']);
    expect(() => writeFileAtomic(join(dir, 'new.csv'), failing())).toThrow('disk full');
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });

  it('takes back the attachments when the main file cannot be written', () => {
    const dir = reportTempDir();
    mkdirSync(join(dir, 'report.md')); // a folder where the main file should go: rename fails
    expect(() =>
      writeReportFiles(dir, {
        main: { fileName: 'report.md', mimeType: 'text/markdown', content: ['# report'] },
        attachments: [{ fileName: 'report-files/curve-1.png', mimeType: 'image/png', content: [Buffer.from([137, 80])] }],
      }),
    ).toThrow();
    expect(existsSync(join(dir, 'report-files', 'curve-1.png'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the problem with a target folder', () => {
    const dir = reportTempDir();
    expect(folderProblem(dir)).toBeUndefined();
    expect(folderProblem(join(dir, 'missing'))).toMatch(/does not exist/);
    writeFileSync(join(dir, 'file'), '');
    expect(folderProblem(join(dir, 'file'))).toMatch(/is not a folder/);
  });
});
