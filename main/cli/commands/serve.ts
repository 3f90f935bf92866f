import { intOption, stringOption, type Command } from '../command.ts';
import { openLogFile } from '../../logFile.ts';
import { GRAFT_VERSION } from '../../version.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the Graft UI over HTTP on this machine and train queued runs.',
  usage: 'graft serve [--port N] [--host H] [--no-train]',
  options: { port: { type: 'string' }, host: { type: 'string' }, 'no-train': { type: 'boolean' } },
  async run({ dbPath, io, values }) {
    const port = intOption(values, 'port', { min: 0, max: 65535 }) ?? 0;
    const host = stringOption(values, 'host') ?? '127.0.0.1';
    const logFile = openLogFile();
    const log = (line: string): void => {
      io.err(line);
      logFile.write(line);
    };
    logFile.write(`graft serve ${GRAFT_VERSION} on ${dbPath}`);
    // Loaded here, not at the top: the HTTP and WebSocket server (ws) is no part of `graft list`'s start.
    const { startServing } = await import('../../serveApp.ts');
    const running = await startServing({ dbPath, port, host, train: !values['no-train'], log });
    io.out(`Graft is serving ${dbPath}`);
    io.out(`Open ${running.openUrl}`);
    if (host !== '127.0.0.1' && host !== 'localhost') {
      io.err(`warning: listening on ${host}: anyone who can reach it and knows the token can use Graft`);
    }
    await running.closed;
    return 0;
  },
};
