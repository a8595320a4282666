import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { shortText } from './chart-text.ts';

/** Every chart's width in pixels; the page scales it down (Plot's own style sets max-width: 100%). */
export const chartWidth = 640;

/**
 * A key to a colour that the chart's own axes do not name: a series or an error type. `label` is
 * the whole name (its tooltip); `text`, when given, what the legend shows (a series' distinct
 * short label), else the label cut to the legend's width.
 */
export type LegendEntry = { label: string; text?: string; colour: string; dashed?: boolean; swatch: 'line' | 'dot' | 'square' };

const svgNamespace = 'http://www.w3.org/2000/svg';
const legendColumnWidth = 200;
const legendRowHeight = 16;
const legendTop = 26;
// Columns of 10px sans-serif text that fit beside a swatch in one legend column.
const legendLabelColumns = 30;

let shared: Document | undefined;

/** One server-side DOM for every chart: Plot builds its elements there, and its serializer escapes the text. */
function chartDocument(): Document {
  shared ??= parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
  return shared;
}

/**
 * Observable Plot's chart as SVG text, with a legend of `legend` above the plot area when given,
 * and its coordinates rounded to what a screen shows (a tenth of a pixel in paths) so that a
 * long run's chart stays small. The same options give the same text: Plot draws nothing random,
 * and no mark here uses the clip paths, patterns or markers whose ids Plot counts per process.
 */
export function plotSvg(options: Plot.PlotOptions, legend: readonly LegendEntry[] = []): string {
  const document = chartDocument();
  // Below the row where Plot writes the vertical axis's label (at the top of the margin).
  const legendHeight = legend.length === 0 ? 0 : Math.ceil(legend.length / legendColumns()) * legendRowHeight + legendTop - 10;
  const chart = Plot.plot({ width: chartWidth, ...options, height: (options.height ?? 300) + legendHeight, marginTop: (options.marginTop ?? 30) + legendHeight, document });
  if (chart.tagName.toLowerCase() !== 'svg') throw new Error('Expected Plot to draw a bare <svg>: a Plot legend, title or caption wraps it in HTML');
  if (legend.length > 0) chart.append(legendGroup(document, legend));
  roundGeometry(chart);
  return chart.outerHTML;
}

function legendColumns(): number {
  return Math.max(1, Math.floor((chartWidth - 24) / legendColumnWidth));
}

/** Swatches and labels in columns; a shortened label keeps its whole text in a tooltip. */
function legendGroup(document: Document, entries: readonly LegendEntry[]): Element {
  const group = element(document, 'g', { 'aria-label': 'legend', transform: `translate(12,${legendTop})`, 'font-size': 10, 'text-anchor': 'start' });
  const columns = legendColumns();
  entries.forEach((entry, index) => {
    const item = element(document, 'g', { transform: `translate(${(index % columns) * legendColumnWidth},${Math.floor(index / columns) * legendRowHeight})` });
    const title = element(document, 'title', {});
    title.textContent = entry.label;
    item.append(title, swatch(document, entry));
    const text = element(document, 'text', { x: 20, dy: '0.32em', fill: 'currentColor' });
    text.textContent = entry.text ?? shortText(entry.label, legendLabelColumns);
    item.append(text);
    group.append(item);
  });
  return group;
}

function swatch(document: Document, entry: LegendEntry): Element {
  if (entry.swatch === 'line') {
    return element(document, 'line', { x1: 0, x2: 14, stroke: entry.colour, 'stroke-width': 2, ...(entry.dashed ? { 'stroke-dasharray': '4,2' } : {}) });
  }
  if (entry.swatch === 'dot') {
    return element(document, 'circle', { cx: 7, r: 4, ...(entry.dashed ? { fill: 'white', stroke: entry.colour, 'stroke-width': 1.5 } : { fill: entry.colour }) });
  }
  return element(document, 'rect', { x: 2, y: -5, width: 10, height: 10, fill: entry.colour });
}

function element(document: Document, name: string, attributes: Record<string, string | number>): Element {
  const node = document.createElementNS(svgNamespace, name);
  for (const [attribute, value] of Object.entries(attributes)) node.setAttribute(attribute, String(value));
  return node;
}

const number = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;
// Only attributes Plot and the legend write numbers into; text content (a label "1.23456") is never touched.
const pathAttributes = new Set(['d', 'points']);
const placeAttributes = new Set(['transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'dx', 'dy']);

function roundGeometry(root: Element): void {
  for (const node of [root, ...root.querySelectorAll('*')]) {
    for (const attribute of [...node.attributes]) {
      const decimals = pathAttributes.has(attribute.name) ? 1 : placeAttributes.has(attribute.name) ? 2 : undefined;
      if (decimals === undefined) continue;
      node.setAttribute(attribute.name, attribute.value.replace(number, (figure) => String(Number(Number(figure).toFixed(decimals)))));
    }
  }
}
