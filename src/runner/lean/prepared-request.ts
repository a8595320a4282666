import { streamText } from 'ai';
import type { Case } from '../../datasets/case.ts';
import type { Target } from '../../targets/index.ts';
import { measureStream } from '../measure-stream.ts';
import { modelOfTarget, withAttemptFetch } from '../model-of-target.ts';
import type { AttemptSettings } from '../run-attempt.ts';
import { cacheBustNonce } from '../cache-bust-nonce.ts';
import { streamTextOptions } from '../stream-text-options.ts';
import { streamProtocolOf } from '../stream-protocol.ts';
import { createTransportTimes } from '../timed-fetch.ts';
import type { LeanProtocol } from './lean-messages.ts';

/** The HTTP request the SDK engine would send for a case, and the SDK's warnings about it. */
export type PreparedRequest = {
  url: string;
  headers: Record<string, string>;
  body: string;
  protocol: LeanProtocol;
  warnings: string[];
  /** --cache-bust: where the captured body holds its placeholder nonce, patched afresh for every send. */
  nonceAt?: number;
};

/**
 * The request is the SDK's own, by construction: the provider package builds it (messages,
 * system, max tokens, temperature, tools, tool choice, response format, stream options, provider
 * options) and hands it to a `fetch` that keeps it instead of sending it, and answers with an
 * empty finished stream. Built once per case, target and settings; the hot path only sends it.
 * Under --cache-bust, every call gets its own nonce (retries and warm-ups too): the body is
 * captured once with a placeholder, which each call replaces by position, a slice and a concat.
 */
export async function prepareRequest(target: Target, testCase: Case, settings: AttemptSettings): Promise<PreparedRequest> {
  const template = await preparedTemplate(target, testCase, settings);
  return template.nonceAt === undefined ? template : withNonce(template, template.nonceAt, cacheBustNonce());
}

function withNonce(template: PreparedRequest, at: number, nonce: string): PreparedRequest {
  const body = template.body.slice(0, at) + nonce + template.body.slice(at + placeholderNonce.length);
  return { ...template, body };
}

/** The capture's stand-in: as long as a nonce (the body's length, and any Content-Length, hold), and found once in the body, or the capture fails. */
export const placeholderNonce = 'cachebustnonceplaceholde';

function preparedTemplate(target: Target, testCase: Case, settings: AttemptSettings): Promise<PreparedRequest> {
  const byTarget = cache.get(testCase) ?? new WeakMap<Target, Map<string, Promise<PreparedRequest>>>();
  cache.set(testCase, byTarget);
  const bySettings = byTarget.get(target) ?? new Map<string, Promise<PreparedRequest>>();
  byTarget.set(target, bySettings);
  const key = JSON.stringify([settings.maxOutputTokens, settings.temperature, settings.cacheBust === true]);
  let prepared = bySettings.get(key);
  if (!prepared) {
    prepared = capture(target, testCase, settings);
    bySettings.set(key, prepared);
    // A failure is not kept: the next attempt tries again.
    prepared.catch(() => bySettings.delete(key));
  }
  return prepared;
}

/** Held by the case and the target objects: it goes when the run lets go of them. */
const cache = new WeakMap<Case, WeakMap<Target, Map<string, Promise<PreparedRequest>>>>();

/**
 * Builds every request a plan will send, once per case and target, before the run: building one
 * through the provider package takes about 2 ms of this thread, which mid-run would delay sends,
 * stamps and the delivery of finished attempts. The thread is given back between cases.
 */
export async function prepareRequests(requests: readonly { testCase: Case; target: Target }[], settings: AttemptSettings): Promise<void> {
  const seen = new WeakMap<Case, Set<Target>>();
  for (const { testCase, target } of requests) {
    const targets = seen.get(testCase) ?? new Set<Target>();
    if (targets.has(target)) continue;
    targets.add(target);
    seen.set(testCase, targets);
    // A request that cannot be built fails its attempts, as it would mid-run.
    await preparedTemplate(target, testCase, settings).catch(() => undefined);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

async function capture(target: Target, testCase: Case, settings: AttemptSettings): Promise<PreparedRequest> {
  let captured: Omit<PreparedRequest, 'warnings' | 'protocol'> | undefined;
  const keep: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    captured = { url: request.url, headers: Object.fromEntries(request.headers), body: await request.text() };
    return new Response(emptyStream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  // The SDK engine's own arguments (streamTextOptions): the same request, by construction.
  // The target's one model (its provider package builds its chunk schemas once), with this
  // capture's fetch for the requests made within.
  const measurement = await withAttemptFetch(keep, () => {
    const result = streamText({
      model: modelOfTarget(target),
      ...streamTextOptions(target, testCase, settings, placeholderNonce),
      onError: () => {},
    });
    return measureStream(result.fullStream, createTransportTimes());
  });
  if (!captured) throw new LeanEngineError(`target "${target.label}": the provider package sent no request (${String((measurement.error as Error | undefined)?.message ?? 'no error')})`);
  const protocol = protocolOf(captured.url);
  if (!protocol) throw new LeanEngineError(`target "${target.label}": the lean engine speaks Chat Completions and the Responses API, not ${new URL(captured.url).pathname}`);
  const prepared: PreparedRequest = { ...captured, protocol, warnings: measurement.warnings ?? [] };
  if (!settings.cacheBust) return prepared;
  const nonceAt = captured.body.indexOf(placeholderNonce);
  if (nonceAt < 0 || captured.body.indexOf(placeholderNonce, nonceAt + 1) >= 0) {
    throw new LeanEngineError(`target "${target.label}": --cache-bust's nonce is not once in the request the provider package built`);
  }
  return { ...prepared, nonceAt };
}

function protocolOf(url: string): LeanProtocol | undefined {
  const name = streamProtocolOf(url)?.name;
  return name === 'Chat Completions' ? 'chat' : name === 'Responses API' ? 'responses' : undefined;
}

/** A finished stream with nothing in it, in both protocols' terms: the capture's answer. */
const emptyStream = 'data: {"id":"lean","object":"chat.completion.chunk","created":0,"model":"lean","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n';

export class LeanEngineError extends Error {
  override readonly name = 'LeanEngineError';
}
