import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../config/errors.ts';
import { loadDataset } from './load-dataset.ts';
import { datasetProblems } from './test/dataset-problems.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'llm-bench-datasets-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function fixture(name: string, content: string): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, content);
  return file;
}

async function problemsOf(file: string): Promise<string[]> {
  return (await datasetProblems(file)).map((problem) => problem.replace(`${file}:`, ''));
}

describe('loadDataset: JSONL', () => {
  it('reads cases, skips blank and comment lines, renders templates and hashes the bytes', async () => {
    const file = await fixture(
      'good.jsonl',
      [
        '// a comment',
        '{"id": 1, "prompt": "Capital of {{country}}?", "expected": "Paris", "vars": {"country": "France"}, "tags": ["geo"]}',
        '',
        '# another comment',
        '{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "2+2?"}], "expected": 4}',
      ].join('\n'),
    );
    const dataset = await loadDataset(file);
    expect(dataset.path).toBe(file);
    expect(dataset.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(dataset.cases).toHaveLength(2);
    const [first, second] = dataset.cases;
    expect(first).toMatchObject({
      id: '1',
      line: 2,
      messages: [{ role: 'user', content: 'Capital of France?' }],
      expected: 'Paris',
      tags: ['geo'],
      vars: { country: 'France' },
      assert: [{ type: 'icontains', value: 'Paris', wholeWord: true }],
    });
    expect(second).toMatchObject({ id: 'line-5', line: 5, expected: '4', assert: [{ type: 'numeric', value: '4' }] });
    expect(second?.messages).toHaveLength(2);
  });

  it('applies a first-line defaults record to every case', async () => {
    const file = await fixture(
      'defaults.jsonl',
      [
        '{"defaults": {"system": "Be brief.", "tags": ["all"], "vars": {"x": "1"}, "assert": [{"type": "latency", "e2e_ms": 5000}]}}',
        '{"id": "a", "prompt": "{{x}}", "expected": "one"}',
        '{"id": "b", "prompt": "{{x}}", "system": "Own system.", "vars": {"x": "2"}, "assert": [{"type": "contains", "value": "2"}]}',
      ].join('\n'),
    );
    const { cases } = await loadDataset(file);
    expect(cases[0]).toMatchObject({
      system: 'Be brief.',
      tags: ['all'],
      messages: [{ content: '1' }],
      assert: [{ type: 'icontains' }, { type: 'latency', e2e_ms: 5000 }],
    });
    expect(cases[1]).toMatchObject({ system: 'Own system.', messages: [{ content: '2' }], assert: [{ type: 'contains' }, { type: 'latency' }] });
  });

  it('lists every problem of the file as file:line: field: message', async () => {
    const file = await fixture(
      'bad.jsonl',
      [
        '{"id": "q1", "prompt": "ok", "expected": "x"}',
        '{"id": "q2", "promt": "typo"}',
        '{"id": "q3", "prompt": "x", oops}',
        '{"id": "q4", "prompt": "x", "assert": [{"type": "equal", "value": "x"}]}',
        '{"id": "q1", "prompt": "again"}',
        '{"id": "q6", "prompt": "Hi {{name}}"}',
        '{"id": "q7", "messages": [{"role": "robot", "content": "x"}]}',
        '{"id": "q8", "prompt": "x", "assert": [{"type": "numeric", "value": 3, "tolerence": 1}]}',
        '[1, 2]',
      ].join('\n'),
    );
    const problems = await problemsOf(file);
    expect(problems).toEqual([
      '2: promt: unknown field (known: id, prompt, messages, system, expected, assert, tags, vars, images, tools, tool_choice, schema, steps, turns, output)',
      '2: prompt: required (give "prompt" or "messages")',
      expect.stringMatching(/^3: \(line\): malformed JSON: /),
      expect.stringMatching(/^4: assert\[0\]\.type: unknown scorer "equal" \(known: equals, contains, icontains, /),
      '5: id: duplicate id "q1" (first on line 1)',
      '6: prompt: template variable "name" has no value (no vars given)',
      '7: messages[0].role: expected one of: system, user, assistant',
      '8: assert[0].tolerence: unknown field (known: type, value, weight, tolerance)',
      '9: (case): expected an object with "prompt" or "messages", got an array',
    ]);
  });

  it('refuses an empty dataset and a missing file', async () => {
    const empty = await fixture('empty.jsonl', '// nothing here\n\n');
    expect(await problemsOf(empty)).toEqual(['1: (file): no cases (the dataset is empty)']);
    const missing = path.join(folder, 'missing.jsonl');
    await expect(loadDataset(missing)).rejects.toThrow(InputError);
    await expect(loadDataset(missing)).rejects.toThrow(missing);
  });

  it('refuses a line too large to be one case, at its line, and reads the others', async () => {
    const huge = JSON.stringify({ id: 'huge', prompt: 'x'.repeat(17 * 2 ** 20) });
    const file = await fixture('huge.jsonl', [JSON.stringify({ id: 'a', prompt: 'fine' }), huge, JSON.stringify({ id: 'b' })].join('\n'));
    const problems = await problemsOf(file);
    expect(problems).toEqual([expect.stringMatching(/^2: \(line\): longer than 16 Mi characters \(17\.0 Mi\)/), expect.stringMatching(/^3: prompt: required/)]);
  });

  it('refuses an unsupported extension', async () => {
    const file = await fixture('cases.txt', 'hello');
    expect(await problemsOf(file)).toEqual(['1: (file): unsupported format ".txt" (use .jsonl, .csv, .yaml or .yml)']);
  });
});

describe('loadDataset: CSV', () => {
  it('reads columns, vars.*, tags and assert (JSON or shorthand), with multi-line cells', async () => {
    const file = await fixture(
      'good.csv',
      [
        'id,prompt,expected,tags,vars.city,assert',
        'a,"Where is {{city}}?",France,geo;easy,Paris,',
        'b,"Two',
        'lines",,x|y,,"[{""type"": ""contains"", ""value"": ""two""}]"',
        'c,Count,,,,"icontains:three',
        'contains-any:3|III"',
      ].join('\n'),
    );
    const { cases } = await loadDataset(file);
    expect(cases.map((testCase) => [testCase.id, testCase.line])).toEqual([['a', 2], ['b', 3], ['c', 5]]);
    expect(cases[0]).toMatchObject({ messages: [{ content: 'Where is Paris?' }], tags: ['geo', 'easy'], vars: { city: 'Paris' } });
    expect(cases[1]).toMatchObject({ messages: [{ content: 'Two\nlines' }], tags: ['x', 'y'], assert: [{ type: 'contains', value: 'two' }] });
    expect(cases[2]?.assert).toEqual([
      { type: 'icontains', value: 'three' },
      { type: 'contains-any', value: ['3', 'III'] },
    ]);
  });

  it('reports header problems once, and row problems with their line', async () => {
    const badHeader = await fixture('bad-header.csv', 'id,promt,expected\n1,x,y\n2,x,y\n');
    expect(await problemsOf(badHeader)).toEqual([
      '1: (header): unknown column "promt" (known: id, prompt, system, expected, tags, assert, vars.<name>)',
      '1: (header): missing column "prompt"',
    ]);
    const badRows = await fixture('bad-rows.csv', 'id,prompt,assert\n1,x,equal:y\n2,x\n3,,\n');
    expect(await problemsOf(badRows)).toEqual([
      expect.stringMatching(/^2: assert\[0\]\.type: unknown scorer "equal"/),
      '3: (row): expected 3 cells like the header, got 2',
      '4: prompt: required (give "prompt" or "messages")',
    ]);
  });
});

describe('loadDataset: YAML', () => {
  it('reads a list of cases or {defaults, cases}', async () => {
    const list = await fixture('list.yaml', '- id: one\n  prompt: Hello\n  expected: hi\n- prompt: Bye\n');
    expect((await loadDataset(list)).cases.map((testCase) => [testCase.id, testCase.line])).toEqual([['one', 1], ['line-4', 4]]);
    const withDefaults = await fixture(
      'defaults.yml',
      'defaults:\n  system: Be brief.\n  assert:\n    - type: cost\n      max_usd: 0.01\ncases:\n  - id: a\n    prompt: Hi\n',
    );
    const { cases } = await loadDataset(withDefaults);
    expect(cases[0]).toMatchObject({ id: 'a', line: 7, system: 'Be brief.', assert: [{ type: 'cost', max_usd: 0.01 }] });
  });

  it('reports each problem on the line of the field', async () => {
    const file = await fixture(
      'bad.yaml',
      ['cases:', '  - id: a', '    prompt: Hi', '    assert:', '      - type: regex', '        value: "("', '  - id: b', '    expected: x', '  - id: a', '    prompt: again'].join('\n'),
    );
    expect(await problemsOf(file)).toEqual([
      '6: assert[0].value: invalid regular expression: Invalid regular expression: /(/: Unterminated group',
      '7: prompt: required (give "prompt" or "messages")',
      '9: id: duplicate id "a" (first on line 2)',
    ]);
  });

  it('reports a syntax error on its own line, not line 1', async () => {
    const broken = await fixture('broken.yaml', ['cases:', '  - id: a', '    prompt: Hi', '  - id: b', '    prompt: Bye', '   expected: x'].join('\n'));
    expect(await problemsOf(broken)).toEqual(['6: (yaml): Sequence item without - indicator']);
  });
});

describe('loadDataset: custom scorer modules', () => {
  it('accepts a module inside the folder and refuses escapes', async () => {
    await writeFile(path.join(folder, 'scorer.ts'), 'export default () => ({ score: 1, passed: true, reason: "ok" });\n');
    await symlink(path.join(tmpdir()), path.join(folder, 'outside'));
    const file = await fixture(
      'custom.jsonl',
      [
        '{"id": "ok", "prompt": "x", "assert": [{"type": "custom", "module": "scorer.ts"}]}',
        '{"id": "up", "prompt": "x", "assert": [{"type": "custom", "module": "../scorer.ts"}]}',
        '{"id": "abs", "prompt": "x", "assert": [{"type": "custom", "module": "/etc/scorer.js"}]}',
        '{"id": "missing", "prompt": "x", "assert": [{"type": "custom", "module": "nope.ts"}]}',
      ].join('\n'),
    );
    const problems = await problemsOf(file);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^2: assert\[0\]\.module: .*no "\.\." allowed/);
    expect(problems[1]).toMatch(/^3: assert\[0\]\.module: .*absolute path/);
    expect(problems[2]).toMatch(/^4: assert\[0\]\.module: file not found/);
  });
});

describe('loadDataset: scorers in defaults and judge specs', () => {
  it('reports a missing custom module in YAML defaults once, at the defaults line', async () => {
    const file = await fixture(
      'dflt.yaml',
      ['defaults:', '  assert:', '    - type: custom', '      module: scorers/gone.ts', 'cases:', '  - id: a', '    prompt: One', '  - id: b', '    prompt: Two'].join('\n'),
    );
    expect(await problemsOf(file)).toEqual([expect.stringMatching(/^4: defaults\.assert\[0\]\.module: file not found: .*gone\.ts$/)]);
  });

  it('reports a missing custom module in JSONL defaults once, at the defaults line', async () => {
    const file = await fixture(
      'dflt.jsonl',
      [
        '// shared scorer',
        '{"defaults": {"assert": [{"type": "contains", "value": "x"}, {"type": "custom", "module": "gone.ts"}]}}',
        '{"id": "a", "prompt": "One", "assert": [{"type": "custom", "module": "also-gone.ts"}]}',
        '{"id": "b", "prompt": "Two"}',
      ].join('\n'),
    );
    expect(await problemsOf(file)).toEqual([
      expect.stringMatching(/^2: defaults\.assert\[1\]\.module: file not found: /),
      expect.stringMatching(/^3: assert\[0\]\.module: file not found: .*also-gone\.ts$/),
    ]);
  });

  it('refuses a judge that is not a target spec, at the line of the judge', async () => {
    const jsonl = await fixture(
      'judge.jsonl',
      [
        '{"id": "ok", "prompt": "x", "assert": [{"type": "llm-judge", "rubric": "r", "judge": "openai-compatible:judge@http://127.0.0.1:9/v1"}]}',
        '{"id": "bad", "prompt": "x", "assert": [{"type": "contains", "value": "x"}, {"type": "llm-judge", "rubric": "r", "judge": "bogusprovider:x@@"}]}',
        '{"id": "gateway", "prompt": "x", "assert": [{"type": "llm-judge", "rubric": "r", "judge": "gpt-4o"}]}',
      ].join('\n'),
    );
    expect(await problemsOf(jsonl)).toEqual([
      '2: assert[1].judge: target "bogusprovider:x@@": unknown provider "bogusprovider" (known: gateway, openai, azure, anthropic, openai-compatible)',
      expect.stringMatching(/^3: assert\[0\]\.judge: target "gpt-4o": expected creator\/model/),
    ]);
    const yaml = await fixture(
      'judge.yaml',
      ['defaults:', '  assert:', '    - type: llm-judge', '      rubric: Polite.', '      judge: "anthropic:"', 'cases:', '  - id: a', '    prompt: Hi', '  - id: b', '    prompt: Bye'].join('\n'),
    );
    expect(await problemsOf(yaml)).toEqual(['5: defaults.assert[0].judge: target "anthropic:": expected anthropic:<model>']);
  });
});
