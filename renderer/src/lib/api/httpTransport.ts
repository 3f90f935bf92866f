// The `graft serve` transport: POST /api/call/<method> with the launch token, and one
// WebSocket for events that reconnects after a drop.
import type { MethodName, Reply } from '../../../../contract/api.ts';
import type { GraftEvent } from '../../../../contract/events.ts';
import type { Transport } from './transport.ts';

export function httpTransport(baseUrl: string, token: string): Transport {
  const listeners = new Set<(event: GraftEvent) => void>();
  let socket: WebSocket | null = null;
  let retryMs = 500;

  function connect(): void {
    const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/api/events?token=${encodeURIComponent(token)}`;
    socket = new WebSocket(wsUrl);
    socket.onopen = () => (retryMs = 500);
    socket.onmessage = (message) => {
      const event = JSON.parse(String(message.data)) as GraftEvent;
      for (const listener of listeners) listener(event);
    };
    socket.onclose = () => {
      socket = null;
      if (listeners.size > 0) setTimeout(connect, (retryMs = Math.min(retryMs * 2, 10_000)));
    };
  }

  return {
    async call(method: MethodName, request: unknown): Promise<Reply<unknown>> {
      const response = await fetch(`${baseUrl}/api/call/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(request ?? {}),
      });
      return (await response.json()) as Reply<unknown>;
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) socket?.close();
      };
    },
  };
}
