// `graft serve` as a function: the app, its scheduler and the HTTP+WebSocket transport,
// closed cleanly on SIGINT/SIGTERM. Tests and the Electron fallback call it too.
import { openApp, type GraftApp } from './app.ts';
import { ensureRendererBuilt } from './transports/http/rendererBuild.ts';
import { serve, type RunningServer } from './transports/http/server.ts';
import { startTraining } from './training.ts';

export interface ServeRequest {
  dbPath: string;
  port?: number;
  host?: string;
  train?: boolean;
  log?: (line: string) => void;
}

export interface Serving extends RunningServer {
  app: GraftApp;
  /** Resolves when the server has stopped (signal or close()). */
  closed: Promise<void>;
  stop(): Promise<void>;
}

export async function startServing(request: ServeRequest): Promise<Serving> {
  const log = request.log ?? (() => {});
  const staticRoot = await ensureRendererBuilt(log);
  const app = openApp(request.dbPath);
  const training = request.train === false ? null : await startTraining(app, log);
  const server = await serve({
    handlers: app.handlers,
    events: app.events,
    staticRoot,
    host: request.host ?? '127.0.0.1',
    port: request.port ?? 0,
  });
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await server.close();
      await training?.stop();
      app.close();
      resolveClosed();
    })();
    return stopping;
  };
  const onSignal = () => void stop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { ...server, app, closed, stop, close: stop };
}
