/**
 * The most characters of one text of each kind the page carries; longer ones are cut with `…`.
 * `label` is a case's id (with its dataset) and a column's or group's name; `tags` all of a case's
 * tags together.
 */
export type TextBudget = { answer: number; prompt: number; expected: number; reason: number; label: number; tags: number };

/**
 * About 3 MB of answers (tool calls included), 450 KB of prompts, 250 KB of expected answers,
 * 800 KB of reasons and error messages, 120 KB of case ids and 200 KB of tags at most, shared out
 * over the run's texts (a 10,000-attempt run of 2,500 cases shows 300 characters of each answer,
 * 180 of each prompt and 48 of each id; a small run shows them nearly whole), all times `scale`:
 * below 1 when the page must shrink to fit (escaped or non-ASCII text weighs more than a byte a
 * character). The whole texts are in results.jsonl and the datasets.
 */
export function textBudget(cases: number, answers: number, scale = 1): TextBudget {
  const share = (total: number, count: number, least: number, most: number, floor: number) =>
    Math.max(floor, Math.floor(scale * Math.max(least, Math.min(most, total / Math.max(1, count)))));
  return {
    answer: share(3_000_000, answers, 300, 2000, 40),
    prompt: share(450_000, cases, 180, 2000, 40),
    expected: share(250_000, cases, 100, 1000, 20),
    reason: share(800_000, answers, 80, 300, 30),
    label: share(120_000, cases, 40, 200, 16),
    tags: share(200_000, cases, 60, 1000, 16),
  };
}
