// A sandboxed preload can require only 'electron', so the preload (which imports the contract)
// is bundled into one CommonJS file by the build (tools/build/entries.mjs): the app only
// points the window at it, and never runs a bundler (it may sit in a read-only asar).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PRELOAD = fileURLToPath(new URL('../../dist/preload/preload.cjs', import.meta.url));

export function preloadPath(): string {
  if (!existsSync(PRELOAD)) throw new Error(`the preload is not built (${PRELOAD} is missing): run "npm run build"`);
  return PRELOAD;
}
