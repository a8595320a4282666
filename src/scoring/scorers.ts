import { choice } from './choice.ts';
import { containsAll } from './contains-all.ts';
import { containsAny } from './contains-any.ts';
import { contains } from './contains.ts';
import { cost } from './cost.ts';
import { equals } from './equals.ts';
import { icontains } from './icontains.ts';
import { latency } from './latency.ts';
import { notContains } from './not-contains.ts';
import { notImplemented } from './not-implemented.ts';
import { numeric } from './numeric.ts';
import { regex } from './regex.ts';
import type { ScorerRegistry } from './scorer.ts';
import { startsWith } from './starts-with.ts';

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
  json: notImplemented('json'),
  similarity: notImplemented('similarity'),
  'rouge-l': notImplemented('rouge-l'),
  'tool-call': notImplemented('tool-call'),
  latency,
  cost,
  'llm-judge': notImplemented('llm-judge'),
  custom: notImplemented('custom'),
} satisfies ScorerRegistry;
