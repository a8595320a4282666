/** Deeper than this, a value in a report is shown as `…`: no tool call's arguments need more, and recursion stays shallow. */
export const maximumJsonDepth = 32;
const elided = '…';

/**
 * `JSON.stringify` for a value read from a file or a server (a tool call's arguments): what lies
 * deeper than `maximumJsonDepth` levels is written as `"…"`, so 100,000 nested arrays in a record
 * make a short cell instead of a stack overflow.
 */
export function boundedJson(value: unknown, indent?: number): string {
  return JSON.stringify(pruned(value, 0), null, indent) ?? '';
}

function pruned(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maximumJsonDepth) return elided;
  if (Array.isArray(value)) return value.map((item) => pruned(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = pruned(item, depth + 1);
  return copy;
}
