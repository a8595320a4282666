import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError, InputError } from '../config/errors.ts';
import type { Case } from './case.ts';
import { loadPromptVariants } from './prompt-variant.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'llm-bench-prompts-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function fixture(name: string, content: string): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, content);
  return file;
}

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return (error as DatasetError).problems.map((problem) => problem.replace(`${folder}${path.sep}`, ''));
}

const base: Case = {
  id: 'fr',
  line: 1,
  messages: [{ role: 'user', content: 'Capital of France?' }],
  system: 'Be brief.',
  expected: 'Paris',
  assert: [],
  tags: [],
  vars: { country: 'France' },
};

describe('loadPromptVariants', () => {
  it('applies a text template to the case prompt, keeping the case system prompt', async () => {
    const file = await fixture('terse.txt', 'Answer in one word.\n\n{{prompt}} ({{country}})\n');
    const [variant] = await loadPromptVariants([file]);
    expect(variant?.label).toBe('terse');
    expect(variant?.path).toBe(file);
    expect(variant?.apply(base)).toEqual({ ...base, messages: [{ role: 'user', content: 'Answer in one word.\n\nCapital of France? (France)' }] });
  });

  it('applies a YAML variant to the last user message and replaces the system prompt and system messages', async () => {
    const file = await fixture('v2.yaml', 'label: careful\nsystem: Think, then answer about {{country}}.\nprompt: |\n  Question:\n  {{prompt}}\n');
    const [variant] = await loadPromptVariants([file]);
    const chat: Case = {
      ...base,
      system: undefined,
      messages: [
        { role: 'system', content: 'old' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: [{ type: 'text', text: 'What is shown?' }, { type: 'file', data: new Uint8Array([1]), mediaType: 'image/png' }] },
      ],
    };
    expect(variant?.label).toBe('careful');
    expect(variant?.apply(chat)).toMatchObject({
      system: 'Think, then answer about France.',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: [{ type: 'text', text: 'Question:\nWhat is shown?' }, { type: 'file', mediaType: 'image/png' }] },
      ],
    });
  });

  it('reports a variable a case cannot fill at its line in the prompt file, naming the cases, before the run', async () => {
    const file = await fixture('leak.yaml', 'prompt: |\n  {{prompt}}\n  Hint: {{expected}}\n  Topic: {{topic}}\n');
    const other = { ...base, id: 'de' };
    expect(await problemsOf(loadPromptVariants([file], [base, other]))).toEqual([
      'leak.yaml:3: prompt: template variable "expected" has no value in cases "fr", "de" (the expected answer is never given to a prompt)',
      'leak.yaml:4: prompt: template variable "topic" has no value in cases "fr", "de" (vars: country, prompt)',
    ]);
    const [variant] = await loadPromptVariants([file]);
    expect(() => variant?.apply(base)).toThrow(DatasetError);
    const text = await fixture('missing.md', 'Intro\n\nAbout {{subject}}: {{prompt}}');
    expect(await problemsOf(loadPromptVariants([text], [base]))).toEqual([
      'missing.md:3: prompt: template variable "subject" has no value in case "fr" (vars: country, prompt)',
    ]);
  });

  it('refuses duplicate labels, unknown fields, empty files and other formats', async () => {
    const first = await fixture('a.txt', '{{prompt}}');
    const second = await fixture('b.yaml', 'label: a\nprompt: "{{prompt}}"\n');
    const typo = await fixture('typo.yaml', 'prompt: x\nsystm: y\n');
    const empty = await fixture('empty.txt', '\n\n');
    const json = await fixture('p.json', '{}');
    expect(await problemsOf(loadPromptVariants([first, second, typo, empty, json]))).toEqual([
      expect.stringMatching(/^b\.yaml:1: label: duplicate label "a" \(also .*a\.txt\); give each file its own "label"$/),
      'typo.yaml:2: systm: unknown field (known: label, system, prompt)',
      'empty.txt:1: (file): the prompt file is empty',
      'p.json:1: (file): unsupported prompt file ".json" (use .yaml, .yml, .txt or .md)',
    ]);
    await expect(loadPromptVariants([path.join(folder, 'nope.txt')])).rejects.toThrow(InputError);
  });

  it('gives each variant the SHA-256 of the bytes it read, so the run identity never reads the file again', async () => {
    const text = 'label: terse\nprompt: "{{country}}? One word."\n';
    const yaml = await fixture('hashed.yaml', text);
    const plain = await fixture('hashed.txt', 'Answer: {{country}}\n');
    const variants = await loadPromptVariants([yaml, plain]);
    expect(variants.map((variant) => variant.sha256)).toEqual([
      createHash('sha256').update(text).digest('hex'),
      createHash('sha256').update('Answer: {{country}}\n').digest('hex'),
    ]);
  });
});

