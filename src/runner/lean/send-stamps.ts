import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

export type SentBy = 'socket' | 'headers';

/**
 * When each request left, as transport-worker.ts stamps it for the SDK engine: undici announces
 * the headers (`undici:client:sendHeaders`), and the request has left when its first write
 * reaches the socket. Requests are known by the id the caller gives while dispatching them
 * (undici creates its request synchronously in `dispatch`).
 */
export type SendStamps = {
  /** Runs `dispatch` as request `id`; `onSent` gets the send's stamp, once. */
  dispatch(id: number, onSent: (at: number, by: SentBy) => void, dispatch: () => void): void;
  /** The request was answered or failed with no write seen: it left when its headers were handed over, if they were. */
  settle(id: number): void;
  forget(id: number): void;
};

export function createSendStamps(now: () => number): SendStamps {
  let dispatching: number | undefined;
  const requestIds = new WeakMap<object, number>();
  const onSent = new Map<number, (at: number, by: SentBy) => void>();
  const headersHandedAt = new Map<number, number>();
  const awaitingWrite = new WeakMap<object, number>();
  const watchedSockets = new WeakSet<object>();
  const stamp = (id: number, at: number, by: SentBy) => {
    headersHandedAt.delete(id);
    const callback = onSent.get(id);
    onSent.delete(id);
    callback?.(at, by);
  };

  diagnostics.subscribe('undici:request:create', (message) => {
    const request = (message as { request?: object }).request;
    if (dispatching !== undefined && request) requestIds.set(request, dispatching);
  });
  diagnostics.subscribe('undici:client:sendHeaders', (message) => {
    const request = (message as { request?: object }).request;
    const id = request ? requestIds.get(request) : undefined;
    const socket = (message as { socket?: Socket }).socket;
    if (id === undefined || !onSent.has(id)) return;
    headersHandedAt.set(id, now());
    if (!socket) return;
    awaitingWrite.set(socket, id);
    if (watchedSockets.has(socket)) return;
    watchedSockets.add(socket);
    const write = socket.write;
    socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
      const waiting = awaitingWrite.get(this);
      if (waiting !== undefined) {
        awaitingWrite.delete(this);
        if (headersHandedAt.has(waiting)) stamp(waiting, now(), 'socket');
      }
      return write.apply(this, args);
    } as Socket['write'];
  });

  return {
    dispatch(id, callback, dispatch) {
      onSent.set(id, callback);
      dispatching = id;
      try {
        dispatch();
      } finally {
        dispatching = undefined;
      }
    },
    settle(id) {
      const at = headersHandedAt.get(id);
      if (at !== undefined) stamp(id, at, 'headers');
    },
    forget(id) {
      onSent.delete(id);
      headersHandedAt.delete(id);
    },
  };
}
