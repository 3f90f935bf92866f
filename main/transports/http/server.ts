// `graft serve`: the API contract over HTTP (POST /api/call/<method>) and WebSocket
// (GET /api/events), plus the built renderer. Bound to 127.0.0.1 unless told otherwise;
// every /api/ request needs this launch's token and must come from our own origin.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiErrorCode } from '../../../contract/errors.ts';
import { ApiError } from '../../../contract/errors.ts';
import { jsonSyntaxMessage } from '../../../contract/jsonText.ts';
import { dispatch } from '../../services/dispatch.ts';
import type { EventBus } from '../../services/eventBus.ts';
import type { Handlers } from '../../services/handlers.ts';
import { hasValidToken, newToken, originProblem } from './auth.ts';
import { serveStatic } from './static.ts';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

const STATUS_OF: Record<ApiErrorCode, number> = {
  'invalid-payload': 400,
  'unknown-method': 404,
  'not-found': 404,
  conflict: 409,
  unauthorized: 401,
  'forbidden-origin': 403,
  unavailable: 503,
  internal: 500,
};

export interface ServeOptions {
  handlers: Handlers;
  events: EventBus;
  /** Folder with the built renderer (index.html). */
  staticRoot: string;
  host?: string;
  port?: number;
  /** Fixed token, for tests; a random one per launch otherwise. */
  token?: string;
}

export interface RunningServer {
  url: string; // base URL, e.g. http://127.0.0.1:5173
  token: string;
  /** The URL to open: the token rides in the fragment, which browsers never send. */
  openUrl: string;
  port: number;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, STATUS_OF[error.code], { ok: false, error: error.toData() });
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError('invalid-payload', `request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError('invalid-payload', jsonSyntaxMessage(text, 'request body', error));
  }
}

export function serve(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  let port = options.port ?? 0;
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const problem = originProblem(req, host, port);
    if (problem) return sendError(res, new ApiError('forbidden-origin', problem));
    if (!hasValidToken(req, url, token)) {
      return sendError(res, new ApiError('unauthorized', 'missing or wrong token: open the URL printed by graft serve'));
    }
    const match = /^\/api\/call\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match?.[1]) return sendError(res, new ApiError('not-found', `no API route ${url.pathname}`));
    if (req.method !== 'POST') return sendError(res, new ApiError('invalid-payload', 'API calls are POST requests'));
    const contentType = req.headers['content-type'] ?? '';
    // Only JSON: a plain form post (which browsers send cross-site without preflight) is refused.
    if (!contentType.startsWith('application/json')) {
      return sendError(res, new ApiError('invalid-payload', 'API calls need Content-Type: application/json'));
    }
    const payload = await readBody(req);
    const reply = await dispatch(options.handlers, match[1], payload);
    sendJson(res, reply.ok ? 200 : STATUS_OF[reply.error.code], reply);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handle = url.pathname.startsWith('/api/')
      ? handleApi(req, res, url)
      : serveStatic(options.staticRoot, url.pathname, res).then((served) => {
          if (!served) {
            res.writeHead(404, { 'Content-Type': 'text/plain' });
            res.end('not found');
          }
        });
    handle.catch((error: unknown) => {
      const apiError = error instanceof ApiError ? error : new ApiError('internal', String(error));
      if (!res.headersSent) sendError(res, apiError);
      else res.end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== '/api/events') return refuse(404, 'Not Found');
    if (originProblem(req, host, port)) return refuse(403, 'Forbidden');
    if (!hasValidToken(req, url, token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const unsubscribe = options.events.subscribe((event) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
      });
      ws.on('close', () => {
        unsubscribe();
        sockets.delete(ws);
      });
      ws.on('error', () => ws.terminate());
    });
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      port = (server.address() as AddressInfo).port;
      const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
      const url = `http://${shownHost}:${port}`;
      resolvePromise({
        url,
        token,
        port,
        openUrl: `${url}/#token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            for (const ws of sockets) ws.terminate();
            wss.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
