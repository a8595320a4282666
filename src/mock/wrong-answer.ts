import type { Random } from './random.ts';

const opposites: Record<string, string> = { yes: 'no', no: 'yes', true: 'false', false: 'true' };

/**
 * A wrong answer a weaker model could plausibly give: a nearby number, the opposite of yes/no, or
 * the answer to another case. Plausible matters: a scorer must not spot it by its shape.
 */
export function wrongAnswer(expected: string, random: Random, otherAnswers: string[]): string {
  const trimmed = expected.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) {
    const value = Number(trimmed);
    const step = Math.max(1, Math.round(Math.abs(value) * 0.1));
    const offset = step * (1 + Math.floor(random() * 3)) * (random() < 0.5 ? -1 : 1);
    return String(value + offset);
  }
  const opposite = opposites[trimmed.toLowerCase()];
  if (opposite !== undefined) {
    return trimmed[0] === trimmed[0]?.toUpperCase() ? opposite[0]!.toUpperCase() + opposite.slice(1) : opposite;
  }
  const candidates = [...new Set(otherAnswers)].filter((answer) => answer.trim() !== trimmed);
  if (candidates.length > 0) return candidates[Math.floor(random() * candidates.length)]!;
  return "I'm not sure.";
}
