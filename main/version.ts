import { readFileSync } from 'node:fs';

// Read once from package.json so the version shown in the app, the CLI and every run's
// environment record is the one that was installed.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
export const GRAFT_VERSION: string = pkg.version;
