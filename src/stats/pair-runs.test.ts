import { describe, expect, it } from 'vitest';
import { InputError } from '../config/errors.ts';
import type { AttemptRecord } from '../records/attempt-record.ts';
import { caseKey, type CaseIdentity } from '../records/case-key.ts';
import type { ComparedRun } from '../records/compared-run.ts';
import { makeAttempt } from './make-attempt.ts';
import { ChangedCasesError, DifferentDatasetsError, matchTargets, pairRuns } from './pair-runs.ts';

const mini = 'openai:gpt-4o-mini';

/** A run of `cases` (id → hash), each answered by every pair: passed unless listed in `failed`. */
function run(options: {
  cases: Record<string, string> | string[];
  pairs?: Array<{ target: string; prompt: string }>;
  failed?: string[];
  unsent?: string[];
  hashed?: boolean;
  dataset?: string;
}): ComparedRun {
  const identities: CaseIdentity[] = (Array.isArray(options.cases) ? options.cases : Object.keys(options.cases)).map((caseId) => ({ ...(options.dataset ? { dataset: options.dataset } : {}), caseId }));
  const pairs = options.pairs ?? [{ target: mini, prompt: 'default' }];
  const records: AttemptRecord[] = pairs.flatMap(({ target, prompt }) =>
    identities
      .filter((identity) => !options.unsent?.includes(identity.caseId))
      .map((identity) => makeAttempt({ ...identity, target, prompt, score: { score: 1, passed: !options.failed?.includes(identity.caseId), reason: '' } })),
  );
  const hashes = Array.isArray(options.cases) ? undefined : options.cases;
  return {
    folder: 'reports/x',
    runId: 'x',
    incomplete: false,
    simulatedTargets: [],
    records,
    caseHashes: hashes && options.hashed !== false ? new Map(identities.map((identity) => [caseKey(identity), hashes[identity.caseId]!])) : undefined,
    cases: identities,
    pairs,
  };
}

describe('pairRuns', () => {
  it('pairs every case of two runs of the same cases, with what each run showed', () => {
    const paired = pairRuns(run({ cases: { q1: 'a', q2: 'b' } }), run({ cases: { q1: 'a', q2: 'b' }, failed: ['q2'] }));
    expect(paired.pairs).toHaveLength(1);
    const [pair] = paired.pairs;
    expect(pair).toMatchObject({ target: mini, prompt: 'default', baseTarget: mini, basePrompt: 'default' });
    expect(pair?.cases.map((item) => [item.caseId, item.base.passed, item.current.passed])).toEqual([
      ['q1', 1, 1],
      ['q2', 1, 0],
    ]);
    expect(paired).toMatchObject({ changedCases: [], uncheckedCases: false, onlyInBase: [], onlyInCurrent: [], unpairedTargets: { base: [], current: [] } });
  });

  it('refuses cases whose content changed, naming them, unless allowChanged', () => {
    const base = run({ cases: { q1: 'a', q2: 'b', q3: 'c' }, dataset: 'smoke' });
    const current = run({ cases: { q1: 'a', q2: 'B', q3: 'C' }, dataset: 'smoke' });
    const error = (() => {
      try {
        pairRuns(base, current);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ChangedCasesError);
    expect(error).toBeInstanceOf(InputError);
    expect((error as ChangedCasesError).exitCode).toBe(2);
    expect((error as ChangedCasesError).cases).toEqual([{ dataset: 'smoke', caseId: 'q2' }, { dataset: 'smoke', caseId: 'q3' }]);
    expect((error as Error).message).toBe(
      '2 cases changed between the runs (another prompt, expected answer, assertion or image), so their results are not comparable:\n  smoke/q2\n  smoke/q3\npass --allow-changed to compare them anyway',
    );

    const allowed = pairRuns(base, current, { allowChanged: true });
    expect(allowed.changedCases).toEqual([{ dataset: 'smoke', caseId: 'q2' }, { dataset: 'smoke', caseId: 'q3' }]);
    expect(allowed.pairs[0]?.cases.map((item) => item.caseId)).toEqual(['q1', 'q2', 'q3']);
  });

  it('lists at most 20 changed cases in its message, and counts the rest', () => {
    const ids = Array.from({ length: 25 }, (_, index) => `c${index}`);
    const hashes = (suffix: string) => Object.fromEntries(ids.map((id) => [id, `${id}${suffix}`]));
    const message = (() => {
      try {
        pairRuns(run({ cases: hashes('a') }), run({ cases: hashes('b') }));
      } catch (thrown) {
        return (thrown as Error).message;
      }
    })();
    const lines = message?.split('\n') ?? [];
    expect(lines[0]).toMatch(/^25 cases changed/);
    expect(lines.slice(1, 21)).toEqual(ids.slice(0, 20).map((id) => `  ${id}`));
    expect(lines.slice(21)).toEqual(['  … and 5 more', 'pass --allow-changed to compare them anyway']);
  });

  it('lists the cases one plan has and the other has not; a planned case that was never sent is not paired, and not listed', () => {
    const base = run({ cases: { q1: 'a', q2: 'b', gone: 'g' } });
    const current = run({ cases: { q1: 'a', q2: 'b', added: 'n' }, unsent: ['q2'] });
    const paired = pairRuns(base, current);
    expect(paired.onlyInBase).toEqual([{ caseId: 'gone' }]);
    expect(paired.onlyInCurrent).toEqual([{ caseId: 'added' }]);
    expect(paired.pairs[0]?.cases.map((item) => item.caseId)).toEqual(['q1']);
  });

  it('pairs the same id of two datasets as two cases', () => {
    const smoke = run({ cases: { q1: 'a' }, dataset: 'smoke' });
    const math = run({ cases: { q1: 'a' }, dataset: 'math' });
    const paired = pairRuns(smoke, math);
    expect(paired.onlyInBase).toEqual([{ dataset: 'smoke', caseId: 'q1' }]);
    expect(paired.onlyInCurrent).toEqual([{ dataset: 'math', caseId: 'q1' }]);
    expect(paired.pairs[0]?.cases).toEqual([]);
  });

  it("names a one-dataset run's cases by their dataset when the other run had several: a dataset added to the eval", () => {
    const alone = { ...run({ cases: { q1: 'a', q2: 'b' } }), datasets: ['smoke'] };
    const math = run({ cases: { q1: 'm' }, dataset: 'math' });
    const smoke = run({ cases: { q1: 'a', q2: 'B' }, dataset: 'smoke' });
    const several: typeof alone = { ...smoke, datasets: ['smoke', 'math'], cases: [...smoke.cases, ...math.cases], records: [...smoke.records, ...math.records], caseHashes: new Map([...smoke.caseHashes!, ...math.caseHashes!]) };
    const paired = pairRuns(alone, several, { allowChanged: true });
    expect(paired.onlyInBase).toEqual([]);
    expect(paired.onlyInCurrent).toEqual([{ dataset: 'math', caseId: 'q1' }]);
    expect(paired.changedCases).toEqual([{ dataset: 'smoke', caseId: 'q2' }]);
    expect(paired.pairs[0]?.cases.map((item) => item.key)).toEqual([caseKey({ dataset: 'smoke', caseId: 'q1' }), caseKey({ dataset: 'smoke', caseId: 'q2' })]);
    // The other way round too; and two one-dataset runs keep their cases unnamed.
    expect(pairRuns(several, alone, { allowChanged: true }).onlyInBase).toEqual([{ dataset: 'math', caseId: 'q1' }]);
    expect(pairRuns(alone, { ...alone, datasets: ['other'] }).pairs[0]?.cases.map((item) => item.key)).toEqual([caseKey({ caseId: 'q1' }), caseKey({ caseId: 'q2' })]);
  });

  it('pairs a run from before case hashes, and says its cases could not be checked', () => {
    const paired = pairRuns(run({ cases: ['q1', 'q2'] }), run({ cases: { q1: 'a', q2: 'b' } }));
    expect(paired.uncheckedCases).toBe(true);
    expect(paired.changedCases).toEqual([]);
    expect(paired.pairs[0]?.cases).toHaveLength(2);
  });

  it('warns when runs of one dataset each name it differently and every case was checked by its hash: a file renamed', () => {
    const base = { ...run({ cases: { q1: 'a', q2: 'b' } }), datasets: ['cases'] };
    const current = { ...run({ cases: { q1: 'a', q2: 'b' } }), datasets: ['cases-v2'] };
    const paired = pairRuns(base, current);
    expect(paired.pairs[0]?.cases).toHaveLength(2);
    expect(paired.warnings).toEqual([
      { setting: 'dataset', base: 'cases', current: 'cases-v2', message: "dataset cases in the base, cases-v2 in the current run: cases were paired by id (every case's content was checked against its hash)" },
    ]);
    // The same name: nothing to say.
    expect(pairRuns(base, { ...current, datasets: ['cases'] }).warnings).toEqual([]);
  });

  it('refuses runs of two differently named datasets when a run predates case hashes, unless allowChanged', () => {
    const base = { ...run({ cases: ['q1', 'q2'] }), datasets: ['math'] };
    const current = { ...run({ cases: { q1: 'a', q2: 'b' } }), datasets: ['geography'] };
    expect(() => pairRuns(base, current)).toThrow(DifferentDatasetsError);
    expect(() => pairRuns(base, current)).toThrow('the runs used different datasets (math in the base, geography in the current run), and a run predates case hashes');
    expect(() => pairRuns(base, current)).toThrow(InputError);
    const allowed = pairRuns(base, current, { allowChanged: true });
    expect(allowed.pairs[0]?.cases).toHaveLength(2);
    expect(allowed.warnings.map((warning) => warning.message)).toEqual(['dataset math in the base, geography in the current run: cases were paired by id (a run predates case hashes, so their contents could not be checked (--allow-changed))']);
  });

  it('lists the (target, prompt) pairs that have no counterpart', () => {
    const base = run({ cases: { q1: 'a' }, pairs: [{ target: 'a', prompt: 'v1' }, { target: 'b', prompt: 'v1' }, { target: 'a', prompt: 'v2' }] });
    const current = run({ cases: { q1: 'a' }, pairs: [{ target: 'a', prompt: 'v1' }, { target: 'c', prompt: 'v2' }] });
    const paired = pairRuns(base, current);
    expect(paired.pairs.map((pair) => [pair.baseTarget, pair.basePrompt, pair.target, pair.prompt])).toEqual([['a', 'v1', 'a', 'v1']]);
    expect(paired.unpairedTargets).toEqual({ base: [{ target: 'b', prompt: 'v1' }, { target: 'a', prompt: 'v2' }], current: [{ target: 'c', prompt: 'v2' }] });
  });
});

describe('matchTargets', () => {
  const pair = (target: string, prompt = 'default') => ({ target, prompt });

  it('pairs the only target of each run whatever their labels: a switched provider', () => {
    expect(matchTargets([pair('openai:gpt-4o-mini')], [pair('azure:gpt-4o-mini', 'v2')])).toEqual([{ base: pair('openai:gpt-4o-mini'), current: pair('azure:gpt-4o-mini', 'v2') }]);
  });

  it('with one prompt in each run, pairs by target: a prompt change tried on every target', () => {
    const matched = matchTargets([pair('a', 'v1'), pair('b', 'v1'), pair('c', 'v1')], [pair('b', 'v2'), pair('a', 'v2'), pair('d', 'v2')]);
    expect(matched).toEqual([
      { base: pair('b', 'v1'), current: pair('b', 'v2') },
      { base: pair('a', 'v1'), current: pair('a', 'v2') },
    ]);
  });

  it('with one target in each run, pairs by prompt: a model change tried with every prompt', () => {
    const matched = matchTargets([pair('old', 'v1'), pair('old', 'v2')], [pair('new', 'v1'), pair('new', 'v2')]);
    expect(matched).toEqual([
      { base: pair('old', 'v1'), current: pair('new', 'v1') },
      { base: pair('old', 'v2'), current: pair('new', 'v2') },
    ]);
  });

  it('else pairs by target and prompt', () => {
    const matched = matchTargets([pair('a', 'v1'), pair('b', 'v2')], [pair('b', 'v1'), pair('a', 'v1'), pair('b', 'v2')]);
    expect(matched).toEqual([
      { base: pair('a', 'v1'), current: pair('a', 'v1') },
      { base: pair('b', 'v2'), current: pair('b', 'v2') },
    ]);
  });
});
