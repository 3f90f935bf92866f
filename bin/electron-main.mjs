// Electron's entry in a clone (`graft start` and the e2e test point Electron here): the bundled
// main process, dist/electron-main.mjs, rebuilt first when its sources changed. The installed
// app's package.json "main" is dist/electron-main.mjs itself.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fresh = new URL('../tools/build/fresh.mjs', import.meta.url);
if (existsSync(fresh)) {
  const { ensureBuilt } = await import(fresh.href);
  await ensureBuilt(fileURLToPath(new URL('..', import.meta.url)), (line) => process.stderr.write(`${line}\n`));
}
await import('../dist/electron-main.mjs');
