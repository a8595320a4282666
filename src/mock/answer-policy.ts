import type { MockModelProfile } from '../config/mock-profile-schema.ts';
import { findBookEntry, type AnswerBookEntry } from './answer-book.ts';
import type { Answer } from './generation.ts';
import { gradeJudgeRequest } from './judge-verdict.ts';
import { findCase, type MockCase } from './mock-case.ts';
import { lastUserText, mayCallTool, type NormalizedRequest } from './normalized-request.ts';
import { createRandom, hashString, type Random } from './random.ts';
import { tokenize } from './tokens.ts';
import { wrongAnswer } from './wrong-answer.ts';

export type { MockCase } from './mock-case.ts';

export type AnswerSources = {
  /** Cases by the exact text of their prompt. */
  casesByPrompt: Map<string, MockCase>;
  /** The simulator's seed: each case's difficulty is drawn from it and the case id. */
  seed: number;
  /** Answer books by the resolved path given in a profile. */
  books: Map<string, AnswerBookEntry[]>;
  /**
   * How many times each model was asked each prompt so far (filled by chooseAnswer): whether an
   * answer is right is drawn from the seed, the model, the prompt and this count, so it does not
   * depend on the order in which requests of different cases (or steps) arrive.
   */
  asked?: Map<string, number>;
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
  const streamDraw = random();
  const prompt = lastUserText(request);
  const draw = keyedDraw(sources, profile.id, prompt) ?? streamDraw;
  const policy = profile.answer;
  switch (policy.policy) {
    case 'echo':
      return echoAnswer(prompt, profile);
    case 'fixed': {
      const text = pad(policy.text, profile.outputTokens);
      return policy.toolCall && mayCallTool(request, policy.toolCall.name) ? { text, toolCall: policy.toolCall, kind: 'fixed' } : { text, kind: 'fixed' };
    }
    case 'book': {
      const known = findCase(sources.casesByPrompt, prompt);
      const entry = findBookEntry(sources.books.get(policy.path) ?? [], known?.id, prompt, known?.step);
      if (entry && !entry.toolCall) return { text: entry.reply, kind: 'book' };
      if (entry?.toolCall && mayCallTool(request, entry.toolCall.name)) return { text: entry.reply, toolCall: entry.toolCall, kind: 'book' };
      // A line that only calls a tool the request cannot call has nothing to say: the fallback does.
      if (entry && entry.reply !== '') return { text: entry.reply, kind: 'book' };
      return policy.fallback === 'echo'
        ? echoAnswer(prompt, profile)
        : { text: pad(policy.fallbackText, profile.outputTokens), kind: 'fixed' };
    }
    case 'oracle':
      return gradeJudgeRequest(request, sources.casesByPrompt) ?? oracleAnswer(policy.accuracy, request, prompt, draw, sources, profile);
  }
}

/**
 * How much of whether a model gets a case right is the case's own difficulty, shared by every
 * model: real models fail the same hard cases, and two routes to one model fail nearly the same
 * ones. With probability `sharedDifficulty` an answer is decided by the case's difficulty, else
 * by the request's own draw; either way it is right with probability exactly `accuracy`.
 */
export const sharedDifficulty = 0.8;

/** A uniform draw on [0, 1) that depends only on the seed and the case (each call of a multi-call case its own). */
function caseDifficulty(seed: number, mockCase: MockCase): number {
  return createRandom(hashString(mockCase.step === undefined ? `${seed}:${mockCase.id}` : `${seed}:${mockCase.id}\u0000${mockCase.step}`))();
}

/**
 * A known case is answered right with probability `accuracy`, else wrong: with the answers the
 * caller worked out for it, or else its `expected` and a plausible wrong one. An unknown case is
 * echoed, shortly.
 */
function oracleAnswer(accuracy: number, request: NormalizedRequest, prompt: string, draw: number, sources: AnswerSources, profile: MockModelProfile): Answer {
  const knownCase = findCase(sources.casesByPrompt, prompt);
  if (knownCase === undefined) return echoAnswer(prompt, profile);
  const uniform = draw < sharedDifficulty ? caseDifficulty(sources.seed, knownCase) : (draw - sharedDifficulty) / (1 - sharedDifficulty);
  const right = uniform < accuracy;
  if (knownCase.right !== undefined) {
    const chosen = right ? knownCase.right : knownCase.wrong ?? knownCase.right;
    const kind = right || knownCase.wrong === undefined ? 'right' : 'wrong';
    // A model that may not call the tool it would call says what it would do instead.
    if (chosen.toolCall && !mayCallTool(request, chosen.toolCall.name)) return { text: chosen.text || `I would call ${chosen.toolCall.name}.`, kind };
    return { ...chosen, kind };
  }
  if (knownCase.expected === undefined) return echoAnswer(prompt, profile);
  if (right) return { text: knownCase.expected, kind: 'right' };
  const otherAnswers = [...sources.casesByPrompt.values()].flatMap((other) =>
    other.expected !== undefined && other.id !== knownCase.id ? [other.expected] : [],
  );
  return { text: wrongAnswer(knownCase.expected, subGenerator(draw), otherAnswers), kind: 'wrong' };
}

/**
 * The answer's draw, from (seed, model, prompt, how many times this model was asked it before):
 * the same seed gives the same verdicts however concurrency interleaves the cases, and a pipeline's
 * steps, which reach the simulator in the order earlier steps happen to finish.
 */
function keyedDraw(sources: AnswerSources, profileId: string, prompt: string): number | undefined {
  if (!sources.asked) return undefined;
  const key = `${profileId}\u0000${prompt}`;
  const count = sources.asked.get(key) ?? 0;
  sources.asked.set(key, count + 1);
  return createRandom((sources.seed ^ hashString(key) ^ Math.imul(count + 1, 0x9e3779b9)) >>> 0)();
}

/** A generator of its own for one answer, seeded from the answer's single draw from the main stream. */
function subGenerator(draw: number): Random {
  return createRandom(Math.floor(draw * 4_294_967_296) ^ 0x5bd1e995);
}

/**
 * At most this many tokens of a prompt are echoed: a 99K-token document echoed in full would take
 * a simulated model 20 minutes to stream, and an echo says nothing more for being long.
 */
export const maxEchoTokens = 64;

/** Enough characters for `maxEchoTokens` tokens: the rest of a long prompt is never tokenized. */
const echoWindow = maxEchoTokens * 64;

function echoAnswer(prompt: string, profile: MockModelProfile): Answer {
  return { text: pad(echo(prompt), profile.outputTokens), kind: 'echo' };
}

function echo(prompt: string): string {
  const tokens = tokenize(prompt.slice(0, echoWindow));
  if (prompt.length <= echoWindow && tokens.length <= maxEchoTokens) return prompt;
  return `${tokens.slice(0, maxEchoTokens).join('')} …`;
}

const filler = tokenize(' The quick brown fox jumps over the lazy dog.');

/** Pads with filler words or cuts to exactly `outputTokens` tokens, when that is asked for. */
function pad(text: string, outputTokens: number | undefined): string {
  if (outputTokens === undefined) return text;
  const tokens = tokenize(text).slice(0, outputTokens);
  for (let index = 0; tokens.length < outputTokens; index++) tokens.push(filler[index % filler.length]!);
  return tokens.join('');
}
