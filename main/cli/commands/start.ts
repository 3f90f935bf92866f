// `npm start`: the desktop window where Electron is installed; otherwise the same UI in a
// browser through `graft serve`, saying why. It never just crashes for want of Electron.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { detectElectron } from '../../electronPresence.ts';
import type { Command } from '../command.ts';
import { serveCommand } from './serve.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'Open the Graft desktop app (or, without Electron, serve the UI and print its URL).',
  usage: 'graft start [--port N] [--host H]',
  options: { ...serveCommand.options },
  async run(ctx) {
    const electron = detectElectron();
    if (!electron.available || !electron.binary) {
      ctx.io.err(`${electron.reason}.`);
      return serveCommand.run(ctx);
    }
    const entry = fileURLToPath(new URL('../../../bin/electron-main.mjs', import.meta.url));
    const child = spawn(electron.binary, [entry, '--db', ctx.dbPath], { stdio: 'inherit' });
    return new Promise<number>((resolve) => {
      child.on('exit', (code) => resolve(code ?? 1));
      child.on('error', (error) => {
        ctx.io.err(`Electron failed to start (${error.message}); serving the UI instead.`);
        resolve(serveCommand.run(ctx));
      });
    });
  },
};
