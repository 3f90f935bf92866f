// The last word on an error nobody caught, in any Graft process (the CLI, `graft serve`, the
// Electron main process): one clear line, and the stack only when asked for (--verbose or
// GRAFT_DEBUG=1). Never library source: Node prints the source line of an uncaught throw, and
// tfjs' wasm backend (emscripten) rethrows from a listener of its own inside a 20 kB minified
// line; a capture callback replaces every 'uncaughtException' listener, theirs included.

/** Whether the user asked for stacks. */
export function wantsStack(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  return argv.includes('--verbose') || env.GRAFT_DEBUG === '1';
}

const MAX_LINE = 300;
const clip = (line: string): string => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);

/** The message (its first line, clipped), and with verbose the stack's frames: no source text. */
export function describeUncaught(error: unknown, verbose: boolean, program = 'graft'): string {
  const err = error instanceof Error ? error : null;
  const message = err ? err.message : String(error);
  const name = err && err.name !== 'Error' ? `${err.name}: ` : '';
  const [first = '', ...rest] = message.split('\n');
  const head = `${program}: ${clip(`${name}${first}`)}${rest.length > 0 ? ' (…)' : ''}`;
  if (!verbose) return `${head}\n(run again with --verbose or GRAFT_DEBUG=1 to see where it happened)`;
  const frames = (err?.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).map(clip);
  return [head, ...(rest.length > 0 ? rest.map(clip) : []), ...frames].join('\n');
}

/**
 * Installs the handlers once per process: an uncaught exception or unhandled rejection prints
 * describeUncaught() through `write` and ends the process with code 1.
 */
export function installCrashHandler(write: (text: string) => void, verbose: boolean, program = 'graft'): void {
  const die = (error: unknown): void => {
    try {
      write(describeUncaught(error, verbose, program));
    } finally {
      process.exit(1);
    }
  };
  if (!process.hasUncaughtExceptionCaptureCallback()) process.setUncaughtExceptionCaptureCallback(die);
  process.on('unhandledRejection', die);
}
