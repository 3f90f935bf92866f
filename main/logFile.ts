// Graft's log file, in the per-user data folder (paths.ts): what `graft serve` and the desktop app
// print, with times, for a user to attach to a bug report. Rotated by size so it never grows
// without bound: graft.log, then graft.1.log … graft.{keep}.log, the oldest dropped.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from './paths.ts';

export interface LogFile {
  path: string;
  write(line: string): void;
}

export interface LogFileOptions {
  /** Rotate when the file would pass this size. */
  maxBytes?: number;
  /** Rotated files kept besides the live one. */
  keep?: number;
  now?: () => Date;
}

export function logFolder(dataDir = defaultDataDir()): string {
  return join(dataDir, 'logs');
}

function rotate(dir: string, keep: number): void {
  rmSync(join(dir, `graft.${keep}.log`), { force: true });
  for (let n = keep - 1; n >= 1; n -= 1) {
    const from = join(dir, `graft.${n}.log`);
    if (existsSync(from)) renameSync(from, join(dir, `graft.${n + 1}.log`));
  }
  const live = join(dir, 'graft.log');
  if (existsSync(live)) renameSync(live, join(dir, 'graft.1.log'));
}

/** Opens (creating the folder) the log in `dir`. A log that cannot be written never stops Graft. */
export function openLogFile(dir = logFolder(), options: LogFileOptions = {}): LogFile {
  const maxBytes = options.maxBytes ?? 1_000_000;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  const path = join(dir, 'graft.log');
  let size = 0;
  let broken = false;
  try {
    mkdirSync(dir, { recursive: true });
    size = existsSync(path) ? statSync(path).size : 0;
  } catch {
    broken = true;
  }
  return {
    path,
    write(line) {
      if (broken) return;
      const entry = `${now().toISOString()} ${line.replace(/\n/g, '\n    ')}\n`;
      const bytes = Buffer.byteLength(entry);
      try {
        if (size > 0 && size + bytes > maxBytes) {
          rotate(dir, keep);
          size = 0;
        }
        appendFileSync(path, entry);
        size += bytes;
      } catch {
        broken = true;
      }
    },
  };
}
