import { moveStdoutDescriptor, writeAll } from './move-stdout-descriptor.ts';

type Writable = Pick<NodeJS.WriteStream, 'write'>;

/**
 * `--json`: stdout carries one JSON document and nothing else, so `llm-bench run --json | jq .`
 * works. From this call on, whatever else is written to stdout (the CLI's notices and tables, a
 * custom scorer's console.log, a worker's output) goes to stderr; the returned function writes the
 * document to stdout itself, and resolves when it is written. For the rest of the command: the process ends after it.
 */
export function reserveStdoutForJson(stdout: Writable = process.stdout, stderr: Writable = process.stderr): (document: string) => Promise<void> {
  // A second call (a command that reserved stdout before its notes, then runAndPrint) changes nothing.
  const reserved = documentWriters.get(stdout);
  if (reserved) return reserved;
  const original = stdout.write.bind(stdout) as (chunk: string, callback: (error?: Error | null) => void) => boolean;
  stdout.write = ((chunk: unknown, ...rest: unknown[]) => (stderr.write as (chunk: unknown, ...rest: unknown[]) => boolean)(chunk, ...rest)) as Writable['write'];
  // Descriptor 1 itself too, for what writes to it without process.stdout (see moveStdoutDescriptor).
  const descriptor = stdout === process.stdout ? moveStdoutDescriptor() : undefined;
  // Resolved once the document is handed to the system: the CLI exits right after (a pipe may be asynchronous).
  const writeDocument = (document: string) =>
    descriptor === undefined ? new Promise<void>((resolve) => original(document, () => resolve())) : Promise.resolve(writeAll(descriptor, document));
  documentWriters.set(stdout, writeDocument);
  return writeDocument;
}

const documentWriters = new WeakMap<Writable, (document: string) => Promise<void>>();

/**
 * A value as JSON whose text holds no character a terminal acts on or hides: JSON.stringify
 * escapes C0 controls, but not DEL, C1 controls, line separators or invisible format characters
 * (bidirectional controls, zero-width and tag characters), which a server's message or a label
 * may hold. Each is written as its `\uXXXX` escape (the same string to a JSON parser), so the
 * terminal guard on stdout has nothing to change and the document stays valid JSON.
 */
export function inertJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(unsafe, (character) => [...character].map(escapeUnit).join(''))}\n`;
}

const unsafe = /[\x7F-\x9F\p{Zl}\p{Zp}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** Each UTF-16 code unit of the character as `\uXXXX`: a character beyond the BMP as its surrogate pair, as JSON spells it. */
function escapeUnit(character: string): string {
  let escaped = '';
  for (let index = 0; index < character.length; index += 1) escaped += `\\u${character.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')}`;
  return escaped;
}
