import { InputError } from '../config/errors.ts';
import type { AttemptRecord } from '../records/attempt-record.ts';

/** The figures a service-level objective can bound, each in ms. */
export type SloFigure = 'ttft' | 'tpot' | 'itl' | 'e2e';

/** One objective of `--slo`: `ttft<=500` is { figure: 'ttft', inclusive: true, limitMs: 500 }. */
export type SloObjective = { figure: SloFigure; inclusive: boolean; limitMs: number };

const pattern = /^\s*(ttft|tpot|itl|e2e)\s*(<=|<)\s*(\d+(?:\.\d+)?|\.\d+)\s*(?:ms)?\s*$/i;

/**
 * Parses `--slo` texts (`ttft<=500`, `tpot<50`, `e2e <= 5000ms`): a figure (ttft, tpot, itl or
 * e2e), `<=` or `<`, and a number of milliseconds. Bad text is an InputError naming the setting
 * (`settingName`, `--slo` or the eval file's `load.slo`) and the text, with what was expected.
 */
export function parseSlo(texts: readonly string[], settingName = '--slo'): SloObjective[] {
  return texts.map((text) => {
    const match = pattern.exec(text);
    if (!match) {
      throw new InputError(`${settingName} ${JSON.stringify(text)}: expected FIGURE<=MS or FIGURE<MS, FIGURE one of ttft, tpot, itl, e2e (e.g. 'ttft<=500', 'e2e<5000')`);
    }
    return { figure: match[1]!.toLowerCase() as SloFigure, inclusive: match[2] === '<=', limitMs: Number(match[3]) };
  });
}

/** The objectives as one text, as --slo takes them: `ttft<=500;e2e<=5000`. */
export function formatSlo(objectives: readonly SloObjective[]): string {
  return objectives.map((objective) => `${objective.figure}${objective.inclusive ? '<=' : '<'}${objective.limitMs}`).join(';');
}

/** Whether an answer met every objective, and whether it was judged on latency counted from its scheduled time. */
export type SloVerdict = { met: boolean; fromScheduled: boolean };

/**
 * Whether one request's deciding attempt met every objective. A failed attempt meets none. TTFT
 * and e2e are counted from the scheduled time when the record has it (open loop: what a user
 * behind the load feels), else from the send. TPOT is the attempt's per-token figure (tpotMs);
 * ITL its 99th-percentile gap between output chunks (interChunkP99Ms), so a stream that stalls
 * does not pass on its median. A TTFT or e2e that was not measured does not meet its objective;
 * a TPOT or ITL that was not (an answer of one token or one chunk has no gap) meets it.
 */
export function sloVerdict(record: AttemptRecord, objectives: readonly SloObjective[]): SloVerdict {
  const { timing } = record;
  const fromScheduled = record.schedule !== undefined || timing.ttftFromScheduledMs !== undefined || timing.e2eFromScheduledMs !== undefined;
  if (record.status !== 'ok') return { met: false, fromScheduled };
  for (const objective of objectives) {
    const value = figureOf(record, objective.figure);
    if (value === undefined) {
      if (objective.figure === 'ttft' || objective.figure === 'e2e') return { met: false, fromScheduled };
      continue;
    }
    if (objective.inclusive ? !(value <= objective.limitMs) : !(value < objective.limitMs)) return { met: false, fromScheduled };
  }
  return { met: true, fromScheduled };
}

function figureOf(record: AttemptRecord, figure: SloFigure): number | undefined {
  const { timing } = record;
  switch (figure) {
    case 'ttft':
      return timing.ttftFromScheduledMs ?? timing.ttftMs;
    case 'e2e':
      return timing.e2eFromScheduledMs ?? timing.e2eMs;
    case 'tpot':
      return timing.tpotMs;
    case 'itl':
      return timing.interChunkP99Ms;
  }
}
