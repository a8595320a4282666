import { createHash } from 'node:crypto';
import type { Case, Dataset } from '../case.ts';
import type { SyntheticShape } from './synthetic-spec.ts';
import { createTextSource } from './synthetic-text.ts';

/** The dataset name of generated cases, in records and reports. */
export const syntheticDatasetName = 'synthetic';

/** The system prompt of every synthetic case: short, and part of the counted input. */
export const syntheticSystem = 'You are a helpful assistant.';

/** Generated cases, and what the simulator needs to answer them at their length. */
export type SyntheticDataset = {
  dataset: Dataset & { name: string };
  /**
   * By case id, an answer a little longer than the case asks for: the simulator answers with it,
   * cut at the case's max tokens (finish reason `length`). The cases keep no `expected`: there is
   * no right text, only a length.
   */
  simulatorAnswers: ReadonlyMap<string, string>;
};

/**
 * Cases of each shape, from the seed: each case's prompt (system, instruction and text, as
 * `countTokens` counts `system + '\n' + user message`, the way estimates count a conversation) is
 * exactly `inputTokens` long, and asks for `outputTokens`, which is also its max tokens. The same
 * seed and shapes give the same cases; each shape and case has its own text.
 */
export function syntheticDataset(shapes: readonly SyntheticShape[], options: { seed: number; countTokens: (text: string) => number }): SyntheticDataset {
  const cases: Case[] = [];
  const simulatorAnswers = new Map<string, string>();
  for (const shape of shapes) {
    const digits = String(shape.cases).length < 2 ? 2 : String(shape.cases).length;
    for (let index = 1; index <= shape.cases; index++) {
      const id = `in${shape.inputTokens}-out${shape.outputTokens}-${String(index).padStart(digits, '0')}`;
      const source = createTextSource(`${options.seed}:${id}`);
      const prompt = exactPrompt(shape, source, options.countTokens, id);
      cases.push({
        id,
        line: cases.length + 1,
        system: syntheticSystem,
        messages: [{ role: 'user', content: prompt }],
        assert: [{ type: 'output-tokens', value: shape.outputTokens }],
        tags: [`in${shape.inputTokens}-out${shape.outputTokens}`],
        vars: { inputTokens: String(shape.inputTokens), outputTokens: String(shape.outputTokens) },
        maxOutputTokens: shape.outputTokens,
      });
      // A continuation from the same source, longer than asked, so that max tokens ends it.
      simulatorAnswers.set(id, source.pieces(shape.outputTokens + Math.max(8, Math.ceil(shape.outputTokens / 10))).join('').trimStart());
    }
  }
  const hash = createHash('sha256').update(JSON.stringify(cases.map((testCase) => [testCase.id, testCase.system, testCase.messages, testCase.maxOutputTokens]))).digest('hex');
  return { dataset: { path: syntheticDatasetName, hash, cases, name: syntheticDatasetName }, simulatorAnswers };
}

/** What a synthetic case asks: a continuation of the text, of the shape's output length. */
export function syntheticInstruction(outputTokens: number): string {
  const words = Math.max(1, Math.round(outputTokens * 0.75));
  return `Continue the text below in the same style. Write about ${outputTokens} tokens (about ${words} words), and only the continuation.\n\nText:\n`;
}

/**
 * The user message whose prompt counts exactly `inputTokens`: text pieces are one token each, so
 * the first guess is nearly right; the whole prompt is then counted, and pieces added or taken
 * away until it is exact (a piece can merge with its neighbour at the seam).
 */
function exactPrompt(shape: SyntheticShape, source: ReturnType<typeof createTextSource>, countTokens: (text: string) => number, id: string): string {
  const instruction = syntheticInstruction(shape.outputTokens);
  const overhead = countTokens(`${syntheticSystem}\n${instruction}`);
  const pieces = source.pieces(Math.max(1, shape.inputTokens - overhead));
  for (let tries = 0; tries < 8; tries++) {
    const prompt = instruction + pieces.join('').trimStart();
    const missing = shape.inputTokens - countTokens(`${syntheticSystem}\n${prompt}`);
    if (missing === 0) return prompt;
    if (missing > 0) pieces.push(...source.pieces(missing));
    else pieces.length = Math.max(1, pieces.length + missing);
  }
  throw new Error(`synthetic case ${id}: could not reach exactly ${shape.inputTokens} input tokens`);
}
