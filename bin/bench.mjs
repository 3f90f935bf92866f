#!/usr/bin/env node
// `npm run bench`: Graft's benchmarks (bench/main.ts), run through tsx like the `graft` command.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bench/main.ts');
const code = await main(process.argv.slice(2));
// Worker threads, a browser or a server left behind must not keep the process alive.
process.exit(code);
