import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../reports/terminal-safe.ts';
import { inertJson, reserveStdoutForJson } from './stdout-for-json.ts';

/** A stream that keeps what is written to it. */
function recorder() {
  const chunks: string[] = [];
  const write = (chunk: unknown, ...rest: unknown[]) => {
    chunks.push(String(chunk));
    (rest.find((item) => typeof item === 'function') as (() => void) | undefined)?.();
    return true;
  };
  return { chunks, write: write as NodeJS.WriteStream['write'] };
}

describe('reserveStdoutForJson', () => {
  it('sends whatever else is written to stdout to stderr, and the document alone to stdout', async () => {
    const stdout = recorder();
    const stderr = recorder();
    const writeDocument = reserveStdoutForJson(stdout, stderr);
    stdout.write('Simulator on http://127.0.0.1:1\n');
    await writeDocument('{"version":1}\n');
    stdout.write('All figures above are SIMULATED.\n');
    expect(stdout.chunks).toEqual(['{"version":1}\n']);
    expect(stderr.chunks).toEqual(['Simulator on http://127.0.0.1:1\n', 'All figures above are SIMULATED.\n']);
  });

  it('reserves once: a second call gives the same writer, still to stdout', async () => {
    const stdout = recorder();
    const stderr = recorder();
    const first = reserveStdoutForJson(stdout, stderr);
    const second = reserveStdoutForJson(stdout, stderr);
    expect(second).toBe(first);
    await second('{}\n');
    stdout.write('note\n');
    expect(stdout.chunks).toEqual(['{}\n']);
    expect(stderr.chunks).toEqual(['note\n']);
  });
});

describe('inertJson', () => {
  const hostile = {
    message: 'denied \x1B]52;c;cm0=\x07 \x9B31m C1 \u202Eexe\u2028FORGED\u2029 \u200B zero-width \u{E0041}\u{E0042} tags \x7F del',
    label: 'emoji 👩‍💻 and 模型 stay as they are',
  };

  it('is the same value to a JSON parser', () => {
    expect(JSON.parse(inertJson(hostile))).toEqual(hostile);
  });

  it('holds nothing the terminal guard on stdout would rewrite, so it stays valid JSON through it', () => {
    const text = inertJson(hostile);
    expect(terminalSafe(text)).toBe(text);
    expect(text).toContain('\\u001b]52;c;cm0=\\u0007 \\u009B31m C1 \\u202Eexe\\u2028FORGED\\u2029 \\u200B zero-width \\uDB40\\uDC41\\uDB40\\uDC42 tags \\u007F del');
    expect(text).toContain('emoji 👩\\u200D💻 and 模型 stay as they are');
    expect(text.endsWith('}\n')).toBe(true);
  });
});
