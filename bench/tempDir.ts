// Scratch folders for the benchmark's stores, removed when the benchmark ends.
import { rmSync } from 'node:fs';
import { tempDir } from '../tests/support/seed.ts';

const made: string[] = [];

export function benchDir(label: string): string {
  const dir = tempDir(`graft-bench-${label}-`);
  made.push(dir);
  return dir;
}

export function removeBenchDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
