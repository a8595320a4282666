import { describe, expect, it } from 'vitest';
import type { AttemptRecord, ErrorType } from '../../records/attempt-record.ts';
import { makeAttempt } from '../../stats/make-attempt.ts';
import { summarize } from '../../stats/summarize.ts';
import type { ReportInput } from '../report-input.ts';
import { seriesColours } from './chart-series.ts';
import { reportCharts, type ChartFigure } from './report-charts.ts';
import { fourTargets, sampleReportInput } from './test/sample-report-input.ts';
import { allElements, markElements, markGroups, parseSvg, titleOf, titles, type SvgElement } from './test/svg-tree.ts';

type Answer = { ttftMs?: number; passed?: boolean; costUsd?: number };

function answered(target: string, index: number, { ttftMs = 100 + index * 10, passed = true, costUsd }: Answer = {}, prompt = 'default'): AttemptRecord {
  return makeAttempt({
    caseId: `q${index}`,
    target,
    prompt,
    timing: { ttftMs, e2eMs: ttftMs + 500, outputTps: 40 + index },
    usage: { estimated: false, outputTokens: 20 },
    ...(costUsd === undefined ? {} : { costUsd }),
    score: { score: passed ? 1 : 0, passed, reason: '' },
  });
}

function failed(target: string, index: number, type: ErrorType, prompt = 'default'): AttemptRecord {
  return makeAttempt({ caseId: `q${index}`, target, prompt, error: { type, message: 'no' } });
}

function input(records: AttemptRecord[]): ReportInput {
  return { records, summaries: summarize(records), comparisons: [], run: { runId: 'r', simulatedTargets: [] } };
}

/**
 * Eight cases each. a: all answered, cheap, half pass. b: six answered, dearer, all six pass,
 * one timeout and one rate_limited. c: five answered with no price (too few for a TTFT median),
 * three network errors.
 */
const threeTargets = input([
  ...Array.from({ length: 8 }, (_, index) => answered('a', index, { costUsd: 0.001, passed: index % 2 === 0 })),
  ...Array.from({ length: 6 }, (_, index) => answered('b', index, { ttftMs: 300 + index * 10, costUsd: 0.002 })),
  failed('b', 6, 'timeout'),
  failed('b', 7, 'rate_limited'),
  ...Array.from({ length: 5 }, (_, index) => answered('c', index)),
  ...[5, 6, 7].map((index) => failed('c', index, 'network')),
]);

function chart(charts: readonly ChartFigure[], id: string): ReturnType<typeof parseSvg> {
  const figure = charts.find((one) => one.id === id);
  if (!figure) throw new Error(`no chart ${id} among ${charts.map((one) => one.id).join(', ')}`);
  return parseSvg(figure.svg);
}

const caption = (charts: readonly ChartFigure[], id: string) => charts.find((one) => one.id === id)?.caption;
const legendLabels = (root: ReturnType<typeof parseSvg>) =>
  allElements(root).filter((element) => element.attributes['aria-label'] === 'legend').flatMap((legend) => legend.children.map(titleOf));

describe('reportCharts', () => {
  const charts = reportCharts(threeTargets);

  it('draws every chart, in order, with a title and a caption', () => {
    expect(charts.map((one) => one.id)).toEqual(['ttft-distribution', 'e2e-distribution', 'output-speed', 'errors-by-type', 'quality-cost', 'quality-ttft']);
    for (const one of charts) {
      expect(one.title).not.toBe('');
      expect(one.caption).toMatch(/\.$/);
      expect(one.svg).toMatch(/^<svg [^>]*viewBox="0 0 640 \d+"/);
    }
  });

  it('draws one CDF line per target with answers, and a legend naming them', () => {
    for (const id of ['ttft-distribution', 'e2e-distribution']) {
      const root = chart(charts, id);
      const lines = markElements(root, 'distribution line');
      expect(lines.map((line) => line.name)).toEqual(['path', 'path', 'path']);
      expect(markGroups(root, 'distribution line').map((line) => line.attributes.stroke)).toEqual(seriesColours.slice(0, 3));
      expect(legendLabels(root)).toEqual(['a', 'b', 'c']);
    }
    // Eight answers for a: a step line from 0 through 8 points, each step two segments.
    const [lineOfA] = markElements(chart(charts, 'ttft-distribution'), 'distribution line');
    expect(lineOfA!.attributes.d!.match(/L/g)).toHaveLength(16);
  });

  it('draws a box, a median and whiskers per target for output speed', () => {
    const root = chart(charts, 'output-speed');
    expect(markElements(root, 'box').filter((box) => box.name === 'rect')).toHaveLength(3);
    expect(markElements(root, 'median')).toHaveLength(3);
    expect(markElements(root, 'whisker')).toHaveLength(3);
    expect(markElements(root, 'series label').map((label) => label.text)).toEqual(['an=8', 'bn=6', 'cn=5']);
  });

  it('stacks each error type of each target, totals each bar, and names the types', () => {
    const root = chart(charts, 'errors-by-type');
    const segments = markElements(root, 'error segment');
    expect(segments.map(titleOf)).toEqual([
      'b: rate_limited 1 of 8 requests',
      'b: timeout 1 of 8 requests',
      'c: network 3 of 8 requests',
    ]);
    expect(markElements(root, 'error total').map((total) => total.text)).toEqual(['no errors', '2 of 8', '3 of 8']);
    expect(legendLabels(root)).toEqual(['rate_limited', 'timeout', 'network']);
    // Counts tick in whole requests.
    const ticks = allElements(root).find((element) => element.attributes['aria-label'] === 'x-axis tick label')!;
    expect(ticks.children.map((tick) => tick.text)).toEqual(['0', '1', '2', '3']);
  });

  it('plots quality against cost with intervals and the frontier, and says which target has no cost', () => {
    const root = chart(charts, 'quality-cost');
    const points = markElements(root, 'target point');
    expect(points.map((point) => point.attributes.stroke)).toEqual(seriesColours.slice(0, 2));
    expect(titles(root)).toContain('a: pass rate 50% [22–78%], $0.001');
    expect(markElements(root, 'pass rate interval')).toHaveLength(2);
    expect(markElements(root, 'cost interval')).toHaveLength(0);
    // a is cheaper, b passes more: both on the frontier, one step (two segments) apart.
    const [frontier] = markElements(root, 'pareto frontier');
    expect(frontier!.attributes.d!.match(/L/g)).toHaveLength(2);
    expect(caption(charts, 'quality-cost')).toContain('Not shown: c (no cost: no price known).');
    expect(caption(charts, 'quality-cost')).toContain('no interval');
  });

  it('plots quality against TTFT p50 with both intervals, leaving out a target with too few answers for a median', () => {
    const root = chart(charts, 'quality-ttft');
    expect(markElements(root, 'target point')).toHaveLength(2);
    expect(markElements(root, 'pass rate interval')).toHaveLength(2);
    expect(markElements(root, 'ttft interval')).toHaveLength(2);
    expect(caption(charts, 'quality-ttft')).toContain('Not shown: c (no TTFT median: fewer than 6 answers with a TTFT).');
  });

  it('leaves a dominated target off the frontier line', () => {
    const records = [
      ...threeTargets.records,
      // d: dearer than b and passes less.
      ...Array.from({ length: 8 }, (_, index) => answered('d', index, { costUsd: 0.01, passed: index < 2 })),
    ];
    const root = chart(reportCharts(input(records)), 'quality-cost');
    expect(markElements(root, 'target point')).toHaveLength(3);
    expect(markElements(root, 'pareto frontier')[0]!.attributes.d!.match(/L/g)).toHaveLength(2);
  });

  it('gives each target one colour in every chart', () => {
    // Each tooltip names its target; the colour is the element's, its group's (a line) or its swatch's (a legend entry).
    const colourOf = new Map<string, Set<string>>();
    const visit = (element: SvgElement, groupStroke: string | undefined) => {
      const label = titleOf(element)?.split(':')[0];
      const swatch = element.children.find((child) => child.name !== 'title');
      const colour = element.attributes.stroke ?? element.attributes.fill ?? groupStroke ?? swatch?.attributes.stroke ?? swatch?.attributes.fill;
      if (label && colour && colour !== 'white') colourOf.set(label, (colourOf.get(label) ?? new Set()).add(colour));
      for (const child of element.children) visit(child, element.attributes.stroke ?? groupStroke);
    };
    // The errors chart colours its segments and their legend by error type, not by target.
    for (const one of charts.filter((figure) => figure.id !== 'errors-by-type')) visit(parseSvg(one.svg), undefined);
    expect(Object.fromEntries([...colourOf].map(([label, colours]) => [label, [...colours]]))).toEqual({ a: [seriesColours[0]], b: [seriesColours[1]], c: [seriesColours[2]] });
    const labels = markElements(chart(charts, 'errors-by-type'), 'series swatch');
    expect(labels.map((dot) => dot.attributes.fill)).toEqual(seriesColours.slice(0, 3));
  });

  it('renders the same input to the same text, whatever was rendered before', () => {
    const again = reportCharts(threeTargets);
    reportCharts(sampleReportInput(fourTargets, 20));
    expect(reportCharts(threeTargets)).toEqual(again);
    expect(again).toEqual(charts);
  });
});

describe('reportCharts leaves out', () => {
  it('the errors chart when no request ended in an error', () => {
    const charts = reportCharts(input(Array.from({ length: 8 }, (_, index) => answered('a', index, { costUsd: 0.001 }))));
    expect(charts.map((one) => one.id)).toEqual(['ttft-distribution', 'e2e-distribution', 'output-speed', 'quality-cost', 'quality-ttft']);
  });

  it('the quality charts when no case has assertions', () => {
    const records = Array.from({ length: 8 }, (_, index) => ({ ...answered('a', index, { costUsd: 0.001 }), score: undefined }));
    expect(reportCharts(input(records)).map((one) => one.id)).toEqual(['ttft-distribution', 'e2e-distribution', 'output-speed']);
  });

  it('a target whose cases have no assertions from the quality charts, and names it', () => {
    const records = [
      ...Array.from({ length: 8 }, (_, index) => answered('scored', index, { costUsd: 0.001 })),
      ...Array.from({ length: 8 }, (_, index) => ({ ...answered('unscored', index + 100, { costUsd: 0.001 }), score: undefined })),
    ];
    const charts = reportCharts(input(records));
    expect(markElements(chart(charts, 'quality-cost'), 'target point')).toHaveLength(1);
    expect(caption(charts, 'quality-cost')).toContain('Not shown: unscored (no pass rate: no assertions).');
    const unpriced = [...records, ...Array.from({ length: 8 }, (_, index) => answered('unpriced', index))];
    expect(caption(reportCharts(input(unpriced)), 'quality-cost')).toContain('Not shown: unscored (no pass rate: no assertions); unpriced (no cost: no price known).');
  });

  it('the cost chart when no target has a price', () => {
    const charts = reportCharts(input(Array.from({ length: 8 }, (_, index) => answered('a', index))));
    expect(charts.map((one) => one.id)).not.toContain('quality-cost');
    expect(charts.map((one) => one.id)).toContain('quality-ttft');
  });

  it('a target with no answer from the latency charts, and names it; everything for a run with no records', () => {
    const records = [...Array.from({ length: 8 }, (_, index) => answered('a', index)), ...[0, 1].map((index) => failed('down', index, 'network'))];
    const charts = reportCharts(input(records));
    expect(markElements(chart(charts, 'ttft-distribution'), 'distribution line')).toHaveLength(1);
    expect(caption(charts, 'ttft-distribution')).toContain('Not shown: down (no answer with a time to first token).');
    expect(markElements(chart(charts, 'errors-by-type'), 'error total').map((total) => total.text)).toEqual(['no errors', '2 of 2']);
    expect(reportCharts(input([]))).toEqual([]);
  });
});

/** The series' names a reader sees in a chart: its legend's entries, or the labels down its band axis (without their `n=` note). */
function shownSeriesNames(figure: ChartFigure): string[] {
  const root = parseSvg(figure.svg);
  const band = markElements(root, 'series label').map((label) => (label.children[0]?.name === 'tspan' ? label.children[0].text : label.text));
  return band.length > 0 ? band : legendLabels(root).length === 0 ? [] : allElements(root).filter((element) => element.attributes['aria-label'] === 'legend').flatMap((legend) => legend.children.map((item) => item.text));
}

describe('reportCharts labels', () => {
  const prefix = 'anthropic-claude-sonnet-4-20250514-via-gw-'; // 42 columns
  for (const prompts of [['default'], [`${prefix}terse`, `${prefix}verbose`]]) {
    it(`stay distinct in every chart when they share a 40-column start (${prompts.length} prompt${prompts.length > 1 ? 's' : ''})`, () => {
      const targets = ['eu-west', 'us-east', 'ap-south'].map((region) => `${prefix}${region}`);
      const records = prompts.flatMap((prompt) =>
        targets.flatMap((target) => [...Array.from({ length: 7 }, (_, index) => answered(target, index, { costUsd: 0.001, passed: index > 2 }, prompt)), failed(target, 7, 'timeout', prompt)]),
      );
      const charts = reportCharts(input(records));
      expect(charts).toHaveLength(6);
      for (const figure of charts) {
        const names = shownSeriesNames(figure);
        expect(names, figure.id).toHaveLength(targets.length * prompts.length);
        expect(new Set(names).size, `${figure.id}: ${names.join(' | ')}`).toBe(names.length);
      }
    });
  }

  it('stay distinct in a caption that names left-out targets sharing a long start', () => {
    const long = `${prefix}${prefix}`;
    const records = [
      ...Array.from({ length: 8 }, (_, index) => answered('priced', index, { costUsd: 0.001 })),
      ...['eu-west', 'us-east'].flatMap((region) => Array.from({ length: 8 }, (_, index) => answered(`${long}${region}`, index))),
    ];
    const note = caption(reportCharts(input(records)), 'quality-cost')!;
    expect(note).toMatch(/Not shown: .*eu-west, .*us-east \(no cost/);
  });

  it('name the target alone with one prompt, and target · prompt with several', () => {
    expect(legendLabels(chart(reportCharts(threeTargets), 'ttft-distribution'))).toEqual(['a', 'b', 'c']);
    const records = ['terse', 'verbose'].flatMap((prompt) => Array.from({ length: 8 }, (_, index) => answered('a', index, {}, prompt)));
    expect(legendLabels(chart(reportCharts(input(records)), 'ttft-distribution'))).toEqual(['a · terse', 'a · verbose']);
  });

  it('repeat the colours past eight targets with dashed lines and hollow points', () => {
    const records = Array.from({ length: 9 }, (_, target) => Array.from({ length: 8 }, (_, index) => answered(`t${target}`, index, { costUsd: 0.001 * (target + 1) }))).flat();
    const charts = reportCharts(input(records));
    const lines = markElements(chart(charts, 'ttft-distribution'), 'distribution line');
    expect(lines).toHaveLength(9);
    const groups = markGroups(chart(charts, 'ttft-distribution'), 'distribution line');
    expect(groups[8]!.attributes.stroke).toBe(groups[0]!.attributes.stroke);
    expect(allElements(chart(charts, 'ttft-distribution')).filter((element) => element.attributes['stroke-dasharray'] === '6,3')).toHaveLength(1);
    expect(markElements(chart(charts, 'quality-cost'), 'target point')[8]!.attributes.fill).toBe('white');
  });
});

describe('reportCharts axes', () => {
  const tickLabels = (figure: ChartFigure) =>
    allElements(parseSvg(figure.svg))
      .find((element) => element.attributes['aria-label'] === 'x-axis tick label')!
      .children.map((tick) => tick.text)
      .filter((text) => text !== '');
  // Three targets, their medians `spread` apart from `base`; each answer's cost is its TTFT in thousandths of a dollar.
  const spreadInput = (base: number, spread: number) =>
    input(['a', 'b', 'c'].flatMap((target, position) => Array.from({ length: 8 }, (_, index) => {
      const ttftMs = base + spread * position + (spread / 40) * index;
      return answered(target, index, { ttftMs, costUsd: ttftMs / 1000, passed: index % 3 !== position });
    })));

  for (const [base, spread] of [[1.5, 0.1], [1, 0.5], [100, 1200], [1000, 5], [0.05, 10], [0.0002, 0.00005]] as const) {
    it(`labels no two ticks alike, each where it stands, for times from ${base} ms ${spread} ms apart`, () => {
      const charts = reportCharts(spreadInput(base, spread));
      for (const id of ['quality-ttft', 'quality-cost']) {
        const labels = tickLabels(charts.find((one) => one.id === id)!);
        expect(labels.length, id).toBeGreaterThan(1);
        expect(new Set(labels).size, `${id}: ${labels.join(', ')}`).toBe(labels.length);
        const values = labels.map((label) => Number(label.replace(/[$ ms,]/g, '')));
        expect(values.every((value, index) => index === 0 || value > values[index - 1]!), `${id}: ${labels.join(', ')}`).toBe(true);
      }
    });
  }

  it('labels no two ticks alike on any axis of any chart', () => {
    for (const [base, spread] of [[1.5, 0.1], [100, 1200], [0.05, 10]] as const) {
      const records = [...spreadInput(base, spread).records, ...Array.from({ length: 13 }, (_, index) => failed('d', index, 'timeout'))];
      for (const figure of reportCharts(input(records))) {
        for (const axis of ['x', 'y']) {
          const labels = allElements(parseSvg(figure.svg)).filter((element) => element.attributes['aria-label'] === `${axis}-axis tick label`).flatMap((group) => group.children.map((tick) => tick.text)).filter((text) => text !== '');
          expect(new Set(labels).size, `${figure.id} ${axis}: ${labels.join(', ')}`).toBe(labels.length);
        }
      }
    }
  });

  it('groups thousands on a time axis, as the other axes do', () => {
    expect(tickLabels(reportCharts(spreadInput(100, 1200)).find((one) => one.id === 'quality-ttft')!)).toContain('1,000 ms');
  });
});

describe('reportCharts past eight series', () => {
  const looks = ['fill', 'fill-opacity', 'stroke', 'stroke-dasharray'];
  const look = (...elements: SvgElement[]) => JSON.stringify(looks.map((name) => elements.reduce<string | undefined>((found, element) => element.attributes[name] ?? found, undefined)));

  it('draws each of twelve series unlike every other in every chart, where colours repeat', () => {
    const records = Array.from({ length: 12 }, (_, target) => [
      ...Array.from({ length: 7 }, (_, index) => answered(`t${target}`, index, { ttftMs: 100 + 20 * target + index, costUsd: 0.001 * (target + 1), passed: index > target % 4 })),
      failed(`t${target}`, 7, 'timeout'),
    ]).flat();
    const charts = reportCharts(input(records));
    expect(charts).toHaveLength(6);
    for (const figure of charts) {
      const root = parseSvg(figure.svg);
      const legend = allElements(root).find((element) => element.attributes['aria-label'] === 'legend');
      const kinds: Record<string, string[]> = Object.fromEntries(
        ['distribution line', 'box', 'whisker', 'series swatch', 'target point'].map((description) => [description, markGroups(root, description).flatMap((group) => group.children.map((element) => look(group, element)))]),
      );
      // The errors chart's legend keys the error types, not the series.
      if (legend && figure.id !== 'errors-by-type') kinds.legend = legend.children.map((item) => look(item.children.find((child) => child.name !== 'title')!));
      const drawn = Object.entries(kinds).filter(([, each]) => each.length > 0);
      expect(drawn.length, figure.id).toBeGreaterThan(0);
      for (const [kind, each] of drawn) {
        expect(each, `${figure.id} ${kind}`).toHaveLength(12);
        expect(new Set(each).size, `${figure.id} ${kind}`).toBe(12);
      }
    }
  });
});

describe('reportCharts captions', () => {
  it('read as English, with every figure named and every reason for leaving a target out', () => {
    const records = [
      ...Array.from({ length: 8 }, (_, index) => answered('a', index, { costUsd: 0.001 })),
      ...Array.from({ length: 8 }, (_, index) => answered('unpriced', index)),
      ...[0, 1].map((index) => failed('down', index, 'network')),
    ];
    const charts = reportCharts(input(records));
    expect(charts).toHaveLength(6);
    expect(caption(charts, 'e2e-distribution')).toContain('Not shown: down (no answer with an end-to-end time).');
    expect(caption(charts, 'ttft-distribution')).toContain('Not shown: down (no answer with a time to first token).');
    for (const figure of charts) {
      // "a" before a vowel sound, "an" before a consonant: none of the words here starts with a silent h or a "you" sound.
      expect(figure.caption, figure.id).not.toMatch(/\ba [aeiou]/i);
      expect(figure.caption, figure.id).not.toMatch(/\ban [^aeiou\s]/i);
      expect(figure.caption, figure.id).not.toMatch(/\b(\w+) \1\b/i);
    }
  });
});

describe('reportCharts on degenerate figures', () => {
  it('draws equal times, a single answer and free targets without NaN', () => {
    const records = [
      ...Array.from({ length: 8 }, (_, index) => answered('same', index, { ttftMs: 250, costUsd: 0 })),
      answered('once', 0, { costUsd: 0 }),
    ];
    const charts = reportCharts(input(records));
    expect(charts.map((one) => one.id)).toEqual(['ttft-distribution', 'e2e-distribution', 'output-speed', 'quality-cost', 'quality-ttft']);
    for (const one of charts) expect(one.svg).not.toMatch(/NaN|Infinity/);
    expect(markElements(chart(charts, 'ttft-distribution'), 'distribution line')).toHaveLength(2);
    expect(markElements(chart(charts, 'quality-cost'), 'target point')).toHaveLength(2);
  });
});

describe('reportCharts at 10,000 attempts', () => {
  it('stays well under 1 MB of SVG in all, with four targets or forty', () => {
    const four = reportCharts(sampleReportInput(fourTargets, 2500));
    const forty = reportCharts(sampleReportInput(Array.from({ length: 40 }, (_, index) => ({ ...fourTargets[index % 4]!, label: `target-${index}` })), 250));
    for (const charts of [four, forty]) {
      expect(charts).toHaveLength(6);
      expect(charts.reduce((bytes, one) => bytes + Buffer.byteLength(one.svg), 0)).toBeLessThan(400_000);
    }
    // A line of 2,500 answers is drawn through at most 300 of them.
    const [line] = markElements(chart(four, 'ttft-distribution'), 'distribution line');
    expect(line!.attributes.d!.match(/L/g)!.length).toBeLessThanOrEqual(2 * 300 + 2);
  });
});
