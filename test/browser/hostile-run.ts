import { jsonl } from '../support/run-folder.ts';
import type { HostileReply, HostileRequest } from '../support/hostile-server.ts';
import { eventStreamHeaders, allEvents, wholeStream } from '../support/hostile-server.ts';

/**
 * 32 ways to run script, load something or break the page's structure if a value reached the
 * HTML unescaped: elements with handlers, script in every raw-text context there is to break out
 * of (title, style, textarea, comments, CDATA, noscript, template), SVG and MathML (mutation XSS),
 * attribute breakouts (both quotes), URLs that run or fetch, template syntax, and text that must
 * stay text (an already-escaped entity, a lone comment opener, `<plaintext>`). Each one that runs
 * sets `window.__pwned`.
 */
export const xssPayloads = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '<svg onload="window.__pwned=3">',
  '"><script>window.__pwned=4</script>',
  "'><img src=x onerror=window.__pwned=5>",
  '</title><script>window.__pwned=6</script>',
  '</textarea><script>window.__pwned=7</script>',
  '</style><script>window.__pwned=8</script>',
  '<iframe src="javascript:top.__pwned=9"></iframe>',
  '<a href="javascript:window.__pwned=10">click me</a>',
  '<body onload=window.__pwned=11>',
  '<details open ontoggle="window.__pwned=12">',
  '<input autofocus onfocus="window.__pwned=13">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=14>',
  '<svg><foreignObject><img src=x onerror=window.__pwned=15></foreignObject></svg>',
  '<object data="data:text/html,<script>parent.__pwned=16</script>"></object>',
  '<embed src="data:image/svg+xml,<svg onload=parent.__pwned=17>">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=18">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<style>@import url(https://evil.example/y.css); body{background:url(https://evil.example/b.png)}</style>',
  '<div style="background:url(https://evil.example/c.png)">styled</div>',
  "{{constructor.constructor('window.__pwned=23')()}} ${window.__pwned=23}",
  '<!-- an unclosed comment',
  ']]><script>window.__pwned=25</script><![CDATA[',
  '&lt;script&gt;window.__pwned=26&lt;/script&gt; &amp; &#60;b&#62;',
  '<form action="https://evil.example/f"><button formaction="javascript:window.__pwned=27">go</button></form>',
  '<svg><script>window.__pwned=28</script><a href="javascript:window.__pwned=28"><text>x</text></a></svg>',
  '<svg><animate onbegin="window.__pwned=29" attributeName="x" dur="1s"></animate></svg>',
  '" onmouseover="window.__pwned=30" autofocus onfocus="window.__pwned=30" x="',
  "' onfocus='window.__pwned=31' autofocus x='<noscript><p title=\"</noscript><img src=x onerror=window.__pwned=31>\">",
  '<template><script>window.__pwned=32</script></template><plaintext>',
] as const;

/** The text put where payload `index` goes. */
export type Filler = (index: number) => string;

export const hostileFiller: Filler = (index) => xssPayloads[index % xssPayloads.length]!;
/**
 * The benign twin of a payload: each letter or digit an `x`, each other character a `.`, spaces
 * kept. It has the payload's length and the simulator's token count, so answers take as long to
 * stream and cost as much, and every figure (and so every interval and verdict) comes out alike.
 */
export const benignFiller: Filler = (index) => hostileFiller(index).replace(/[\p{L}\p{N}]/gu, 'x').replace(/[^\s\p{L}\p{N}]/gu, '.');

const count = xssPayloads.length;
const pad = (index: number) => String(index).padStart(2, '0');
/** Four payloads in one value, so that the 8 tags carry all 32 (and the 4 labels, eight each). */
const four = (text: Filler, first: number) => [0, 1, 2, 3].map((offset) => text(first + offset)).join(' ');

/**
 * One run's files: a dataset of 32 cases, an answer book per simulated model and the eval file
 * naming four targets. Every value a report shows is filled by `text`; the shape (verdicts,
 * errors, groups, ordering) does not depend on it, so a hostile run and its benign twin render
 * pages of the same structure. Ids and tags start with a number, so any sort keeps their order.
 */
export function hostileRunFiles(text: Filler, mockUrl: string, erringUrl: string) {
  const cases = Array.from({ length: count }, (_, index) => {
    const right = `Answer ${index}: ${text(index + 3)}`;
    return {
      id: `c${pad(index)}-${text(index)}`,
      prompt: `Question ${index}: ${text(index + 1)}`,
      ...(index % 4 === 0 ? { system: `System ${index}: ${text(index + 2)}` } : {}),
      expected: right,
      assert: [{ type: 'equals', value: right }],
      tags: [`t${index % 8} ${four(text, 4 * (index % 8))}`],
    };
  });
  const wrong = (index: number) => `Wrong ${index}: ${text(index + 5)}`;
  /** Which cases each simulated model gets right: all, the even ones, all but every third. */
  const rightWhen = [() => true, (index: number) => index % 2 === 0, (index: number) => index % 3 !== 0];
  const books = rightWhen.map((isRight) =>
    jsonl(cases.map((item, index) => ({ match: { caseId: item.id }, reply: isRight(index) ? item.expected : wrong(index) }))),
  );
  const label = (target: number) => `${target} ${four(text, 8 * target)} ${four(text, 8 * target + 4)}`;
  const evalFile = {
    datasets: ['cases.jsonl'],
    targets: [
      ...['alpha', 'beta', 'gamma'].map((model, target) => ({ target: `openai-compatible:${model}@${mockUrl}/v1`, label: label(target) })),
      { target: `openai-compatible:delta@${erringUrl}/v1`, label: label(3) },
    ],
  };
  return {
    cases,
    dataset: jsonl(cases),
    books,
    evalFile: JSON.stringify(evalFile, null, 2),
    labels: [0, 1, 2, 3].map(label),
    /** What the fourth target's server says to each odd case: an error message with two payloads. */
    errorMessage: (index: number) => (index % 2 === 1 ? `Error ${index}: ${text(index - 1)} ${text(index)}` : undefined),
    wrong,
  };
}

/**
 * The fourth target's server, for one run: a 400 whose message is hostile to every odd case (a
 * 400 is not retried), and to the even ones an answer, right for one in two.
 */
export function erringReplies(files: () => ReturnType<typeof hostileRunFiles>): (request: HostileRequest) => HostileReply {
  return (request) => {
    const index = caseIndexOf(request.body);
    const run = files();
    const item = index === undefined ? undefined : run.cases[index];
    if (index === undefined || !item) return { status: 404, headers: { 'content-type': 'application/json' }, body: ['{"error":{"message":"unknown case"}}'] };
    const message = run.errorMessage(index);
    if (message) return { status: 400, headers: { 'content-type': 'application/json' }, body: [JSON.stringify({ error: { message, type: 'invalid_request_error' } })] };
    const answer = index % 4 === 2 ? run.wrong(index) : item.expected;
    // A character an event, a pause between each: clearly slower to stream than any simulated model.
    return { headers: eventStreamHeaders, body: allEvents(wholeStream('chat-completions', [...answer])) };
  };
}

/** The case a Chat Completions request asks, from its last message: `Question N: …`. */
function caseIndexOf(body: string): number | undefined {
  try {
    const { messages } = JSON.parse(body) as { messages?: Array<{ content?: unknown }> };
    const last = messages?.at(-1)?.content;
    const text = typeof last === 'string' ? last : JSON.stringify(last);
    const found = /Question (\d+):/.exec(text ?? '');
    return found ? Number(found[1]) : undefined;
  } catch {
    return undefined;
  }
}
