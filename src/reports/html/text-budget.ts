/** The most characters of one text of each kind the page carries; longer ones are cut with `…`. */
export type TextBudget = { answer: number; prompt: number; expected: number; reason: number };

/**
 * About 3 MB of answers (tool calls included), 0.45 MB of prompts, 0.25 MB of expected answers and 0.8 MB of reasons at
 * most, shared out over the run's texts, so a page stays under 5 MB however long the answers are
 * (a 10,000-attempt run of 2,500 cases shows 300 characters of each answer and 180 of each prompt), and a small run shows them nearly
 * whole. The whole texts are in results.jsonl and the datasets.
 */
export function textBudget(cases: number, answers: number): TextBudget {
  const share = (total: number, count: number, least: number, most: number) => Math.max(least, Math.min(most, Math.floor(total / Math.max(1, count))));
  return {
    answer: share(3_000_000, answers, 300, 2000),
    prompt: share(450_000, cases, 180, 2000),
    expected: share(250_000, cases, 100, 1000),
    reason: share(800_000, answers, 80, 300),
  };
}
