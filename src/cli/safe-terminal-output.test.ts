import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { installSafeTerminalOutput } from './safe-terminal-output.ts';

function fakeTerminal(): { stream: NodeJS.WriteStream; written: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, written: () => Buffer.concat(chunks).toString('utf8') };
}

describe('installSafeTerminalOutput', () => {
  it('makes every write inert, strings and bytes alike, a character split between two writes included', async () => {
    const { stream, written } = fakeTerminal();
    installSafeTerminalOutput([stream]);
    stream.write('STOPPED x: \x1B]52;c;eA==\x07\x1B[2J\n');
    const bytes = Buffer.from('caf\u00e9 \u009B31m \u202Eevil\n');
    stream.write(bytes.subarray(0, 4));
    await new Promise<void>((resolve) => stream.write(bytes.subarray(4), () => resolve()));
    expect(written()).toBe('STOPPED x: \\x1B]52;c;eA==\\x07\\x1B[2J\ncaf\u00e9 \\x9B31m \\u202Eevil\n');
  });
});
