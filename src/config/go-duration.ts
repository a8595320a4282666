/**
 * The duration format of Go's time package, which OpenAI's rate-limit reset headers use (and the
 * simulator sends): shared by the client and the simulator, so it sits below both.
 */
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
