import * as Plot from '@observablehq/plot';
import type { SweepCurve, SweepRow } from '../sweep-curve.ts';
import type { ChartFigure } from './chart-figure.ts';
import { seriesColours, shortLabelColumns } from './chart-series.ts';
import { chartText, shortText } from './chart-text.ts';
import { distinctShortLabels } from './distinct-short-labels.ts';
import { plotSvg, type LegendEntry } from './plot-svg.ts';

type Point = { series: string; line: string; x: number; y: number; dashed: boolean; width: number; colour: string; title: string };

/** One (target, prompt) of the curve: its colour and its label, made safe to show. */
type CurveSeries = { key: string; label: string; shortLabel: string; colour: string; rows: SweepRow[] };

function curveSeries(curve: SweepCurve): CurveSeries[] {
  const keys = [...new Set(curve.rows.map((row) => `${row.target}\u0000${row.prompt}`))];
  const prompts = new Set(curve.rows.map((row) => row.prompt));
  const parts = keys.map((key) => {
    const [target, prompt] = key.split('\u0000') as [string, string];
    return { target: chartText(target), ...(prompts.size > 1 ? { prompt: chartText(prompt) } : {}) };
  });
  const short = distinctShortLabels(parts, shortLabelColumns);
  return keys.map((key, index) => ({
    key: String(index),
    label: parts[index]!.prompt === undefined ? parts[index]!.target : `${parts[index]!.target} · ${parts[index]!.prompt}`,
    shortLabel: short[index]!,
    colour: seriesColours[index % seriesColours.length]!,
    rows: curve.rows.filter((row) => `${row.target}\u0000${row.prompt}` === key),
  }));
}

/** Where a step sits across: the rate achieved, else the rate asked. */
const xOf = (row: SweepRow) => row.achievedRps ?? row.rate;

/**
 * The load curves: TTFT p50 and p99 against the rate achieved, per target, counted from the
 * scheduled time (solid) and from the send (dashed); with an SLO, goodput against the same rate.
 * Undefined pieces are left out; no chart when no step has a rate and a TTFT.
 */
export function loadCurveCharts(curve: SweepCurve): ChartFigure[] {
  const series = curveSeries(curve);
  const figures: ChartFigure[] = [];
  const latency = latencyChart(series);
  if (latency) figures.push(latency);
  if (curve.slo !== undefined) {
    const goodput = goodputChart(series, curve.slo);
    if (goodput) figures.push(goodput);
  }
  return figures;
}

function latencyChart(series: readonly CurveSeries[]): ChartFigure | undefined {
  const measures: Array<{ name: string; pick: (row: SweepRow) => number | undefined; dashed: boolean; width: number }> = [
    { name: 'p50 from scheduled', pick: (row) => row.ttftFromScheduledP50Ms, dashed: false, width: 2 },
    { name: 'p99 from scheduled', pick: (row) => row.ttftFromScheduledP99Ms, dashed: false, width: 1 },
    { name: 'p50 from send', pick: (row) => row.ttftP50Ms, dashed: true, width: 2 },
    { name: 'p99 from send', pick: (row) => row.ttftP99Ms, dashed: true, width: 1 },
  ];
  const points: Point[] = [];
  for (const one of series) {
    for (const measure of measures) {
      for (const row of one.rows) {
        const x = xOf(row);
        const y = measure.pick(row);
        if (x === undefined || y === undefined || !(y > 0)) continue;
        points.push({ series: one.key, line: `${one.key} ${measure.name}`, x, y, dashed: measure.dashed, width: measure.width, colour: one.colour, title: `${one.label}, step ${row.step}: TTFT ${measure.name} ${y.toFixed(0)} ms at ${x.toFixed(2)} requests/s` });
      }
    }
  }
  if (points.length === 0) return undefined;
  const svg = plotSvg(
    {
      height: 320,
      marginLeft: 56,
      x: { label: 'requests/s achieved', grid: true, zero: true },
      y: { label: 'TTFT, ms (log)', type: 'log', grid: true, nice: true },
      marks: [...lineMarks(points), Plot.dot(points, { x: 'x', y: 'y', fill: 'colour', r: 2.5, title: 'title' })],
    },
    legend(series),
  );
  return {
    id: 'load-curve-ttft',
    title: 'TTFT against load',
    caption:
      'Time to first token at each step, against the requests per second achieved: counted from when each request was due (solid) and from when it was sent (dashed); thick lines are the median, thin ones the 99th percentile (drawn from 368 requests a step). Past the server\'s capacity the lines climb as requests queue; a wait before the send (a concurrency cap, a harness that fell behind) shows in the solid lines only.',
    svg,
  };
}

function goodputChart(series: readonly CurveSeries[], slo: string): ChartFigure | undefined {
  const points: Point[] = [];
  for (const one of series) {
    for (const row of one.rows) {
      const x = xOf(row);
      if (x === undefined || row.goodput === undefined) continue;
      points.push({ series: one.key, line: one.key, x, y: row.goodput * 100, dashed: false, width: 2, colour: one.colour, title: `${one.label}, step ${row.step}: goodput ${(row.goodput * 100).toFixed(1)}% at ${x.toFixed(2)} requests/s` });
    }
  }
  if (points.length === 0) return undefined;
  const svg = plotSvg(
    {
      height: 260,
      marginLeft: 56,
      x: { label: 'requests/s achieved', grid: true, zero: true },
      y: { label: 'requests meeting the SLO, %', domain: [0, 100], grid: true },
      marks: [...lineMarks(points), Plot.dot(points, { x: 'x', y: 'y', fill: 'colour', r: 2.5, title: 'title' })],
    },
    legend(series),
  );
  return {
    id: 'load-curve-goodput',
    title: 'Goodput against load',
    caption: `The share of each step's requests that met every objective (${slo}), against the requests per second achieved.`,
    svg,
  };
}

/** One line per (series, measure), in the order of the rate achieved. */
function lineMarks(points: readonly Point[]): Plot.Markish[] {
  const lines = [...new Set(points.map((point) => point.line))];
  return lines.map((line) => {
    const some = points.filter((point) => point.line === line).toSorted((a, b) => a.x - b.x);
    const first = some[0]!;
    return Plot.line(some, { x: 'x', y: 'y', stroke: first.colour, strokeWidth: first.width, strokeDasharray: first.dashed ? '5,3' : undefined, ariaDescription: first.dashed ? 'from send' : 'from scheduled' });
  });
}

function legend(series: readonly CurveSeries[]): LegendEntry[] {
  return series.map((one) => ({ label: one.label, text: shortText(one.shortLabel, shortLabelColumns), colour: one.colour, swatch: 'line' }));
}
