import { canonicalText } from './normalize-text.ts';

/** A letter that is not the start of a word: "C", "C.", "C)", but not "Cat", "I'm" or "D-shaped". */
const letterEnd = "(?![\\p{L}\\p{N}'’]|-\\p{L})";

/** What may follow a letter that could be a word ("a", "I") for it to be read as a letter. */
const standsAlone = /^[\t ]*(?:$|\r?\n|[.!?,;:)\]])/u;

type Pick = { letter: string; index: number };

/**
 * "C" is a pick wherever a pattern found it; a lowercase letter or "I" only when it stands
 * alone ("answer: c", "The answer is I."), so "the answer is a city" and "The answer is I
 * believe C" do not pick A or I. Brackets make any letter a pick: "(i)".
 */
function isPick(text: string, index: number, letters: string): boolean {
  const letter = text[index] ?? '';
  if (!letters.includes(letter.toUpperCase())) return false;
  if (text[index - 1] === '(' || text[index - 1] === '[') return true;
  if (letter === letter.toUpperCase() && letter !== 'I') return true;
  return standsAlone.test(text.slice(index + 1));
}

/** Statements of a choice: "the answer is C", "I would go with C", "it's C", "could also be D", "C is correct". */
function statementPatterns(letters: string): RegExp[] {
  const letter = `[(\\[]?(?<first>[${letters}])[)\\]]?${letterEnd}`;
  const joiner = '\\s*(?:,|or\\s+(?:maybe|possibly|perhaps|else)|and|or|&|/|\\+)\\s*';
  const more = `(?<rest>(?:${joiner}[(\\[]?[${letters}][)\\]]?${letterEnd})*)`;
  const option = '(?:(?:option|choice|letter)\\s+)?';
  const hedging = '(?:(?:i\\s+(?:believe|think|guess|would\\s+say)|probably|likely|most\\s+likely|clearly|definitely)\\s*,?\\s+)?';
  const answerIs = '\\b(?:(?:final|correct|best|right)\\s+)?answers?(?:\\s+(?:is|are|would\\s+be|will\\s+be|should\\s+be|must\\s+be))?\\s*(?:[:=]|-)?\\s*';
  const picking = [
    'i\\s+(?:choose|pick|select|go\\s+with|will\\s+go\\s+with|would\\s+(?:choose|pick|select|say|go\\s+with))',
    "i['’](?:d|ll)\\s+(?:choose|pick|select|say|go\\s+with)",
    '(?:correct|best|right)\\s+(?:option|choice)\\s+(?:is|would\\s+be)',
    "(?:it|that)(?:['’]s|\\s+is|\\s+must\\s+be|\\s+should\\s+be|\\s+would\\s+be)",
    '(?:could|might|may)\\s+(?:also\\s+|well\\s+)?be',
    'or\\s+(?:maybe|possibly|perhaps)',
  ];
  return [
    new RegExp(`${answerIs}${hedging}${option}${letter}${more}`, 'gidu'),
    new RegExp(`\\b(?:${picking.join('|')})\\s*:?\\s*${option}${letter}${more}`, 'gidu'),
    new RegExp(`(?<![\\p{L}\\p{N}])${letter}${more}\\s+(?:is|are)\\s+(?:the\\s+)?(?:correct|right|best)`, 'gdu'),
    // A line that is nothing but a letter: "C", "(C)", "C.", "C!".
    new RegExp(`^[\\t ]*[(\\[]?(?<first>[${letters}])[)\\]]?[\\t ]*[.!:]?[\\t ]*$`, 'gimdu'),
  ];
}

/** Every pick stated anywhere in the answer; a list after one ("A and C", "A, C") picks all of them. */
function statedChoices(text: string, letters: string): Pick[] {
  const found: Pick[] = [];
  for (const pattern of statementPatterns(letters)) {
    for (const match of text.matchAll(pattern)) {
      const [firstStart] = match.indices?.groups?.first ?? [];
      if (firstStart === undefined || !isPick(text, firstStart, letters)) continue;
      found.push({ letter: text[firstStart]?.toUpperCase() ?? '', index: firstStart });
      const [restStart = 0, restEnd = 0] = match.indices?.groups?.rest ?? [];
      for (const extra of text.slice(restStart, restEnd).matchAll(new RegExp(`(?<!\\p{L})[${letters}](?!\\p{L})`, 'giu'))) {
        const index = restStart + extra.index;
        if (isPick(text, index, letters)) found.push({ letter: extra[0].toUpperCase(), index });
      }
    }
  }
  return found;
}

/** A first line that opens with the choice: "C) Paris", "C - Paris", "(C) Paris". */
function leadingChoice(text: string, letters: string): string | undefined {
  const firstLine = text.trim().split(/\r?\n/)[0]?.trim() ?? '';
  const labelled = new RegExp(`^(?:[(\\[]([${letters}])[)\\]]|([${letters}])(?:[).:]|\\s+[-–—]))(?:\\s|$)`, 'u').exec(firstLine);
  if (!labelled) return undefined;
  // "(A) (B)" on one line is a list of options, not a choice of the first.
  const rest = firstLine.slice(labelled[0].length);
  if (new RegExp(`(?:^|\\s)[(\\[]?[${letters}][)\\]]`, 'u').test(rest)) return undefined;
  return labelled[1] ?? labelled[2];
}

/** Weaker mentions, used only when nothing stronger was said: "option C", "(C)". */
function mentionedChoices(text: string, letters: string): string[] {
  const pattern = new RegExp(`\\b(?:option|choice)\\s+([${letters}])${letterEnd}|[(\\[]([${letters}])[)\\]]`, 'giu');
  const found = [...text.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? '');
  return distinct(found.filter((letter) => letter === letter.toUpperCase()));
}

function distinct(letters: string[]): string[] {
  return [...new Set(letters)];
}

/**
 * The option letters an answer picks, for multiple-choice questions, in the order it states
 * them. Markdown emphasis is ignored ("**C**"). Every pick counts wherever it is ("The answer is
 * C, but it could also be D" picks both): several letters mean the answer hedged, none that it
 * did not choose. Letters are looked for case-insensitively only where they stand alone.
 */
export function extractChoices(output: string, letters: string): string[] {
  const text = canonicalText(output).replace(/[*_`]/g, '');
  const leading = leadingChoice(text, letters);
  const picks = [...(leading === undefined ? [] : [{ letter: leading, index: -1 }]), ...statedChoices(text, letters)];
  if (picks.length > 0) return distinct(picks.sort((first, second) => first.index - second.index).map((pick) => pick.letter));
  return mentionedChoices(text, letters);
}
