const letterEnd = '(?![\\p{L}\\p{N}])';

function distinct(letters: string[]): string[] {
  return [...new Set(letters)];
}

/**
 * Statements of a choice, strongest first: "the answer is C", "Answer: (C)", "I choose C",
 * "C is correct". The letter must be a capital (so "the answer is a city" picks nothing), and a
 * list after it ("A and C", "A, C") counts as picking all of them.
 */
function statedChoices(text: string, letters: string): string[] {
  const letter = `[(\\[]?([${letters}])[)\\]]?${letterEnd}`;
  const more = `((?:\\s*(?:,|and|or|&|/|\\+)\\s*[(\\[]?[${letters}][)\\]]?${letterEnd})*)`;
  const patterns = [
    new RegExp(`\\banswers?(?:\\s+(?:is|are|would\\s+be|will\\s+be))?\\s*(?:[:=]|-)?\\s*(?:option\\s+|choice\\s+)?${letter}${more}`, 'giu'),
    new RegExp(`\\b(?:i\\s+(?:choose|pick|select|would\\s+choose|would\\s+pick|go\\s+with)|correct\\s+(?:option|choice)\\s+is)\\s*:?\\s*(?:option\\s+|choice\\s+)?${letter}${more}`, 'giu'),
    new RegExp(`(?<![\\p{L}\\p{N}])${letter}${more}\\s+(?:is|are)\\s+(?:the\\s+)?(?:correct|right)`, 'gu'),
  ];
  const found: string[] = [];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const [, first = '', rest = ''] = match;
      if (first !== first.toUpperCase()) continue;
      found.push(first, ...[...rest.matchAll(new RegExp(`[${letters}]`, 'gu'))].map((extra) => extra[0]));
    }
  }
  return distinct(found);
}

/** A first line that is the choice itself: "C", "(C)", "C.", "C) Paris", "C - Paris". */
function leadingChoice(text: string, letters: string): string | undefined {
  const firstLine = text.trim().split(/\r?\n/)[0] ?? '';
  const alone = new RegExp(`^[(\\[]?([${letters}])[)\\]]?[.:]?$`, 'iu').exec(firstLine.trim());
  if (alone?.[1]) return alone[1].toUpperCase();
  const labelled = new RegExp(`^(?:[(\\[]([${letters}])[)\\]]|([${letters}])(?:[).:]|\\s+[-–—]))(?:\\s|$)`, 'u').exec(firstLine.trim());
  if (!labelled) return undefined;
  // "(A) (B)" on one line is a list of options, not a choice of the first.
  const rest = firstLine.trim().slice(labelled[0].length);
  if (new RegExp(`(?:^|\\s)[(\\[]?[${letters}][)\\]]`, 'u').test(rest)) return undefined;
  return labelled[1] ?? labelled[2];
}

/** Weaker mentions, used only when nothing stronger was said: "option C", "(C)". */
function mentionedChoices(text: string, letters: string): string[] {
  const pattern = new RegExp(`\\b(?:option|choice)\\s+([${letters}])${letterEnd}|[(\\[]([${letters}])[)\\]]`, 'giu');
  const found = [...text.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? '');
  return distinct(found.filter((letter) => letter === letter.toUpperCase()));
}

/**
 * The option letters an answer picks, for multiple-choice questions. Markdown emphasis is
 * ignored ("**C**"). Several letters mean the answer hedged; none means it did not choose.
 */
export function extractChoices(output: string, letters: string): string[] {
  const text = output.normalize('NFKC').replace(/[*_`]/g, '');
  const stated = statedChoices(text, letters);
  if (stated.length > 0) return stated;
  const leading = leadingChoice(text, letters);
  if (leading !== undefined) return [leading];
  return mentionedChoices(text, letters);
}
