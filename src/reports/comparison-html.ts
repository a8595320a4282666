import { caseLabel } from '../records/case-key.ts';
import type { RunComparison } from '../stats/run-comparison.ts';
import { escapeHtml } from './escape-html.ts';
import { comparisonSectionHtml } from './html/comparison-section-html.ts';
import { type GateOutcome, gatesHtml } from './html/gates-html.ts';
import { htmlDocument } from './html/html-document.ts';
import { readableDate } from './html/run-header-html.ts';

const shownCases = 50;

/**
 * comparison.html: `llm-bench compare` on one page, as report.html shows a baseline target. Which
 * runs, the gates, the verdicts with their intervals, the flipped cases both ways, and what the
 * comparison could not see (changed cases, cases or targets on one side only, simulated targets,
 * incomplete runs). Every value is escaped; the page allows no script.
 */
export function comparisonHtml(comparison: RunComparison, gates: readonly GateOutcome[] = []): string {
  const { base, current } = comparison;
  const method = comparison.method === 'mid-p' ? 'mid-p McNemar' : 'exact McNemar';
  const side = (name: string, run: RunComparison['base']) =>
    `<tr><th scope="row">${name}</th><td><code>${escapeHtml(run.runId)}</code></td><td><code>${escapeHtml(run.folder)}</code></td><td>${escapeHtml(readableDate(run.startedAt ?? ''))}</td></tr>`;
  const body = `<h1>llm-bench compare: <code>${escapeHtml(base.runId)}</code> → <code>${escapeHtml(current.runId)}</code></h1>
${loudNotes(comparison)}
<div class="scroll"><table><thead><tr><th></th><th>run</th><th>folder</th><th>started</th></tr></thead><tbody>${side('base', base)}${side('current', current)}</tbody></table></div>
${gatesHtml(gates)}
<h2>Comparison</h2>
<p class="note">Case by case; an unanswered request counts as a failure. α = ${comparison.alpha} (two-sided, Holm-adjusted across targets); one repeat: ${method} with the interval that inverts it, several: paired t on each case's share of passing repeats. Ratios are current / base, with a case-resampling bootstrap interval (${Math.round((1 - comparison.alpha) * 100)}%).</p>
${comparisonSectionHtml(comparison.comparisons, {
  worse: () => 'passed in the base, fail now',
  better: () => 'failed in the base, pass now',
})}
${notesHtml(comparison)}`;
  return htmlDocument(`llm-bench compare ${base.runId} → ${current.runId}`, body);
}

function loudNotes(comparison: RunComparison): string {
  return [comparison.base, comparison.current].flatMap((run, index) => {
    const name = index === 0 ? 'base' : 'current';
    return [
      ...(run.simulatedTargets.length > 0
        ? [`<p class="loud">SIMULATED in the ${name} run: ${run.simulatedTargets.map((target) => `<code>${escapeHtml(target)}</code>`).join(', ')}. Their figures are illustrative, not measurements of a real provider.</p>`]
        : []),
      ...(run.incomplete ? [`<p class="warn">INCOMPLETE: the ${name} run stopped before every planned request was made; its figures cover part of its plan.</p>`] : []),
    ];
  }).join('\n');
}

function notesHtml(comparison: RunComparison): string {
  const listed = (cases: RunComparison['onlyInBase']) =>
    `${cases.slice(0, shownCases).map((identity) => `<code>${escapeHtml(caseLabel(identity))}</code>`).join(', ')}${cases.length > shownCases ? `, and ${cases.length - shownCases} more` : ''}`;
  const pairs = (list: Array<{ target: string; prompt: string }>) =>
    list.map((entry) => `<code>${escapeHtml(entry.prompt === 'default' ? entry.target : `${entry.target} (${entry.prompt})`)}</code>`).join(', ');
  // Settings that differ between the runs and change answers.
  const { warnings } = comparison;
  const items = [
    ...warnings.map((warning) => `<strong>Not like for like</strong>: ${escapeHtml(warning.message)}`),
    ...(comparison.changedCases.length > 0 ? [`${comparison.changedCases.length} cases changed content between the runs and were compared anyway (--allow-changed): ${listed(comparison.changedCases)}`] : []),
    ...(comparison.uncheckedCases ? ['A run predates case hashes: whether a case changed between the runs could not be checked.'] : []),
    ...(comparison.onlyInBase.length > 0 ? [`${comparison.onlyInBase.length} cases only in the base, not compared: ${listed(comparison.onlyInBase)}`] : []),
    ...(comparison.onlyInCurrent.length > 0 ? [`${comparison.onlyInCurrent.length} cases only in the current run, not compared: ${listed(comparison.onlyInCurrent)}`] : []),
    ...comparison.unsentCases.map((entry) => `${pairs([entry])}: ${entry.cases.length} cases planned in both runs have no record in one of them (never sent there), not compared: ${listed(entry.cases)}`),
    ...(comparison.unpairedTargets.base.length > 0 ? [`Only in the base: ${pairs(comparison.unpairedTargets.base)}`] : []),
    ...(comparison.unpairedTargets.current.length > 0 ? [`Only in the current run: ${pairs(comparison.unpairedTargets.current)}`] : []),
  ];
  return items.length === 0 ? '' : `<h2>Notes</h2>\n<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;
}
