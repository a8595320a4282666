import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantMockProfiles, startMockServer, type MockServer } from '../src/mock/index.ts';
import type { AttemptRecord } from '../src/records/index.ts';
import { runCli } from './support/run-cli.ts';
import { makeWorkspace, readCsv, readJsonLines, testPrices } from './support/run-folder.ts';

// The per-step view, the gateway's cost and --reconcile in every report, through the CLI: a
// pipeline (classify, then extract and tone side by side, then draft on another target) on AI
// Gateway targets of the simulator, whose answers echo the prompt.
const price = { input: 0.15, output: 0.6, cachedInput: 0.075 };
const model = (id: string) => ({ id, provider: 'openai', gatewayModel: `openai/${id}`, ttftMs: 25, tokensPerSecond: 2000, pricePerMillionTokens: price, answer: { policy: 'echo' as const } });
const key = 'simulator-accepts-any-key';
const caseIds = ['t1', 't2', 't3', 't4', 't5', 't6'];

const dataset = `cases:
${caseIds.map((id) => `  - id: ${id}
    steps:
      - name: classify
        prompt: "${id} classify this ticket"
        assert: [{ type: contains, value: "${id} classify" }]
      - name: extract
        prompt: "${id} extract from {{steps.classify.output}}"
      - name: tone
        prompt: "${id} tone of {{steps.classify.output}}"
      - name: draft
        target: openai/gpt-4o
        prompt: "${id} draft from {{steps.extract.output}} / {{steps.tone.output}}"
        assert: [{ type: contains, value: "${id} draft" }]
`).join('')}`;

describe('reports of a pipeline run on the AI Gateway', () => {
  let server: MockServer;
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let folder: string;
  let stdout: string;

  beforeAll(async () => {
    server = await startMockServer({ profiles: constantMockProfiles(model('gpt-4o-mini'), model('gpt-4o')) });
    workspace = await makeWorkspace();
    await workspace.write('pipeline.yaml', dataset);
    await workspace.write('prices.yaml', testPrices(['openai/gpt-4o-mini', 'openai/gpt-4o']));
    folder = join(workspace.path, 'run');
    const result = await runCli(['run', '-d', 'pipeline.yaml', '-t', 'openai/gpt-4o-mini', '--prices', 'prices.yaml', '--warmup', '0', '--concurrency', '8', '--reconcile', '6', '--out', folder], {
      cwd: workspace.path,
      env: { AI_GATEWAY_BASE_URL: `${server.url}/v4/ai`, AI_GATEWAY_API_KEY: key },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    stdout = result.stdout;
  }, 120_000);

  afterAll(async () => {
    await server.close();
    await workspace.remove();
  });

  it('summary.csv is the pipeline view: a case is one request, its cost every step\'s, counted once', async () => {
    const records = await readJsonLines<AttemptRecord>(join(folder, 'results.jsonl'));
    const steps = records.filter((record) => record.step !== undefined);
    const [summary] = await readCsv(join(folder, 'summary.csv'));
    // The server's ground truth: one request per step of each case.
    expect(server.requests()).toHaveLength(caseIds.length * 4);
    expect(summary).toMatchObject({ target: 'openai/gpt-4o-mini', requests: String(caseIds.length), attempts: String(caseIds.length * 4), pass_rate: '1' });
    expect(Number(summary!.cost_usd_total)).toBeCloseTo(steps.reduce((sum, record) => sum + record.costUsd!, 0), 12);
    // Every call has both costs: the gateway's (list price + 5% in the simulator) beside the price table's.
    expect(summary).toMatchObject({ gateway_cost_n: String(caseIds.length * 4), gateway_cost_diff_pct: '5' });
    // The pipeline's e2e is the critical path: extract and tone overlap, so less than the steps one after another.
    const json = JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8'));
    const [pipeline] = json.pipelines;
    expect(pipeline).toMatchObject({ target: 'openai/gpt-4o-mini', kind: 'pipeline', requests: caseIds.length, answered: caseIds.length, pass_rate: 1, attempts_per_case: 4 });
    expect(pipeline.critical_path_p50_ms).toBe(Number(summary!.e2e_p50_ms));
    expect(pipeline.critical_path_p50_ms).toBeLessThan(pipeline.sum_of_steps_p50_ms);
    const manifest = JSON.parse(await readFile(join(folder, 'run.json'), 'utf8'));
    expect(manifest.results).toMatchObject({ attempts: caseIds.length * 4, slots: caseIds.length, ok: caseIds.length });
  });

  it('steps.csv and summary.json give each step, the draft on its own target', async () => {
    const steps = await readCsv(join(folder, 'steps.csv'));
    expect(steps.map((row) => row.step)).toEqual(expect.arrayContaining(['classify', 'extract', 'tone', 'draft']));
    expect(steps[0]!.step).toBe('classify');
    expect(steps.at(-1)!.step).toBe('draft');
    const draft = steps.find((row) => row.step === 'draft')!;
    expect(draft).toMatchObject({ target: 'openai/gpt-4o-mini', step_target: 'openai/gpt-4o', cases: '6', pass_rate: '1', failures: '0', ttft_p50_n: '6' });
    expect(steps.find((row) => row.step === 'extract')).toMatchObject({ step_target: '', pass_rate: '' });
    const json = JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8'));
    expect(json.steps).toHaveLength(4);
    expect(json.steps.find((row: { step: string }) => row.step === 'draft')).toMatchObject({ step_target: 'openai/gpt-4o', kind: 'step' });
  });

  it("shows the reconciliation with the gateway's own record in summary.json, report.md and report.html", async () => {
    const json = JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8'));
    // The draft's generations are its own target's.
    expect(json.reconciliation).toMatchObject({ sample: 6, failures: 0 });
    expect(json.reconciliation.targets.map((row: { target: string }) => row.target).sort()).toEqual(['openai/gpt-4o', 'openai/gpt-4o-mini']);
    const [mini] = json.reconciliation.targets.filter((row: { target: string }) => row.target === 'openai/gpt-4o-mini');
    expect(mini).toMatchObject({ n: 6, cost_compared: 6, cost_diff_pct: 5, network_share_p50_ms_needs_n: null });
    // Our TTFT counts the network and the harness on top of the gateway's own: never less.
    expect(mini.network_share_p50_ms).toBeGreaterThanOrEqual(0);
    expect(mini.ttft_p50_ms).toBeGreaterThanOrEqual(mini.gateway_latency_p50_ms);
    const markdown = await readFile(join(folder, 'report.md'), 'utf8');
    for (const heading of ['### Steps', '### AI Gateway cost against the price table', '### Reconciliation with the AI Gateway']) expect(markdown).toContain(heading);
    expect(markdown).toMatch(/critical path p50 \S+( ms)? against \S+( ms)? for the steps one after another/);
    const html = await readFile(join(folder, 'report.html'), 'utf8');
    for (const id of ['steps', 'gateway-cost', 'reconciliation']) expect(html).toContain(`<h2 id="${id}">`);
  });

  it('prints the steps, the whole cases and the gateway cost in the terminal, and `report` writes the same files again', async () => {
    expect(stdout).toContain('Steps (per step, the case as the unit):');
    expect(stdout).toContain('Whole cases:');
    expect(stdout).toContain('AI Gateway cost against the price table:');
    const before = await Promise.all(['steps.csv', 'summary.csv'].map((name) => readFile(join(folder, name), 'utf8')));
    const again = await runCli(['report', folder], { cwd: workspace.path });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain('Steps (per step, the case as the unit):');
    expect(await Promise.all(['steps.csv', 'summary.csv'].map((name) => readFile(join(folder, name), 'utf8')))).toEqual(before);
    const markdown = await readFile(join(folder, 'report.md'), 'utf8');
    expect(markdown).toContain('### Reconciliation with the AI Gateway');
  });

  it('compare reads a pipeline run by its cases', async () => {
    const result = await runCli(['compare', folder, folder, '--out', join(workspace.path, 'comparison')], { cwd: workspace.path });
    expect(result.exitCode, result.stderr).toBe(0);
    const comparison = JSON.parse(await readFile(join(workspace.path, 'comparison', 'comparison.json'), 'utf8'));
    // Six cases, not 30 records: a case is its own record, its steps left out.
    expect(comparison.comparisons[0]).toMatchObject({ target: 'openai/gpt-4o-mini', cases: caseIds.length, passRate: { cases: caseIds.length, base: 1, current: 1 } });
  });

  it('run --json prints the steps and the whole cases in its document', async () => {
    const result = await runCli(['run', '-d', 'pipeline.yaml', '-t', 'openai/gpt-4o-mini', '--prices', 'prices.yaml', '--warmup', '0', '--json', '--out', join(workspace.path, 'json')], {
      cwd: workspace.path,
      env: { AI_GATEWAY_BASE_URL: `${server.url}/v4/ai`, AI_GATEWAY_API_KEY: key },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.steps.map((row: { step: string }) => row.step)).toEqual(expect.arrayContaining(['classify', 'extract', 'tone', 'draft']));
    expect(document.pipelines).toMatchObject([{ target: 'openai/gpt-4o-mini', requests: caseIds.length, answered: caseIds.length }]);
    // No --reconcile: no reconciliation.json, no section.
    expect(document.reconciliation).toBeUndefined();
    expect(document.summaries[0]).toMatchObject({ requests: caseIds.length, attempts: caseIds.length * 4 });
  });
});
