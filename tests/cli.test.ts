// The `graft` CLI as a user runs it: usage, exit codes, --db validation, list --json.
import { createHash } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runGraft } from './support/graftProcess.ts';
import { seedStore, tempDir } from './support/seed.ts';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('graft CLI', () => {
  it('prints usage with --help and exits 0', () => {
    const result = runGraft(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: graft <command>/);
    for (const command of ['serve', 'list', 'start']) expect(result.stdout).toContain(command);
    expect(result.stdout).toContain('--db PATH');
  });

  it('exits 2 with usage on an unknown flag or command', () => {
    const flag = runGraft(['list', '--colour']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--colour/);
    expect(flag.stderr).toMatch(/Usage: graft list/);
    const command = runGraft(['frobnicate']);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/unknown command "frobnicate"/);
    const port = runGraft(['serve', '--port', 'http']);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--port must be a whole number/);
  });

  it('lists experiments as JSON with run counts by status', () => {
    const seeded = seedStore();
    const result = runGraft(['list', '--json', '--db', seeded.dbPath]);
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as { id: number; name: string; kind: string; createdAt: string; runs: Record<string, number> }[];
    expect(list).toHaveLength(2);
    const transfer = list.find((e) => e.id === seeded.transferId);
    expect(transfer).toMatchObject({ kind: 'transfer', name: 'Fashion 0-4 → 5-9 at 50 labels/class' });
    expect(transfer?.runs).toMatchObject({ total: 3, completed: 1, failed: 1, queued: 1, running: 0 });
    expect(Number.isNaN(Date.parse(transfer?.createdAt ?? ''))).toBe(false);
    const table = runGraft(['list', '--db', seeded.dbPath]);
    expect(table.stdout).toContain('Penguins: species + sex + mass');
  });

  it('uses $GRAFT_HOME/graft.db when --db is not given', () => {
    const home = tempDir();
    const result = runGraft(['list', '--json'], { GRAFT_HOME: home });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(existsSync(join(home, 'graft.db'))).toBe(true);
  });

  it('refuses a --db that is not a Graft database, with a clear error, leaving it untouched', () => {
    const dir = tempDir();
    const files = {
      random: join(dir, 'random.bin'),
      text: join(dir, 'notes.txt'),
      foreign: join(dir, 'other-app.sqlite'),
      newer: join(dir, 'newer.db'),
    };
    writeFileSync(files.random, randomBytes(8192));
    writeFileSync(files.text, 'this is a text file, not a database\n'.repeat(50));
    const foreign = new Database(files.foreign);
    foreign.exec('CREATE TABLE contacts (name TEXT)');
    foreign.close();
    const newer = seedStore(files.newer);
    const db = new Database(newer.dbPath);
    db.pragma('user_version = 999');
    db.close();

    for (const [kind, file] of Object.entries(files)) {
      const before = sha256(file);
      const result = runGraft(['list', '--db', file]);
      expect(result.code, kind).toBe(1);
      expect(result.stderr, kind).toContain(file);
      expect(result.stderr, kind).toMatch(kind === 'newer' ? /newer Graft/ : /not a Graft database/);
      expect(result.stderr, kind).not.toMatch(/\n\s+at /); // a message, not a stack trace
      expect(sha256(file), kind).toBe(before);
      expect(existsSync(`${file}-wal`), kind).toBe(false);
    }
  });
});
