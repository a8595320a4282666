import type { IncomingMessage, ServerResponse } from 'node:http';
import { chooseAnswer } from './answer-policy.ts';
import { now } from './clock.ts';
import { decideFault, FaultHeaderError, type FaultDecision } from './fault-decision.ts';
import { buildGeneration } from './generation.ts';
import { readBody, sendError } from './http-reply.ts';
import type { MockModelProfile, MockFaultKind } from '../config/mock-profile-schema.ts';
import { createFaultPlan } from './fault-plan.ts';
import { gatewayRouting, rankGatewayProviders } from './model-registry.ts';
import { promptCacheFor, readPrompt, warmTtftMs } from './prompt-cache.ts';
import type { GatewayRouting, MockProtocol, ResponseContext } from './protocols/protocol.ts';
import { sampleLogNormal, type Random } from './random.ts';
import type { MockRequestRecord } from './request-record.ts';
import { respond } from './respond.ts';
import type { ServerState } from './server-state.ts';

/** How long a provider the gateway falls back from takes to fail. */
const failedAttemptMs = 30;

/** The provider failures a gateway routes around, with the status each provider answered. */
const providerFailureStatus: Partial<Record<MockFaultKind, number>> = {
  rate_limit: 429,
  rate_limit_ms: 429,
  rate_limit_reset: 429,
  server_error: 500,
  unavailable: 503,
  overloaded: 529,
};

/** Faults answered before the model reads the prompt: such a request neither uses nor fills the prompt cache. */
const refusedFaults = new Set<MockFaultKind>(['rate_limit', 'rate_limit_ms', 'rate_limit_reset', 'auth', 'server_error', 'unavailable', 'overloaded', 'hang', 'html_error']);

/** For providers tried after the first: planned faults are for the request as the client sent it. */
const noFaultPlan = createFaultPlan();

/** One model call, any protocol: validate, route, draw timing/fault/answer, then respond on schedule. */
export async function handleModelRequest(
  state: ServerState,
  protocol: MockProtocol,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  // The request arrived with its headers: reading the body takes more turns of the event loop,
  // and under load those would be missing from the truth the harness is held to.
  const arrivedAt = now();
  const raw = await readBody(req);
  // The rest is this request's work; in a burst, the next request's arrival is stamped first.
  await state.turns.next();
  const sequence = state.nextSequence();
  const record: MockRequestRecord = {
    id: `${protocol.idPrefix}${sequence.toString().padStart(8, '0')}`,
    protocol: protocol.name,
    model: '',
    path,
    stream: false,
    status: 0,
    arrivedAt,
    chunkTimes: [],
    plannedChunkTimes: [],
    outputTokens: 0,
    inputTokens: 0,
    answer: '',
  };
  state.records.push(record);
  // Every reply a provider sends carries its request id, errors included.
  res.setHeader(protocol.requestIdHeader, record.id);

  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (error) {
    return sendError(res, record, protocol.error({ kind: 'invalid_json', detail: (error as Error).message }));
  }
  const parsed = protocol.parse(body, req.headers);
  if (!parsed.ok) return sendError(res, record, protocol.error(parsed.error));
  const request = parsed.request;
  record.model = request.model;
  record.stream = request.stream;

  const gateway = protocol.name === 'gateway';
  const direct = state.registry.byId.get(request.model);
  const ranked = gateway ? rankGatewayProviders(state.registry, request) : direct ? [direct] : [];
  if (ranked.length === 0) return sendError(res, record, protocol.error({ kind: 'model_not_found', model: request.model }));

  // The gateway routes around a provider's own failure (a fault drawn from its profile's rates):
  // it tries the next provider, and the client sees the answer, later by the failed attempts. A
  // fault forced by header or plan is the client's to see. Each provider tried draws from its own
  // seeded stream, always in the same order, so a seed replays a run exactly.
  const failedAttempts: GatewayRouting['failedAttempts'] = [];
  let index = 0;
  let profile: MockModelProfile;
  let random: Random;
  let coldTtftMs: number;
  let fault: FaultDecision | undefined;
  for (;;) {
    profile = ranked[index]!;
    random = state.randomFor(profile.id);
    coldTtftMs = sampleLogNormal(random, profile.ttftMs.p50, profile.ttftMs.p90);
    const faultDraw = random();
    try {
      fault = decideFault({
        headers: index === 0 ? req.headers : {},
        plan: index === 0 ? state.faultPlan : noFaultPlan,
        model: request.model,
        protocol: protocol.name,
        rates: profile.faultRates,
        draw: faultDraw,
      });
    } catch (error) {
      if (!(error instanceof FaultHeaderError)) throw error;
      return sendError(res, record, protocol.error({ kind: 'invalid_request', message: error.message, param: error.header }));
    }
    const failedWith = gateway && fault?.source === 'rate' ? providerFailureStatus[fault.kind] : undefined;
    if (failedWith === undefined || index + 1 >= ranked.length) break;
    const startTime = arrivedAt + failedAttempts.length * failedAttemptMs;
    failedAttempts.push({ provider: profile.provider, statusCode: failedWith, startTime, endTime: startTime + failedAttemptMs });
    index += 1;
  }
  record.servedBy = profile.id;
  const answer = chooseAnswer(profile, request, random, state.sources);
  // The prompt cache reads every token of the prompt, and counts them on the way.
  const cacheSettings = profile.promptCache === false ? undefined : profile.promptCache;
  const prompt = cacheSettings ? readPrompt(request, cacheSettings.blockTokens) : undefined;
  const built = buildGeneration({
    answer,
    request,
    profile,
    toolCallId: `${protocol.toolCallIdPrefix}${sequence.toString().padStart(8, '0')}`,
    ...(prompt ? { inputTokens: prompt.inputTokens } : {}),
  });
  if (built.inputTokens > profile.contextWindow) {
    const { inputTokens } = built;
    return sendError(res, record, protocol.error({ kind: 'context_length', inputTokens, contextWindow: profile.contextWindow }));
  }
  // It is read and filled by a request the model prefills: not by one it refuses.
  const cache = fault && refusedFaults.has(fault.kind) ? undefined : promptCacheFor(state, profile.id, profile.promptCache);
  const cachedInputTokens = cache && prompt && prompt.blocks.length > 0 ? Math.min(built.inputTokens, cache.serve(prompt.blocks, arrivedAt, arrivedAt + coldTtftMs)) : 0;
  const generation = { ...built, cachedInputTokens };
  const prefillMs = cacheSettings ? warmTtftMs(coldTtftMs, cachedInputTokens, built.inputTokens, cacheSettings.cachedPrefillShare) : coldTtftMs;
  const ttftMs = prefillMs + failedAttempts.length * failedAttemptMs;
  record.inputTokens = generation.inputTokens;
  if (answer.kind !== undefined) record.answerKind = answer.kind;
  if (fault) record.fault = fault.kind;
  const context: ResponseContext = {
    id: record.id,
    request,
    profile,
    generation,
    createdSeconds: Math.floor(arrivedAt / 1000),
    ...(gateway ? { routing: gatewayRouting(request, ranked, index, arrivedAt, failedAttempts) } : {}),
  };
  const chunkIntervalMs = (profile.tokensPerChunk / profile.tokensPerSecond) * 1000;
  // A hanging request never generates: it takes no slot.
  const gate = fault?.kind === 'hang' ? undefined : state.capacityFor(profile.id, profile.capacity?.concurrency);
  if (!gate) return respond({ res, protocol, context, record, fault, ttftMs, chunkIntervalMs, scheduler: state.scheduler });
  const release = await gate.acquire();
  try {
    record.startedAt = now();
    record.queueWaitMs = Math.max(0, record.startedAt - arrivedAt);
    // A client that gave up while it waited frees its place at once.
    if (res.destroyed) return;
    await respond({ res, protocol, context, record, fault, ttftMs, chunkIntervalMs, scheduler: state.scheduler });
  } finally {
    release();
  }
}
