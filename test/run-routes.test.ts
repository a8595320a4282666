import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readCsv } from './support/run-folder.ts';

describe('every route, through its real provider package', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let rows: Array<Record<string, string>>;
  let exitCode: number | null;

  beforeAll(async () => {
    const cases = [
      { id: 'capital', prompt: 'What is the capital of France?', expected: 'Paris' },
      { id: 'sum', prompt: 'What is 2 + 2?', expected: '4' },
    ];
    server = await startMockServer({ profiles: defaultMockProfiles, cases: cases.map(({ id, prompt, expected }) => ({ id, prompt, expected })) });
    workspace = await makeWorkspace();
    const dataset = await workspace.write('cases.jsonl', jsonl(cases));
    const folder = join(workspace.path, 'run');
    const key = 'simulator-accepts-any-key';
    const result = await runCli(
      [
        'run', '--dataset', dataset, '--out', folder, '--warmup', '0', '--retries', '3',
        '--target', 'openai/gpt-4o-mini@azure',
        '--target', 'openai/gpt-4o-mini@openai',
        '--target', 'anthropic:claude-sonnet-4',
        '--target', 'openai:gpt-4o',
        '--target', `openai-compatible:gpt-4o-mini@${server.url}/v1`,
        // An order of preference rather than a pin, and Azure's own package on a deployment.
        '--target', 'openai/gpt-4o-mini@azure,openai',
        '--target', 'azure:gpt-4o-mini',
      ],
      {
        env: {
          AI_GATEWAY_BASE_URL: `${server.url}/v4/ai`,
          AI_GATEWAY_API_KEY: key,
          ANTHROPIC_BASE_URL: `${server.url}/v1`,
          ANTHROPIC_API_KEY: key,
          OPENAI_BASE_URL: `${server.url}/v1`,
          OPENAI_API_KEY: key,
          // @ai-sdk/azure appends /responses (v1 API) to its base URL.
          AZURE_BASE_URL: `${server.url}/v1`,
          AZURE_API_KEY: key,
        },
      },
    );
    exitCode = result.exitCode;
    rows = (await readCsv(join(folder, 'results.csv'))).filter((row) => row.final === 'true');
  });

  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  it('answers every case on every route', () => {
    expect(exitCode).toBe(0);
    expect(rows).toHaveLength(2 * 7);
    expect(rows.every((row) => row.status === 'ok' && (row.output ?? '').length > 0 && Number(row.output_tokens) > 0)).toBe(true);
  });

  it('records which provider the gateway routed to, and the cost it reported', () => {
    for (const provider of ['azure', 'openai']) {
      const gatewayRows = rows.filter((row) => row.target === `openai/gpt-4o-mini@${provider}`);
      expect(gatewayRows.map((row) => row.served_by)).toEqual([provider, provider]);
      expect(gatewayRows.every((row) => row.cost_source === 'gateway' && Number(row.cost_usd) > 0)).toBe(true);
    }
  });

  it('sends a comma list of gateway providers as an order, served by the first', () => {
    const ordered = rows.filter((row) => row.target === 'openai/gpt-4o-mini@azure,openai');
    expect(ordered.map((row) => row.served_by)).toEqual(['azure', 'azure']);
  });

  it('prices direct routes from the price table, and leaves an unpriced model empty, not 0', () => {
    const direct = rows.filter((row) => row.target === 'anthropic:claude-sonnet-4' || row.target === 'openai:gpt-4o');
    expect(direct).toHaveLength(2 * 2);
    expect(direct.every((row) => row.cost_source === 'price-table' && Number(row.cost_usd) > 0)).toBe(true);
    const unpriced = rows.filter((row) => row.target?.startsWith('openai-compatible:'));
    expect(unpriced.map((row) => row.cost_usd)).toEqual(['', '']);
  });
});
