/** One (target, prompt variant) of a run: a row of the summary. */
export function pairKey(pair: { target: string; prompt: string }): string {
  return JSON.stringify([pair.target, pair.prompt]);
}
