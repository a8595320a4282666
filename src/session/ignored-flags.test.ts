import { describe, expect, it } from 'vitest';
import type { Case } from '../datasets/index.ts';
import { ignoredFlags, ignoredInRun } from './ignored-flags.ts';
import { withDefaults, type GivenSettings } from '../config/settings/eval-settings.ts';

const base: GivenSettings = { datasets: ['d.jsonl'], targets: ['openai:gpt-4o-mini'] };
const validateRunOptions = withDefaults;
const notesFor = (given: GivenSettings & { force?: boolean }) => {
  const { force, ...settings } = given;
  return ignoredFlags(settings, withDefaults(settings), { force });
};
const plainCase = { id: 'a', line: 1, messages: [], assert: [{ type: 'contains', value: 'x' }], tags: [], vars: {} } as Case;
const judgedCase = { ...plainCase, assert: [{ type: 'llm-judge', rubric: 'r' }] } as Case;

describe('ignored flags', () => {
  it('says nothing about flags that take effect, or were left out', () => {
    expect(notesFor(base)).toEqual([]);
    expect(notesFor({ ...base, force: false, cache: true, targetConcurrency: 2, concurrency: 4, timeoutMs: 60_000, stallTimeoutMs: 10_000 })).toEqual([]);
    expect(ignoredInRun(validateRunOptions({ ...base, cache: true, judge: 'openai:gpt-4o', baseline: 'x' }), { repeats: 1, targetCount: 2, promptCount: 1, cases: [judgedCase] })).toEqual([]);
  });

  it('names each flag given where it does nothing, in one line', () => {
    expect(notesFor({ ...base, force: true })).toEqual(['--force is ignored: it only applies with --resume.']);
    expect(notesFor({ ...base, cacheDir: 'c', cache: false })).toEqual(['--cache-dir c is ignored: --no-cache turns the cache off.']);
    expect(notesFor({ ...base, targetConcurrency: 8, concurrency: 4 })).toEqual(['--target-concurrency 8 has no effect: --concurrency 4 already allows no more.']);
    expect(notesFor({ ...base, timeoutMs: 20_000 })).toEqual(['--stall-timeout-ms 30000 has no effect: --timeout-ms 20000 ends a request first.']);
  });

  it('names gate settings with nothing to act on: a baseline run no drop or ratio gate reads, a test level with no gate', () => {
    expect(notesFor({ ...base, baselineRun: 'runs/base' })).toEqual([
      "--baseline-run runs/base is not used: no drop or ratio gate compares with it (--max-drop, or --gate 'FIGURE drop|ratio OP N').",
    ]);
    expect(notesFor({ ...base, baselineRun: 'runs/base', gates: ['pass_rate >= 0.8'] })).toHaveLength(1);
    expect(notesFor({ ...base, alpha: 0.01, midP: true, powerMargin: 0.2 })).toEqual([
      '--alpha 0.01 has no effect: no gate is set (--gate, --min-pass-rate or --max-drop).',
      '--mid-p has no effect: no gate is set (--gate, --min-pass-rate or --max-drop).',
      '--power-margin 0.2 has no effect: no gate is set (--gate, --min-pass-rate or --max-drop).',
    ]);
    expect(notesFor({ ...base, repeats: 3, midP: true, gates: ['pass_rate >= 0.5'] })).toEqual([
      "--mid-p has no effect with --repeats 3: rates over repeats are tested on the cases' shares, not by binomial tests.",
    ]);
    // Each takes effect: nothing said.
    expect(notesFor({ ...base, alpha: 0.01, midP: true, powerMargin: 0.2, minPassRate: 0.8 })).toEqual([]);
    expect(notesFor({ ...base, baselineRun: 'runs/base', maxDrop: 5 })).toEqual([]);
    expect(notesFor({ ...base, baselineRun: 'runs/base', gates: ['ttft_p50 ratio <= 1.2'] })).toEqual([]);
  });

  it('names the flags the run itself leaves idle: the cache with repeats, an unneeded judge, a baseline with nothing to compare', () => {
    const options = validateRunOptions({ ...base, cache: true, judge: 'openai:gpt-4o', baseline: 'openai:gpt-4o-mini' });
    expect(ignoredInRun(options, { repeats: 2, targetCount: 1, promptCount: 1, cases: [plainCase] })).toEqual([
      '--cache is ignored with --repeats 2: every repeat is sent, since repeats are there to be measured.',
      '--judge openai:gpt-4o is not used: no llm-judge assertion of the dataset lacks a judge of its own.',
      '--baseline openai:gpt-4o-mini has nothing to compare: the run has one target and one prompt.',
    ]);
  });
});
