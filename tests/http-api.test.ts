// The HTTP+WebSocket transport against a real store: token and origin checks, typed
// errors naming the field, events pushed over the socket.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { GraftEvent } from '../contract/events.ts';
import { openApp, type GraftApp } from '../main/app.ts';
import { RENDERER_DIST } from '../main/transports/http/rendererBuild.ts';
import { serve, type RunningServer } from '../main/transports/http/server.ts';
import { seedStore, tempDir } from './support/seed.ts';

describe('graft serve API', () => {
  let app: GraftApp;
  let server: RunningServer;
  let transferId: number;

  beforeAll(async () => {
    const seeded = seedStore(join(tempDir(), 'graft.db'));
    transferId = seeded.transferId;
    app = openApp(seeded.dbPath);
    server = await serve({ handlers: app.handlers, events: app.events, staticRoot: RENDERER_DIST });
  });
  afterAll(async () => {
    await server.close();
    app.close();
  });

  const call = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/call/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('binds to 127.0.0.1 by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a call with the token', async () => {
    const response = await call('listExperiments', {});
    expect(response.status).toBe(200);
    const reply = (await response.json()) as { ok: boolean; result: { name: string }[] };
    expect(reply.ok).toBe(true);
    expect(reply.result.map((e) => e.name)).toContain('Fashion 0-4 → 5-9 at 50 labels/class');
  });

  it('refuses every /api/ request without a valid token with 401', async () => {
    for (const headers of [{ Authorization: '' }, { Authorization: 'Bearer wrong' }]) {
      const response = await call('listExperiments', {}, headers);
      expect(response.status).toBe(401);
    }
    const other = await fetch(`${server.url}/api/anything`);
    expect(other.status).toBe(401);
  });

  it('refuses cross-origin requests even with the token', async () => {
    const response = await call('listExperiments', {}, { Origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    const form = await call('listExperiments', 'search=x', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
  });

  it('names the field of a malformed payload and keeps serving', async () => {
    const bad = await call('getExperiment', { id: 'three' });
    expect(bad.status).toBe(400);
    const reply = (await bad.json()) as { ok: false; error: { code: string; field: string; message: string } };
    expect(reply.error.code).toBe('invalid-payload');
    expect(reply.error.field).toBe('id');
    expect(reply.error.message).toMatch(/^id: /);
    const extra = (await (await call('listExperiments', { serach: 'x' })).json()) as { error: { message: string } };
    expect(extra.error.message).toMatch(/serach/);
    const notJson = await call('listExperiments', '{nope');
    expect(notJson.status).toBe(400);
    const unknown = await call('dropTables', {});
    expect(unknown.status).toBe(404);
    const missing = (await (await call('getExperiment', { id: 999 })).json()) as { error: { code: string } };
    expect(missing.error.code).toBe('not-found');
    expect((await call('getExperiment', { id: transferId })).status).toBe(200);
  });

  it('answers a payload nested 10,000 levels deep with 400 naming the limit, and keeps serving', async () => {
    const deep = `{"spec":{"version":1,"kind":"transfer","name":"deep","question":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
    for (const method of ['validateSpec', 'startExperiment']) {
      const response = await call(method, deep);
      expect(response.status).toBe(400);
      const reply = (await response.json()) as { error: { code: string; message: string } };
      expect(reply.error.message).toMatch(/nested deeper than 32 levels \(the limit\)/);
    }
    expect((await call('listExperiments', {})).status).toBe(200);
  });

  it('pushes events over the WebSocket to token holders only', async () => {
    const refused = new WebSocket(`${server.url.replace('http', 'ws')}/api/events?token=wrong`);
    const refusal = await new Promise<string>((resolve) => {
      refused.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      refused.on('error', (e) => resolve(e.message));
    });
    expect(refusal).toMatch(/401/);

    const crossOrigin = new WebSocket(`${server.url.replace('http', 'ws')}/api/events?token=${server.token}`, { origin: 'http://evil.example' });
    const crossRefusal = await new Promise<string>((resolve) => {
      crossOrigin.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      crossOrigin.on('error', (e) => resolve(e.message));
    });
    expect(crossRefusal).toMatch(/403/);

    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/events?token=${server.token}`);
    await new Promise((resolve) => socket.once('open', resolve));
    const received = new Promise<GraftEvent>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)) as GraftEvent)));
    app.events.publish({ type: 'experiment-changed', experimentId: transferId });
    expect(await received).toEqual({ type: 'experiment-changed', experimentId: transferId });
    socket.close();
  });

  it('serves the UI with a strict Content-Security-Policy and no path traversal', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const traversal = await fetch(`${server.url}/..%2f..%2fpackage.json`);
    expect(traversal.status).toBe(404);
  });

  it('answers a malformed percent-encoding in the URL with 400 naming it, and keeps serving', async () => {
    const response = await fetch(`${server.url}/%E0%A4%A`);
    expect(response.status).toBe(400);
    const reply = (await response.json()) as { error: { code: string; message: string } };
    expect(reply.error.code).toBe('invalid-payload');
    expect(reply.error.message).toMatch(/URL path \/%E0%A4%A has a malformed percent-encoding/);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    const broken = await call('listExperiments', '{\n  "search": "x",,\n}');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toMatch(/^request body:2:\d+: not valid JSON/);
  });
});
