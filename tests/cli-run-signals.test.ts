// `graft run` called in-process (as the demo and tests do) leaves no SIGINT listener behind:
// a listener left over would keep swallowing Ctrl-C after the command returned.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main/cli/main.ts';
import { tempDir } from './support/seed.ts';
import { tinyDigitsTransfer } from './support/specs.ts';

describe('graft run in-process', () => {
  it('removes its SIGINT listeners when the run finishes', async () => {
    const dir = tempDir();
    const spec = join(dir, 'spec.json');
    // One scratch run of one epoch: the shortest run that still trains in a worker thread.
    const { source: _source, ...transfer } = tinyDigitsTransfer({ arms: [{ strategy: 'scratch' }], seeds: [1], training: { epochs: 1, batchSize: 32 } });
    writeFileSync(spec, JSON.stringify(transfer));
    const before = process.listenerCount('SIGINT');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['run', spec, '--db', join(dir, 'graft.db')], { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false });
    expect(err.join('\n')).not.toMatch(/Error/);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/1 runs queued/);
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
