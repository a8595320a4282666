import { InputError } from './errors.ts';
import { describeBound, limits, withinBound, type NumberBound } from './limits.ts';

/**
 * What `--sweep` asks for: open-loop steps at listed rates, closed-loop steps at listed
 * concurrencies, or a search for the highest rate whose every step meets the SLO.
 */
export type SweepSpec =
  | { kind: 'rate'; rates: number[] }
  | { kind: 'concurrency'; concurrencies: number[] }
  | { kind: 'max-rate' };

/** More steps than anyone waits for; a list longer than this is surely a mistake. */
export const maxSweepSteps = 32;

const expected = "expected 'rate=R1,R2,…' (requests per second), 'concurrency=C1,C2,…' or 'max-rate'";

/**
 * Parses `--sweep` (or the eval file's `load.sweep`); `settingName` names it in messages, with the
 * file and line when it came from there. Steps run in the order given; a value given twice is refused.
 */
export function parseSweepSpec(text: string, settingName = '--sweep'): SweepSpec {
  const problem = (detail: string) => new InputError(`${settingName} ${JSON.stringify(text)}: ${detail}`);
  const trimmed = text.trim();
  if (/^max-rate$/i.test(trimmed)) return { kind: 'max-rate' };
  const match = /^(rate|concurrency)\s*=\s*(.*)$/i.exec(trimmed);
  if (!match) throw problem(expected);
  const kind = match[1]!.toLowerCase() as 'rate' | 'concurrency';
  const items = match[2]!.split(',').map((item) => item.trim());
  if (items.length === 1 && items[0] === '') throw problem(`no ${kind === 'rate' ? 'rates' : 'concurrencies'} listed; ${expected}`);
  if (items.length > maxSweepSteps) throw problem(`${items.length} steps; at most ${maxSweepSteps}`);
  const bound: NumberBound = kind === 'rate' ? limits.rate : limits.concurrency;
  const values = items.map((item) => {
    const value = item === '' ? Number.NaN : Number(item);
    if (!withinBound(bound, value)) throw problem(`each ${kind} must be ${describeBound(bound)}, got ${JSON.stringify(item)}`);
    return value;
  });
  const repeated = values.find((value, index) => values.indexOf(value) !== index);
  if (repeated !== undefined) throw problem(`${kind} ${repeated} is listed twice`);
  return kind === 'rate' ? { kind, rates: values } : { kind, concurrencies: values };
}

/** The spec as --sweep takes it: `rate=1,2,4`. */
export function formatSweepSpec(spec: SweepSpec): string {
  if (spec.kind === 'max-rate') return 'max-rate';
  return spec.kind === 'rate' ? `rate=${spec.rates.join(',')}` : `concurrency=${spec.concurrencies.join(',')}`;
}
