// The one entry point every transport calls: validate the payload against the contract,
// run the handler, and turn any failure into ApiErrorData. Never throws, so a malformed
// request can't crash the main side whichever transport carried it.
import type { z } from 'zod';
import { requestSchemas, type MethodName, type Reply } from '../../contract/api.ts';
import { ApiError } from '../../contract/errors.ts';
import { inputLimitProblem } from '../../contract/limits.ts';
import type { Handlers } from './handlers.ts';

function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(requestSchemas, name);
}

/** "runIds.2: Expected number, received string" — the field path first, as users read it. */
export function describeZodError(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue ? issue.path.map(String).join('.') : '';
  const message = issue ? issue.message : 'invalid payload';
  return new ApiError('invalid-payload', field ? `${field}: ${message}` : message, field || undefined);
}

export async function dispatch(handlers: Handlers, method: string, payload: unknown): Promise<Reply<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: new ApiError('unknown-method', `unknown method "${method}"`).toData() };
  }
  const tooBig = inputLimitProblem(payload);
  if (tooBig) return { ok: false, error: new ApiError('invalid-payload', `the request ${tooBig}`).toData() };
  const parsed = requestSchemas[method].safeParse(payload ?? {});
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error).toData() };
  try {
    const handler = handlers[method] as (request: unknown) => unknown;
    const result = await handler(parsed.data);
    return { ok: true, result };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toData() };
    const message = error instanceof Error ? error.message : String(error);
    console.error(`graft: ${method} failed:`, error);
    return { ok: false, error: new ApiError('internal', message).toData() };
  }
}
