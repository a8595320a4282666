import type { ServerResponse } from 'node:http';
import type { ChunkScheduler } from './chunk-scheduler.ts';
import { now } from './clock.ts';
import type { FaultDecision } from './fault-decision.ts';
import type { ContentChunk } from './generation.ts';
import type { ErrorReply, MockProtocol, ResponseContext } from './protocols/protocol.ts';
import type { MockRequestRecord } from './request-record.ts';
import { sendError, sendHtmlBadGateway, sendJson, untilClosed } from './http-reply.ts';

export type ResponsePlan = {
  res: ServerResponse;
  protocol: MockProtocol;
  context: ResponseContext;
  record: MockRequestRecord;
  fault: FaultDecision | undefined;
  ttftMs: number;
  chunkIntervalMs: number;
  scheduler: ChunkScheduler;
};

/** The fault kinds answered with an error status, in the protocol's own body, wording and headers. */
function errorReplyOf(fault: FaultDecision, protocol: MockProtocol): { reply: ErrorReply; headers: Record<string, string> } | undefined {
  switch (fault.kind) {
    case 'rate_limit':
    case 'rate_limit_ms':
    case 'rate_limit_reset':
      return {
        reply: protocol.error({ kind: 'rate_limit', waitMs: fault.retryAfterMs }),
        headers: protocol.rateLimitHeaders(fault.kind, fault.retryAfter, fault.retryAfterMs),
      };
    case 'auth':
    case 'server_error':
    case 'unavailable':
    case 'overloaded':
      return { reply: protocol.error({ kind: fault.kind }), headers: {} };
    default:
      return undefined;
  }
}

/** Sends one response on its absolute schedule: headers at arrival (or at its slot, with a capacity), chunk i at that + ttft + i * interval. */
export async function respond(plan: ResponsePlan): Promise<void> {
  const { res, record, fault } = plan;
  if (fault?.kind === 'hang') {
    // Never a status line; the client's timeout is what is being tested.
    await untilClosed(res);
    return;
  }
  // With a capacity, the request is served from when it got its slot, not from its arrival.
  const start = (record.startedAt ?? record.arrivedAt) + (fault?.kind === 'slow_first_byte' ? fault.delayMs : 0);
  await plan.scheduler.waitUntil(start);
  if (res.destroyed) return;
  const error = fault ? errorReplyOf(fault, plan.protocol) : undefined;
  if (error) {
    sendError(res, record, error.reply, error.headers);
    return;
  }
  if (fault?.kind === 'html_error') {
    // The proxy's own page: nothing of the provider's, its request id included.
    res.removeHeader(plan.protocol.requestIdHeader);
    sendHtmlBadGateway(res, record);
    return;
  }
  const schedule = plan.context.generation.chunks.map(
    (_chunk, index) => start + plan.ttftMs + index * plan.chunkIntervalMs,
  );
  if (plan.context.request.stream) {
    record.plannedChunkTimes = schedule;
    await stream(plan, schedule);
  } else {
    // Without streaming the whole body is the one content-bearing write, due when the last token is.
    const doneAt = schedule.at(-1) ?? start + plan.ttftMs;
    record.plannedChunkTimes = [doneAt];
    await complete(plan, doneAt);
  }
}

async function stream(plan: ResponsePlan, schedule: number[]): Promise<void> {
  const { res, record, fault, context } = plan;
  const encoder = plan.protocol.encoder(context);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  record.status = 200;
  const opening = encoder.open();
  if (opening === '') res.flushHeaders();
  else res.write(opening);
  record.headersAt = now();
  const chunks = context.generation.chunks;
  const faultAt = fault ? Math.min(fault.afterChunks, chunks.length) : chunks.length;
  const write = bodyWriter(res);
  const events = { plan, schedule, encode: (chunk: ContentChunk) => encoder.chunk(chunk), write };
  if (!(await writeOnSchedule(events, 0, faultAt))) return;
  if (fault) {
    if (fault.kind === 'stall') return untilClosed(res);
    if (fault.kind === 'drop') {
      res.socket?.destroy();
      return;
    }
    if (fault.kind === 'error_event') {
      res.end(encoder.error());
      return;
    }
    if (fault.kind === 'malformed') write(encoder.malformed());
    if (!(await writeOnSchedule(events, faultAt, chunks.length))) return;
  }
  res.end(encoder.finish());
}

type ScheduledEvents = { plan: ResponsePlan; schedule: number[]; encode: (chunk: ContentChunk) => string; write: (text: string) => void };

/**
 * Writes chunks `from` to `to` (exclusive), each at its due time, from the scheduler's wake
 * itself (no promise per chunk), and stamps each once its bytes are with the kernel. False when
 * the client went away first.
 */
function writeOnSchedule({ plan, schedule, encode, write }: ScheduledEvents, from: number, to: number): Promise<boolean> {
  const { res, record } = plan;
  const chunks = plan.context.generation.chunks;
  return new Promise((resolve) => {
    let index = from;
    const next = () => {
      if (index >= to) resolve(true);
      else plan.scheduler.at(schedule[index]!, writeDue);
    };
    const writeDue = () => {
      if (res.destroyed) return resolve(false);
      // A stream behind its schedule (the process waited for a core) catches up in one write:
      // every chunk already due goes out together, and each is stamped when they left.
      const first = index;
      let text = encode(chunks[index++]!);
      for (let current = now(); index < to && schedule[index]! <= current; ) text += encode(chunks[index++]!);
      write(text);
      const at = now();
      for (let written = first; written < index; written++) {
        const chunk = chunks[written]!;
        record.chunkTimes.push(at);
        // Ground truth is what left, not what was planned: a stall, drop or error event cuts it short.
        record.outputTokens += chunk.tokens;
        if (chunk.kind === 'text') record.answer += chunk.delta;
      }
      next();
    };
    next();
  });
}

/**
 * Writes a piece of a streaming body so that its bytes are with the kernel when it returns, which
 * is what a chunk's stamp says. `ServerResponse.write` corks the socket until the next tick: a
 * stamp taken after it would come before the bytes left, by the work of every other stream
 * written in the same wake. With chunked encoding (HTTP/1.1) the chunk is framed here, as
 * ServerResponse frames it, and written to the socket in one write; `res.end` still writes the
 * last piece and the terminating chunk.
 */
function bodyWriter(res: ServerResponse): (text: string) => void {
  const socket = res.socket;
  if (res.chunkedEncoding && socket) {
    return (text) => {
      if (text !== '') socket.write(`${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`);
    };
  }
  return (text) => {
    res.write(text);
  };
}

async function complete(plan: ResponsePlan, doneAt: number): Promise<void> {
  const { res, record, fault } = plan;
  if (fault?.kind === 'stall') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.flushHeaders();
    record.status = 200;
    record.headersAt = now();
    return untilClosed(res);
  }
  await plan.scheduler.waitUntil(doneAt);
  if (res.destroyed) return;
  if (fault?.kind === 'drop') {
    res.socket?.destroy();
    return;
  }
  if (fault?.kind === 'error_event') {
    sendError(res, record, plan.protocol.error({ kind: 'server_error' }));
    return;
  }
  const body = JSON.stringify(plan.protocol.completion(plan.context));
  sendJson(res, record, 200, fault?.kind === 'malformed' ? body.slice(0, body.length >> 1) : body);
  record.chunkTimes.push(record.headersAt ?? now());
  // Half a JSON body is not an answer any client can read.
  if (fault?.kind === 'malformed') return;
  record.outputTokens = plan.context.generation.outputTokens;
  record.answer = plan.context.generation.text;
}
