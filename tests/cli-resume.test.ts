// `graft resume` for real: a `graft run` killed with SIGKILL mid-training leaves its run
// 'interrupted'; `graft resume EXPERIMENT` continues it from its checkpoint (and trains the runs
// still queued), and a run that cannot be resumed is refused by name.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GRAFT_BIN, runGraft } from './support/graftProcess.ts';
import { tempDir } from './support/seed.ts';
import { tinyDigitsTransfer } from './support/specs.ts';

function statuses(db: string): { id: number; status: string; epochs_done: number }[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare<[], { id: number; status: string; epochs_done: number }>('SELECT id, status, epochs_done FROM runs ORDER BY id').all();
  } finally {
    conn.close();
  }
}

describe('graft resume', () => {
  it('resumes the runs a killed graft run left interrupted, from their checkpoints', async () => {
    const dir = tempDir();
    const db = join(dir, 'graft.db');
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify(tinyDigitsTransfer({ name: 'killed', source: undefined, arms: [{ strategy: 'scratch' }], seeds: [1, 2], budgets: ['50/class'], training: { epochs: 6, batchSize: 8 } })));
    const child = spawn(process.execPath, [GRAFT_BIN, 'run', spec, '--db', db, '--concurrency', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Killed once two epochs of the first run are committed in the store, as a reader sees it.
    let committed = 0;
    while (committed < 2 && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      try {
        committed = existsSync(db) ? (statuses(db)[0]?.epochs_done ?? 0) : 0;
      } catch {
        committed = 0; // the store is still being created
      }
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const result = runGraft(['resume', 'killed', '--db', db]);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Resuming 1 run of experiment 1 \(killed\): #1 from epoch [2-5]/);
    expect(result.stdout).toMatch(/scratch seed 1 50\/class: epoch 6\/6/);
    expect(statuses(db).map((r) => [r.status, r.epochs_done])).toEqual([
      ['completed', 6],
      ['completed', 6],
    ]);

    const again = runGraft(['resume', 'run:1', '--db', db]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/run 1 is completed; only interrupted, cancelled or failed runs can be resumed/);
    const nothing = runGraft(['resume', 'killed', '--db', db]);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toMatch(/Nothing to resume in experiment 1 \(killed\)/);
  }, 240_000);
});
