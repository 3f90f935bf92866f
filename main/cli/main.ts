// `graft` — the command-line face of the main side. Parses flags strictly (an unknown
// flag prints usage and exits 2), opens the store the command needs and maps failures
// to exit codes: 0 ok, 1 the work failed, 2 the command line was wrong.
import { parseArgs } from 'node:util';
import { StoreError } from '../../db/errors.ts';
import { describeUncaught, wantsStack } from '../crash.ts';
import { defaultDbPath } from '../paths.ts';
import { GRAFT_VERSION } from '../version.ts';
import { UsageError, type CliIO, type Command, type OptionSpec } from './command.ts';
import { COMMANDS } from './commands/index.ts';

const GLOBAL_OPTIONS: OptionSpec = {
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  verbose: { type: 'boolean' },
};

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: graft <command> [options]',
    '',
    'Graft — a lab for transfer learning and multi-task learning experiments.',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options:',
    `  --db PATH   the run store (default: ${defaultDbPath()}, or $GRAFT_HOME/graft.db)`,
    '  --help, -h  show help for graft or a command',
    '  --verbose   on an unexpected error, show where it happened (also GRAFT_DEBUG=1)',
    '  --version   print the version of Graft',
    '',
    'Run "graft <command> --help" for a command\'s options.',
  ].join('\n');
}

function commandUsage(command: Command): string {
  return `Usage: ${command.usage}\n\n${command.summary}\n\nGlobal options: --db PATH, --help, --verbose`;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(usage());
    return 0;
  }
  if (first === '--version' || first === '-V' || first === 'version') {
    io.out(`graft ${GRAFT_VERSION}`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    io.err(`graft: unknown command "${first}"\n\n${usage()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err(`graft ${command.name}: ${error instanceof Error ? error.message : String(error)}\n\n${commandUsage(command)}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(commandUsage(command));
    return 0;
  }
  const { min, max } = command.positionals ?? { min: 0, max: 0 };
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    io.err(`graft ${command.name}: expected ${min === max ? min : `${min} to ${max}`} argument(s), got ${parsed.positionals.length}\n\n${commandUsage(command)}`);
    return 2;
  }
  const db = parsed.values.db;
  try {
    return await command.run({
      dbPath: typeof db === 'string' ? db : defaultDbPath(),
      io,
      values: parsed.values,
      positionals: parsed.positionals,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`graft ${command.name}: ${error.message}\n\n${commandUsage(command)}`);
      return 2;
    }
    if (error instanceof StoreError) {
      io.err(`graft: ${error.message}`);
      return 1;
    }
    io.err(describeUncaught(error, wantsStack(argv), `graft ${command.name}`));
    return 1;
  }
}
