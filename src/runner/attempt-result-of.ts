import type { Case } from '../datasets/case.ts';
import type { AttemptError, AttemptUsage } from '../records/attempt-record.ts';
import { computeCost, type Target } from '../targets/index.ts';
import { checkedUsage } from './checked-usage.ts';
import { classifyError } from './classify-error.ts';
import { computeTiming } from './compute-timing.ts';
import { gatewayFacts } from './gateway-facts.ts';
import type { StreamMeasurement } from './measure-stream.ts';
import { redactDeep } from './redact-deep.ts';
import { boundedMessage, redactAndCut } from './redact-and-cut.ts';
import type { AttemptDependencies, AttemptResult } from './run-attempt.ts';
import { contentTypeWarning, encodingWarning, streamVerdict } from './stream-verdict.ts';
import type { TransportTimes } from './timed-fetch.ts';
import { messagesText, type TokenCounter } from './token-counter.ts';

// From a measured exchange to its result: the same verdicts, usage, timing, cost and redaction
// for every engine (the SDK's runAttempt and the lean engine), so that both judge alike.

export type MeasuredExchange = {
  target: Target;
  testCase: Case;
  startedAt: string;
  transport: TransportTimes;
  measurement: StreamMeasurement;
  streamEnd: number;
  /** Our own verdict (a timeout or a stall), which stands before any other. */
  error?: AttemptError;
};

export function attemptResultOf(exchange: MeasuredExchange, dependencies: Pick<AttemptDependencies, 'redact' | 'countTokens'>): AttemptResult {
  const { target, testCase, transport, measurement } = exchange;
  let error = exchange.error;
  if (error === undefined) {
    error = streamVerdict(transport.stream, measurement);
    const mislabelled = contentTypeWarning(transport.stream);
    if (mislabelled !== undefined) (measurement.warnings ??= []).push(mislabelled);
    const badBytes = encodingWarning(transport.stream);
    if (badBytes !== undefined) (measurement.warnings ??= []).push(badBytes);
    if (error === undefined && measurement.error !== undefined) error = classifyError(measurement.error, transport);
  }
  const usage = completeUsage(measurement, testCase, dependencies.countTokens, error === undefined);
  const timing = computeTiming(measurement, transport.sentAt, transport.headersAt, exchange.streamEnd, usage);
  const gateway = gatewayFacts(measurement.providerMetadata);
  if (gateway.warning !== undefined) (measurement.warnings ??= []).push(gateway.warning);
  const priceCost = computeCost(usage, target.price);
  const costUsd = gateway.costUsd ?? priceCost;
  return {
    startedAt: exchange.startedAt,
    ...(transport.sentAt !== undefined ? { sentAtMs: transport.sentAt } : {}),
    timing,
    usage,
    ...(costUsd !== undefined ? { costUsd, costSource: gateway.costUsd !== undefined ? 'gateway' : 'price-table' } : {}),
    // A gateway target keeps both costs, so that a report can show what the gateway charged over list price.
    ...(target.spec.kind === 'gateway' && priceCost !== undefined ? { listCostUsd: priceCost } : {}),
    ...(gateway.costUsd !== undefined ? { gatewayCostUsd: gateway.costUsd } : {}),
    ...(measurement.finishReason ? { finishReason: measurement.finishReason } : {}),
    ...(gateway.servedBy ? { servedBy: boundedMessage(gateway.servedBy, maxServedByCharacters, dependencies.redact) } : {}),
    ...(gateway.generationId ? { generationId: dependencies.redact(gateway.generationId) } : {}),
    ...(gateway.fallbacks ? { fallbacks: gateway.fallbacks.map((fallback) => boundedMessage(fallback, maxServedByCharacters, dependencies.redact)) } : {}),
    ...(gateway.credentialType ? { credentialType: gateway.credentialType } : {}),
    ...(transport.status !== undefined ? { httpStatus: transport.status } : {}),
    output: redactAndCut(measurement.output, measurement.textLimit ?? Infinity, dependencies.redact).text,
    ...(measurement.toolCalls?.length ? { toolCalls: redactDeep(measurement.toolCalls, dependencies.redact) } : {}),
    ...(measurement.warnings?.length ? { warnings: boundedWarnings(measurement, dependencies.redact) } : {}),
    ...(error ? { error: { ...error, message: boundedMessage(error.message, maxMessageCharacters, dependencies.redact) } } : {}),
  };
}

const maxMessageCharacters = 2000;
const maxServedByCharacters = 200;

function boundedWarnings(measurement: StreamMeasurement, redact: (text: string) => string): string[] {
  const warnings = (measurement.warnings ?? []).map((warning) => boundedMessage(warning, maxMessageCharacters, redact));
  const leftOut = measurement.warningsLeftOut ?? 0;
  return leftOut > 0 ? [...warnings, `… and ${leftOut} more warnings, not kept`] : warnings;
}

function completeUsage(measurement: StreamMeasurement, testCase: Case, countTokens: TokenCounter, answered: boolean): AttemptUsage {
  const reported = checkedUsage(measurement.usage);
  if (reported.warnings.length > 0) (measurement.warnings ??= []).push(...reported.warnings);
  let estimated = false;
  let outputTokens = reported.outputTokens;
  let inputTokens = reported.inputTokens;
  if (outputTokens === undefined && (answered || measurement.output.length > 0)) {
    outputTokens = countTokens(measurement.output);
    estimated = true;
  }
  if (inputTokens === undefined && (answered || measurement.firstOutputAt !== undefined)) {
    inputTokens = countTokens(messagesText(testCase.messages, testCase.system));
    estimated = true;
  }
  const cached = reported.cachedInputTokens;
  const reasoning = reported.reasoningTokens;
  return {
    ...(inputTokens !== undefined ? { inputTokens } : {}),
    ...(outputTokens !== undefined ? { outputTokens } : {}),
    ...(cached !== undefined ? { cachedInputTokens: cached } : {}),
    ...(reasoning !== undefined ? { reasoningTokens: reasoning } : {}),
    estimated,
  };
}
