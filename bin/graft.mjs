#!/usr/bin/env node
// The `graft` command: runs the bundled CLI, dist/cli.mjs. In a clone (tools/build/ present) it
// first rebuilds dist/ when it is missing or older than its sources, so `npx graft` and
// `npm start` work right after `npm install` with no build step; no TypeScript is compiled
// at run time.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fresh = new URL('../tools/build/fresh.mjs', import.meta.url);
if (existsSync(fresh)) {
  const { ensureBuilt } = await import(fresh.href);
  await ensureBuilt(fileURLToPath(new URL('..', import.meta.url)), (line) => process.stderr.write(`${line}\n`));
}
await import('../dist/cli.mjs');
