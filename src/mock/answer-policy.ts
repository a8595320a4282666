import type { MockModelProfile } from '../config/mock-profile-schema.ts';
import { findBookEntry, type AnswerBookEntry } from './answer-book.ts';
import type { Answer } from './generation.ts';
import { lastUserText, mayCallTool, type NormalizedRequest } from './normalized-request.ts';
import { createRandom, type Random } from './random.ts';
import { tokenize } from './tokens.ts';
import { wrongAnswer } from './wrong-answer.ts';

export type MockCase = { id: string; prompt: string; expected?: string };

export type AnswerSources = {
  /** Cases by the exact text of their prompt. */
  casesByPrompt: Map<string, MockCase>;
  /** Answer books by the resolved path given in a profile. */
  books: Map<string, AnswerBookEntry[]>;
};

/**
 * Decides what the model says. Draws exactly one number from `random`, whatever the policy and
 * outcome, so a request's answer (or a change of `accuracy`) never shifts the draws later requests
 * see. Anything more an answer needs comes from a generator seeded with that one draw.
 */
export function chooseAnswer(
  profile: MockModelProfile,
  request: NormalizedRequest,
  random: Random,
  sources: AnswerSources,
): Answer {
  const draw = random();
  const prompt = lastUserText(request);
  const knownCase = sources.casesByPrompt.get(prompt);
  const policy = profile.answer;
  switch (policy.policy) {
    case 'echo':
      return { text: pad(prompt, profile.outputTokens) };
    case 'fixed': {
      const text = pad(policy.text, profile.outputTokens);
      return policy.toolCall && mayCallTool(request, policy.toolCall.name) ? { text, toolCall: policy.toolCall } : { text };
    }
    case 'book': {
      const entry = findBookEntry(sources.books.get(policy.path) ?? [], knownCase?.id, prompt);
      if (entry && !entry.toolCall) return { text: entry.reply };
      if (entry?.toolCall && mayCallTool(request, entry.toolCall.name)) return { text: entry.reply, toolCall: entry.toolCall };
      // A line that only calls a tool the request cannot call has nothing to say: the fallback does.
      if (entry && entry.reply !== '') return { text: entry.reply };
      return { text: pad(policy.fallback === 'echo' ? prompt : policy.fallbackText, profile.outputTokens) };
    }
    case 'oracle': {
      if (knownCase?.expected === undefined) return { text: pad(prompt, profile.outputTokens) };
      if (draw < policy.accuracy) return { text: knownCase.expected };
      const otherAnswers = [...sources.casesByPrompt.values()].flatMap((other) =>
        other.expected !== undefined && other.id !== knownCase.id ? [other.expected] : [],
      );
      return { text: wrongAnswer(knownCase.expected, subGenerator(draw), otherAnswers) };
    }
  }
}

/** A generator of its own for one answer, seeded from the answer's single draw from the main stream. */
function subGenerator(draw: number): Random {
  return createRandom(Math.floor(draw * 4_294_967_296) ^ 0x5bd1e995);
}

const filler = tokenize(' The quick brown fox jumps over the lazy dog.');

/** Pads with filler words or cuts to exactly `outputTokens` tokens, when that is asked for. */
function pad(text: string, outputTokens: number | undefined): string {
  if (outputTokens === undefined) return text;
  const tokens = tokenize(text).slice(0, outputTokens);
  for (let index = 0; tokens.length < outputTokens; index++) tokens.push(filler[index % filler.length]!);
  return tokens.join('');
}
