import type { IncomingHttpHeaders } from 'node:http';
import { mockFaultKinds, mockFaultKindSchema, type MockFaultKind } from '../config/mock-profile-schema.ts';
import { describeBound, limits, withinBound, type NumberBound } from '../config/limits.ts';
import { parseGoDuration } from '../config/go-duration.ts';
import type { FaultPlan } from './fault-plan.ts';
import type { MockProtocolName } from './protocols/protocol.ts';

/** One request's fault with its knobs resolved. */
export type FaultDecision = {
  kind: MockFaultKind;
  /** stall, drop, malformed, error_event: content chunks written before the fault. */
  afterChunks: number;
  /** rate_limit*: the value of the retry header, in the kind's unit (seconds, ms, `6m0s`). */
  retryAfter: string;
  /** rate_limit*: the same wait in milliseconds; undefined when the value is not a wait. */
  retryAfterMs: number | undefined;
  /** slow_first_byte: extra delay before the headers. */
  delayMs: number;
  /** Where it came from: a profile's rate is the provider's own failure, which a gateway routes around. */
  source: 'header' | 'plan' | 'rate';
};

const defaultAfterChunks: Partial<Record<MockFaultKind, number>> = { stall: 2, drop: 2, malformed: 1, error_event: 0 };
const defaultRetryAfter: Partial<Record<MockFaultKind, string>> = {
  rate_limit: '1',
  rate_limit_ms: '250',
  rate_limit_reset: '6m0s',
};

/** A fault header the simulator cannot use: an unknown kind, or a number out of its range. */
export class FaultHeaderError extends Error {
  override readonly name = 'FaultHeaderError';
  readonly header: string;

  constructor(header: string, message: string) {
    super(message);
    this.header = header;
  }
}

/**
 * The header wins over the plan, the plan over the profile's rates. `draw` is always taken by the
 * caller, so a forced fault does not shift the seeded sequence of later requests.
 */
export function decideFault(options: {
  headers: IncomingHttpHeaders;
  plan: FaultPlan;
  model: string;
  protocol: MockProtocolName;
  rates: Partial<Record<MockFaultKind, number>>;
  draw: number;
}): FaultDecision | undefined {
  const { headers } = options;
  const headerKind = single(headers['x-mock-fault']);
  let kind: MockFaultKind | undefined;
  let afterChunks: number | undefined;
  let source: FaultDecision['source'] = 'header';
  // `none` forces a clean response: no planned fault is used up, no rate applies.
  if (headerKind === 'none') return undefined;
  if (headerKind !== undefined && headerKind !== '') {
    const parsed = mockFaultKindSchema.safeParse(headerKind);
    if (!parsed.success) {
      throw new FaultHeaderError('x-mock-fault', `Unknown x-mock-fault \`${headerKind}\`; expected one of ${mockFaultKinds.join(', ')}`);
    }
    kind = parsed.data;
  } else {
    const planned = options.plan.take({ model: options.model, protocol: options.protocol });
    kind = planned?.kind ?? drawFault(options.rates, options.draw);
    afterChunks = planned?.afterChunks;
    source = planned ? 'plan' : 'rate';
  }
  if (kind === undefined) return undefined;
  const headerAfter = numberHeader(headers, 'x-mock-fault-after-chunks', limits.chunkCount);
  const retryAfter = single(headers['x-mock-retry-after']) ?? defaultRetryAfter[kind] ?? '1';
  return {
    kind,
    afterChunks: headerAfter ?? afterChunks ?? defaultAfterChunks[kind] ?? 0,
    retryAfter,
    retryAfterMs: waitOf(kind, retryAfter),
    delayMs: numberHeader(headers, 'x-mock-delay-ms', limits.durationMs) ?? 1000,
    source,
  };
}

/** `1` (seconds) for rate_limit, `250` (ms) for rate_limit_ms, a Go duration for rate_limit_reset. */
function waitOf(kind: MockFaultKind, value: string): number | undefined {
  if (kind === 'rate_limit_reset') {
    const wait = parseGoDuration(value);
    // `9…9h` (400 nines) parses as Infinity: no wait a date or a message can say.
    return wait !== undefined && Number.isFinite(wait) ? wait : undefined;
  }
  const number = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(number) || number < 0) return undefined;
  return kind === 'rate_limit' ? number * 1000 : number;
}

function drawFault(rates: Partial<Record<MockFaultKind, number>>, draw: number): MockFaultKind | undefined {
  let cumulative = 0;
  for (const kind of mockFaultKinds) {
    cumulative += rates[kind] ?? 0;
    if (draw < cumulative) return kind;
  }
  return undefined;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A number header inside its bound; absent or empty: undefined; anything else is refused (400). */
function numberHeader(headers: IncomingHttpHeaders, name: string, bound: NumberBound): number | undefined {
  const text = single(headers[name]);
  if (text === undefined || text.trim() === '') return undefined;
  const number = Number(text);
  if (!withinBound(bound, number)) throw new FaultHeaderError(name, `Expected ${name} to be ${describeBound(bound)}, got \`${text}\``);
  return number;
}
