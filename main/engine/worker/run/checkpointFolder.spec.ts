import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/seed.ts';
import { hasCheckpoint, readStateFile, STATE_FILE, stateJson } from './checkpointFolder.ts';

describe('checkpoint folders', () => {
  it('find the checkpoint a crash between the two renames left in .old, as the reader does', async () => {
    const dir = join(tempDir(), 'checkpoint');
    expect(hasCheckpoint(dir)).toBe(false);
    mkdirSync(`${dir}.old`);
    writeFileSync(join(`${dir}.old`, STATE_FILE), '{"epoch": 3}');
    expect(hasCheckpoint(dir)).toBe(true);
    expect(await readStateFile<{ epoch: number }>(dir)).toEqual({ where: `${dir}.old`, state: { epoch: 3 } });
  });

  it('read an unset best validation loss back as Infinity', async () => {
    const dir = join(tempDir(), 'checkpoint');
    mkdirSync(dir);
    writeFileSync(join(dir, STATE_FILE), stateJson({ loop: { bestValLoss: Number.POSITIVE_INFINITY, epoch: 2 } }));
    expect(await readStateFile<{ loop: { bestValLoss: number } }>(dir)).toEqual({ where: dir, state: { loop: { bestValLoss: Number.POSITIVE_INFINITY, epoch: 2 } } });
  });
});
