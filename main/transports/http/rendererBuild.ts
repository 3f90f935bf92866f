// `graft serve` works right after `npm install`, with no separate build step: the
// renderer is built with Vite on first use, and again whenever its sources are newer
// than the build. A packaged app ships dist/renderer and never rebuilds.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Vite from 'vite';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RENDERER_DIST = join(ROOT, 'dist', 'renderer');
const SOURCES = [join(ROOT, 'renderer'), join(ROOT, 'contract')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(): boolean {
  const index = join(RENDERER_DIST, 'index.html');
  if (!existsSync(index)) return true;
  if (!SOURCES.every((dir) => existsSync(dir))) return false; // packaged: sources not shipped
  const built = statSync(index).mtimeMs;
  return SOURCES.some((dir) => newestMtime(dir) > built);
}

export async function ensureRendererBuilt(log: (line: string) => void = () => {}): Promise<string> {
  if (!rendererIsStale()) return RENDERER_DIST;
  log('Building the Graft UI (first start, or its sources changed)…');
  let vite: typeof Vite;
  try {
    vite = await import('vite');
  } catch {
    throw new Error('the UI is not built and Vite is not installed: run "npm install" in the Graft folder, then try again');
  }
  // Build beside the live folder, then swap, so a concurrent server never sees half a build.
  const staging = `${RENDERER_DIST}.staging-${process.pid}`;
  await vite.build({
    configFile: join(ROOT, 'renderer', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: staging, emptyOutDir: true },
  });
  rmSync(RENDERER_DIST, { recursive: true, force: true });
  renameSync(staging, RENDERER_DIST);
  return RENDERER_DIST;
}
