import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockProfilesSchema } from '../src/config/mock-profile-schema.ts';
import { startMockServer, type MockServer } from '../src/mock/index.ts';
import { runCli } from './support/run-cli.ts';
import { jsonl, makeWorkspace } from './support/run-folder.ts';
import { readRunOutputs, slotTallies } from './support/run-outputs.ts';

const caseIds = (count: number) => Array.from({ length: count }, (_, index) => `case-${index}`);

describe('a target stopped by the run’s own rules', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  beforeEach(async () => {
    workspace = await makeWorkspace();
  });
  afterEach(async () => {
    await workspace.remove();
  });

  describe('the circuit breaker', () => {
    let server: MockServer;
    afterEach(async () => {
      await server.close();
    });

    it('stops a target whose requests all fail, long before its last case; the healthy target finishes', async () => {
      server = await startMockServer({
        profiles: mockProfilesSchema.parse({
          models: [
            { id: 'broken', ttftMs: { p50: 10, p90: 10 }, tokensPerSecond: 2000, faultRates: { server_error: 1 } },
            { id: 'healthy', ttftMs: { p50: 10, p90: 10 }, tokensPerSecond: 2000 },
          ],
        }),
      });
      const ids = caseIds(40);
      const dataset = await workspace.write('cases.jsonl', jsonl(ids.map((id) => ({ id, prompt: `echo ${id}` }))));
      const folder = join(workspace.path, 'run');
      const result = await runCli([
        'run', '--dataset', dataset,
        '--target', `broken=openai-compatible:broken@${server.url}/v1`,
        '--target', `healthy=openai-compatible:healthy@${server.url}/v1`,
        '--concurrency', '4', '--warmup', '0', '--retries', '0', '--max-error-rate', '0.5', '--out', folder,
      ]);
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(3);
      expect(result.stdout).toMatch(/STOPPED broken: circuit breaker: \d+ of the last \d+ requests failed \(--max-error-rate 0\.5\)/);
      expect(result.stdout).toContain('INCOMPLETE');

      // The breaker needs 10 finished requests; at most the 4 in flight when it trips come after.
      const sentToBroken = server.requests().filter((request) => request.model === 'broken');
      expect(sentToBroken.length).toBeGreaterThanOrEqual(10);
      expect(sentToBroken.length).toBeLessThanOrEqual(14);

      const outputs = await readRunOutputs(folder);
      expect(outputs.manifest).toMatchObject({ status: 'incomplete', stoppedTargets: [{ target: 'broken' }] });
      expect(outputs.manifest.stoppedTargets?.[0]?.reason).toContain('circuit breaker');
      const broken = outputs.lines.filter((line) => line.target === 'broken');
      expect(broken).toHaveLength(sentToBroken.length);
      expect(broken.every((line) => line.status === 'error' && line.error?.type === 'server_error' && line.final)).toBe(true);
      for (const tally of slotTallies(outputs, 'broken', ids)) expect(tally.finals).toBeLessThanOrEqual(1);

      for (const tally of slotTallies(outputs, 'healthy', ids)) expect(tally).toMatchObject({ finals: 1, answers: 1 });
      expect(server.requests().filter((request) => request.model === 'healthy')).toHaveLength(40);
      expect(outputs.summary.find((row) => row.target === 'healthy')).toMatchObject({ requests: '40', success_rate: '1' });
      expect(outputs.summary.find((row) => row.target === 'broken')).toMatchObject({
        requests: String(sentToBroken.length),
        success_rate: '0',
        error_counts: `server_error=${sentToBroken.length}`,
      });
    });

    it('marks one attempt final for every slot it sent, also for slots stopped between retries', async () => {
      server = await startMockServer({
        profiles: mockProfilesSchema.parse({
          models: [{ id: 'broken', ttftMs: { p50: 10, p90: 10 }, tokensPerSecond: 2000, faultRates: { server_error: 1 } }],
        }),
      });
      const ids = caseIds(40);
      const dataset = await workspace.write('cases.jsonl', jsonl(ids.map((id) => ({ id, prompt: `echo ${id}` }))));
      const folder = join(workspace.path, 'run');
      const result = await runCli([
        'run', '--dataset', dataset, '--target', `broken=openai-compatible:broken@${server.url}/v1`,
        '--concurrency', '4', '--warmup', '0', '--retries', '1', '--out', folder,
      ]);
      expect(result.exitCode).toBe(3);
      const outputs = await readRunOutputs(folder);
      const sentSlots = new Set(outputs.rows.map((row) => row.case_id));
      expect(sentSlots.size).toBeGreaterThan(0);
      for (const tally of slotTallies(outputs, 'broken', [...sentSlots].map(String))) expect(tally.finals, tally.caseId).toBe(1);
      expect(outputs.manifest.results.slots).toBe(Number(outputs.summary[0]?.requests));
    });
  });

  describe('quota and credit errors', () => {
    let provider: Server;
    let providerUrl: string;
    const received: string[] = [];

    // A provider whose account is out of money, each route in its own words.
    beforeEach(async () => {
      received.length = 0;
      provider = createServer((request, response) => {
        received.push(request.url ?? '');
        request.resume();
        request.on('end', () => {
          const reply = (status: number, body: object) => {
            response.writeHead(status, { 'content-type': 'application/json' });
            response.end(JSON.stringify(body));
          };
          if (request.url === '/openai/v1/chat/completions') {
            return reply(429, {
              error: {
                message: 'You exceeded your current quota, please check your plan and billing details.',
                type: 'insufficient_quota',
                param: null,
                code: 'insufficient_quota',
              },
            });
          }
          if (request.url === '/v1/messages') {
            return reply(400, {
              type: 'error',
              error: {
                type: 'invalid_request_error',
                message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
              },
            });
          }
          return reply(402, { error: { message: 'Your account has no credit left.', type: 'billing_error' } });
        });
      });
      await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
      providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    });
    afterEach(async () => {
      provider.closeAllConnections();
      await new Promise<void>((resolve) => provider.close(() => resolve()));
    });

    it('stops each target at its first quota error, without a retry (exit code 3)', async () => {
      const ids = caseIds(6);
      const dataset = await workspace.write('cases.jsonl', jsonl(ids.map((id) => ({ id, prompt: `echo ${id}` }))));
      const folder = join(workspace.path, 'run');
      const result = await runCli(
        [
          'run', '--dataset', dataset,
          '--target', `openai=openai-compatible:gpt-4o-mini@${providerUrl}/openai/v1`,
          '--target', 'anthropic=anthropic:claude-sonnet-4',
          '--target', `payment=openai-compatible:m@${providerUrl}/payment/v1`,
          '--concurrency', '1', '--warmup', '0', '--retries', '3', '--out', folder,
        ],
        { env: { ANTHROPIC_BASE_URL: `${providerUrl}/v1`, ANTHROPIC_API_KEY: 'test-key' } },
      );
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(3);
      expect(result.stdout).toMatch(/STOPPED openai: out of quota or credit \(HTTP 429\): .*exceeded your current quota/);
      expect(result.stdout).toMatch(/STOPPED anthropic: out of quota or credit \(HTTP 400\): .*credit balance is too low/);
      expect(result.stdout).toMatch(/STOPPED payment: out of quota or credit \(HTTP 402\)/);

      // One request per target: a quota error is never retried, and nothing follows it.
      expect(received.toSorted()).toEqual(['/openai/v1/chat/completions', '/payment/v1/chat/completions', '/v1/messages']);
      const outputs = await readRunOutputs(folder);
      expect(outputs.lines).toHaveLength(3);
      for (const line of outputs.lines) expect(line).toMatchObject({ attempt: 1, final: true, status: 'error', error: { type: 'quota' } });
      expect(outputs.manifest.stoppedTargets?.map((stopped) => stopped.target).toSorted()).toEqual(['anthropic', 'openai', 'payment']);
      expect(outputs.manifest.status).toBe('incomplete');
    });
  });
});
