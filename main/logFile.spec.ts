import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tests/support/seed.ts';
import { logFolder, openLogFile } from './logFile.ts';

describe('the log file', () => {
  it('lives in the per-user data folder', () => {
    expect(logFolder('/home/ada/.config/Graft')).toBe(join('/home/ada/.config/Graft', 'logs'));
  });

  it('appends time-stamped lines, creating its folder', () => {
    const dir = join(tempDir('graft-log-'), 'logs');
    const log = openLogFile(dir, { now: () => new Date('2026-01-02T03:04:05.000Z') });
    log.write('serving graft.db');
    log.write('run 3 failed (data): x.csv: file not found\nsecond line');
    expect(readFileSync(log.path, 'utf8')).toBe('2026-01-02T03:04:05.000Z serving graft.db\n2026-01-02T03:04:05.000Z run 3 failed (data): x.csv: file not found\n    second line\n');
  });

  it('rotates by size, keeping the newest files and dropping the oldest', () => {
    const dir = tempDir('graft-log-');
    const line = 'x'.repeat(60); // 90 bytes a line with its time stamp: two fit in 200
    for (let session = 0; session < 2; session += 1) {
      const log = openLogFile(dir, { maxBytes: 200, keep: 2 });
      for (let i = 0; i < 5; i += 1) log.write(`${session}.${i} ${line}`);
    }
    expect(readdirSync(dir).sort()).toEqual(['graft.1.log', 'graft.2.log', 'graft.log']);
    const lines = (file: string) => readFileSync(join(dir, file), 'utf8').trim().split('\n').map((l) => l.split(' ')[1]);
    // 10 lines, 2 per file, a reopened log going on in its file: the oldest 4 were dropped.
    expect(lines('graft.2.log')).toEqual(['0.4', '1.0']);
    expect(lines('graft.1.log')).toEqual(['1.1', '1.2']);
    expect(lines('graft.log')).toEqual(['1.3', '1.4']);
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).length).toBeLessThanOrEqual(200);
  });
});
