// What the transfer and the multitask checkpoints share: a checkpoint is a folder written
// beside the old one and swapped in by rename, so a crash mid-write leaves the previous one
// whole; its state.json stores an unset best validation loss (Infinity) as null.
import { existsSync } from 'node:fs';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const STATE_FILE = 'state.json';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** JSON has no Infinity: an unset best validation loss is stored as null (readStateFile undoes it). */
export function stateJson(state: unknown): string {
  return JSON.stringify(state, (_k, v: unknown) => (v === Number.POSITIVE_INFINITY ? null : v));
}

/** Undoes stateJson for the best validation loss: null there means none yet, Infinity. */
function reviveState(key: string, value: unknown): unknown {
  return key === 'bestValLoss' && value === null ? Number.POSITIVE_INFINITY : value;
}

/** Where a checkpoint at `dir` is written before it is swapped in. */
export async function freshFolder(dir: string): Promise<string> {
  const fresh = `${dir}.new`;
  await rm(fresh, { recursive: true, force: true });
  return fresh;
}

/** Replaces `dir` with the fully written `fresh` folder. */
export async function swapIn(fresh: string, dir: string): Promise<void> {
  const old = `${dir}.old`;
  await rm(old, { recursive: true, force: true });
  if (await exists(dir)) await rename(dir, old);
  await rename(fresh, dir);
  await rm(old, { recursive: true, force: true });
}

/**
 * Whether there is a checkpoint to resume from at `dir`: the folder itself, or — after a crash
 * between the two renames of swapIn — its .old folder, which readStateFile falls back to.
 */
export function hasCheckpoint(dir: string): boolean {
  return existsSync(join(dir, STATE_FILE)) || existsSync(join(`${dir}.old`, STATE_FILE));
}

/** The folder holding the checkpoint and its parsed state.json (format not yet checked; a null bestValLoss read back as Infinity). */
export async function readStateFile<T>(dir: string): Promise<{ where: string; state: T }> {
  // A crash between the two renames of swapIn leaves only the .old folder.
  const where = (await exists(join(dir, STATE_FILE))) ? dir : `${dir}.old`;
  try {
    return { where, state: JSON.parse(await readFile(join(where, STATE_FILE), 'utf8'), reviveState) as T };
  } catch (err) {
    throw new Error(`cannot read checkpoint ${join(dir, STATE_FILE)}: ${(err as Error).message}`);
  }
}

