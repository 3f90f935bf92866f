import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hasValidToken, newToken, originProblem } from './auth.ts';

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe('token', () => {
  it('is random per launch and long enough not to be guessed', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newToken()).not.toBe(a);
  });

  it('is accepted from the Bearer header or the query, and nothing else', () => {
    const token = newToken();
    const url = new URL('http://127.0.0.1:1/api/call/x');
    expect(hasValidToken(request({ authorization: `Bearer ${token}` }), url, token)).toBe(true);
    expect(hasValidToken(request({}), new URL(`http://h/api?token=${token}`), token)).toBe(true);
    expect(hasValidToken(request({ authorization: `Bearer ${token}x` }), url, token)).toBe(false);
    expect(hasValidToken(request({ authorization: 'Bearer ' }), url, token)).toBe(false);
    expect(hasValidToken(request({}), url, token)).toBe(false);
  });
});

describe('originProblem', () => {
  it('lets same-origin and origin-less (curl, CLI) requests through', () => {
    expect(originProblem(request({ host: '127.0.0.1:5000', origin: 'http://127.0.0.1:5000' }), '127.0.0.1', 5000)).toBeNull();
    expect(originProblem(request({ host: 'localhost:5000' }), '127.0.0.1', 5000)).toBeNull();
  });

  it('refuses other origins, opaque origins and cross-site fetches', () => {
    expect(originProblem(request({ host: '127.0.0.1:5000', origin: 'http://evil.example' }), '127.0.0.1', 5000)).toMatch(/cross-origin/);
    expect(originProblem(request({ host: '127.0.0.1:5000', origin: 'http://127.0.0.1:5001' }), '127.0.0.1', 5000)).toMatch(/cross-origin/);
    expect(originProblem(request({ host: '127.0.0.1:5000', origin: 'null' }), '127.0.0.1', 5000)).toMatch(/opaque/);
    expect(originProblem(request({ host: '127.0.0.1:5000', 'sec-fetch-site': 'cross-site' }), '127.0.0.1', 5000)).toMatch(/cross-site/);
  });

  it('refuses a foreign Host on a loopback server (DNS rebinding)', () => {
    expect(originProblem(request({ host: 'rebind.example:5000' }), '127.0.0.1', 5000)).toMatch(/not this server/);
  });
});
