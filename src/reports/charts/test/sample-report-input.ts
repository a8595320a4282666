import type { AttemptRecord, ErrorType } from '../../../records/attempt-record.ts';
import { makeAttempt } from '../../../stats/make-attempt.ts';
import { summarize } from '../../../stats/summarize.ts';
import type { ReportInput } from '../../report-input.ts';

export type SampleTarget = {
  label: string;
  /** Median TTFT in ms; e2e adds a decode time. */
  ttftMs: number;
  tokensPerSecond: number;
  /** Share of answers that pass. */
  quality: number;
  /** Per request; undefined for a target without a price. */
  costUsd?: number;
  /** Share of requests that fail, and with what. */
  errors?: { share: number; types: ErrorType[] };
};

/** Test helper: a run of `cases` cases against each target, drawn from a fixed seed, with its summaries. */
export function sampleReportInput(targets: readonly SampleTarget[], cases: number, options: { assertions?: boolean; prompts?: string[] } = {}): ReportInput {
  let seed = 12345;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const records: AttemptRecord[] = [];
  for (const prompt of options.prompts ?? ['default']) {
    for (const target of targets) {
      for (let index = 0; index < cases; index++) {
        const caseId = `case-${index}`;
        if (target.errors && random() < target.errors.share) {
          const type = target.errors.types[index % target.errors.types.length]!;
          records.push(makeAttempt({ caseId, target: target.label, prompt, error: { type, message: `${type} happened` } }));
          continue;
        }
        const ttftMs = target.ttftMs * Math.exp((random() - 0.5) * 0.8);
        const tps = target.tokensPerSecond * (0.8 + 0.4 * random());
        const passed = random() < target.quality;
        records.push(
          makeAttempt({
            caseId,
            target: target.label,
            prompt,
            timing: { ttftMs, e2eMs: ttftMs + (200 / tps) * 1000, outputTps: tps },
            usage: { estimated: false, inputTokens: 50, outputTokens: 200 },
            ...(target.costUsd === undefined ? {} : { costUsd: target.costUsd }),
            ...(options.assertions === false ? {} : { score: { score: passed ? 1 : 0, passed, reason: passed ? 'equals' : 'differs' } }),
          }),
        );
      }
    }
  }
  return { records, summaries: summarize(records), comparisons: [], run: { runId: 'sample', simulatedTargets: [] } };
}

export const fourTargets: SampleTarget[] = [
  { label: 'openai:gpt-4o-mini', ttftMs: 350, tokensPerSecond: 90, quality: 0.82, costUsd: 0.0004, errors: { share: 0.05, types: ['timeout', 'rate_limited'] } },
  { label: 'anthropic:claude-haiku', ttftMs: 500, tokensPerSecond: 120, quality: 0.88, costUsd: 0.0012 },
  { label: 'local:llama-3-8b', ttftMs: 150, tokensPerSecond: 45, quality: 0.6, errors: { share: 0.1, types: ['network', 'stream_error', 'server_error'] } },
  { label: 'gateway:big-model', ttftMs: 900, tokensPerSecond: 60, quality: 0.93, costUsd: 0.006 },
];
