// Whether dist/ is older than the sources it is built from, and a rebuild when it is: the
// `graft` launcher (bin/graft.mjs) calls ensureBuilt() in a clone, so `npm start` and
// `npx graft` work right after `npm install` with no build step. Plain JavaScript, run without a
// TypeScript loader, and cheap when nothing changed (one stat per source file).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SOURCE_FOLDERS, STAMP } from './entries.mjs';

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestIn(path));
    else if (!entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The newest modification time among the files the build reads. */
export function newestSourceMtime(root) {
  let newest = statSync(join(root, 'package.json')).mtimeMs;
  for (const folder of SOURCE_FOLDERS) {
    const dir = join(root, folder);
    if (existsSync(dir)) newest = Math.max(newest, newestIn(dir));
  }
  return newest;
}

/** Why dist/ must be rebuilt, or null when it is current. */
export function staleReason(root) {
  const stampFile = resolve(root, STAMP);
  if (!existsSync(stampFile)) return 'not built yet';
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  if (!stamp.files.every((file) => existsSync(join(root, 'dist', file)))) return 'part of the build is missing';
  if (newestSourceMtime(root) > stamp.sourcesAt) return 'its sources changed';
  return null;
}

/** Rebuilds the main-process bundles, preload and kernels when stale (the renderer builds on first serve). */
export async function ensureBuilt(root, log) {
  const reason = staleReason(root);
  if (!reason) return;
  log(`Building Graft (${reason})…`);
  const { buildMain } = await import('./build.mjs');
  await buildMain();
}
