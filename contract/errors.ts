// Errors cross every transport as data ({code, message, field}) and are rebuilt on the
// other side as ApiError, so the renderer sees the same error whether it talks over
// Electron IPC or the WebSocket bridge.

export type ApiErrorCode =
  | 'invalid-payload' // the request did not match the contract's schema
  | 'unknown-method'
  | 'not-found'
  | 'conflict' // e.g. resuming a run that is not interrupted
  | 'unauthorized'
  | 'forbidden-origin'
  | 'unavailable' // a backend or optional component is not installed
  | 'internal';

export interface ApiErrorData {
  code: ApiErrorCode;
  message: string;
  /** Dotted path of the offending field, when the error is about one field. */
  field?: string;
}

export class ApiError extends Error implements ApiErrorData {
  readonly code: ApiErrorCode;
  readonly field?: string;
  constructor(code: ApiErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
  toData(): ApiErrorData {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
  static fromData(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.field);
  }
}

export function isApiErrorData(value: unknown): value is ApiErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorData).code === 'string' &&
    typeof (value as ApiErrorData).message === 'string'
  );
}
