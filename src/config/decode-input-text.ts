import { isUtf8 } from 'node:buffer';
import { findForbiddenCharacter } from './forbidden-character.ts';

/** A problem in a file's text, before it is given its file name. */
export type TextProblem = { line: number; field: string; message: string };

/** Beyond this many, a file is not text at all and the rest would only bury the first ones. */
const maxReported = 20;

function lineOfOffset(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let index = bytes.indexOf(0x0a); index !== -1 && index < offset; index = bytes.indexOf(0x0a, index + 1)) {
    line += 1;
    start = index + 1;
  }
  return { line, column: offset - start + 1 };
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; ) {
    const byte = bytes[index] as number;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) return index;
    const chunk = bytes.subarray(index, index + length);
    if (!isUtf8(chunk)) return index;
    index += length;
  }
  return bytes.length;
}

function encodingProblem(bytes: Uint8Array): TextProblem | undefined {
  const starts = (...prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);
  const encoding = starts(0xff, 0xfe, 0, 0) || starts(0, 0, 0xfe, 0xff) ? 'UTF-32' : starts(0xff, 0xfe) || starts(0xfe, 0xff) ? 'UTF-16' : undefined;
  if (encoding !== undefined) return { line: 1, field: '(text)', message: `the file is ${encoding} (it starts with a ${encoding} byte order mark); save it as UTF-8` };
  if (isUtf8(bytes)) return undefined;
  const offset = firstInvalidUtf8(bytes);
  const { line, column } = lineOfOffset(bytes, offset);
  const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return { line, field: '(text)', message: `not valid UTF-8 (byte 0x${byte} at byte ${column} of the line); save the file as UTF-8` };
}

/** Every line holding a character no text file may (a NUL, an ESC), at most `maxReported`. */
function characterProblems(text: string): TextProblem[] {
  const problems: TextProblem[] = [];
  let line = 1;
  let lineStart = 0;
  for (let from = 0; from < text.length; ) {
    const found = findForbiddenCharacter(text.slice(from));
    if (found === undefined) break;
    const index = from + found.index;
    for (let newline = text.indexOf('\n', lineStart); newline !== -1 && newline < index; newline = text.indexOf('\n', lineStart)) {
      line += 1;
      lineStart = newline + 1;
    }
    if (problems.length === maxReported) {
      problems.push({ line, field: '(text)', message: 'more lines with characters text may not hold; is this a text file?' });
      break;
    }
    problems.push({ line, field: '(text)', message: found.message(`at column ${index - lineStart + 1}`) });
    const nextLine = text.indexOf('\n', index);
    if (nextLine === -1) break;
    from = nextLine;
  }
  return problems;
}

/**
 * A user's file as text: UTF-8, without a byte order mark, and without characters text may not
 * hold. Anything else is reported at its line rather than turned into U+FFFD or sent as it is.
 */
export function decodeInputText(bytes: Uint8Array): { text: string; problems: TextProblem[] } {
  const problem = encodingProblem(bytes);
  if (problem !== undefined) return { text: '', problems: [problem] };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').replace(/^\uFEFF/, '');
  return { text, problems: characterProblems(text) };
}
