import { TargetError } from '../../config/errors.ts';
import { parseTargetSpec, splitLabel } from '../../targets/target-spec.ts';

const simulatedPrefix = 'simulated:';

/**
 * Why a step's `target:` cannot be resolved, or undefined. A `simulated:` spec (with its label
 * before or after the prefix) is checked as the simulator reads it, and an `openai-compatible:`
 * model there needs no URL: the simulator's own is filled in (src/session/start-simulator.ts).
 */
export function stepTargetProblem(spec: string): string | undefined {
  const outer = splitLabel(spec);
  let text = (outer?.spec ?? spec).trim();
  if (text.startsWith(simulatedPrefix)) {
    text = text.slice(simulatedPrefix.length);
    text = splitLabel(text)?.spec ?? text;
    if (text.startsWith('openai-compatible:') && !text.includes('@')) text = `${text}@http://127.0.0.1/v1`;
  }
  try {
    parseTargetSpec(text);
    return undefined;
  } catch (error) {
    if (error instanceof TargetError) return error.message;
    throw error;
  }
}
