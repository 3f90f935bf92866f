// Several Graft processes on one store: `graft serve` and `graft run` started beside it, for
// real, on one SQLite file. Each run is claimed in the store before a worker starts, so neither
// process crashes on a run the other took, no run trains twice and none is lost.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openApp } from '../main/app.ts';
import { GRAFT_BIN, runGraft, startServeProcess } from './support/graftProcess.ts';
import { tempDir } from './support/seed.ts';
import { tinyDigitsTransfer } from './support/specs.ts';

/** Eight scratch runs with no pretraining, so any of them can start at any time. */
const eightRuns = tinyDigitsTransfer({ name: 'shared store', source: undefined, arms: [{ strategy: 'scratch' }], seeds: [1, 2, 3, 4, 5, 6, 7, 8], training: { epochs: 3, batchSize: 32 } });

function runsOf(db: string): { id: number; status: string; owner_pid: number | null; epochs_done: number }[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare<[], { id: number; status: string; owner_pid: number | null; epochs_done: number }>('SELECT id, status, owner_pid, epochs_done FROM runs ORDER BY id').all();
  } finally {
    conn.close();
  }
}

describe('two Graft processes on one store', () => {
  it('graft run trains only its own experiment: runs another experiment left queued stay queued', () => {
    const dir = tempDir();
    const db = join(dir, 'graft.db');
    const app = openApp(db);
    let otherRuns: number[];
    try {
      // Stored with no scheduler attached: queued, as a closed desktop app leaves them.
      otherRuns = app.store.createExperiment({ name: 'left queued', kind: 'transfer', specVersion: 1, spec: {}, runs: [{ arm: 'scratch', seed: 1, budget: 'all', config: {}, epochsPlanned: 1 }] }).runIds;
    } finally {
      app.close();
    }
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify(tinyDigitsTransfer({ name: 'mine', source: undefined, arms: [{ strategy: 'scratch' }], seeds: [1] })));
    const result = runGraft(['run', spec, '--db', db]);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    const runs = runsOf(db);
    expect(runs.filter((r) => otherRuns.includes(r.id)).map((r) => r.status)).toEqual(['queued']);
    expect(runs.filter((r) => !otherRuns.includes(r.id)).map((r) => r.status)).toEqual(['completed']);
  });

  it('graft run --also-queued trains another experiment\'s queued runs too, and prints its comparison', async () => {
    const dir = tempDir();
    const db = join(dir, 'graft.db');
    const app = openApp(db);
    let other: { experimentId: number; runIds: number[] };
    try {
      // Submitted with no scheduler in this process: its runs stay queued, as a closed app leaves them.
      other = await app.handlers.startExperiment({ spec: tinyDigitsTransfer({ name: 'queued earlier', source: undefined, arms: [{ strategy: 'scratch' }], seeds: [1, 2] }) });
    } finally {
      app.close();
    }
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify(tinyDigitsTransfer({ name: 'mine', source: undefined, arms: [{ strategy: 'scratch' }], seeds: [1] })));
    const result = runGraft(['run', spec, '--db', db, '--also-queued']);
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Also training the queued runs of experiment ${other.experimentId} (--also-queued)`);
    // Both comparisons are printed, and every run of both experiments trained once.
    expect(result.stdout).toMatch(/queued earlier/);
    const runs = runsOf(db);
    expect(runs.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
    expect(runs.filter((r) => other.runIds.includes(r.id)).map((r) => r.epochs_done)).toEqual([2, 2]);
  });

  it('graft serve and graft run share the queued runs: no crash, none trained twice, none lost', async () => {
    const dir = tempDir();
    const db = join(dir, 'graft.db');
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify(eightRuns));
    const run = spawn(process.execPath, [GRAFT_BIN, 'run', spec, '--db', db, '--concurrency', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const runExit = new Promise<number>((resolve) => run.once('exit', (code) => resolve(code ?? -1)));
    // The server starts once the runs are queued, so its first look at the store finds them.
    await new Promise<void>((resolve) =>
      run.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (/8 runs queued/.test(stdout)) resolve();
      }),
    );
    const server = await startServeProcess(['--db', db]);
    try {
      expect(await runExit).toBe(0);
      expect(stderr).not.toMatch(/StoreError|Error:/);
      // The server is still up and still answers.
      expect(server.child.exitCode).toBeNull();
      const reply = await fetch(`${server.url}/api/call/listExperiments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
        body: '{}',
      });
      expect(reply.status).toBe(200);
    } finally {
      await server.stop();
    }
    expect(server.output()).not.toMatch(/StoreError|cannot start/);
    const runs = runsOf(db);
    expect(runs.map((r) => [r.status, r.epochs_done])).toEqual(runs.map(() => ['completed', 3]));
    const owners = new Map<number, number>();
    for (const r of runs) owners.set(r.owner_pid ?? -1, (owners.get(r.owner_pid ?? -1) ?? 0) + 1);
    expect([...owners.keys()].every((pid) => pid === run.pid || pid === server.child.pid)).toBe(true);
    // The runs `graft run` reported training are exactly the ones it holds in the store.
    const printed = new Set([...stdout.matchAll(/scratch seed (\d+) 10\/class: epoch 3\/3/g)].map((m) => Number(m[1])));
    const ownSeeds = new Set(runs.filter((r) => r.owner_pid === run.pid).map((r) => r.id)); // ids 1..8 are seeds 1..8
    expect(printed).toEqual(ownSeeds);
    console.log(`shared store: graft run trained ${owners.get(run.pid ?? 0) ?? 0} runs, graft serve ${owners.get(server.child.pid ?? 0) ?? 0}; 8 of 8 completed once`);
  }, 300_000);
});
