import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../test/support/run-folder.ts';
import { loadAnswerBook } from '../mock/answer-book.ts';
import { loadMockProfiles } from '../mock/load-mock-profiles.ts';
import { loadPriceTable } from '../targets/price-table.ts';
import { InputError } from './errors.ts';

let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
let folder: string;
beforeAll(async () => {
  workspace = await makeWorkspace();
  folder = workspace.path;
});
afterAll(() => workspace.remove());

const fixture = (name: string, content: string) => workspace.write(name, content);

/** The message of an input error, without the folder; anything else thrown (a ReferenceError) fails. */
async function refusal(load: Promise<unknown>): Promise<string> {
  const error = await load.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as Error).message.replaceAll(`${folder}/`, '');
}

/** Anchors nested 7 deep, 9 aliases each, as the items of a list. */
const aliasBomb = (indent: string) =>
  [`${indent}- &a0 [lol]`, ...Array.from({ length: 7 }, (_, index) => `${indent}- &a${index + 1} [${Array(9).fill(`*a${index}`).join(', ')}]`)].join('\n');

const loaders = {
  'price table': (file: string) => loadPriceTable(file),
  'mock profiles file': (file: string) => loadMockProfiles(file),
  'answer book': (file: string) => loadAnswerBook(file),
};

describe('price tables, mock profiles and answer books: hostile files', () => {
  it('refuses an alias bomb with file:line instead of throwing ReferenceError', async () => {
    const prices = await fixture('bomb-prices.yaml', ['version: 1', 'prices:', aliasBomb('  ')].join('\n'));
    const profiles = await fixture('bomb-profiles.yaml', ['models:', aliasBomb('  ')].join('\n'));
    const refused = 'the YAML library refuses it: Excessive alias count indicates a resource exhaustion attack';
    expect(await refusal(loadPriceTable(prices))).toBe(`bomb-prices.yaml:7: prices[4][0]: ${refused}`);
    expect(await refusal(loadMockProfiles(profiles))).toBe(`bomb-profiles.yaml:6: models[4][0]: ${refused}`);
  });

  it('refuses a FIFO by stat without opening it, naming the path', async () => {
    const fifo = path.join(folder, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    // Should a regression open it, a writer comes and ends the blocked open: a failure, not a hang.
    const timer = setTimeout(() => void open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).then((handle) => handle.close(), () => undefined), 20_000);
    try {
      for (const [what, load] of Object.entries(loaders)) {
        expect(await refusal(load(fifo))).toBe(`pipe.yaml:1: (file): a named pipe (FIFO), not a regular file; ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} must be a regular file`);
      }
    } finally {
      clearTimeout(timer);
    }
  });

  it('refuses a NUL byte at its line, with the words a dataset gets', async () => {
    const file = await fixture('nul.yaml', 'version: 1\nprices: []\n# a\u0000b\n');
    for (const load of Object.values(loaders)) {
      expect(await refusal(load(file))).toBe('nul.yaml:3: (text): control character U+0000 (NUL) at column 4: only tab, line feed and carriage return are allowed in text');
    }
  });

  it('refuses in an answer book what a dataset refuses: a control character, an unpaired surrogate, a key given twice, at their lines', async () => {
    const file = await fixture(
      'hostile.answers.jsonl',
      [
        '{"match": {"caseId": "a"}, "reply": "Paris"}',
        '{"match": {"caseId": "b"}, "reply": "\\u001b]52;c;aGk=\\u0007"}',
        '{"match": {"caseId": "c"}, "reply": "\\ud800"}',
        '{"match": {"caseId": "d"}, "reply": "x", "reply": "y"}',
        '{"match": {"caseId": "e", "caseId": "f"}, "reply": "x"}',
        '',
      ].join('\n'),
    );
    expect((await refusal(loadAnswerBook(file))).split('\n')).toEqual([
      'hostile.answers.jsonl:2: reply: control character U+001B (ESC): only tab, line feed and carriage return are allowed in text',
      'hostile.answers.jsonl:3: reply: unpaired surrogate U+D800: not valid Unicode text',
      'hostile.answers.jsonl:4: reply: duplicate key "reply" (each key once per object)',
      'hostile.answers.jsonl:5: match.caseId: duplicate key "caseId" (each key once per object)',
    ]);
  });

  it('refuses a price table that prices one model twice, at the second row, instead of taking the last price', async () => {
    const row = (model: string, price: number) => [`  - model: ${model}`, `    input: ${price}`, `    output: ${price}`, '    source: x', '    as_of: 2026-01-01'];
    const file = await fixture('twice.yaml', ['version: 1', 'prices:', ...row('m', 1), ...row('other', 2), ...row('m', 1000), ''].join('\n'));
    expect(await refusal(loadPriceTable(file))).toBe('twice.yaml:13: prices[2].model: model `m` is priced twice (first in prices[0]): give each model one row');
  });

  it('refuses a price table whose model or source holds an escaped control character, at its line', async () => {
    const file = await fixture('escaped.yaml', ['version: 1', 'prices:', '  - model: "m\\e[2J"', '    input: 1', '    output: 1', '    source: "x\\u0007"', '    as_of: 2026-01-01', ''].join('\n'));
    expect((await refusal(loadPriceTable(file))).split('\n')).toEqual([
      'escaped.yaml:3: prices[0].model: control character U+001B (ESC): only tab, line feed and carriage return are allowed in text',
      'escaped.yaml:6: prices[0].source: control character U+0007 (BEL): only tab, line feed and carriage return are allowed in text',
    ]);
  });

  it('reads an answer book with a UTF-8 byte order mark', async () => {
    const file = await fixture('bom.answers.jsonl', '\uFEFF{"match": {"caseId": "a"}, "reply": "Paris"}\n');
    expect(await loadAnswerBook(file)).toEqual([{ caseId: 'a', reply: 'Paris' }]);
  });
});
