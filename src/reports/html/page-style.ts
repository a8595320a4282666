/**
 * The pages' one style sheet. Cases sit in fixed-layout tables, so a long run's thousands of rows
 * are laid out without measuring every cell; closed <details> are not laid out at all, and open
 * groups off the screen not until they come near it (content-visibility: a 10,000-attempt page
 * loads in about half the time).
 *
 * No text widens the page: a label, id or tag of any length breaks anywhere (a 150-character
 * target name once made the summary 2,144 px wide), headings only between words, figures never;
 * a table whose figures alone are wider than the window scrolls inside its `.scroll` box.
 */
export const pageStyle = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 1400px; padding: 0 1em; color: #222; overflow-wrap: anywhere; }
h1 { font-size: 1.5em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; } h3 { margin-top: 1.5em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left; }
th { overflow-wrap: break-word; }
td.num { text-align: right; white-space: nowrap; }
code { font-size: 0.95em; overflow-wrap: anywhere; }
.warn { background: #fff4ce; border-left: 4px solid #c98a00; padding: 6px 10px; }
.loud { background: #fde7e9; border-left: 4px solid #b3261e; padding: 8px 12px; font-weight: bold; }
.note { color: #555; max-width: 60em; }
.description { white-space: pre-line; max-width: 60em; }
.meta { color: #444; }
.settings code { margin-right: 1em; display: inline-block; max-width: 100%; }
.ci { position: relative; height: 6px; width: 120px; background: #eee; margin-top: 3px; margin-left: auto; }
.ci .range { position: absolute; top: 0; height: 6px; background: #7aa7d8; }
.ci .point { position: absolute; top: -2px; width: 2px; height: 10px; background: #123; }
.ci .zero { position: absolute; left: 50%; top: -3px; width: 1px; height: 12px; background: #b3261e; }
.gates li { margin: 4px 0; }
.passed { color: #176a2b; } .failed { color: #b3261e; font-weight: bold; }
.better { color: #176a2b; font-weight: bold; } .worse { color: #b3261e; font-weight: bold; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 600px), 1fr)); gap: 1.5em 2em; }
figure { margin: 0; } figure svg { max-width: 100%; height: auto; } figcaption { color: #555; max-width: 60em; }
figcaption b { color: #222; display: block; }
details.group { margin: 6px 0; content-visibility: auto; contain-intrinsic-size: auto 600px; }
details.group > summary { cursor: pointer; font-weight: bold; padding: 4px 0; }
table.cases { table-layout: fixed; width: 100%; }
table.cases thead th:first-child { width: 10em; }
table.cases td, table.cases th { overflow-wrap: anywhere; }
table.cases tbody td { font-size: 0.95em; color: #333; }
table.cases pre { margin: 2px 0; }
.tags { display: block; color: #555; }
td.pass > b, div.pass > b { color: #176a2b; } td.fail > b, div.fail > b { color: #b3261e; } td.error > b, div.error > b { color: #8a5a00; } td.plain > b, div.plain > b { color: #555; }
td.fail, td.error, td.bad { background: #fdf3f2; } td.mixed { background: #fffbea; }
td > div + div { border-top: 1px dotted #ccc; margin-top: 2px; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 4px 6px; margin: 4px 0; font-size: 0.92em; }
details.long > summary { cursor: pointer; white-space: pre-wrap; font-family: monospace; font-size: 0.92em; background: #f6f6f6; padding: 4px 6px; }
.flips li { margin: 3px 0; }
.scroll { overflow-x: auto; } .scroll table { font-size: 0.92em; }
/* A label breaks to fit, but no narrower than this: past it, the box scrolls instead. */
.scroll td:not(.num) { min-width: 9em; }
@media print { body { margin: 0; max-width: none; } details.group { content-visibility: visible; } .scroll { overflow: visible; } }
`;
