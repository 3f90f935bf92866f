// Where Graft keeps its data. The CLI, `graft serve` and the desktop app share one
// folder: the same one Electron's app.getPath('userData') gives for an app named Graft.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.GRAFT_HOME) return env.GRAFT_HOME;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Graft');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Graft');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Graft');
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDir(env), 'graft.db');
}

/** Artifacts (checkpoints, saved models) live beside the database they belong to. */
export function artifactsDirFor(dbPath: string): string {
  return dbPath === ':memory:' ? join(defaultDataDir(), 'artifacts-memory') : `${dbPath.replace(/\.db$/, '')}-artifacts`;
}
