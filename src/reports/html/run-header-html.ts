import { escapeHtml } from '../escape-html.ts';
import { cutText } from './folded-text.ts';
import { harnessAdvice, harnessFiguresText, harnessSaturatedLabel, harnessSaturatedReasons } from '../harness-check-text.ts';
import type { TargetSummary } from '../../stats/index.ts';
import type { RunDescription, RunInfo } from '../report-input.ts';

/** The run as the header reads it: `resumedAt`, when the run was resumed, is when each later session began. */
/** @deprecated RunInfo carries resumedAt now. */
export type HeaderRun = RunInfo;

/**
 * The top of report.html: which run, when and for how long, and the harness's check on itself;
 * loud notes when the harness was saturated, figures come from the simulator, the run stopped
 * short, or a target was stopped. Each note says what the records
 * show: a run stopped by a circuit breaker whose requests were all made (a resumed session made
 * the rest) is not INCOMPLETE. What was run is `runDescriptionHtml`.
 */
export function runHeaderHtml({ run, summaries }: { run: HeaderRun; summaries: readonly TargetSummary[] }): string {
  const simulated = simulatedTargets(run.simulatedTargets, run.description);
  const notSent = summaries.reduce((sum, summary) => sum + summary.notSent, 0);
  const planned = summaries.reduce((sum, summary) => sum + summary.requests + summary.notSent, 0);
  const saturated = harnessSaturatedReasons(run.harness);
  const notes = [
    saturated === undefined ? '' : `<p class="loud" id="harness-saturated">${harnessSaturatedLabel}: ${escapeHtml(cutText(saturated, 2000))}. ${escapeHtml(harnessAdvice)}</p>`,
    simulated.length > 0
      ? `<p class="loud">SIMULATED: ${simulated.map((target) => `<code>${escapeHtml(target)}</code>`).join(', ')} ${simulated.length === 1 ? 'was' : 'were'} served by llm-bench's built-in simulator. Their figures are illustrative, not measurements of a real provider.</p>`
      : '',
    notSent > 0
      ? `<p class="warn">INCOMPLETE: ${notSent} of ${planned} planned requests ${notSent === 1 ? 'was' : 'were'} never sent; the figures cover the rest (see <em>not sent</em> in the summary).</p>`
      : run.incomplete ? '<p class="warn">The run stopped early, but every planned request was made (some by a resumed session): its figures cover its whole plan.</p>' : '',
    run.recordsSampled ? `<p class="meta" id="records-sampled">${escapeHtml(sampledText(run.recordsSampled))}</p>` : '',
    run.budgetReached ? '<p class="warn">Budget reached: scheduling stopped at <code>--max-cost</code>.</p>' : '',
    ...(run.stoppedTargets ?? []).map((stop) => {
      const own = summaries.filter((summary) => summary.target === stop.target);
      const left = own.reduce((sum, summary) => sum + summary.notSent, 0);
      const what = own.length === 0 ? 'before its last request' : left > 0 ? `before its last request (${left} not sent)` : 'after every one of its planned requests was made';
      return `<p class="warn">Stopped: <code>${escapeHtml(stop.target)}</code> ${what}: ${escapeHtml(stop.reason)}</p>`;
    }),
  ].join('\n');
  return `<h1>llm-bench run <code>${escapeHtml(run.runId)}</code></h1>
${datesLine(run.startedAt, run.finishedAt, run.resumedAt ?? [])}
${run.harness ? `<p class="meta harness">Harness check${run.harness.saturated ? '' : ' (not saturated)'}: ${escapeHtml(harnessFiguresText(run.harness))}</p>\n` : ''}${notes}`;
}

/** What a run too large to hold shows of its records (RunInfo.recordsSampled). */
export function sampledText(sample: NonNullable<RunInfo['recordsSampled']>): string {
  const count = (value: number) => value.toLocaleString('en-US');
  const cases = sample.caseShare === undefined ? 'every case' : `${(sample.caseShare * 100).toPrecision(2)}% of the cases (by a hash of their id)`;
  return `The summary counts all ${count(sample.records)} records; the errors, charts and cases below show a sample of ${count(sample.shown)}: repeat${sample.repeats === 1 ? ' 1' : `s 1–${sample.repeats}`} of ${cases}, and each target's first error.`;
}

function simulatedTargets(listed: readonly string[], description: RunDescription | undefined): string[] {
  const described = description?.targets.filter((target) => target.simulated).map((target) => target.label) ?? [];
  return [...new Set([...listed, ...described])];
}

/**
 * When the run started and finished, and how long it took. A resumed run says when each later
 * session began, and how long the last one took: the time between its first start and its end
 * includes however long it lay stopped, which is no measure of anything.
 */
function datesLine(startedAt: string | undefined, finishedAt: string | undefined, resumedAt: readonly string[]): string {
  if (startedAt === undefined) return '';
  const lastStart = resumedAt.at(-1) ?? startedAt;
  const took = finishedAt === undefined ? undefined : duration(Date.parse(finishedAt) - Date.parse(lastStart));
  const parts = [
    `started ${escapeHtml(readableDate(startedAt))}`,
    ...resumedAt.map((at) => `resumed ${escapeHtml(readableDate(at))}`),
    ...(finishedAt ? [`finished ${escapeHtml(readableDate(finishedAt))}`] : []),
    ...(took ? [resumedAt.length > 0 ? `the last session took ${took}` : `took ${took}`] : []),
  ];
  return `<p class="meta">${parts.join(' · ')}</p>`;
}

/** `2026-12-07 11:13:17 UTC` from an ISO timestamp; anything else as given. */
export function readableDate(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** `45 s`, `3 min 12 s`, `2 h 05 min`; nothing for an unknown or negative span. */
export function duration(milliseconds: number): string | undefined {
  if (!Number.isFinite(milliseconds) || milliseconds < 0) return undefined;
  const seconds = Math.round(milliseconds / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** The eval's description is shown up to this many characters; its file has it whole. */
const descriptionCharacters = 2000;

/**
 * What was run: the eval's description, datasets with their paths and case counts, targets with
 * their kind, model, endpoint and route, the prompt variants compared, the settings by flag name;
 * nothing when unknown.
 */
export function runDescriptionHtml(description: RunDescription | undefined): string {
  if (description === undefined) return '';
  const { datasets, targets, settings, prompts = [] } = description;
  const datasetRows = datasets.map((dataset) => `<tr><td>${escapeHtml(dataset.name || '(unnamed)')}</td><td><code>${escapeHtml(dataset.path)}</code></td><td class="num">${dataset.cases}</td></tr>`);
  const targetRows = targets.map((target) =>
    `<tr><td>${escapeHtml(target.label)}${target.simulated ? ' <em>simulated</em>' : ''}</td><td>${escapeHtml(target.kind)}</td><td>${escapeHtml(target.model)}</td><td><code>${escapeHtml(target.endpoint)}</code></td><td>${escapeHtml(target.route ?? '')}</td></tr>`);
  const settingList = Object.entries(settings).map(([flag, value]) => `<code>--${escapeHtml(flag)} ${escapeHtml(String(value))}</code>`);
  const about = description.description === undefined ? '' : `<p class="description">${escapeHtml(cutText(description.description, descriptionCharacters))}</p>\n`;
  const promptList = prompts.length === 0 ? '' : `<p>Prompt variants, each sent every case: ${prompts.map((label) => `<code>${escapeHtml(label)}</code>`).join(', ')}</p>\n`;
  return `<h2>What was run</h2>
${about}<div class="scroll"><table><thead><tr><th>dataset</th><th>path</th><th>cases</th></tr></thead><tbody>${datasetRows.join('')}</tbody></table></div>
<div class="scroll"><table><thead><tr><th>target</th><th>kind</th><th>model</th><th>endpoint</th><th>route</th></tr></thead><tbody>${targetRows.join('')}</tbody></table></div>
${promptList}${settingList.length > 0 ? `<p class="settings">Settings: ${settingList.join(' ')}</p>` : ''}`;
}
