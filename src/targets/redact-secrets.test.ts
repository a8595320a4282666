import { describe, expect, it } from 'vitest';
import { createRedactor, redactedMarker } from './redact-secrets.ts';

describe('createRedactor', () => {
  const key = 'sk-test-0123456789abcdef+/=XYZ';
  const redact = createRedactor([key]);

  it('blanks the key as it is', () => {
    expect(redact(`Incorrect API key provided: ${key}.`)).toBe(`Incorrect API key provided: ${redactedMarker}.`);
  });

  it('blanks the key URL-encoded, with upper- or lower-case hex digits', () => {
    expect(redact(`?key=${encodeURIComponent(key)}`)).toBe(`?key=${redactedMarker}`);
    const lowerHex = encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    expect(redact(`?key=${lowerHex}`)).toBe(`?key=${redactedMarker}`);
  });

  it('blanks the key with JSON-escaped slashes', () => {
    expect(redact(JSON.stringify({ key }).replaceAll('/', '\\/'))).toBe(`{"key":"${redactedMarker}"}`);
  });

  it.each([0, 1, 2, 3, 4])('blanks the key inside base64 with %d bytes before it', (prefixLength) => {
    const encoded = Buffer.from(`${'u'.repeat(prefixLength)}:${key}`).toString('base64');
    const redacted = redact(`Authorization: Basic ${encoded}`);
    expect(redacted).toContain(redactedMarker);
    // What is left cannot give the key back.
    const leftovers = redacted.replace('Authorization: Basic ', '').split(redactedMarker).join('');
    expect(Buffer.from(leftovers, 'base64').toString('latin1')).not.toContain(key.slice(2, 12));
  });

  it('leaves text alone when there are no secrets, and ignores values too short to be keys', () => {
    expect(createRedactor([])('hello')).toBe('hello');
    expect(createRedactor(['abc', undefined])('abc')).toBe('abc');
  });
});

/** Each way a server, a proxy or a model may write one character of a key. */
const characterEncodings: Record<string, (character: string) => string> = {
  'JSON \\u, lower-case hex': (character) => `\\u${hex(character, 4)}`,
  'JSON \\u, upper-case hex': (character) => `\\u${hex(character, 4).toUpperCase()}`,
  'JSON \\u escaped twice': (character) => `\\\\u${hex(character, 4)}`,
  'JSON \\u escaped three times': (character) => `\\\\\\\\u${hex(character, 4)}`,
  'JavaScript \\u{…}': (character) => `\\u{${hex(character, 1)}}`,
  'Python \\U': (character) => `\\U${hex(character, 8)}`,
  '\\x': (character) => `\\x${hex(character, 2)}`,
  'octal \\ooo': (character) => `\\${character.charCodeAt(0).toString(8).padStart(3, '0')}`,
  'percent-encoding of every character': (character) => `%${hex(character, 2).toUpperCase()}`,
  'percent-encoding, twice': (character) => `%25${hex(character, 2)}`,
  'escape() style %u': (character) => `%u${hex(character, 4)}`,
  'HTML decimal reference': (character) => `&#${character.charCodeAt(0)};`,
  'HTML hex reference': (character) => `&#x${hex(character, 1)};`,
  'HTML reference, escaped again': (character) => `&amp;#${character.charCodeAt(0)};`,
  'JSON escape of a percent escape': (character) => `\\u0025${hex(character, 2)}`,
  'percent escape of a JSON escape': (character) => `%5Cu${hex(character, 4)}`,
  'full-width form': (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0),
  'zero-width space before it': (character) => `\u200B${character}`,
  'soft hyphen and word joiner before it': (character) => `\u00AD\u2060${character}`,
  'mathematical bold (NFKC folds it)': (character) => styled(character, 0x1d400, 0x1d41a, 0x1d7ce),
  'mathematical sans-serif bold italic': (character) => styled(character, 0x1d63c, 0x1d656, undefined),
  'circled (NFKC folds it)': (character) => styled(character, 0x24b6, 0x24d0, undefined),
  'superscript where one exists': (character) => ({ '1': '\u00B9', '2': '\u00B2', '3': '\u00B3', i: '\u2071', n: '\u207F' })[character] ?? character,
  'Unicode tag character (invisible "ASCII smuggling")': (character) => String.fromCodePoint(0xe0000 + character.charCodeAt(0)),
  'ANSI reset ESC[0m before it': (character) => `\x1B[0m${character}`,
  'ANSI colour with parameters before it': (character) => `\x1B[38;5;196m${character}`,
  'OSC 8 hyperlink opener before it': (character) => `\x1B]8;;https://x.example/\x07${character}`,
  'OSC title and DCS strings, ended by ST, before it': (character) => `\x1B]0;title\x1B\\\x1BP1$r\x1B\\${character}`,
  '8-bit CSI before it': (character) => `\u009B1m${character}`,
  'control characters (NUL, BEL, BS) before it': (character) => `\0\x07\b${character}`,
  'combining underline after it (styled text)': (character) => `${character}\u0332`,
  'combining strike-through and enclosing circle after it': (character) => `${character}\u0336\u20DD`,
};

/** A letter or digit in a styled alphabet of Unicode (capitals, small letters, digits from their first code points). */
function styled(character: string, capitals: number, small: number, digits: number | undefined): string {
  const code = character.charCodeAt(0);
  if (code >= 0x41 && code <= 0x5a) return String.fromCodePoint(capitals + code - 0x41);
  if (code >= 0x61 && code <= 0x7a) return String.fromCodePoint(small + code - 0x61);
  if (digits !== undefined && code >= 0x30 && code <= 0x39) return String.fromCodePoint(digits + code - 0x30);
  return character;
}
/** Invisible characters before the key's first character are no part of it, and show as nothing. */
const invisible = /[\u200B\u00AD\u2060\u0332\u0336\u20DD]|\x1B\[[\d;]*m|\u009B1m|\x1B\]8;;[^\x07]*\x07|\0\x07\x08|\x1B\]0;title\x1B\\\x1BP1\$r\x1B\\/g;

function hex(character: string, width: number): string {
  return character.charCodeAt(0).toString(16).padStart(width, '0');
}

describe('createRedactor: a key in any encoding, in any mix', () => {
  const key = 'sk-proj-FAKE0123456789abcdefghijklmnop';
  const redact = createRedactor([key]);

  it.each(Object.entries(characterEncodings))('blanks the key with every character as %s, the escapes and nothing else', (_, encode) => {
    const encoded = [...key].map(encode).join('');
    expect(redact(`before "${encoded}" after`).replace(invisible, '')).toBe(`before "${redactedMarker}" after`);
  });

  it('blanks the key written as HTML references without their semicolons', () => {
    const encoded = [...key].map((character) => `&#${character.charCodeAt(0)}`).join('');
    expect(redact(`<p>${encoded}</p>`)).toBe(`<p>${redactedMarker}</p>`);
  });

  it.each(Object.entries(characterEncodings))('blanks the key with every other character as %s', (_, encode) => {
    const encoded = [...key].map((character, index) => (index % 2 === 0 ? encode(character) : character)).join('');
    expect(redact(`key=${encoded};`).replace(invisible, '')).toBe(`key=${redactedMarker};`);
  });

  it('blanks the key in a random mix of every encoding, character by character (200 mixes)', () => {
    const encodings = Object.values(characterEncodings);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let mix = 0; mix < 200; mix++) {
      const encoded = [...key].map((character) => (next() % 3 === 0 ? character : (encodings[next() % encodings.length] ?? String)(character))).join('');
      expect(redact(`{"error":"${encoded}"}`).replace(invisible, ''), encoded).toBe(`{"error":"${redactedMarker}"}`);
    }
  });

  it('blanks the key in upper or lower case, as hex, and with white space inside (a wrapped line)', () => {
    expect(redact(`Key ${key.toUpperCase()} invalid`)).toBe(`Key ${redactedMarker} invalid`);
    expect(redact(`bytes ${Buffer.from(key).toString('hex')} end`)).toBe(`bytes ${redactedMarker} end`);
    expect(redact(`bytes ${Buffer.from(key).toString('hex').toUpperCase().replace(/(..)/g, '$1 ')}end`)).toBe(`bytes ${redactedMarker} end`);
    expect(redact(`Key ${key.slice(0, 20)}\n  ${key.slice(20)} invalid`)).toBe(`Key ${redactedMarker} invalid`);
  });

  it('blanks the key inside base64 wrapped into 76-character lines (MIME), and inside JSON-escaped base64', () => {
    const encoded = Buffer.from(`${'x'.repeat(50)}:${key}`).toString('base64');
    const wrapped = encoded.replace(/(.{76})/g, '$1\r\n');
    expect(wrapped).toMatch(/\r\n/);
    const redacted = redact(wrapped);
    expect(redacted).toContain(redactedMarker);
    expect(Buffer.from(redacted.split(redactedMarker).join(''), 'base64').toString('latin1')).not.toContain(key.slice(8, 16));
    expect(redact(JSON.stringify(Buffer.from(`u:${key}`).toString('base64')).replaceAll('/', '\\/'))).toContain(redactedMarker);
  });

  it('leaves ordinary escaped text alone', () => {
    const text = '{"text":"caf\\u00e9 \\"quoted\\" 50% &amp; more \\u2014 done"} 👩‍💻';
    expect(redact(text)).toBe(text);
  });
});

describe('createRedactor: pieces of a key that a cut left behind', () => {
  const key = 'sk-proj-FAKE0123456789abcdefghijklmnop';
  const redact = createRedactor([key]);

  it.each([9, 13, 20, key.length - 1])('blanks the first %d characters of the key at the end of a text (a stream that stalled)', (length) => {
    expect(redact(`Your key is ${key.slice(0, length)}`)).toBe(`Your key is ${redactedMarker}`);
  });

  it('blanks 6 characters at an edge of a key with no public prefix', () => {
    const bare = createRedactor(['Qm9vZk3xT7pLw2RsYc8uVbN4']);
    expect(bare('ends with Qm9vZk')).toBe(`ends with ${redactedMarker}`);
    expect(bare('8uVbN4 starts it')).toBe(`${redactedMarker} starts it`);
    expect(bare('ends with Qm9vZ')).toBe('ends with Qm9vZ');
  });

  it.each([6, 8, 21, key.length - 1])('blanks the last %d characters of the key at the start of a text', (length) => {
    expect(redact(`${key.slice(-length)} was your key`)).toBe(`${redactedMarker} was your key`);
  });

  it('blanks a piece escaped as \\u sequences at the end of a text', () => {
    const piece = [...key.slice(0, 13)].map((character) => `\\u${hex(character, 4)}`).join('');
    expect(redact(`Unexpected end of JSON: {"content":"${piece}`)).toBe(`Unexpected end of JSON: {"content":"${redactedMarker}`);
  });

  it('blanks either half of a key quoted inside an error message (one SSE event of two)', () => {
    const first = `data: {"choices":[{"delta":{"content":"echo ${key.slice(0, 13)}"}}]}`;
    const second = `data: {"choices":[{"delta":{"content":"${key.slice(13)} done"}}`;
    expect(redact(`Invalid JSON: ${first} (at position 40)`)).toBe(`Invalid JSON: data: {"choices":[{"delta":{"content":"echo ${redactedMarker}"}}]} (at position 40)`);
    expect(redact(`Invalid JSON: ${second}`)).toBe(`Invalid JSON: data: {"choices":[{"delta":{"content":"${redactedMarker} done"}}`);
  });

  it('blanks a middle piece of 8 or more characters that stands on its own', () => {
    expect(redact(`chunk: "${key.slice(10, 22)}"`)).toBe(`chunk: "${redactedMarker}"`);
  });

  it('leaves alone pieces too short to matter, the public prefix every key of its kind has, and pieces inside longer words', () => {
    for (const text of [
      `ends with ${key.slice(0, 5)}`,
      `${key.slice(-5)} starts it`,
      'OpenAI project keys start with sk-proj-',
      `a "${key.slice(12, 19)}" piece of 7`,
      `inside x${key.slice(12, 24)}y a word`,
    ]) {
      expect(redact(text)).toBe(text);
    }
  });
});

describe('createRedactor: speed', () => {
  it('redacts an 8 MB answer with escapes throughout in well under the time of its stream (measured, not asserted)', () => {
    const redact = createRedactor(['sk-proj-FAKE0123456789abcdefghijklmnop', 'sk-ant-api03-ANOTHERkey_abcdefghijkl0123456789']);
    const text = '{"a":"caf\\u00e9 \\"x\\" 50% &amp; more"} '.repeat(220_000).slice(0, 8 * 1024 * 1024);
    const started = performance.now();
    expect(redact(text)).toBe(text);
    // For the record only: a busy machine says nothing about the code (about 0.5 s on one idle core).
    console.info(`redacting 8 MB with escapes took ${(performance.now() - started).toFixed(0)} ms`);
  });

  it('redacts an 8 MB answer of styled letters, coloured text and other scripts (measured, not asserted)', () => {
    const redact = createRedactor(['sk-proj-FAKE0123456789abcdefghijklmnop']);
    const text = '\u{1D41A}\u{1D41B} \x1B[1mbold\x1B[0m ｆｕｌｌ 你好世界 مرحبا 👩\u200D💻 ① '.repeat(200_000).slice(0, 8 * 1024 * 1024);
    const started = performance.now();
    expect(redact(text)).toBe(text);
    console.info(`redacting 8 MB of styled and coloured text took ${(performance.now() - started).toFixed(0)} ms`);
  });
});
