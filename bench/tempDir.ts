// Scratch folders for the benchmark's stores, removed when the benchmark ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

export function benchDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `graft-bench-${label}-`));
  made.push(dir);
  return dir;
}

export function removeBenchDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
