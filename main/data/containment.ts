// Paths written inside a user's file (a model.json's weight paths, an image folder's entries)
// must stay inside that file's folder: a downloaded model whose manifest says
// "../../../../etc/passwd" must not make Graft open, size or train on a file elsewhere.
// One rule for every such path: decoded as the URL-relative path tfjs means it to be, never
// absolute, and inside the folder both as written and after symlinks are followed.

import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { DataError } from './errors.ts';

/** True when `path` is `folder` itself or below it (both already absolute and normalised). */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Percent-decoding of a path as tfjs would fetch it; a malformed escape is refused, not guessed at. */
function decoded(written: string, folder: string): string {
  if (!written.includes('%')) return written;
  try {
    return decodeURIComponent(written);
  } catch {
    throw new DataError(`path "${written}" has a malformed percent-encoding`, { file: folder });
  }
}

async function realOrNull(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch {
    return null; // missing: the caller's own read names it; nothing outside can be reached through it
  }
}

/**
 * The absolute path that `written` (a path as it appears in a file of `folder`) names, refused
 * with a DataError naming it when it leaves the folder: `..`, an absolute path, a URL with a
 * scheme, a percent-encoded form of either, or a symlink pointing out. `what` says what the path
 * is, for the message ("weight file", "image").
 */
export async function resolveInside(folder: string, written: string, what: string): Promise<string> {
  const base = resolve(folder);
  const path = decoded(written, base);
  const refuse = (why: string) => new DataError(`${what} "${written}" ${why}; only files inside ${base} are read`, { file: base });
  if (path.includes('\0')) throw refuse('holds a NUL byte');
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) throw refuse('is a URL, not a path inside the folder');
  if (isAbsolute(path) || /^[a-z]:[\\/]/i.test(path)) throw refuse('is an absolute path');
  const lexical = resolve(base, path);
  if (!isInside(base, lexical)) throw refuse('points outside the folder');
  const real = await realOrNull(lexical);
  if (real !== null) {
    const realBase = (await realOrNull(base)) ?? base;
    if (!isInside(realBase, real)) throw refuse(`is a link to ${real}, outside the folder`);
  }
  return lexical;
}

/** A folder entry with symlinks followed: what it is once the link is resolved. */
export interface FolderEntry {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
}

/**
 * The entries of `dir` (inside `root`), each symlink followed and refused when it leads out of
 * `root`. A dangling link counts as a file, so reading it fails with its name.
 */
export async function entriesInside(root: string, dir: string, entries: FolderEntry[]): Promise<FolderEntry[]> {
  return Promise.all(
    entries.map(async (entry) => {
      if (entry.isFile() || entry.isDirectory()) return entry;
      const path = resolve(dir, entry.name);
      await resolveInside(root, relative(resolve(root), path), 'link');
      const info = await stat(path).catch(() => null);
      const isDir = info?.isDirectory() ?? false;
      const isFile = info === null || info.isFile();
      return { name: entry.name, isFile: () => isFile, isDirectory: () => isDir };
    }),
  );
}
