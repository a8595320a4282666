import { caseLabel, type CaseIdentity } from '../../records/case-key.ts';
import type { CaseFlip, PairComparison, RateChange, RatioChange, Verdict } from '../../stats/case-comparison.ts';
import { plainFixed } from '../csv-cell.ts';
import { escapeHtml } from '../escape-html.ts';
import { formatP, formatPoints, formatRateChange, formatRatioChange, formatVerdict } from '../format-comparison.ts';
import { cutText } from './folded-text.ts';

/** How a comparison's two sides are named in its flipped-case lists, per compared pair. */
export type ComparisonWording = {
  /** `passes on a, fails on b` / `passed in the base run, fails now`: the worse flips' heading. */
  worse(row: PairComparison): string;
  better(row: PairComparison): string;
  /** A compared pair's name; `pairName` by default (`big vs mini`). */
  name?: (row: PairComparison) => string;
  /** The anchor of a case's row on the same page, when the page lists cases. */
  caseAnchor?: (identity: CaseIdentity) => string | undefined;
};

const shownFlips = 200;

/**
 * A comparison's section body: per compared (target, prompt), the verdicts on pass rate (its
 * difference and interval drawn against 0), the answered-only and failure rates, and the ratios
 * of latency, speed and cost; then the smallest change each could detect, and the flipped cases
 * listed both ways.
 */
export function comparisonSectionHtml(comparisons: readonly PairComparison[], wording: ComparisonWording): string {
  if (comparisons.length === 0) return '<p class="note">Nothing was compared: no (target, prompt) has a counterpart on the other side.</p>';
  const headings = ['target', 'cases', 'pass rate', 'change, pts [CI]', 'p (Holm)', 'verdict', 'answered only', 'failure rate', 'TTFT p50', 'e2e p50', 'tok/s p50', '$/request', '$/passed'];
  const name = wording.name ?? pairName;
  const rows = comparisons.map((row) => {
    const cells = [
      String(row.passRate.cases),
      `${percent(row.passRate.base)} → ${percent(row.passRate.current)}`,
      `${escapeHtml(formatRateChange(row.passRate))}${differenceBar(row.passRate)}`,
      escapeHtml(formatP(row.passRate.adjustedPValue)),
      verdictHtml(row.passRate.verdict),
      rateChangeHtml(row.passRateAnswered),
      rateChangeHtml(row.failureRate),
      ...[row.ttftP50, row.e2eP50, row.outputTpsP50, row.costPerRequest, row.costPerPassed].map(ratioHtml),
    ];
    return `<tr><td>${escapeHtml(name(row))}</td>${cells.map((cell) => `<td class="num">${cell}</td>`).join('')}</tr>`;
  });
  return `<div class="scroll"><table><thead><tr>${headings.map((heading) => `<th>${heading}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>
${detectableHtml(comparisons, name)}
${flipsHtml(comparisons, wording)}`;
}

/** `mini` when both sides have one name, `big vs mini` when the base is another target. */
export function pairName(row: PairComparison): string {
  const name = (target: string, prompt: string) => (prompt === 'default' ? target : `${target} (${prompt})`);
  const current = name(row.target, row.prompt);
  const base = name(row.baseTarget, row.basePrompt);
  return current === base ? current : `${current} vs ${base}`;
}

const percent = (value: number | undefined) => (value === undefined ? '?' : `${plainFixed(value * 100, 1)}%`);

function verdictHtml(verdict: Verdict): string {
  const word = formatVerdict(verdict);
  return verdict === 'better' || verdict === 'worse' ? `<span class="${verdict}">${word}</span>` : word;
}

function rateChangeHtml(change: RateChange): string {
  return change.difference === undefined ? '' : `${escapeHtml(formatPoints(change.difference))} ${verdictHtml(change.verdict)}`;
}

function ratioHtml(change: RatioChange): string {
  const text = formatRatioChange(change);
  if (text === '') return '';
  return `${escapeHtml(text)}${change.verdict === 'better' || change.verdict === 'worse' ? ` ${verdictHtml(change.verdict)}` : ''}`;
}

/** The difference and its interval on a −100…+100 point scale, with 0 marked. */
function differenceBar(change: RateChange): string {
  if (change.interval === undefined || change.difference === undefined) return '';
  const at = (value: number) => ((Math.max(-1, Math.min(1, value)) + 1) * 50).toFixed(1);
  const width = ((Math.min(1, change.interval.high) - Math.max(-1, change.interval.low)) * 50).toFixed(1);
  return `<div class="ci"><span class="zero"></span><span class="range" style="left:${at(change.interval.low)}%;width:${width}%"></span><span class="point" style="left:${at(change.difference)}%"></span></div>`;
}

function detectableHtml(comparisons: readonly PairComparison[], pairLabel: (row: PairComparison) => string): string {
  const items = comparisons.flatMap((row) => {
    const name = escapeHtml(pairLabel(row));
    if (row.passRate.minimumDetectable !== undefined) {
      return [`<li>${name}: with ${row.passRate.cases} cases, the smallest change in pass rate this comparison could detect is ${plainFixed(row.passRate.minimumDetectable * 100, 1)} points (80% power).</li>`];
    }
    return row.passRate.cases > 0 ? [`<li>${name}: ${row.passRate.cases} cases are too few to detect any change in pass rate (80% power).</li>`] : [];
  });
  return items.length === 0 ? '' : `<ul class="note">${items.join('')}</ul>`;
}

function flipsHtml(comparisons: readonly PairComparison[], wording: ComparisonWording): string {
  const blocks = comparisons.flatMap((row) => {
    if (row.flips.worse.length === 0 && row.flips.better.length === 0) return [];
    const list = (heading: string, flips: readonly CaseFlip[]) =>
      flips.length === 0 ? '' : `<li>${escapeHtml(heading)} (${flips.length}): ${flips.slice(0, shownFlips).map((flip) => flipHtml(flip, wording)).join(', ')}${flips.length > shownFlips ? `, and ${flips.length - shownFlips} more` : ''}</li>`;
    return [`<h4>${escapeHtml((wording.name ?? pairName)(row))}</h4><ul class="flips">${list(wording.worse(row), row.flips.worse)}${list(wording.better(row), row.flips.better)}</ul>`];
  });
  if (blocks.length === 0) return '<p class="note">No case flipped between passing and failing.</p>';
  return `<h3>Flipped cases</h3>
<p class="note">With repeats, a case passes when at least half of its repeats passed.</p>
${blocks.join('\n')}`;
}

function flipHtml(flip: CaseFlip, wording: ComparisonWording): string {
  const label = `<code>${escapeHtml(cutText(caseLabel(flip), 200))}</code>`;
  const anchor = wording.caseAnchor?.(flip);
  return anchor === undefined ? label : `<a href="#${escapeHtml(anchor)}">${label}</a>`;
}
