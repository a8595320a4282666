import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cliPath = fileURLToPath(new URL('../bin/llm-bench.js', import.meta.url));

/** Runs the real CLI (under vitest, process.execPath is the project's Node 24) in the fixture folder. */
function validate(files: string[], cwd: string): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'validate', ...files], { cwd, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'llm-bench-validate-'));
  const files: Record<string, string> = {
    'good.jsonl': '{"id": "q1", "prompt": "Capital of France?", "expected": "Paris"}\n{"id": "q2", "prompt": "2+2?", "expected": 4}\n',
    'good.csv': 'id,prompt,expected\nq1,Capital of France?,Paris\n',
    'good.yaml': 'cases:\n  - id: q1\n    prompt: Capital of France?\n    assert:\n      - type: icontains\n        value: paris\n',
    'bad.jsonl': [
      '{"id": "q1", "prompt": "ok", "expected": "x"}',
      '{"id": "q2", "prompt": "x", oops}',
      '{"id": "q3", "expected": "y"}',
      '{"id": "q1", "prompt": "again"}',
      '{"id": "q5", "prompt": "x", "assert": [{"type": "equal", "value": "x"}]}',
    ].join('\n'),
    'bad.csv': 'id,promt,expected\nq1,x,y\n',
    'calls.yaml': [
      'cases:',
      '  - id: p1',
      '    steps:',
      '      - { name: classify, prompt: "Classify: late order" }',
      '      - { name: draft, prompt: "Reply to a {{steps.classify.output}} ticket" }',
      '  - id: c1',
      '    turns:',
      '      - user: Hello',
      '      - user: Thanks',
      '  - id: q1',
      '    prompt: Capital of France?',
    ].join('\n'),
    'bad-calls.yaml': [
      'cases:',
      '  - id: p1',
      '    steps:',
      '      - { name: draft, prompt: "Reply to a {{steps.classify.output}} ticket" }',
      '      - { name: classify, prompt: "Classify: late order", target: "simulated:nope:x" }',
    ].join('\n'),
  };
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(folder, name), content);
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('llm-bench validate', () => {
  it('prints ok with the case count and exits 0 for valid files', async () => {
    const result = await validate(['good.jsonl', 'good.csv', 'good.yaml'], folder);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('ok good.jsonl: 2 cases\nok good.csv: 1 case\nok good.yaml: 1 case\n');
    expect(result.exitCode).toBe(0);
  });

  it('prints every problem of every file as file:line and exits 2', async () => {
    const result = await validate(['bad.jsonl', 'good.jsonl', 'bad.csv', 'missing.jsonl'], folder);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('ok good.jsonl: 2 cases\n');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^bad\.jsonl:2: \(line\): malformed JSON: .+/),
      'bad.jsonl:3: prompt: required (give "prompt" or "messages")',
      'bad.jsonl:4: id: duplicate id "q1" (first on line 1)',
      expect.stringMatching(/^bad\.jsonl:5: assert\[0\]\.type: unknown scorer "equal" \(known: equals, contains, .*\)$/),
      'bad.csv:1: (header): unknown column "promt" (known: id, prompt, system, expected, tags, assert, vars.<name>)',
      'bad.csv:1: (header): missing column "prompt"',
      'llm-bench: dataset not found: missing.jsonl',
      'llm-bench: 3 of 4 datasets have problems',
    ]);
  });

  it('checks pipelines and conversations, and says how many calls they make', async () => {
    const good = await validate(['calls.yaml'], folder);
    expect(good.stdout).toBe('ok calls.yaml: 3 cases (1 pipeline, 2 steps; 1 conversation, 2 turns)\n');
    expect(good.exitCode).toBe(0);
    const bad = await validate(['bad-calls.yaml'], folder);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.trimEnd().split('\n')).toEqual([
      'bad-calls.yaml:4: steps[0].prompt: step "draft": {{steps.classify.output}} uses step "classify", declared after it (a step may only use the steps before it)',
      'bad-calls.yaml:5: steps[1].target: step "classify": target "nope:x": unknown provider "nope" (known: gateway, openai, azure, anthropic, openai-compatible)',
      'llm-bench: 1 of 1 dataset has problems',
    ]);
  });

  it('accepts every shipped dataset', async () => {
    const folder = fileURLToPath(new URL('../datasets/', import.meta.url));
    const shipped = (await readdir(folder)).filter((name) => /\.(jsonl|csv|ya?ml)$/.test(name));
    expect(shipped).toContain('smoke.jsonl');
    const result = await validate(shipped, folder);
    expect(result.stderr).toBe('');
    expect(result.stdout.trimEnd().split('\n')).toEqual(shipped.map((name) => expect.stringMatching(new RegExp(`^ok ${name.replace('.', '\\.')}: \\d+ cases( \\(.+\\))?$`))));
    expect(result.exitCode).toBe(0);
  });
});
