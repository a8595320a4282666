import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../records/attempt-record.ts';
import { makeAttempt } from '../../stats/make-attempt.ts';
import { summarize } from '../../stats/summarize.ts';
import { reportCharts } from './report-charts.ts';
import { allElements, parseSvg, titles, type SvgElement } from './test/svg-tree.ts';

const longLabel = `${'L'.repeat(496)}-end`;

/** Target labels as a config file or a server could give them. */
const payloads = [
  '</svg><script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onload='alert(1)",
  '&amp; &lt;b&gt; &#60;',
  '<![CDATA[</svg>]]>',
  '<!-- a comment --><g onclick="alert(1)">',
  '<foreignObject><div>x</div></foreignObject>',
  '<style>*{display:none}</style>',
  '<a href="javascript:alert(1)">link</a>',
  '<svg onload=alert(1)>',
  'ctl\u0000\u0001\u001b[31mred\u0007\u0085',
  'bidi\u202Etxt.exe\u2066',
  'lone\uD800surrogate\uFFFF',
  'lines\nsecond\r\nthird\ttab',
  '模型'.repeat(40),
  longLabel,
];

function records(): AttemptRecord[] {
  return ['<script>p</script>', '"quoted" prompt'].flatMap((prompt) =>
    payloads.flatMap((target, position) =>
      Array.from({ length: 8 }, (_, index) =>
        index === 7 && position % 2 === 0
          ? makeAttempt({ caseId: `q${index}`, target, prompt, error: { type: 'timeout', message: target } })
          : makeAttempt({
              caseId: `q${index}`,
              target,
              prompt,
              timing: { ttftMs: 100 + position * 10 + index, e2eMs: 600 + index, outputTps: 40 + position },
              costUsd: 0.001 * (position + 1),
              score: { score: 1, passed: index % 3 !== 0, reason: target },
            }),
      ),
    ),
  );
}

const charts = reportCharts({ records: records(), summaries: summarize(records()), comparisons: [], run: { runId: 'r', simulatedTargets: [] } });
const ownElements = new Set(['svg', 'style', 'g', 'path', 'line', 'rect', 'circle', 'text', 'tspan', 'title']);

describe('charts of hostile labels', () => {
  it('draws every chart, each series once in its legend', () => {
    expect(charts.map((chart) => chart.id)).toEqual(['ttft-distribution', 'e2e-distribution', 'output-speed', 'errors-by-type', 'quality-cost', 'quality-ttft']);
    const legend = allElements(parseSvg(charts[0]!.svg)).find((element) => element.attributes['aria-label'] === 'legend')!;
    expect(legend.children).toHaveLength(payloads.length * 2);
  });

  for (const { id } of charts) {
    describe(id, () => {
      const svg = charts.find((chart) => chart.id === id)!.svg;
      const root = parseSvg(svg);
      const elements = allElements(root);

      it('is well-formed SVG made of its own elements only', () => {
        expect(root.name).toBe('svg');
        expect([...new Set(elements.map((element) => element.name))].filter((name) => !ownElements.has(name))).toEqual([]);
        expect(svg).not.toMatch(/<script|<foreignObject|<img|<a[\s>]|<!--|<!\[CDATA\[/i);
      });

      it('has no event handler, link or user text in any attribute', () => {
        const attributes = elements.flatMap((element) => Object.entries(element.attributes));
        expect(attributes.filter(([name]) => /^on|href$/i.test(name))).toEqual([]);
        expect(attributes.filter(([, value]) => /alert|javascript:|<|>/i.test(value))).toEqual([]);
      });

      it('keeps every control, invisible and unwritable character out, shown as an escape', () => {
        expect(svg).not.toMatch(/[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202E\u2066\uFFFE\uFFFF]/);
        expect(svg).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
        const texts = elements.filter((element) => element.name === 'title').map((element) => element.text).join('\n');
        expect(texts).toContain('ctl\\x00\\x01\\x1B[31mred\\x07\\x85');
        expect(texts).toContain('bidi\\u202Etxt.exe\\u2066');
        expect(texts).toContain('lines\\nsecond\\r\\nthird\\ttab');
        expect(texts).toContain('lone\uFFFDsurrogate\uFFFD');
      });

      it("keeps Plot's style free of user text", () => {
        expect(elements.filter((element) => element.name === 'style').map((style) => style.text).join('')).not.toMatch(/alert|script|display:none/);
      });
    });
  }

  it('shortens a 500-character label where it is shown, and keeps it whole in its tooltip', () => {
    const root = parseSvg(charts.find((chart) => chart.id === 'output-speed')!.svg);
    expect(titles(root).filter((title) => title.includes('-end'))).toContain(`${longLabel} · <script>p</script>`);
    const shown = allElements(root).filter((element: SvgElement) => element.name === 'text' && element.text.startsWith('LLL'));
    expect(shown).toHaveLength(2);
    // Target and prompt are cut apart, each in its middle: the two prompts' rows still read apart.
    expect(shown.map((text) => text.text)).toEqual(['LLLLLLL…LLL-end · <scri…ipt>n=8', 'LLLLLLL…LLL-end · "quot…omptn=8']);
    expect(parseSvg(charts[0]!.svg).text).not.toContain('L'.repeat(40));
  });
});
