/** Messages between the main thread and the transport worker (see worker-transport.ts). */

export type SerializedError = { name: string; message: string; code?: string; cause?: SerializedError };

export type TransportRequest =
  | {
      type: 'request';
      id: number;
      url: string;
      method: string;
      headers: Array<[string, string]>;
      body: ArrayBuffer | null;
    }
  | { type: 'abort'; id: number };

/** Times are epoch milliseconds (`performance.timeOrigin + performance.now()` in the worker). */
export type TransportEvent =
  /** `socket`: the first write of the request reached its socket; `headers`: undici announced them, no write was seen. */
  | { type: 'sent'; id: number; at: number; by: 'socket' | 'headers' }
  | { type: 'response'; id: number; at: number; status: number; statusText: string; headers: Array<[string, string]> }
  | { type: 'chunk'; id: number; at: number; bytes: Uint8Array }
  | { type: 'end'; id: number; at: number }
  | { type: 'error'; id: number; at: number; error: SerializedError };

export function serializeError(error: unknown, depth = 0): SerializedError {
  const fields = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  return {
    name: typeof fields.name === 'string' ? fields.name : 'Error',
    message: typeof fields.message === 'string' ? fields.message : String(error),
    ...(typeof fields.code === 'string' ? { code: fields.code } : {}),
    ...(fields.cause !== undefined && depth < 4 ? { cause: serializeError(fields.cause, depth + 1) } : {}),
  };
}

export function deserializeError(serialized: SerializedError): Error {
  const cause = serialized.cause ? deserializeError(serialized.cause) : undefined;
  const error =
    serialized.name === 'AbortError'
      ? new DOMException(serialized.message, 'AbortError')
      : serialized.name === 'TypeError'
        ? new TypeError(serialized.message, cause ? { cause } : undefined)
        : new Error(serialized.message, cause ? { cause } : undefined);
  if (serialized.code) Object.assign(error, { code: serialized.code });
  if (!(error instanceof DOMException) && serialized.name !== error.name) {
    Object.defineProperty(error, 'name', { value: serialized.name });
  }
  return error;
}
