import { join } from 'node:path';
import { renderCsv } from './render-csv.ts';
import { escapeMarkdown } from './escape-markdown.ts';
import { maxRateLine, sweepHeadline, sweepNotes } from './sweep-text.ts';
import { shownCell, shownSweepColumns, sweepColumns } from './sweep-columns.ts';
import type { SweepCurve } from './sweep-curve.ts';
import { sweepHtml } from './sweep-html.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

/** Writes sweep.json, sweep.csv, sweep.md and sweep.html into the sweep's folder; returns their paths. */
export async function writeSweepReports(folder: string, curve: SweepCurve): Promise<string[]> {
  const files: Array<[string, string]> = [
    ['sweep.json', `${JSON.stringify(curve, null, 2)}\n`],
    ['sweep.csv', sweepCsv(curve)],
    ['sweep.md', sweepMarkdown(curve)],
    ['sweep.html', sweepHtml(curve)],
  ];
  const paths: string[] = [];
  for (const [name, content] of files) {
    const path = join(folder, name);
    await writeFileAtomic(path, content);
    paths.push(path);
  }
  return paths;
}

/** One row per (step, target, prompt), every column; text cells made safe to open in a spreadsheet. */
export function sweepCsv(curve: SweepCurve): string {
  return renderCsv(sweepColumns.map((column) => ({ name: column.csv, value: column.value })), curve.rows);
}

export function sweepMarkdown(curve: SweepCurve): string {
  const columns = shownSweepColumns(curve);
  // The headline is the harness's own words; a label (a cell) and a note (run.json's harness reasons) may hold outside text.
  const lines = [`# Load sweep`, '', sweepHeadline(curve), ''];
  const best = maxRateLine(curve);
  if (best) lines.push(best, '');
  lines.push(`| ${columns.map((column) => column.heading!).join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`);
  for (const row of curve.rows) lines.push(`| ${columns.map((column) => (column.csv === 'target' ? escapeMarkdown(shownCell(column, row)) : shownCell(column, row))).join(' | ')} |`);
  lines.push('', ...sweepNotes(curve).map((note) => `- ${escapeMarkdown(note)}`), '', 'Each step is a whole run in its own folder:', '');
  for (const step of curve.steps) lines.push(`- step ${step.step}: \`${step.folder}/\`${step.meetsSlo === undefined ? '' : step.meetsSlo ? ' (met the SLO)' : ' (missed the SLO)'}`);
  return `${lines.join('\n')}\n`;
}
