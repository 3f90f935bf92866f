// Run logs in a real SQLite file: kept in order with the run, the newest MAX_STORED_LOG_LINES
// only, gone with the run's experiment, and there after the file is reopened.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventBus } from '../main/services/eventBus.ts';
import { keepRunLogs } from '../main/services/runLogs.ts';
import { openStore } from './open.ts';
import { MAX_LOG_LINE_CHARS, MAX_STORED_LOG_LINES } from './runLogs.ts';
import { countRows, removeTempDirs, sampleExperiment, tempDir } from '../tests/support/db/testing.ts';

afterAll(removeTempDirs);

describe('run logs', () => {
  it('are stored with the run from the published events and read back after reopening', () => {
    const file = join(tempDir(), 'graft.db');
    const store = openStore(file);
    const { experimentId, runIds } = store.createExperiment(sampleExperiment());
    const [a, b] = runIds as [number, number];
    const events = new EventBus();
    keepRunLogs(events, store);
    events.publish({ type: 'run-log', runId: a, experimentId, line: 'loading data' });
    events.publish({ type: 'run-log', runId: b, experimentId, line: 'other run' });
    events.publish({ type: 'run-log', runId: a, experimentId, line: 'epoch 1: loss 0.5' });
    events.publish({ type: 'run-status', runId: a, experimentId, status: 'running', error: null });
    store.close();

    const reopened = openStore(file);
    expect(reopened.readRunLog(a).map((l) => [l.seq, l.line])).toEqual([[1, 'loading data'], [2, 'epoch 1: loss 0.5']]);
    expect(reopened.readRunLog(b).map((l) => l.line)).toEqual(['other run']);
    reopened.deleteExperiment(experimentId);
    reopened.close();
    expect(countRows(file).run_logs).toBe(0);
  });

  it('keep the newest lines only, each cut to a bounded length', () => {
    const store = openStore(join(tempDir(), 'graft.db'));
    const { runIds } = store.createExperiment(sampleExperiment());
    const runId = runIds[0] as number;
    for (let i = 1; i <= MAX_STORED_LOG_LINES + 5; i++) store.appendRunLog(runId, `line ${i}`);
    store.appendRunLog(runId, 'x'.repeat(MAX_LOG_LINE_CHARS + 10));
    const lines = store.readRunLog(runId);
    expect(lines).toHaveLength(MAX_STORED_LOG_LINES);
    expect(lines[0]?.line).toBe('line 7');
    expect(lines.at(-1)?.line).toHaveLength(MAX_LOG_LINE_CHARS);
    expect(() => store.appendRunLog(99_999, 'no such run')).toThrow();
    store.close();
  });
});
