import type { ChartFigure } from '../charts/chart-figure.ts';
import { escapeHtml } from '../escape-html.ts';

export type { ChartFigure };

/**
 * The charts, each inline SVG in a figure with its title and a caption saying how to read it.
 * The SVG comes from the chart library, which escapes the labels in it; as a second line behind
 * the page's Content-Security-Policy, a chart whose markup holds anything active (a script, a
 * foreignObject, an event attribute, a link out) is left out with a note, not embedded.
 */
export function chartsHtml(figures: readonly ChartFigure[]): string {
  if (figures.length === 0) return '';
  const shown = figures.map((figure) => {
    const title = `<b>${escapeHtml(figure.title)}</b>`;
    if (hasActiveContent(figure.svg)) return `<figure><figcaption>${title} Left out: its SVG held active content.</figcaption></figure>`;
    return `<figure id="chart-${escapeHtml(figure.id.replace(/[^\w-]/g, '-'))}">${figure.svg}<figcaption>${title}${escapeHtml(figure.caption)}</figcaption></figure>`;
  });
  return `<h2 id="charts">Charts</h2>\n<div class="charts">\n${shown.join('\n')}\n</div>`;
}

/** A tag that runs, loads or animates something: script, foreignObject, an embed, an image, animate/set, an on… attribute, or an href outside the page. */
export function hasActiveContent(svg: string): boolean {
  for (const [tag] of svg.matchAll(/<[^>]*>/g)) {
    if (/^<\s*\/?\s*(?:script|foreignobject|iframe|object|embed|image|img|animate|set)\b/i.test(tag)) return true;
    // Attribute values are data, not attributes: `aria-label="x onload=y"` is fine.
    const bare = tag.replace(/"[^"]*"|'[^']*'/g, '""');
    if (/[\s/]on[a-z]+\s*=/i.test(bare)) return true;
    if (/(?:^|[\s/])(?:xlink:)?href\s*=\s*["']\s*[^"'#\s]/i.test(tag)) return true;
  }
  return /<!\[CDATA\[|<!doctype|<!entity/i.test(svg);
}
