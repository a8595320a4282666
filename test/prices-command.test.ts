import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace, readCsv } from './support/run-folder.ts';

/**
 * `llm-bench prices --update` against the simulator's model list (GET /v4/ai/config, in the
 * gateway's wire shape), then runs priced by the file it wrote. The simulator's GPT-4o mini is
 * priced unlike the shipped table (0.35 / 1.40 / 0.20 against 0.15 / 0.60 / 0.075), so a cost
 * at the fetched prices can only come from the fetched file.
 */
describe('llm-bench prices, against the simulator', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let gateway: Record<string, string>;
  let dataset: string;
  const fetched = { input: 0.35, output: 1.4, cachedInput: 0.2 };

  beforeAll(async () => {
    const cases = [
      { id: 'capital', prompt: 'What is the capital of France?', expected: 'Paris' },
      { id: 'sum', prompt: 'What is 2 + 2?', expected: '4' },
    ];
    const profiles = constantMockProfiles(
      { id: 'gpt-4o-mini', provider: 'openai', gatewayModel: 'openai/gpt-4o-mini', ttftMs: 5, tokensPerSecond: 5_000, pricePerMillionTokens: fetched, answer: { policy: 'oracle', accuracy: 1 } },
      { id: 'gpt-4o', provider: 'openai', gatewayModel: 'openai/gpt-4o', ttftMs: 5, tokensPerSecond: 5_000, pricePerMillionTokens: { input: 2.5, output: 10 }, answer: { policy: 'oracle', accuracy: 1 } },
      { id: 'unpriced', provider: 'mock', gatewayModel: 'mock/unpriced', ttftMs: 5, answer: { policy: 'fixed', text: 'ok' } },
    );
    server = await startMockServer({ profiles, cases });
    workspace = await makeWorkspace();
    dataset = await workspace.write('cases.jsonl', jsonl(cases));
    gateway = { AI_GATEWAY_API_KEY: 'simulator-accepts-any-key', AI_GATEWAY_BASE_URL: `${server.url}/v4/ai` };
  });

  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  const runCosts = async (out: string, options: { cwd?: string; prices?: string }) => {
    const result = await runCli(
      ['run', '--dataset', dataset, '--target', 'openai:gpt-4o-mini', '--out', out, '--warmup', '0', ...(options.prices ? ['--prices', options.prices] : [])],
      { env: { OPENAI_API_KEY: 'simulator-accepts-any-key', OPENAI_BASE_URL: `${server.url}/v1` }, ...(options.cwd ? { cwd: options.cwd } : {}) },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    return (await readCsv(join(out, 'results.csv'))).filter((row) => row.final === 'true');
  };

  /** What the fetched prices make of a row's tokens, computed here, not by the code under test. */
  const costAt = (row: Record<string, string>, price: { input: number; output: number; cachedInput: number }) => {
    const cached = Number(row.cached_input_tokens || 0);
    return ((Number(row.input_tokens) - cached) * price.input + cached * price.cachedInput + Number(row.output_tokens) * price.output) / 1_000_000;
  };

  const expectFetchedPrices = (rows: Array<Record<string, string>>) => {
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.status).toBe('ok');
      expect(row.cost_source).toBe('price-table');
      expect(Number(row.output_tokens)).toBeGreaterThan(0);
      expect(Number(row.cost_usd)).toBeCloseTo(costAt(row, fetched), 12);
      // Not the shipped table's price of the same model.
      expect(Number(row.cost_usd)).not.toBeCloseTo(costAt(row, { input: 0.15, output: 0.6, cachedInput: 0.075 }), 12);
    }
  };

  it('refuses --update without a key (exit 2), naming the variable, and writes nothing', async () => {
    const folder = join(workspace.path, 'no-key');
    await mkdir(folder);
    const result = await runCli(['prices', '--update'], { cwd: folder, env: { AI_GATEWAY_BASE_URL: gateway.AI_GATEWAY_BASE_URL! } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('set AI_GATEWAY_API_KEY');
    expect(existsSync(join(folder, '.llm-bench'))).toBe(false);
  });

  it('--update writes .llm-bench/prices.yaml, dated and sourced, skips the unpriced model, and runs here use it without flags', async () => {
    const folder = join(workspace.path, 'project');
    await mkdir(folder);
    const update = await runCli(['prices', '--update'], { cwd: folder, env: gateway });
    expect(update.stderr).toBe('');
    expect(update.exitCode).toBe(0);
    const source = `${server.url}/v4/ai/config`;
    expect(update.stdout).toContain(`Wrote 2 models' prices to .llm-bench/prices.yaml (from ${source}, `);
    expect(update.stdout).toContain('mock/unpriced: no pricing in the list');

    const text = await readFile(join(folder, '.llm-bench', 'prices.yaml'), 'utf8');
    expect(text).toMatch(/^updated: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/m);
    expect(text).toContain(`\nsource: ${source}\n`);
    expect(text).toContain(['  - model: openai/gpt-4o-mini', '    input: 0.35', '    output: 1.4', '    cached_input: 0.2', `    source: ${source}`].join('\n'));
    expect(text).not.toContain('mock/unpriced');

    const shown = await runCli(['prices'], { cwd: folder });
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toContain('Price table: .llm-bench/prices.yaml (fetched by `llm-bench prices --update`)');
    expect(shown.stdout).toMatch(/^openai\/gpt-4o-mini\s+0\.35\s+1\.4\s+0\.2\s+\d{4}-\d\d-\d\d$/m);
    expect(shown.stdout).toContain('2 models; USD per million tokens.');

    const rows = await runCosts(join(folder, 'run'), { cwd: folder });
    expectFetchedPrices(rows);
    const manifest = JSON.parse(await readFile(join(folder, 'run', 'run.json'), 'utf8')) as { targets: Array<{ price?: { source: string } }> };
    expect(manifest.targets[0]!.price?.source).toBe(source);
  });

  it('--update --out writes the named file, which a run uses with --prices', async () => {
    const file = join(workspace.path, 'fetched-prices.yaml');
    const update = await runCli(['prices', '--update', '--out', file], { env: gateway });
    expect(update.exitCode).toBe(0);
    expect(update.stdout).toContain(`Use it in a run with --prices ${file}.`);
    expectFetchedPrices(await runCosts(join(workspace.path, 'named-run'), { prices: file }));
  });

  it('--check exits 4 with each price the gateway lists differently, and 0 when the table matches', async () => {
    const stale = await runCli(['prices', '--check', '--prices', 'data/prices.yaml'], { env: gateway });
    expect(stale.exitCode).toBe(4);
    expect(stale.stdout).toContain('openai/gpt-4o-mini: input 0.15 -> 0.35, output 0.6 -> 1.4, cached_input 0.075 -> 0.2');
    expect(stale.stdout).toContain('In the table, not in the gateway\'s list: openai/gpt-4.1-mini');

    const file = join(workspace.path, 'checked-prices.yaml');
    expect((await runCli(['prices', '--update', '--out', file], { env: gateway })).exitCode).toBe(0);
    const current = await runCli(['prices', '--check', '--prices', file], { env: gateway });
    expect(current.exitCode).toBe(0);
    expect(current.stdout).toContain('Every price in the table matches');
  });

  it('a gateway that refuses the request ends --update with exit 3, and writes nothing', async () => {
    const file = join(workspace.path, 'refused.yaml');
    const result = await runCli(['prices', '--update', '--out', file], { env: { ...gateway, AI_GATEWAY_BASE_URL: `${server.url}/not-the-gateway` } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain(`could not read the model list at ${server.url}/not-the-gateway/config`);
    expect(result.stderr).toContain('HTTP 404');
    expect(existsSync(file)).toBe(false);
  });

  it('a run with a real target priced from a table over 30 days old says so once; a run of simulated targets does not', async () => {
    const stale = await workspace.write('stale.yaml', 'version: 1\nprices:\n  - { model: openai/gpt-4o-mini, input: 0.15, output: 0.6, source: test, as_of: 2020-01-01 }\n');
    const env = { OPENAI_API_KEY: 'simulator-accepts-any-key', OPENAI_BASE_URL: `${server.url}/v1` };
    const real = await runCli(['run', '--dataset', dataset, '--target', 'openai:gpt-4o-mini', '--prices', stale, '--out', join(workspace.path, 'stale-real'), '--warmup', '0'], { env });
    expect(real.exitCode, real.stderr).toBe(0);
    const said = real.stdout.replace(/\s+/g, ' ');
    expect(said.match(/is \d+ days old \(2020-01-01\), and costs at list price come from it/g)).toHaveLength(1);
    expect(said).toContain(`llm-bench prices --update --out ${stale}`);
    const simulated = await runCli(['run', '--dataset', dataset, '--target', 'simulated:openai:gpt-4o-mini', '--prices', stale, '--out', join(workspace.path, 'stale-simulated'), '--warmup', '0']);
    expect(simulated.exitCode, simulated.stderr).toBe(0);
    expect(simulated.stdout).toContain('Simulator on');
    expect(simulated.stdout.replace(/\s+/g, ' ')).not.toContain('days old');
  });

  it("a hostile model list: its control sequences never reach the terminal, and the rows it spoils are skipped, not written", async () => {
    const hostile = createServer((_request, response) => {
      const model = (id: string, input: string) => ({ id, name: id, pricing: { input, output: '0.000002' }, specification: { specificationVersion: 'v4', provider: 'x', modelId: id } });
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ models: [model('evil/\u001b]0;pwned\u0007\u001b[31mred', '0.000001'), model('evil/price', '0.000001\u001b[2J'), model('ok/fine', '0.000001')] }));
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    try {
      const file = join(workspace.path, 'hostile-prices.yaml');
      const url = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/v4/ai`;
      const result = await runCli(['prices', '--update', '--out', file], { env: { AI_GATEWAY_API_KEY: 'k', AI_GATEWAY_BASE_URL: url } });
      expect(result.exitCode).toBe(0);
      expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(result.stdout).toContain("Wrote 1 model's prices");
      expect(result.stdout).toMatch(/^ {2}evil\/.*red: model: control character U\+001B/m);
      expect(result.stdout).toContain('evil/price: not a price in USD per token');
      const text = await readFile(file, 'utf8');
      expect(text).toContain('  - model: ok/fine\n    input: 1\n    output: 2\n');
      expect(text).not.toContain('evil/');
    } finally {
      await new Promise<void>((resolve) => hostile.close(() => resolve()));
    }
  });
});
