/**
 * How long a server asked us to wait, in ms, from the headers providers actually send:
 * `retry-after-ms`, `retry-after` (seconds or an HTTP date), OpenAI's `x-ratelimit-reset-*`
 * durations (`6m0s`, `12ms`, `1.5s`) and Anthropic's RFC 3339 `anthropic-ratelimit-*-reset`.
 * Undefined when the server said nothing usable.
 */
export function parseRetryAfter(
  headers: Record<string, string> | undefined,
  nowMs: number = Date.now(),
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
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  }
  const resets = Object.entries(headers)
    .map(([name, value]) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('x-ratelimit-reset')) return parseGoDuration(value);
      if (lower.startsWith('anthropic-ratelimit-') && lower.endsWith('-reset')) {
        const date = Date.parse(value);
        return Number.isFinite(date) ? Math.max(0, date - nowMs) : undefined;
      }
      return undefined;
    })
    .filter((value): value is number => value !== undefined);
  // Several limits may reset at different times; the soonest is when a retry can first succeed.
  return resets.length > 0 ? Math.min(...resets) : undefined;
}

const durationUnits: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/** `6m0s`, `1h2m3.5s`, `12ms`, `250us` → ms. */
export function parseGoDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) {
    total += Number(match[1]) * (durationUnits[match[2] ?? ''] ?? 0);
  }
  return total;
}
