// Cancelling a whole experiment in a real store: queued and running runs read cancelled at
// once, finished runs keep their status, and `graft cancel` does the same from the CLI.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraftEvent } from '../../contract/events.ts';
import { openStore } from '../../db/open.ts';
import { runGraft } from '../../tests/support/graftProcess.ts';
import { tempDir } from '../../tests/support/seed.ts';
import { cancelExperiment } from './cancelExperiment.ts';
import { startDemo } from './demo.ts';
import { EventBus } from './eventBus.ts';

async function demoStore(dbPath: string) {
  const store = openStore(dbPath);
  const events = new EventBus();
  const seen: GraftEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const ctx = { store, events, environment: () => Promise.reject(new Error('unused')) };
  const { experimentIds } = await startDemo(ctx, true);
  const id = experimentIds[0] as number;
  const [running, completed] = store.listRuns({ experimentId: id });
  store.markRunning(running!.id, { pid: process.pid, environment: null });
  store.markRunning(completed!.id, { pid: process.pid, environment: null });
  store.setRunStatus(completed!.id, 'completed');
  return { store, events, seen, ctx, id, running: running!.id, completed: completed!.id };
}

describe('cancelExperiment', () => {
  it('cancels every queued and running run at once and leaves finished runs alone', async () => {
    const { store, seen, ctx, id, running, completed } = await demoStore(join(tempDir(), 'graft.db'));
    const before = store.listRuns({ experimentId: id });
    const result = cancelExperiment(ctx, id);
    const after = store.listRuns({ experimentId: id });
    expect(result.cancelled).toHaveLength(before.length - 1);
    expect(result.cancelled).toContain(running);
    expect(after.find((r) => r.id === completed)?.status).toBe('completed');
    expect(after.filter((r) => r.id !== completed).every((r) => r.status === 'cancelled')).toBe(true);
    expect(seen).toContainEqual({ type: 'run-status', runId: running, experimentId: id, status: 'cancelled', error: null });
    // Nothing left to cancel the second time; an unknown experiment is named.
    expect(cancelExperiment(ctx, id).cancelled).toEqual([]);
    expect(() => cancelExperiment(ctx, 999)).toThrow('experiment 999 does not exist');
    store.close();
  });

  it('graft cancel EXP cancels from the command line, by id or name', async () => {
    const dbPath = join(tempDir(), 'graft.db');
    const { store, id, completed } = await demoStore(dbPath);
    const name = store.getExperiment(id)?.name as string;
    store.close();
    const first = runGraft(['cancel', name, '--db', dbPath]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^Cancelled 11 runs of /);
    const again = runGraft(['cancel', String(id), '--db', dbPath, '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ id, cancelled: [] });
    const missing = runGraft(['cancel', 'no such experiment', '--db', dbPath]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no experiment "no such experiment"');
    const check = openStore(dbPath);
    expect(check.listRuns({ experimentId: id }).map((r) => r.status).filter((s) => s !== 'cancelled')).toEqual(['completed']);
    expect(check.getRun(completed)?.status).toBe('completed');
    check.close();
  });
});
