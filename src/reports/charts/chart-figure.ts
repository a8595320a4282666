/**
 * One chart of report.html, rendered at write time. `title` and `caption` are plain text (the
 * page escapes them); `svg` is a complete `<svg>` element that needs nothing outside itself: no
 * script, no font or image to load, no foreignObject, so the page's Content-Security-Policy
 * (`default-src 'none'; style-src 'unsafe-inline'`) lets it show as it is.
 */
export type ChartFigure = {
  /** Stable, for anchors and tests: `ttft-distribution`, `e2e-distribution`, `output-speed`, `errors-by-type`, `quality-cost`, `quality-ttft`. */
  id: string;
  title: string;
  /** One or two sentences: how to read the chart, and which targets it leaves out and why. */
  caption: string;
  svg: string;
};
