import { choice } from './choice.ts';
import { containsAll } from './contains-all.ts';
import { containsAny } from './contains-any.ts';
import { contains } from './contains.ts';
import { cost } from './cost.ts';
import { custom } from './custom.ts';
import { equals } from './equals.ts';
import { icontains } from './icontains.ts';
import { json } from './json.ts';
import { latency } from './latency.ts';
import { llmJudge } from './llm-judge.ts';
import { notContains } from './not-contains.ts';
import { numeric } from './numeric.ts';
import { outputTokens } from './output-tokens.ts';
import { regex } from './regex.ts';
import { rougeL } from './rouge-l.ts';
import type { ScorerRegistry } from './scorer.ts';
import { similarity } from './similarity.ts';
import { startsWith } from './starts-with.ts';
import { toolCall } from './tool-call.ts';

/** Every scorer type of the assertion schema, by name. */
export const scorers = {
  equals,
  contains,
  icontains,
  'not-contains': notContains,
  'starts-with': startsWith,
  'contains-any': containsAny,
  'contains-all': containsAll,
  regex,
  numeric,
  choice,
  json,
  similarity,
  'rouge-l': rougeL,
  'tool-call': toolCall,
  latency,
  cost,
  'output-tokens': outputTokens,
  'llm-judge': llmJudge,
  custom,
} satisfies ScorerRegistry;
