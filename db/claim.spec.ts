import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tests/support/seed.ts';
import { openStore } from './open.ts';

describe('claiming a run', () => {
  it('one of two connections to one file wins a queued run; the other gets false, not an error', () => {
    const file = join(tempDir(), 'graft.db');
    const a = openStore(file);
    const b = openStore(file);
    try {
      const { runIds } = a.createExperiment({ name: 'e', kind: 'transfer', specVersion: 1, spec: {}, runs: [{ arm: 'scratch', seed: 1, budget: 'all', config: {}, epochsPlanned: 1 }] });
      const id = runIds[0]!;
      expect(b.claimRun(id, 4242)).toBe(true);
      expect(a.claimRun(id, process.pid)).toBe(false);
      expect(a.getRun(id)?.status).toBe('running');
      // Only the holder's environment is recorded.
      a.recordRunEnvironment(id, process.pid, { backend: 'cpu' });
      expect(a.getRun(id)?.environment).toBeNull();
      b.recordRunEnvironment(id, 4242, { backend: 'wasm' });
      expect(a.getRun(id)?.environment).toEqual({ backend: 'wasm' });
      // Owner 4242 is not alive here: recovery makes the run interrupted, and it can be claimed again after a resume.
      expect(a.recoverInterruptedRuns()).toEqual([id]);
      a.requeueRun(id);
      expect(a.claimRun(id, process.pid)).toBe(true);
    } finally {
      a.close();
      b.close();
    }
  });
});
