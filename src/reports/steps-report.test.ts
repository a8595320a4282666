import { parse } from 'csv-parse/sync';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Reconciliation } from '../records/reconciliation.ts';
import { summariseRun } from '../session/summarise-run.ts';
import { makeAttempt } from '../stats/make-attempt.ts';
import { pipelineSlot } from '../stats/test/pipeline-records.ts';
import { reportMd } from './report-md.ts';
import { reportPage } from './report-html.ts';
import { builtinReporters } from './reporters.ts';
import { renderStepsText } from './steps-text.ts';
import { summaryJsonSchema, summaryOutputVersion } from './summary-json-schema.ts';
import { summaryDocument } from './summary-json.ts';

/** A step name a dataset author (or an attacker) wrote: HTML, a Markdown table cell, a spreadsheet formula, a terminal escape. */
const hostileStep = '=HYPERLINK("x")|<script>alert(1)</script>\u001b[2J';
const hostileTarget = 'mock:4o<img src=x>';

function records() {
  return Array.from({ length: 6 }, (_, index) =>
    pipelineSlot({
      caseId: `q${index}`, ttftMs: 400 + index, criticalPathMs: 900 + index, sumOfStepsMs: 1200 + index, passed: index !== 0,
      steps: [
        { step: 'classify', ttftMs: 100 + index, e2eMs: 300, costUsd: 0.001, passed: true },
        { step: hostileStep, ttftMs: 200 + index, e2eMs: 600, costUsd: 0.004, passed: index > 1, stepTarget: hostileTarget },
      ],
    }),
  ).flat();
}

const reconciliation: Reconciliation = {
  fetchedAt: '2026-12-07T18:00:00.000Z',
  sample: 2,
  rows: [1, 2].map((index) => ({ target: 'mock:mini', caseId: `q${index}`, repeat: 1, generationId: `gen_${index}`, ttftMs: 300, e2eMs: 900, gatewayLatencyMs: 240, gatewayGenerationTimeMs: 820, listCostUsd: 0.001, gatewayTotalCostUsd: 0.0012, providerName: 'openai', isByok: false })),
  failures: [],
};

function input() {
  const all = [
    ...records(),
    // A single-call target with prompt-cache and gateway-cost figures.
    ...Array.from({ length: 12 }, (_, index) => makeAttempt({
      target: 'gateway:mini', caseId: `q${index}`, timing: { ttftMs: index < 6 ? 900 + index : 200 + index },
      usage: { inputTokens: 1000, estimated: false, ...(index < 6 ? {} : { cachedInputTokens: 900 }) },
      costUsd: 0.0011, listCostUsd: 0.001, gatewayCostUsd: 0.0011,
    })),
  ];
  return summariseRun({ records: all, planned: [], run: { runId: 'r1', simulatedTargets: [] }, reconciliation });
}

describe('the per-step view in every report', () => {
  it('summary.csv keeps one row per (target, prompt), and steps.csv has one per step, formulas neutralised', () => {
    const files = builtinReporters().flatMap((named) => named.reporter.render?.(input()) ?? []);
    const summary = parse(files.find((file) => file.fileName === 'summary.csv')!.content, { columns: true }) as Array<Record<string, string>>;
    expect(summary.map((row) => row.target)).toEqual(['mock:mini', 'gateway:mini']);
    // The pipeline view: six cases, 12 requests sent, the critical path as e2e, the cost once.
    expect(summary[0]).toMatchObject({ requests: '6', attempts: '12', e2e_p50_ms: '902.5', ttft_p50_ms: '402.5', cost_usd_total: '0.03', pass_rate: '0.833333' });
    expect(summary[1]).toMatchObject({ ttft_cold_p50_ms: '902.5', ttft_cold_n: '6', ttft_warm_p50_ms: '208.5', ttft_warm_n: '6', gateway_cost_n: '12', list_cost_usd: '0.012', gateway_cost_usd: '0.0132', gateway_cost_diff_pct: '10' });
    expect(summary[0]).toMatchObject({ ttft_cold_p50_ms: '', gateway_cost_n: '' });
    const steps = parse(files.find((file) => file.fileName === 'steps.csv')!.content, { columns: true }) as Array<Record<string, string>>;
    expect(steps.map((row) => row.step)).toEqual(['classify', `'${hostileStep}`]);
    expect(steps[1]).toMatchObject({ kind: 'step', step_target: hostileTarget, cases: '6', pass_rate: '0.666667', ttft_p50_ms: '202.5', ttft_p50_n: '6', cost_per_case_usd: '0.004' });
  });

  it('writes no steps.csv for a run of single calls', () => {
    const single = summariseRun({ records: [makeAttempt({ timing: { ttftMs: 1 } })], planned: [], run: { runId: 'r2', simulatedTargets: [] } });
    const names = builtinReporters().flatMap((named) => named.reporter.render?.(single) ?? []).map((file) => file.fileName);
    expect(names).toContain('summary.csv');
    expect(names).not.toContain('steps.csv');
  });

  it('summary.json has steps, pipelines and the reconciliation, and the --json schema accepts them', () => {
    const report = input();
    const document = summaryDocument(report);
    expect(document.steps).toHaveLength(2);
    expect(document.steps![1]).toMatchObject({ step: hostileStep, step_target: hostileTarget, ttft_p50_ms: 202.5, ttft_p50_ms_needs_n: null });
    expect(document.steps![0]).toMatchObject({ pass_rate: 1, passed: 6 });
    expect(document.pipelines![0]).toMatchObject({ target: 'mock:mini', kind: 'pipeline', critical_path_p50_ms: 902.5, sum_of_steps_p50_ms: 1202.5, cost_per_case_usd: 0.005, failed_steps: {} });
    expect(document.reconciliation).toMatchObject({ sample: 2, targets: [{ target: 'mock:mini', n: 2, network_share_p50_ms: null, network_share_p50_ms_needs_n: 6, cost_diff_pct: 20 }] });
    const output = JSON.parse(JSON.stringify({ version: summaryOutputVersion, folder: '/r1', exitCode: 0, incomplete: false, interrupted: false, stoppedTargets: [], budgetReached: false, gates: [], reports: [], ...document }));
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(summaryJsonSchema());
    expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
  });

  it('report.md has a Steps section, the whole-case line, the cache split, the gateway cost and the reconciliation, labels escaped', () => {
    const text = reportMd.render(input());
    expect(text).toContain('### Steps');
    expect(text).toContain('critical path p50 903 ms against 1203 ms for the steps one after another');
    expect(text).toContain('### Prompt cache: cold and warm TTFT');
    expect(text).toContain('TTFT p50 cold 903 ms (n=6), warm 209 ms (n=6)');
    expect(text).toContain('gateway $0.0132 against list price $0.012 (+$0.0012, +10.0%) over 12 calls');
    expect(text).toContain('### Reconciliation with the AI Gateway');
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('<img');
    expect(text).not.toContain('\u001b');
    // The name cannot end its table cell.
    const row = text.split('\n').find((line) => line.includes('HYPERLINK'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(11);
  });

  it('report.html has the same sections, every label escaped', () => {
    const page = reportPage(input(), []);
    expect(page).toContain('<h2 id="steps">Steps</h2>');
    expect(page).toContain('<h2 id="prompt-cache">');
    expect(page).toContain('<h2 id="gateway-cost">');
    expect(page).toContain('<h2 id="reconciliation">');
    expect(page).toContain('&lt;script&gt;');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x>');
  });

  it('the terminal shows the steps with the labels made inert', () => {
    const report = input();
    const text = renderStepsText({ summaries: report.summaries, steps: report.steps, pipelines: report.pipelines, width: Infinity });
    expect(text).toContain('Steps (per step, the case as the unit)');
    expect(text).toContain('classify');
    expect(text).toContain('Prompt cache:');
    expect(text).toContain('AI Gateway cost against the price table:');
    expect(text).not.toContain('\u001b');
    expect(renderStepsText({ summaries: [], width: 100 })).toBe('');
  });

  it('labels a conversation per turn', () => {
    const turns = Array.from({ length: 2 }, (_, index) => pipelineSlot({ caseId: `c${index}`, kind: 'conversation', ttftMs: 90, criticalPathMs: 800, passed: true, steps: [{ step: 'turn 1', ttftMs: 90, e2eMs: 300 }, { step: 'turn 2', ttftMs: 95, e2eMs: 500 }] })).flat();
    const report = summariseRun({ records: turns, planned: [], run: { runId: 'r3', simulatedTargets: [] } });
    expect(reportMd.render(report)).toContain('### Turns');
    expect(reportMd.render(report)).toContain('per conversation');
    expect(reportPage(report, [])).toContain('<h2 id="steps">Turns</h2>');
  });
});
