// Who may talk to `graft serve`: only a page that knows this launch's token, and only
// from the server's own origin. The token travels in the URL fragment (never sent to
// the server by the browser), then as a Bearer header or, for the WebSocket, a query
// parameter.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function tokenFromRequest(req: IncomingMessage, url: URL): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return url.searchParams.get('token');
}

export function hasValidToken(req: IncomingMessage, url: URL, token: string): boolean {
  const given = tokenFromRequest(req, url);
  return given !== null && sameToken(given, token);
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Refuses cross-origin requests. A browser sends Origin on every cross-origin request
 * (and on WebSocket upgrades); Sec-Fetch-Site says the same in modern browsers. The Host
 * check closes DNS rebinding when bound to loopback: a foreign name resolving to
 * 127.0.0.1 still carries its own Host header.
 */
export function originProblem(req: IncomingMessage, boundHost: string, port: number): string | null {
  const host = req.headers.host ?? '';
  const boundToLoopback = LOOPBACK_NAMES.has(boundHost) || boundHost === '::1';
  if (boundToLoopback) {
    const hostName = host.replace(/:\d+$/, '');
    if (!LOOPBACK_NAMES.has(hostName)) return `host "${host}" is not this server`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originUrl: URL;
    try {
      originUrl = new URL(origin);
    } catch {
      return `origin "${origin}" is not a URL`;
    }
    const sameHost = originUrl.host === host;
    const samePort = Number(originUrl.port || 80) === port;
    if (!sameHost || !samePort) return `cross-origin request from ${origin} refused`;
  } else if (origin === 'null') {
    return 'requests from opaque origins are refused';
  }
  if (req.headers['sec-fetch-site'] === 'cross-site') return 'cross-site request refused';
  return null;
}
