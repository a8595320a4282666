import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

const injectBug = fileURLToPath(new URL('./support/inject-bug.ts', import.meta.url));
const key = 'sk-test-unexpected-0123456789abcdef';

describe('exit code 1: a bug in llm-bench', () => {
  it('says it is a bug, prints the stack trace with the keys redacted, and exits 1', async () => {
    const result = await runCli(['validate', 'datasets/smoke.jsonl'], {
      env: { OPENAI_API_KEY: key, NODE_OPTIONS: `--import=${injectBug}` },
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('llm-bench: unexpected error (this is a bug; please report it):');
    expect(result.stderr).toContain('Authorization: Bearer [REDACTED]');
    // The stack trace names where it happened.
    expect(result.stderr).toMatch(/at .*validate-command\.ts:\d+/);
    expect(result.stderr + result.stdout).not.toContain(key);
  });
});
