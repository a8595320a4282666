import type { IncomingMessage, ServerResponse } from 'node:http';
import { chooseAnswer } from './answer-policy.ts';
import { now } from './clock.ts';
import { decideFault, UnknownFaultError, type FaultDecision } from './fault-decision.ts';
import { buildGeneration } from './generation.ts';
import { readBody, sendError } from './http-reply.ts';
import { routeGatewayRequest } from './model-registry.ts';
import type { MockProtocol, ResponseContext } from './protocols/protocol.ts';
import { sampleLogNormal } from './random.ts';
import type { MockRequestRecord } from './request-record.ts';
import { respond } from './respond.ts';
import type { ServerState } from './server-state.ts';

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

  const routed =
    protocol.name === 'gateway'
      ? routeGatewayRequest(state.registry, request, arrivedAt)
      : { profile: state.registry.byId.get(request.model), routing: undefined };
  const profile = routed?.profile;
  if (!routed || !profile) return sendError(res, record, protocol.error({ kind: 'model_not_found', model: request.model }));
  record.servedBy = profile.id;

  // Always the same draws in the same order per request, so a seed replays a run exactly.
  const random = state.randomFor(profile.id);
  const ttftMs = sampleLogNormal(random, profile.ttftMs.p50, profile.ttftMs.p90);
  const faultDraw = random();
  let fault: FaultDecision | undefined;
  try {
    fault = decideFault({
      headers: req.headers,
      plan: state.faultPlan,
      model: request.model,
      protocol: protocol.name,
      rates: profile.faultRates,
      draw: faultDraw,
    });
  } catch (error) {
    if (!(error instanceof UnknownFaultError)) throw error;
    return sendError(res, record, protocol.error({ kind: 'invalid_request', message: error.message, param: 'x-mock-fault' }));
  }
  const answer = chooseAnswer(profile, request, random, state.sources);
  const generation = buildGeneration({
    answer,
    request,
    profile,
    toolCallId: `${protocol.toolCallIdPrefix}${sequence.toString().padStart(8, '0')}`,
  });
  if (generation.inputTokens > profile.contextWindow) {
    const { inputTokens } = generation;
    return sendError(res, record, protocol.error({ kind: 'context_length', inputTokens, contextWindow: profile.contextWindow }));
  }
  record.inputTokens = generation.inputTokens;
  if (fault) record.fault = fault.kind;
  const context: ResponseContext = {
    id: record.id,
    request,
    profile,
    generation,
    createdSeconds: Math.floor(arrivedAt / 1000),
    ...(routed.routing ? { routing: routed.routing } : {}),
  };
  const chunkIntervalMs = (profile.tokensPerChunk / profile.tokensPerSecond) * 1000;
  await respond({ res, protocol, context, record, fault, ttftMs, chunkIntervalMs, scheduler: state.scheduler });
}
