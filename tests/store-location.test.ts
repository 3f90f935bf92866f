// Where the store lives: a --db into a missing folder is refused naming the folder (only Graft's
// own data folder is created), and a store Graft cannot write is read by list and compare,
// refused with "read-only" by commands that write, and nothing is left beside it.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRAFT_BIN, runGraft } from './support/graftProcess.ts';
import { seedStore, tempDir } from './support/seed.ts';
import { tinyDigitsTransfer } from './support/specs.ts';

// Tests run as root, whom no file permission stops: the commands then run as "nobody", for whom
// a root-owned 0644 file in a 0755 folder is really read-only. As any other user, chmod does it.
const asRoot = process.getuid?.() === 0;
const OTHER_USER = 65534;

function graftAsOtherUser(args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [GRAFT_BIN, ...args], { encoding: 'utf8', timeout: 120_000, ...(asRoot ? { uid: OTHER_USER, gid: OTHER_USER } : {}) });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('store location', () => {
  it('refuses --db into a folder that does not exist, naming the folder, and creates nothing', () => {
    const dir = tempDir();
    const result = runGraft(['list', '--db', join(dir, 'typo', 'nested', 'graft.db')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the folder ${join(dir, 'typo', 'nested')} does not exist`);
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });

  it('still creates Graft’s own data folder on first use', () => {
    const home = join(tempDir(), 'first', 'use');
    const result = runGraft(['list', '--json'], { GRAFT_HOME: home });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(existsSync(join(home, 'graft.db'))).toBe(true);
  });

  for (const folderWritable of [false, true]) {
    it(`reads a read-only store in a ${folderWritable ? 'writable' : 'read-only'} folder with list and compare, refuses to write it, and leaves nothing behind`, () => {
      const dir = tempDir();
      const db = join(dir, 'graft.db');
      seedStore(db);
      const spec = join(tempDir(), 'spec.json');
      writeFileSync(spec, JSON.stringify(tinyDigitsTransfer()));
      chmodSync(join(spec, '..'), 0o755);
      chmodSync(spec, 0o644);
      chmodSync(db, asRoot ? 0o644 : 0o444);
      chmodSync(dir, folderWritable ? 0o1777 : asRoot ? 0o755 : 0o555);
      const before = readdirSync(dir).sort();
      try {
        const list = graftAsOtherUser(['list', '--json', '--db', db]);
        expect(list.stderr).toBe('');
        expect(list.code).toBe(0);
        expect((JSON.parse(list.stdout) as { name: string }[]).map((e) => e.name)).toContain('Fashion 0-4 → 5-9 at 50 labels/class');
        const compare = graftAsOtherUser(['compare', 'Fashion 0-4 → 5-9 at 50 labels/class', '--json', '--db', db]);
        expect(compare.code).toBe(0);
        expect(JSON.parse(compare.stdout)).toHaveProperty('arms');
        const run = graftAsOtherUser(['run', spec, '--db', db]);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/graft\.db is read-only here .*this command writes runs to it/);
        expect(readdirSync(dir).sort()).toEqual(before);
      } finally {
        chmodSync(dir, 0o755);
      }
    });
  }

  it('opens a store in a folder made read-only after it was written', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'inner'));
    const db = join(dir, 'inner', 'graft.db');
    seedStore(db);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'inner'), 0o555);
    try {
      const list = graftAsOtherUser(['list', '--db', db]);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/Fashion 0-4/);
    } finally {
      chmodSync(join(dir, 'inner'), 0o755);
    }
  });
});
