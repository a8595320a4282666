/**
 * Numbers as people write them: `-2`, `1,234`, `3.5`, `.5`, `1e-3`, `3.5%` (read as 3.5), `1/2`
 * (read as 0.5). A sign counts only when nothing word-like precedes it, so "5-2" reads 5 and 2.
 * Thousands separators need groups of exactly three digits, so "1,2,3" is a list.
 */
const numberToken =
  /(?<![\p{L}\p{N}.])([-+\u2212]?)(\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|\.\d+)(?:[eE]([-+]?\d+))?(?:\s*\/\s*(\d+(?:\.\d+)?)(?![\d.]))?(%)?/gu;

/** Words for small numbers, read only when an answer has no digits at all ("four"). */
const numberWords = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
];
const numberWord = new RegExp(`(?<![\\p{L}])(minus\\s+|negative\\s+)?(${numberWords.join('|')})(?![\\p{L}])`, 'giu');

/**
 * Where a model states its result, so the result is read rather than the last figure of the
 * working: "the answer is", "answer:", GSM8K's "####", LaTeX `\boxed{}`.
 */
const answerMarker = /(?:answer\s*(?:is|:|=)|final answer|####|\\boxed\{|result\s*(?:is|:|=))/giu;

export type ExtractedNumber = { value: number; text: string };

function allNumbers(text: string): ExtractedNumber[] {
  const numbers: ExtractedNumber[] = [];
  for (const match of text.matchAll(numberToken)) {
    const [whole, sign = '', digits = '', exponent, denominator] = match;
    let value = Number(digits.replace(/,/g, '')) * (exponent === undefined ? 1 : 10 ** Number(exponent));
    if (denominator !== undefined) {
      const divisor = Number(denominator);
      if (divisor === 0) continue;
      value /= divisor;
    }
    if (sign === '-' || sign === '\u2212') value = -value;
    if (Number.isFinite(value)) numbers.push({ value, text: whole.trim() });
  }
  if (numbers.length > 0) return numbers;
  for (const match of text.matchAll(numberWord)) {
    const value = numberWords.indexOf((match[2] ?? '').toLowerCase());
    numbers.push({ value: match[1] ? -value : value, text: match[0] });
  }
  return numbers;
}

/** The number an answer gives: the first after its last answer marker, else its final number. */
export function extractAnswerNumber(text: string): ExtractedNumber | undefined {
  const normalized = text.normalize('NFKC');
  const markers = [...normalized.matchAll(answerMarker)];
  const lastMarker = markers.at(-1);
  if (lastMarker?.index !== undefined) {
    const afterMarker = allNumbers(normalized.slice(lastMarker.index + lastMarker[0].length));
    if (afterMarker[0] !== undefined) return afterMarker[0];
  }
  return allNumbers(normalized).at(-1);
}
