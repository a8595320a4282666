import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../load-dataset.ts';
import { datasetProblems } from '../test/dataset-problems.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'llm-bench-calls-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function write(name: string, text: string): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, text);
  return file;
}

/** The problems of a dataset that must not load, without the folder. */
async function problemsOf(file: string): Promise<string[]> {
  return (await datasetProblems(file)).map((problem) => problem.slice(path.dirname(file).length + 1));
}

const pipeline = `defaults:
  system: Be brief.
cases:
  - id: T-01
    vars: { ticket: "Order 123 never arrived" }
    steps:
      - name: classify
        prompt: "Classify: {{ticket}}"
        assert: [{ type: contains, value: shipping }]
      - name: extract
        prompt: "Intent {{steps.classify.output}}. Extract the fields of: {{ticket}}"
        schema: { type: object, properties: { order: { type: string } } }
      - name: summary
        prompt: "Summarise: {{ticket}}"
        system: Summarise in one line.
      - name: draft
        target: cheap=simulated:openai/gpt-4o
        prompt: "Reply about order {{steps.extract.json.order}}"
        after: summary
        expected: "123"
`;

describe('pipeline cases (steps:)', () => {
  it('keeps each step with the case vars filled, its earlier answers as placeholders, and what it waits for', async () => {
    const [testCase] = (await loadDataset(await write('pipeline.yaml', pipeline))).cases;
    expect(testCase?.calls?.kind).toBe('pipeline');
    const steps = testCase?.calls?.steps ?? [];
    expect(steps.map((step) => [step.name, step.line, step.after])).toEqual([
      ['classify', 7, []],
      ['extract', 10, ['classify']],
      ['summary', 13, []],
      ['draft', 16, ['extract', 'summary']],
    ]);
    expect(steps[1]?.messages).toEqual([{ role: 'user', content: 'Intent {{steps.classify.output}}. Extract the fields of: Order 123 never arrived' }]);
    // A step's own system wins; the others get the dataset's.
    expect(steps.map((step) => step.system)).toEqual(['Be brief.', 'Be brief.', 'Summarise in one line.', 'Be brief.']);
    expect(steps[3]?.target).toBe('cheap=simulated:openai/gpt-4o');
    // Each step is scored as a single case would be: its own, its schema, its expected.
    expect(steps[1]?.assert).toEqual([{ type: 'json', schema: { type: 'object', properties: { order: { type: 'string' } } } }]);
    expect(steps[3]?.assert).toEqual([{ type: 'numeric', value: '123' }]);
    expect(testCase?.calls?.output).toBe('draft');
    // What reports show as the case's prompt: the first step's.
    expect(testCase?.messages).toEqual(steps[0]?.messages);
    // The case gives no scorers: the final output is scored as the output step.
    expect(testCase?.assert).toEqual(steps[3]?.assert);
  });

  it('reads a pipeline from JSONL too, with an explicit output step among several final ones', async () => {
    const file = await write('pipeline.jsonl', `${JSON.stringify({
      id: 'fan-out',
      output: 'b',
      assert: [{ type: 'contains', value: 'ok' }],
      steps: [{ name: 'a', prompt: 'First question here' }, { name: 'b', messages: [{ role: 'user', content: 'Second: {{steps.a.json}}' }] }, { name: 'c', prompt: 'Third' }],
    })}\n`);
    const [testCase] = (await loadDataset(file)).cases;
    expect(testCase?.calls?.output).toBe('b');
    expect(testCase?.calls?.steps.map((step) => step.after)).toEqual([[], ['a'], []]);
    expect(testCase?.assert).toEqual([{ type: 'contains', value: 'ok' }]);
  });

  it('refuses each mistake at the line of the step, naming it', async () => {
    const file = await write('bad.yaml', `cases:
  - id: T-01
    prompt: not here
    steps:
      - name: classify
        prompt: "Classify {{steps.draft.output}} {{missing}}"
      - name: classify
        prompt: "x {{steps.classify.ouput}}"
        target: "nope:zzz"
      - name: draft
        prompt: "{{steps.ghost.output}}"
        after: [draft]
  - id: T-02
    steps:
      - { name: a, prompt: one }
      - { name: b, prompt: two }
  - id: T-03
    output: zz
    steps:
      - { name: a, prompt: one }
  - id: T-04
    steps:
      - { name: "bad name", prompt: one }
  - id: T-05
    steps:
      - { name: a }
`);
    expect(await problemsOf(file)).toEqual([
      'bad.yaml:3: prompt: not a field of a case with "steps": give it on each step that needs it',
      'bad.yaml:6: steps[0].prompt: step "classify": {{steps.draft.output}} uses step "draft", declared after it (a step may only use the steps before it)',
      'bad.yaml:6: steps[0].prompt: template variable "missing" has no value (no vars given)',
      'bad.yaml:7: steps[1].name: step "classify": duplicate step name (first is steps[0])',
      `bad.yaml:8: steps[1].prompt: step "classify": "{{steps.classify.ouput}}" is not a step's answer: use {{steps.NAME.output}}, or {{steps.NAME.json.PATH}} for a field of it parsed as JSON`,
      'bad.yaml:9: steps[1].target: step "classify": target "nope:zzz": unknown provider "nope" (known: gateway, openai, azure, anthropic, openai-compatible)',
      'bad.yaml:11: steps[2].prompt: step "draft": {{steps.ghost.output}} uses step "ghost", which the case does not have (steps before it: classify)',
      'bad.yaml:12: steps[2].after[0]: step "draft": waits for its own answer',
      `bad.yaml:15: output: several final steps (a, b), no step waits for them: give output: NAME, the step whose answer is the case's`,
      'bad.yaml:18: output: names step "zz", which the case does not have (steps: a)',
      'bad.yaml:23: steps[0].name: expected letters, digits, `_` or `-` (a name `{{steps.NAME.output}}` can use)',
      'bad.yaml:26: steps[0].prompt: step "a": required (give "prompt" or "messages")',
    ]);
  });

  it('checks a step scorer as a case one: its custom module and its judge', async () => {
    const file = await write('scorers.yaml', `cases:
  - id: T-01
    steps:
      - name: a
        prompt: one
        assert:
          - { type: custom, module: ./missing-scorer.ts }
          - { type: llm-judge, rubric: good, judge: "nope:x" }
          - { type: equal, value: x }
`);
    const problems = await problemsOf(file);
    expect(problems).toEqual([expect.stringMatching(/^scorers\.yaml:9: steps\[0\]\.assert\[2\]\.type: unknown scorer "equal"/)]);
    const fixed = await write('scorers2.yaml', `cases:
  - id: T-01
    steps:
      - name: a
        prompt: one
        assert:
          - { type: custom, module: ./missing-scorer.ts }
          - { type: llm-judge, rubric: good, judge: "nope:x" }
`);
    const references = await problemsOf(fixed);
    expect(references).toHaveLength(2);
    expect(references[0]).toMatch(/^scorers2\.yaml:7: steps\[0\]\.assert\[0\]\.module: /);
    expect(references[1]).toMatch(/^scorers2\.yaml:8: steps\[0\]\.assert\[1\]\.judge: target "nope:x": unknown provider "nope"/);
  });

  it('accepts simulated step targets as the simulator reads them', async () => {
    const file = await write('targets.yaml', `cases:
  - id: T-01
    steps:
      - { name: a, prompt: one, target: "simulated:openai-compatible:llama" }
      - { name: b, prompt: "two {{steps.a.output}}", target: "big=simulated:openai/gpt-4o@azure" }
      - { name: c, prompt: "three {{steps.b.output}}", target: "simulated:openai/gpt-4o@" }
`);
    expect(await problemsOf(file)).toEqual(['targets.yaml:6: steps[2].target: step "c": target "openai/gpt-4o@": empty provider list after "@"']);
  });
});

describe('conversation cases (turns:)', () => {
  it('names the turns, chains them, and puts the fixed history before the first user turn', async () => {
    const file = await write('conversation.yaml', `defaults:
  system: Be kind.
cases:
  - id: C-01
    vars: { product: Router }
    messages:
      - { role: user, content: Hello }
      - { role: assistant, content: Hi! }
    turns:
      - user: My {{product}} reboots.
        assert: [{ type: icontains, value: firmware }]
      - user: Still reboots.
        expected: return
    assert: [{ type: contains, value: RMA- }]
`);
    const [testCase] = (await loadDataset(file)).cases;
    expect(testCase?.calls?.kind).toBe('conversation');
    expect(testCase?.calls?.output).toBe('turn-2');
    expect(testCase?.calls?.steps.map((step) => ({ name: step.name, line: step.line, after: step.after, messages: step.messages, system: step.system }))).toEqual([
      { name: 'turn-1', line: 10, after: [], messages: [{ role: 'user', content: 'My Router reboots.' }], system: 'Be kind.' },
      { name: 'turn-2', line: 12, after: ['turn-1'], messages: [{ role: 'user', content: 'Still reboots.' }], system: 'Be kind.' },
    ]);
    expect(testCase?.calls?.steps[1]?.assert).toEqual([{ type: 'icontains', value: 'return', wholeWord: true }]);
    expect(testCase?.messages).toEqual([
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'Hi!' },
      { role: 'user', content: 'My Router reboots.' },
    ]);
    expect(testCase?.assert).toEqual([{ type: 'contains', value: 'RMA-' }]);
  });

  it('refuses what a conversation cannot have', async () => {
    const file = await write('bad-conversation.yaml', `cases:
  - id: C-01
    prompt: hello
    schema: { type: object }
    turns:
      - user: ""
  - id: C-02
    output: turn-1
    turns:
      - user: hi
    steps:
      - { name: a, prompt: b }
  - id: C-03
    output: a
    prompt: single
`);
    expect(await problemsOf(file)).toEqual([
      'bad-conversation.yaml:6: turns[0].user: must not be empty',
      'bad-conversation.yaml:8: output: names step "turn-1", which the case does not have (steps: a)',
      'bad-conversation.yaml:10: turns: give "steps" (a pipeline) or "turns" (a conversation), not both',
      'bad-conversation.yaml:14: output: only a case with "steps" has an output step',
    ]);
    const second = await write('bad-conversation2.yaml', `cases:
  - id: C-01
    prompt: hello
    schema: { type: object }
    turns:
      - user: hi
`);
    expect(await problemsOf(second)).toEqual([
      'bad-conversation2.yaml:3: prompt: not a field of a case with "turns": give the first user message as the first turn',
      'bad-conversation2.yaml:4: schema: not a field of a case with "turns": not supported in a conversation',
    ]);
  });
});

describe('CSV', () => {
  it('refuses steps and turns columns, pointing at YAML and JSONL', async () => {
    const file = await write('calls.csv', 'id,prompt,steps\nq1,hello,x\n');
    expect(await problemsOf(file)).toEqual([
      'calls.csv:1: (header): column "steps": a case of several calls (steps, turns) cannot be written in CSV; use a YAML or JSONL dataset',
    ]);
  });
});

describe('multi-call cases: what a step template cannot reach', () => {
  it('refuses {{steps.…}} in an expected answer or a scorer, and output: beside turns:, at their lines', async () => {
    const file = await write(
      'reach.yaml',
      [
        'cases:',
        '  - id: a',
        '    steps:',
        '      - name: one',
        '        prompt: Say hi.',
        '      - name: two',
        '        prompt: "Repeat: {{steps.one.output}}"',
        '        assert: [{ type: contains, value: "{{steps.one.output}}" }]',
        '  - id: b',
        '    output: turn-1',
        '    turns:',
        '      - user: Hello',
        '',
      ].join('\n'),
    );
    expect(await problemsOf(file)).toEqual([
      'reach.yaml:6: steps[1].assert: {{steps.…}} is filled in prompts and messages only: an expected answer or a scorer would be compared with it as written',
      'reach.yaml:10: output: a conversation\'s final output is its transcript: "output" names the output step of a case with "steps"',
    ]);
  });

  it('takes YAML merge keys in a step', async () => {
    const file = await write('merge.yaml', ['defaults: &base', '  system: Be brief.', 'cases:', '  - id: a', '    steps:', '      - name: one', '        <<: *base', '        prompt: Say hi.', ''].join('\n'));
    const dataset = await loadDataset(file);
    expect(dataset.cases[0]?.calls?.steps[0]?.system).toBe('Be brief.');
  });
});
