import { escapeHtml } from '../escape-html.ts';
import { pageStyle } from './page-style.ts';

/**
 * A whole page around `body`: self-contained (no script, no request), and its
 * Content-Security-Policy allows none either, so an answer that slipped past escaping could still
 * not run or fetch anything. Inline SVG needs no source; `img-src data:` is for nothing but
 * embedded images.
 */
export function htmlDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${pageStyle}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
