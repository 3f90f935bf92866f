// The app as the installer ships it: electron-builder itself (the project's electron-builder.yml,
// its file matching, production dependencies and asar) packs the `dir` target against a
// stand-in Electron distribution, so no Electron binary or download is needed; the app.asar it
// writes is then extracted with @electron/asar (unpacked files included), giving a folder laid
// out as Electron sees resources/app. Linux only: the stand-in is a Linux Electron layout.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll } from '@electron/asar';
import { tempDir } from './seed.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface PackagedApp {
  /** The extracted resources/app folder. */
  appDir: string;
  /** resources/: app.asar and app.asar.unpacked as the installer writes them. */
  resourcesDir: string;
  /** The packaged executable (the stand-in, unless a real Electron was given). */
  executable: string;
  /** Deletes everything packApp wrote (a few hundred MB). */
  remove(): void;
}

export interface PackOptions {
  /** A real Electron distribution (node_modules/electron/dist): native modules are then rebuilt for it, as `npm run package` does. */
  electronDist?: string;
}

function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string> };
  const range = pkg.optionalDependencies?.electron;
  if (!range) throw new Error('package.json names no electron version');
  return range.replace(/^[\^~]/, '');
}

/** Packs the app (needs `npm run build` done: the tests' global set-up does it). */
export function packApp(options: PackOptions = {}): PackagedApp {
  const work = tempDir('graft-package-');
  let electronDist = options.electronDist;
  if (!electronDist) {
    electronDist = join(work, 'electron-dist');
    mkdirSync(electronDist);
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary" >&2\nexit 1\n');
    chmodSync(join(electronDist, 'electron'), 0o755);
  }
  const out = join(work, 'out');
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
      '--config', 'electron-builder.yml',
      '--linux', 'dir',
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${electronVersion()}`,
      // Rebuilding better-sqlite3 for Electron needs Electron's headers from the network, and
      // with the stand-in the module must load in plain Node: keep the build npm installed.
      `-c.npmRebuild=${options.electronDist ? 'true' : 'false'}`,
      '-c.compression=store',
      `-c.directories.output=${out}`,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 600_000, env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true' } },
  );
  if (result.status !== 0) throw new Error(`electron-builder failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  const resourcesDir = join(out, 'linux-unpacked', 'resources');
  const appDir = join(work, 'app');
  extractAll(join(resourcesDir, 'app.asar'), appDir);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string };
  return { appDir, resourcesDir, executable: join(out, 'linux-unpacked', pkg.name), remove: () => rmSync(work, { recursive: true, force: true }) };
}
