import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { DatasetError } from '../config/errors.ts';
import { loadDataset } from './load-dataset.ts';
import { loadPromptVariants } from './prompt-variant.ts';

let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
let folder: string;
beforeAll(async () => {
  workspace = await makeWorkspace();
  folder = workspace.path;
});
afterAll(() => workspace.remove());

const fixture = (name: string, content: string | Buffer) => workspace.write(name, content);

/** The problems of a refused load, without the file name; anything else thrown fails the test. */
async function problemsOf(load: Promise<unknown>, file: string): Promise<string[]> {
  const error = await load.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return (error as DatasetError).problems.map((problem) => problem.replaceAll(`${file}:`, ''));
}

/** Anchors nested 7 deep, 9 aliases each (4.8 million nodes once expanded), as list items. */
function aliasBomb(indent: string): string {
  const anchors = ['- &a0 [lol]'];
  for (let level = 1; level <= 7; level++) anchors.push(`- &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]`);
  return anchors.map((line) => `${indent}${line}`).join('\n');
}

const tooLarge = 'more than 16 Mi characters of text in one case, with YAML aliases expanded: too large for one case';
const refused = 'the YAML library refuses it: Excessive alias count indicates a resource exhaustion attack';

const nul = 'control character U+0000 (NUL)';
const allowed = 'only tab, line feed and carriage return are allowed in text';

describe('loadDataset: YAML aliases', () => {
  it('refuses an alias bomb under a case\'s tags at their line, instead of throwing ReferenceError', async () => {
    const file = await fixture('bomb.yaml', ['- id: a', '  prompt: hi', '  tags:', aliasBomb('    '), '- id: b', '  prompt: fine'].join('\n'));
    expect(await problemsOf(loadDataset(file), file)).toEqual([`4: tags: ${tooLarge}`]);
  });

  it('refuses an alias bomb in the defaults, at the defaults field that holds it', async () => {
    const file = await fixture('bomb-defaults.yaml', ['defaults:', '  tags:', aliasBomb('    '), 'cases:', '  - prompt: hi'].join('\n'));
    expect(await problemsOf(loadDataset(file), file)).toEqual([`3: defaults.tags: ${tooLarge}`]);
  });

  it('reads a collection used as a key without the YAML library writing a warning to the terminal', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const file = await fixture('collection-key.yaml', '- id: a\n  prompt: hi\n  vars:\n    ? [a, b]\n    : x\n');
      expect((await loadDataset(file)).cases).toHaveLength(1);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('counts aliases per case: 1,200 cases may share one anchor', async () => {
    const cases = Array.from({ length: 1200 }, (_, index) => `  - { id: c${index}, prompt: "Q${index}?", assert: *common }`);
    const file = await fixture('shared.yaml', ['defaults:', '  tags: [shared]', 'anchors: &common [{ type: contains, value: "4" }]', 'cases:', ...cases].join('\n'));
    // The anchors key itself is the only problem: the 1,200 aliases are fine.
    expect(await problemsOf(loadDataset(file), file)).toEqual(['3: anchors: unknown field (known: defaults, cases)']);
  });

  it('refuses a case whose template variables fill it past what a case may hold, in the case or a prompt file', async () => {
    const big = 'x'.repeat(8 * 2 ** 20);
    const file = await fixture('template-bomb.jsonl', `{"id": "fine", "prompt": "{{a}}", "vars": {"a": "small"}}\n${JSON.stringify({ id: 'bomb', prompt: '{{a}}'.repeat(100), vars: { a: big } })}\n`);
    expect(await problemsOf(loadDataset(file), file)).toEqual(['2: prompt: with its variables filled, more than 16 Mi characters: too large for one case']);
    const cases = await loadDataset(await fixture('template-var.jsonl', `${JSON.stringify({ id: 'big-var', prompt: 'short', vars: { a: big } })}\n`));
    const variant = await fixture('template-variant.txt', `Answer:\n${'{{a}} '.repeat(3)}`);
    expect(await problemsOf(loadPromptVariants([variant], cases.cases), variant)).toEqual(['2: prompt: with the variables of case "big-var" filled, more than 16 Mi characters: too large for one case']);
  });

  it('refuses a case whose aliases expand past what a JSONL line may hold', async () => {
    const big = 'x'.repeat(2 ** 20);
    const file = await fixture('wide.yaml', ['- id: a', `  prompt: &big "${big}"`, `  vars: { ${Array.from({ length: 20 }, (_, index) => `v${index}: *big`).join(', ')} }`].join('\n'));
    expect(await problemsOf(loadDataset(file), file)).toEqual([`3: vars: ${tooLarge}`]);
  });
});

describe('loadDataset: characters and encodings, the same in every format', () => {
  it('refuses a CSV assert cell whose JSON gives a key twice, at its line, as JSONL refuses it', async () => {
    const csv = await fixture(
      'duplicate-key.csv',
      'id,prompt,assert\na,hi,"[{""type"":""equals"",""value"":""x"",""value"":""y""}]"\nb,hi,"{""type"":""equals"",""type"":""contains"",""value"":""x""}"\n',
    );
    expect(await problemsOf(loadDataset(csv), csv)).toEqual([
      '2: assert[0].value: duplicate key "value" (each key once per object)',
      '3: assert[0].type: duplicate key "type" (each key once per object)',
    ]);
  });

  it('refuses a NUL byte in a CSV cell, a JSONL line and a YAML scalar with the same words and the line', async () => {
    const csv = await fixture('nul.csv', 'id,prompt\na,fine\nb,hel\u0000lo\n');
    const jsonl = await fixture('nul.jsonl', '{"id": "a", "prompt": "fine"}\n{"id": "b", "prompt": "hel\u0000lo"}\n');
    const yaml = await fixture('nul.yaml', '- id: a\n  prompt: "hel\u0000lo"\n');
    expect(await problemsOf(loadDataset(csv), csv)).toEqual([`3: (text): ${nul} at column 6: ${allowed}`]);
    expect(await problemsOf(loadDataset(jsonl), jsonl)).toEqual([`2: (text): ${nul} at column 27: ${allowed}`]);
    expect(await problemsOf(loadDataset(yaml), yaml)).toEqual([`2: (text): ${nul} at column 15: ${allowed}`]);
  });

  it('refuses a NUL written as an escape (JSON \\u0000, YAML "\\0") at the field that holds it', async () => {
    const jsonl = await fixture('nul-escaped.jsonl', '{"id": "a", "prompt": "hel\\u0000lo"}\n{"id": "b", "prompt": "x", "vars": {"v": "\\u001b[2J"}}\n');
    const yaml = await fixture('nul-escaped.yaml', '- id: a\n  prompt: "fine"\n  expected: "a\\0b"\n');
    expect(await problemsOf(loadDataset(jsonl), jsonl)).toEqual([`1: prompt: ${nul}: ${allowed}`, `2: vars.v: control character U+001B (ESC): ${allowed}`]);
    expect(await problemsOf(loadDataset(yaml), yaml)).toEqual([`3: expected: ${nul}: ${allowed}`]);
  });

  it('refuses other control characters and unpaired surrogates, and keeps tabs and line breaks', async () => {
    const csv = await fixture('controls.csv', 'id,prompt\na,"tab\there, and\r\na line break"\nb,bell\u0007\n');
    expect(await problemsOf(loadDataset(csv), csv)).toEqual([`4: (text): control character U+0007 (BEL) at column 7: ${allowed}`]);
    const jsonl = await fixture('surrogate.jsonl', '{"id": "a", "prompt": "half \\ud83d of an emoji"}\n{"id": "b", "prompt": "whole \\ud83d\\ude00"}\n');
    expect(await problemsOf(loadDataset(jsonl), jsonl)).toEqual(['1: prompt: unpaired surrogate U+D83D: not valid Unicode text']);
  });

  it('reads a raw tab or carriage return inside a JSONL string as a CSV cell or a YAML scalar holds it', async () => {
    const jsonl = await fixture('tabs.jsonl', '{"id":\t"a", "prompt": "col1\tcol2\r\\"quoted\ttab\\"", "expected": "x"}\n');
    const csv = await fixture('tabs.csv', 'id,prompt,expected\na,"col1\tcol2\r""quoted\ttab""",x\n');
    const yaml = await fixture('tabs.yaml', '- id: a\n  prompt: "col1\tcol2\\r\\"quoted\ttab\\""\n  expected: x\n');
    for (const file of [jsonl, csv, yaml]) {
      const [testCase] = (await loadDataset(file)).cases;
      expect(testCase?.messages, file).toEqual([{ role: 'user', content: 'col1\tcol2\r"quoted\ttab"' }]);
    }
    const broken = await fixture('tabs-broken.jsonl', '{"prompt": "a\tb", oops}\n');
    expect(await problemsOf(loadDataset(broken), broken)).toEqual([expect.stringMatching(/^1: \(line\): malformed JSON: /)]);
  });

  it('refuses a key written twice in a JSONL object, as a YAML mapping and a CSV header refuse it', async () => {
    const jsonl = await fixture('dup.jsonl', '{"id": "a", "prompt": "first", "prompt": "second"}\n{"id": "b", "prompt": "x", "vars": {"v": "1", "v": "2"}}\n{"id": "c", "prompt": "{\\"k\\": 1, \\"k\\": 2}"}\n');
    const yaml = await fixture('dup.yaml', '- id: a\n  prompt: first\n  prompt: second\n');
    const csv = await fixture('dup.csv', 'id,prompt,prompt\na,first,second\n');
    expect(await problemsOf(loadDataset(jsonl), jsonl)).toEqual(['1: prompt: duplicate key "prompt" (each key once per object)', '2: vars.v: duplicate key "v" (each key once per object)']);
    expect(await problemsOf(loadDataset(yaml), yaml)).toEqual(['3: (yaml): Map keys must be unique']);
    expect(await problemsOf(loadDataset(csv), csv)).toEqual(['1: (header): duplicate column "prompt"']);
  });

  it('refuses bytes that are not UTF-8, and a UTF-16 file, at their line', async () => {
    const csv = await fixture('latin1.csv', Buffer.concat([Buffer.from('id,prompt\na,ok\nb,caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    expect(await problemsOf(loadDataset(csv), csv)).toEqual(['3: (text): not valid UTF-8 (byte 0xE9 at byte 6 of the line); save the file as UTF-8']);
    const utf16 = await fixture('utf16.jsonl', Buffer.from('\uFEFF{"prompt": "hi"}\n', 'utf16le'));
    expect(await problemsOf(loadDataset(utf16), utf16)).toEqual(['1: (text): the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8']);
  });

  it('reads a UTF-8 byte order mark in every format', async () => {
    for (const [name, content] of [
      ['bom.jsonl', '{"prompt": "hi"}\n'],
      ['bom.csv', 'prompt\nhi\n'],
      ['bom.yaml', '- prompt: hi\n'],
    ]) {
      const dataset = await loadDataset(await fixture(name as string, `\uFEFF${content}`));
      expect(dataset.cases.map((testCase) => testCase.messages), name).toEqual([[{ role: 'user', content: 'hi' }]]);
    }
  });

  it('refuses nesting deeper than 100 levels at the field where it starts, in JSONL and YAML', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const jsonl = await fixture('deep.jsonl', `{"id": "a", "prompt": "x", "assert": [{"type": "custom", "module": "m.mjs", "value": ${deep}}]}\n`);
    expect(await problemsOf(loadDataset(jsonl), jsonl)).toEqual(['1: assert[0]: nested deeper than 100 levels']);
    const yaml = await fixture('deep.yaml', `- id: a\n  prompt: x\n  schema: ${'{a: '.repeat(150)}1${'}'.repeat(150)}\n`);
    expect(await problemsOf(loadDataset(yaml), yaml)).toEqual(['3: schema.a: nested deeper than 100 levels']);
  });

  it('refuses a NUL in a prompt file, plain text or YAML, raw or escaped, with the same words', async () => {
    const text = await fixture('nul-prompt.txt', 'Line one\nAnswer {{prompt}}\u0000\n');
    const yaml = await fixture('nul-prompt.yaml', 'label: v1\nprompt: "Answer \\0 {{prompt}}"\n');
    expect(await problemsOf(loadPromptVariants([text]), text)).toEqual([`2: (text): ${nul} at column 18: ${allowed}`]);
    expect(await problemsOf(loadPromptVariants([yaml]), yaml)).toEqual([`2: prompt: ${nul}: ${allowed}`]);
  });

  it('refuses a plain-text prompt file longer than a case may be', async () => {
    const text = await fixture('long-prompt.txt', `{{prompt}} ${'x'.repeat(16 * 2 ** 20)}`);
    expect(await problemsOf(loadPromptVariants([text]), text)).toEqual(['1: (file): more than 16 Mi characters: too large for one case']);
  });

  it('refuses an alias bomb in a prompt file at its line', async () => {
    const yaml = await fixture('bomb-prompt.yaml', ['prompt: "{{prompt}}"', 'label:', aliasBomb('  ')].join('\n'));
    expect(await problemsOf(loadPromptVariants([yaml]), yaml)).toEqual([`7: label[4][0]: ${refused}`]);
  });
});

describe('loadDataset: size', () => {
  it('reads a CSV of 100,000 rows with the right line for each (the line count no longer starts over per row)', async () => {
    const rows = Array.from({ length: 100_000 }, (_, index) => `q${index},"What is ${index}?"`);
    const file = await fixture('rows.csv', `id,prompt\n${rows.join('\n')}\n`);
    const dataset = await loadDataset(file);
    expect(dataset.cases).toHaveLength(100_000);
    expect(dataset.cases.at(-1)).toMatchObject({ id: 'q99999', line: 100_001 });
  });

  it('refuses more than a million cases at the line of the first one too many', async () => {
    const lines = Array.from({ length: 1_000_001 }, (_, index) => `{"prompt":"${index}"}`);
    const file = await fixture('million.jsonl', `${lines.join('\n')}\n`);
    expect(await problemsOf(loadDataset(file), file)).toEqual(['1000001: (file): more than 1,000,000 cases, the most a dataset may hold; split it']);
  });

  it('refuses a YAML dataset over 16 MiB before parsing it', async () => {
    const content = `- prompt: "${'x'.repeat(16 * 2 ** 20)}"\n`;
    const file = await fixture('huge.yaml', content);
    expect(await problemsOf(loadDataset(file), file)).toEqual([`1: (file): ${content.length.toLocaleString('en-US')} bytes, larger than the 16 MiB a YAML dataset may be`]);
  });
});

describe('loadDataset: custom scorers are imported with the dataset', () => {
  it('refuses an image or a custom scorer module that is a FIFO, at the line that names it, without opening it', async () => {
    execFileSync('mkfifo', [path.join(folder, 'pipe.png'), path.join(folder, 'pipe.mjs')]);
    const file = await fixture(
      'fifo-refs.jsonl',
      [
        '{"id": "a", "prompt": "x", "images": ["pipe.png"]}',
        '{"id": "b", "prompt": "x", "assert": [{"type": "custom", "module": "pipe.mjs"}]}',
      ].join('\n'),
    );
    expect(await problemsOf(loadDataset(file), file)).toEqual([
      '1: images[0]: "pipe.png" is a named pipe (FIFO), not a regular file',
      '2: assert[0].module: "pipe.mjs" is a named pipe (FIFO), not a regular file',
    ]);
  });

  it('refuses a module that cannot load at the line of the case that names it', async () => {
    await writeFile(path.join(folder, 'syntax.mjs'), 'export default (input) => {\n  return { score: 1,, passed: true };\n};\n');
    await writeFile(path.join(folder, 'not-a-function.mjs'), 'export default { score: 1 };\n');
    await writeFile(path.join(folder, 'no-default.mjs'), 'export const score = () => 1;\n');
    await writeFile(path.join(folder, 'throws-on-import.mjs'), 'throw new Error("no config \\u001b[2J here");\n');
    await writeFile(path.join(folder, 'throws-null-on-import.mjs'), 'throw null;\n');
    await writeFile(path.join(folder, 'fine.mjs'), 'export default () => ({ score: 1, passed: true, reason: "ok" });\n');
    const custom = (module: string) => `{"type": "custom", "module": "${module}"}`;
    const file = await fixture(
      'custom-broken.jsonl',
      [
        `{"id": "a", "prompt": "x", "assert": [${custom('fine.mjs')}, ${custom('syntax.mjs')}]}`,
        `{"id": "b", "prompt": "x", "assert": [${custom('not-a-function.mjs')}]}`,
        `{"id": "c", "prompt": "x", "assert": [${custom('no-default.mjs')}]}`,
        `{"id": "d", "prompt": "x", "assert": [${custom('throws-on-import.mjs')}]}`,
        `{"id": "e", "prompt": "x", "assert": [${custom('syntax.mjs')}]}`,
        `{"id": "f", "prompt": "x", "assert": [${custom('throws-null-on-import.mjs')}]}`,
      ].join('\n'),
    );
    expect(await problemsOf(loadDataset(file), file)).toEqual([
      // Under vitest the import goes through its transform; the end-to-end test sees Node's own words.
      expect.stringMatching(/^1: assert\[1\]\.module: cannot load custom scorer syntax\.mjs: \w*Error: /),
      '2: assert[0].module: custom scorer not-a-function.mjs has no default export function (it is object)',
      '3: assert[0].module: custom scorer no-default.mjs has no default export function (it has none)',
      '4: assert[0].module: cannot load custom scorer throws-on-import.mjs: Error: no config ?[2J here',
      '6: assert[0].module: cannot load custom scorer throws-null-on-import.mjs: threw null',
    ]);
  });

  it('refuses a broken module named in the defaults once, at the defaults line', async () => {
    await writeFile(path.join(folder, 'syntax-too.mjs'), 'export default (;\n');
    const file = await fixture('custom-defaults.yaml', ['defaults:', '  assert:', '    - type: custom', '      module: syntax-too.mjs', 'cases:', '  - prompt: One', '  - prompt: Two'].join('\n'));
    expect(await problemsOf(loadDataset(file), file)).toEqual([expect.stringMatching(/^4: defaults\.assert\[0\]\.module: cannot load custom scorer syntax-too\.mjs: \w*Error: /)]);
  });
});
