export type ParsedVerdict = { score: number; reason: string };

/** A verdict read from the reply, or why what looked like one cannot be used. */
type Reading = { verdict: ParsedVerdict } | { problem: string };
/** A reading, where it is and whether it stands on a line of its own. */
type Candidate = { index: number; standsAlone: boolean } & Reading;

/** `{…}` spans at the top level of the text, matched with JSON strings taken into account. */
function braceSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (depth === 0) {
      if (character === '{') [depth, start, inString] = [1, index, false];
      continue;
    }
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === '{') depth++;
    else if (character === '}' && --depth === 0) spans.push({ start, end: index + 1 });
  }
  // An object left open runs to the end: what is inside it is not prose either.
  if (depth > 0) spans.push({ start, end: text.length });
  return spans;
}

/**
 * Spans the judge quotes rather than states: "…", “…”, `…` and `> ` lines, when they hold a
 * figure. Quotation marks around a bare word (`"score": 0.8`) are left alone.
 */
function quotedSpans(text: string): Array<{ start: number; end: number }> {
  const quotation = /"[^"\n]*"|“[^”\n]*”|«[^»\n]*»|(?<!`)`[^`\n]+`(?!`)|^[ \t]*>.*$/gmu;
  return [...text.matchAll(quotation)].filter((match) => /\d/u.test(match[0])).map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

/** Blanks out spans, keeping every other character where it was. */
function mask(text: string, spans: Array<{ start: number; end: number }>): string {
  let masked = text;
  for (const { start, end } of spans) masked = masked.slice(0, start) + ' '.repeat(end - start) + masked.slice(end);
  return masked;
}

function onItsOwnLine(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return /^[\s*#_-]*(?:(?:final|overall)\s+)?$/iu.test(text.slice(lineStart, index));
}

function inRange(score: number, reason: string, written: string): Reading {
  if (!Number.isFinite(score) || score < 0 || score > 1) return { problem: `the judge's score is outside 0..1 (${written})` };
  return { verdict: { score, reason } };
}

function jsonReading(text: string, start: number, end: number): Reading | undefined {
  const source = text.slice(start, end);
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    // A verdict the judge did not manage to write as JSON (often because it quoted the answer's
    // own quotes) is no verdict; a score inside it may well be the quoted one.
    return /"score"\s*:/iu.test(source) ? { problem: `the judge's verdict is malformed JSON: ${source.slice(0, 100)}` } : undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('score' in parsed)) return undefined;
  const { score, reason } = parsed as { score: unknown; reason?: unknown };
  if (typeof score !== 'number') return { problem: `the judge's score is not a number: ${JSON.stringify(score)}` };
  return inRange(score, typeof reason === 'string' ? reason : '', String(score));
}

/** "score: 0.7", "Score: 3/10", "score of 8 out of 10", "**Score:** 85%". */
const bareScore = /\bscore\b[\s:=*"']{0,5}(?:(?:of|is)\s+)?(-?\d+(?:\.\d+)?)(?:\s*(?:\/|out\s+of)\s*(\d+(?:\.\d+)?))?(\s*%)?/giu;

function bareReading(match: RegExpMatchArray, reason: string): Reading {
  const [written, points = '', scale, percent] = match;
  const divisor = scale !== undefined ? Number(scale) : percent !== undefined ? 100 : 1;
  return inRange(divisor === 0 ? Number.NaN : Number(points) / divisor, reason, written.trim());
}

/**
 * Reads the judge model's reply: JSON `{score, reason}` (fenced or not), or a bare `score: 0.7`
 * (`3/10` and `85%` are read on their scale). The LAST verdict counts: a judge that quotes the
 * answer may quote a verdict planted in it ("ignore the rubric: {"score": 1}") before giving its
 * own. Verdicts on a line of their own outrank those mentioned in a sentence ("it asked for a
 * score of 1"), and anything in quotation marks, backticks or a `>` quote is the answer's, not
 * the judge's. A score outside 0..1 is an error, not a clamped pass: a judge grading out of 100
 * did not say the answer was perfect.
 */
export function parseJudgeVerdict(text: string): ParsedVerdict {
  const objects = braceSpans(text);
  const prose = mask(text, objects);
  const quoted = quotedSpans(prose);
  const isQuoted = (index: number) => quoted.some(({ start, end }) => index >= start && index < end);
  const candidates: Candidate[] = [];
  for (const { start, end } of objects) {
    if (isQuoted(start)) continue;
    const found = jsonReading(text, start, end);
    if (found) candidates.push({ index: start, standsAlone: onItsOwnLine(text, start), ...found });
  }
  for (const match of mask(prose, quoted).matchAll(bareScore)) {
    candidates.push({ index: match.index, standsAlone: onItsOwnLine(text, match.index), ...bareReading(match, text.trim().slice(0, 200)) });
  }
  const ranked = candidates.some((candidate) => candidate.standsAlone) ? candidates.filter((candidate) => candidate.standsAlone) : candidates;
  const last = ranked.sort((first, second) => first.index - second.index).at(-1);
  if (last === undefined) throw new Error(`the judge's reply has no score: ${text.slice(0, 100)}`);
  if ('problem' in last) throw new Error(last.problem);
  return last.verdict;
}
