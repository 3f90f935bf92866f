// The `graft` process: dist/cli.mjs, built from this file (tools/build/entries.mjs). Runs one
// command and exits with its code; worker threads or sockets a command leaves must not keep
// the process alive.
import { installCrashHandler, wantsStack } from '../crash.ts';
import { runCli } from './main.ts';

installCrashHandler((text) => process.stderr.write(`${text}\n`), wantsStack(process.argv.slice(2)));

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
});
process.exit(code);
