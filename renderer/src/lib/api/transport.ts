// How the renderer reaches the main side. Two transports implement one small interface;
// createApi() turns either into the typed GraftApi, so views cannot tell them apart.
import { METHOD_NAMES, type GraftApi, type MethodName, type Reply } from '../../../../contract/api.ts';
import { ApiError, isApiErrorData } from '../../../../contract/errors.ts';
import type { GraftEvent } from '../../../../contract/events.ts';

export interface Transport {
  call(method: MethodName, request: unknown): Promise<Reply<unknown>>;
  onEvent(listener: (event: GraftEvent) => void): () => void;
}

function unwrap(reply: Reply<unknown>): unknown {
  if (reply.ok) return reply.result;
  if (isApiErrorData(reply.error)) throw ApiError.fromData(reply.error);
  throw new ApiError('internal', 'malformed reply from the main side');
}

export function apiFrom(transport: Transport): GraftApi {
  const api: Partial<Record<MethodName, (request: unknown) => Promise<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    api[method] = async (request: unknown) => unwrap(await transport.call(method, request));
  }
  return { ...(api as unknown as GraftApi), onEvent: (listener) => transport.onEvent(listener) };
}
