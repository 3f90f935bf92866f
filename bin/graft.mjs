#!/usr/bin/env node
// The `graft` command. Graft's sources are TypeScript run through tsx, so `npx graft`
// works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/cli/main.ts');
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
});
// Worker threads or sockets left by a command must not keep the CLI alive.
process.exit(code);
