export type FoundNumber = {
  value: number;
  text: string;
  /** Where the number starts and ends in the text searched, so the words around it can be read. */
  index: number;
  end: number;
};

/**
 * Numbers as people write them: `-2`, `minus 2`, `1,234`, `1,234.50`, `3.5`, `.5`, `1e-3`, `3.5%`
 * (read as 3.5), `1/2` (0.5), `1 1/2` (1.5). A sign counts only when nothing word-like precedes
 * it, so "5-2" reads 5 and 2, and "minus" only when no number precedes it, so "5 minus 2" does too.
 * Thousands separators need groups of exactly three digits, so "1,2,3" is a list. A full stop
 * after a fraction ends the sentence ("She ate 3/4."), it is not a decimal point.
 */
const numberToken = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}.])`,
    String.raw`(?:(?<!\p{N}[\s)]*)(?<signWord>minus|negative)\s+|(?<sign>[-+\u2212]))?`,
    String.raw`(?:(?<whole>\d+) (?<mixedNumerator>\d+)\/(?<mixedDenominator>\d+)(?!\d|\.\d|\/)`,
    String.raw`|(?<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|\.\d+)(?:e(?<exponent>[-+]?\d+))?(?:\s*\/\s*(?<denominator>\d+(?:\.\d+)?)(?!\d|\.\d))?)`,
    String.raw`(?<percent>%)?`,
  ].join(''),
  'giu',
);

/** Words for small numbers, read only when an answer has no digits at all ("four"). */
const numberWords = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
];
const numberWord = new RegExp(`(?<![\\p{L}])(minus\\s+|negative\\s+)?(${numberWords.join('|')})(?![\\p{L}])`, 'giu');

function valueOf(groups: Record<string, string | undefined>): number | undefined {
  const { whole, mixedNumerator, mixedDenominator, digits = '', exponent, denominator } = groups;
  if (whole !== undefined) {
    const divisor = Number(mixedDenominator);
    return divisor === 0 ? undefined : Number(whole) + Number(mixedNumerator) / divisor;
  }
  const value = Number(digits.replace(/,/g, '')) * (exponent === undefined ? 1 : 10 ** Number(exponent));
  if (denominator === undefined) return value;
  const divisor = Number(denominator);
  return divisor === 0 ? undefined : value / divisor;
}

/** Every number in `text`, in order; number words only when there is no digit. */
export function findNumbers(text: string): FoundNumber[] {
  const numbers: FoundNumber[] = [];
  for (const match of text.matchAll(numberToken)) {
    const groups = match.groups ?? {};
    const value = valueOf(groups);
    if (value === undefined || !Number.isFinite(value)) continue;
    const negative = groups.signWord !== undefined || groups.sign === '-' || groups.sign === '\u2212';
    numbers.push({ value: negative ? -value : value, text: match[0].trim(), index: match.index, end: match.index + match[0].length });
  }
  if (numbers.length > 0) return numbers;
  for (const match of text.matchAll(numberWord)) {
    const value = numberWords.indexOf((match[2] ?? '').toLowerCase());
    numbers.push({ value: match[1] ? -value : value, text: match[0], index: match.index, end: match.index + match[0].length });
  }
  return numbers;
}
