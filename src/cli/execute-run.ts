import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../config/errors.ts';
import type { PriceRow } from '../config/price-table-schema.ts';
import { loadDataset } from '../datasets/index.ts';
import { writeFileAtomic, writeReports, type ReportInput } from '../reports/index.ts';
import { loadTokenCounter, planRun, ResultsFile, runPlan, type AttemptRecord } from '../runner/index.ts';
import { scoreCase } from '../scoring/index.ts';
import { summarize, type TargetSummary } from '../stats/index.ts';
import { createRedactor, loadPriceTable, resolveTargets, type Target } from '../targets/index.ts';
import { describeMachine, describeTargets, packageVersions, type RunManifest } from './run-manifest.ts';
import type { RunOptions } from './run-options.ts';

export type ExecuteRunContext = {
  argv: string[];
  environment: Record<string, string | undefined>;
  /** Labels of targets served by the simulator. */
  simulated?: ReadonlySet<string>;
  /** Extra price rows (the simulator's illustrative prices). */
  extraPrices?: PriceRow[];
  signal?: AbortSignal;
};

export type RunOutcome = {
  folder: string;
  records: AttemptRecord[];
  summaries: TargetSummary[];
  targets: Target[];
  reportPaths: string[];
};

/**
 * The whole of `llm-bench run` except the terminal: validate everything, then measure, score,
 * append each result as it lands, and write the reports.
 */
export async function executeRun(options: RunOptions, context: ExecuteRunContext): Promise<RunOutcome> {
  const dataset = await loadDataset(options.dataset);
  const prices = await loadPriceTable(options.prices);
  for (const row of context.extraPrices ?? []) if (!prices.has(row.model)) prices.set(row.model, row);
  const targets = resolveTargets(options.target, {
    environment: context.environment,
    prices,
    ...(context.simulated ? { simulated: context.simulated } : {}),
  });
  const redact = createRedactor(targets.flatMap((target) => target.secrets));
  const folder = await createRunFolder(options.out);
  const runId = folder.split(/[\\/]/).at(-1) ?? 'run';

  const manifest: RunManifest = {
    runId,
    startedAt: new Date().toISOString(),
    status: 'running',
    arguments: context.argv.map(redact),
    settings: settingsOf(options),
    dataset: { path: options.dataset, sha256: dataset.hash, cases: dataset.cases.length },
    targets: describeTargets(targets),
    versions: packageVersions(),
    machine: describeMachine(),
  };
  const manifestPath = join(folder, 'run.json');
  await writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

  // Loaded before the first request is timed: parsing it mid-run would stall streams in flight.
  const countTokens = await loadTokenCounter();
  const casesById = new Map(dataset.cases.map((testCase) => [testCase.id, testCase]));
  const results = await ResultsFile.open(join(folder, 'results.jsonl'));
  let records: AttemptRecord[];
  try {
    records = await runPlan(
      planRun({ cases: dataset.cases, targets, repeats: options.repeats }),
      {
        concurrency: options.concurrency,
        targetConcurrency: options.targetConcurrency,
        warmup: options.warmup,
        maxRetries: options.retries,
        timeoutMs: options.timeoutMs,
        stallTimeoutMs: options.stallTimeoutMs,
        ...(options.maxTokens !== undefined ? { maxOutputTokens: options.maxTokens } : {}),
        ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      },
      {
        redact,
        countTokens,
        ...(context.signal ? { signal: context.signal } : {}),
        onRecord: async (record) => {
          const testCase = casesById.get(record.caseId);
          if (record.status === 'ok' && testCase) {
            const score = await scoreCase(testCase, {
              output: record.output,
              ...(record.timing.ttftMs !== undefined ? { ttftMs: record.timing.ttftMs } : {}),
              ...(record.timing.e2eMs !== undefined ? { e2eMs: record.timing.e2eMs } : {}),
              ...(record.costUsd !== undefined ? { costUsd: record.costUsd } : {}),
              ...(record.toolCalls ? { toolCalls: record.toolCalls } : {}),
            });
            if (score) record.score = score;
          }
          await results.append(record);
        },
      },
    );
  } finally {
    await results.close();
  }

  const summaries = summarize(records);
  const finishedAt = new Date().toISOString();
  const incomplete = context.signal?.aborted ?? false;
  const input: ReportInput = {
    records,
    summaries,
    run: {
      runId,
      simulatedTargets: targets.filter((target) => target.simulated).map((target) => target.label),
      incomplete,
      startedAt: manifest.startedAt,
      finishedAt,
    },
  };
  const reportPaths = await writeReports(folder, input);
  const finals = records.filter((record) => record.final);
  await writeFileAtomic(
    manifestPath,
    `${JSON.stringify(
      {
        ...manifest,
        finishedAt,
        status: incomplete ? 'incomplete' : 'completed',
        results: {
          attempts: records.length,
          slots: finals.length,
          ok: finals.filter((record) => record.status === 'ok').length,
          errors: finals.filter((record) => record.status === 'error').length,
        },
      } satisfies RunManifest,
      null,
      2,
    )}\n`,
  );
  return { folder, records, summaries, targets, reportPaths: [manifestPath, join(folder, 'results.jsonl'), ...reportPaths] };
}

async function createRunFolder(out: string | undefined): Promise<string> {
  const folder = out
    ? resolve(out)
    : resolve('reports', `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z')}-${randomBytes(3).toString('hex')}`);
  await mkdir(folder, { recursive: true });
  const existing = await readdir(folder);
  if (existing.includes('results.jsonl')) {
    throw new InputError(`${folder} already holds a run's results.jsonl; choose another --out`);
  }
  return folder;
}

function settingsOf(options: RunOptions): RunManifest['settings'] {
  const { target: _target, dataset: _dataset, ...settings } = options;
  return settings;
}
