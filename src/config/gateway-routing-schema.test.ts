import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEvalDefinition } from './check-eval-definition.ts';
import { gatewayRoutingOptionNames, gatewayRoutingSchema } from './gateway-routing-schema.ts';

/** The option names the installed @ai-sdk/gateway declares in its GatewayProviderOptions type. */
function declaredOptionNames(): string[] {
  const require = createRequire(import.meta.url);
  const types = readFileSync(join(dirname(require.resolve('@ai-sdk/gateway/package.json')), 'dist/index.d.ts'), 'utf8');
  const start = types.indexOf('type GatewayProviderOptions<');
  expect(start, 'GatewayProviderOptions is no longer declared in @ai-sdk/gateway: read its types again').toBeGreaterThan(-1);
  const body = types.slice(start, types.indexOf('\n};', start));
  // Members at the type's own depth (two spaces), not those of nested object types.
  return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((match) => match[1]!);
}

describe('gatewayRoutingSchema', () => {
  it('covers every routing option the installed @ai-sdk/gateway declares', () => {
    const declared = declaredOptionNames();
    expect(declared).toEqual(expect.arrayContaining(['order', 'only', 'sort', 'models', 'zeroDataRetention', 'byok', 'caching']));
    expect(declared.filter((name) => !gatewayRoutingOptionNames.includes(name))).toEqual([]);
  });

  it('accepts every option with its type, and refuses wrong types and shapes', () => {
    const all = {
      order: ['azure', 'openai'],
      only: ['azure', 'openai'],
      sort: 'ttft',
      models: ['anthropic/claude-haiku-4.5'],
      zeroDataRetention: true,
      disallowPromptTraining: true,
      byok: { anthropic: [{ apiKey: 'sk-ant-secret' }] },
      caching: 'auto',
      serviceTier: 'flex',
      has: ['tool-use', '!quantization:fp8'],
      headquarters: ['US', 'DE'],
      providerTimeouts: { byok: { anthropic: 5000 } },
      quotaEntityId: 'team-a',
      tags: ['bench'],
      user: 'u-1',
    };
    expect(gatewayRoutingSchema.parse(all)).toEqual(all);
    const refused = (value: unknown) => !gatewayRoutingSchema.safeParse(value).success;
    expect(refused({ sort: 'price' })).toBe(true);
    expect(refused({ only: 'azure' })).toBe(true);
    expect(refused({ zeroDataRetention: 'yes' })).toBe(true);
    expect(refused({ caching: 'always' })).toBe(true);
    expect(refused({ headquarters: ['US', '!DE'] })).toBe(true);
    expect(refused({ has: ['telepathy'] })).toBe(true);
    expect(refused({ models: ['gpt-4o'] })).toBe(true);
    expect(refused({ providerTimeouts: { byok: { anthropic: -1 } } })).toBe(true);
  });

  it("refuses an unknown option in an eval file's target with the option it most likely meant", () => {
    const result = checkEvalDefinition({
      datasets: 'smoke.jsonl',
      targets: [{ target: 'openai/gpt-4o-mini', gateway: { zeroDataRetension: true, sort: 'cost' } }],
    });
    expect('problems' in result && result.problems.map((problem) => `${problem.field}: ${problem.message}`)).toEqual([
      'targets[0].gateway.zeroDataRetension: unknown field; did you mean targets[0].gateway.zeroDataRetention?',
    ]);
  });
});
