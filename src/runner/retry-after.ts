import { parseGoDuration } from '../config/go-duration.ts';
import { maxTimerMs } from '../config/limits.ts';

/**
 * How long a server asked us to wait, in ms, at most 2^31-1 ms (24.8 days): a hostile or broken
 * server's `retry-after: 1e12`, or a reset of `99999999999h`, is read as that, so the hint stays
 * a finite number (results.jsonl has no Infinity) that no timer can overflow on. The wait itself
 * is capped far lower, by the back-off (see backoffDelay) and the target's pause.
 */
export function parseRetryAfter(
  headers: Record<string, string> | undefined,
  nowMs: number = Date.now(),
  options: { rateLimited?: boolean } = {},
): number | undefined {
  const wait = readRetryAfter(headers, nowMs, options);
  return wait === undefined ? undefined : Math.min(wait, maxTimerMs);
}

/**
 * How long a server asked us to wait, in ms, from the headers providers actually send:
 * `retry-after-ms`, `retry-after` (seconds or an HTTP date), OpenAI's `x-ratelimit-reset-*`
 * durations (`6m0s`, `12ms`, `1.5s`) and Anthropic's RFC 3339 `anthropic-ratelimit-*-reset`.
 * Undefined when the server said nothing usable.
 */
function readRetryAfter(
  headers: Record<string, string> | undefined,
  nowMs: number,
  /** Reset headers come with every response; they say when to retry only after a 429. */
  { rateLimited = true }: { rateLimited?: boolean } = {},
): number | undefined {
  if (!headers) return undefined;
  const get = (name: string) => headers[name] ?? headers[name.toLowerCase()];

  const milliseconds = Number(get('retry-after-ms'));
  if (get('retry-after-ms') !== undefined && Number.isFinite(milliseconds) && milliseconds >= 0) {
    return milliseconds;
  }
  const retryAfter = get('retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (retryAfter.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    // An HTTP date has a weekday and a month name; Date.parse would also take "-5" as a year.
    const date = /[a-z]{3}/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
    if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  }
  if (!rateLimited) return undefined;
  // Each limit (requests, tokens, input tokens…) has its own reset: `x-ratelimit-reset-tokens`
  // goes with `x-ratelimit-remaining-tokens`, `anthropic-ratelimit-tokens-reset` with
  // `anthropic-ratelimit-tokens-remaining`.
  const resets = Object.entries(headers).flatMap(([name, value]) => {
    const lower = name.toLowerCase();
    const openai = /^x-ratelimit-reset-(.+)$/.exec(lower);
    if (openai) {
      const wait = parseGoDuration(value);
      return wait === undefined ? [] : [{ wait, remaining: get(`x-ratelimit-remaining-${openai[1]}`) }];
    }
    const anthropic = /^anthropic-ratelimit-(.+)-reset$/.exec(lower);
    if (anthropic) {
      const date = Date.parse(value);
      return Number.isFinite(date) ? [{ wait: Math.max(0, date - nowMs), remaining: get(`anthropic-ratelimit-${anthropic[1]}-remaining`) }] : [];
    }
    return [];
  });
  if (resets.length === 0) return undefined;
  // The limits used up are the ones to wait for, all of them. When the server gives remaining
  // counts and none is used up, the resets say nothing about this 429: back off as without a
  // hint. When it gives none, the latest reset is the one after which no limit can be hit again.
  const exhausted = resets.filter((reset) => reset.remaining !== undefined && Number(reset.remaining) <= 0);
  if (exhausted.length > 0) return Math.max(...exhausted.map((reset) => reset.wait));
  if (resets.some((reset) => reset.remaining !== undefined)) return undefined;
  return Math.max(...resets.map((reset) => reset.wait));
}
