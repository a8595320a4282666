/**
 * Deeper than this, a value in a report is shown as `…`: the runner records no tool-call arguments
 * nested more than 100 levels (maxArgumentDepth in measure-stream.ts), and they sit 2 levels down
 * in a record's `toolCalls` list, so only a record written by something else is cut.
 */
export const maximumJsonDepth = 102;
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
