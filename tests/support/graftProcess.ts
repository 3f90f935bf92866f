// Runs the real `graft` CLI as a child process, as a user would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const GRAFT_BIN = fileURLToPath(new URL('../../bin/graft.mjs', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runGraft(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [GRAFT_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 300_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export interface ServingProcess {
  child: ChildProcess;
  url: string;
  openUrl: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts `graft serve` (or `graft start`) and waits for the line with the URL it prints. */
export function startServeProcess(args: string[], env: NodeJS.ProcessEnv = {}, command: 'serve' | 'start' = 'serve'): Promise<ServingProcess & { output: () => string }> {
  const child = spawn(process.execPath, [GRAFT_BIN, command, '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`graft serve printed no URL in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/\S+)\/#token=(\S+)/.exec(output);
      if (!match?.[1] || !match[2]) return;
      clearTimeout(timer);
      const url = match[1];
      const token = match[2];
      resolve({
        child,
        url,
        token,
        openUrl: `${url}/#token=${token}`,
        output: () => output,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`graft serve exited with ${code}:\n${output}`));
    });
  });
}
