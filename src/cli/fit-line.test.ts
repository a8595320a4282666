import { describe, expect, it } from 'vitest';
import { displayWidth } from '../reports/display-width.ts';
import { fitLine, lineWidth } from './fit-line.ts';

const lines = (text: string) => text.split('\n');

describe('fitLine', () => {
  it('wraps a long line at spaces with a hanging indent, every line within the width', () => {
    const text = 'All figures above are SIMULATED. Benchmark a real endpoint with `npx llm-bench run --target …` (see README).';
    const fitted = lines(fitLine(text, 40));
    expect(fitted.length).toBeGreaterThan(2);
    for (const line of fitted) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(fitted.slice(1).every((line) => line.startsWith('  ') && !line.startsWith('   '))).toBe(true);
    // Nothing lost: the words read back in order.
    expect(fitted.map((line) => line.trim()).join(' ')).toBe(text);
  });

  it('indents past a line’s own indentation, and wraps each line of a multi-line text', () => {
    const fitted = lines(fitLine(`first line\n  ${'word '.repeat(20).trim()}`, 30));
    expect(fitted[0]).toBe('first line');
    expect(fitted[1]!.startsWith('  word')).toBe(true);
    expect(fitted.slice(2).every((line) => line.startsWith('    word'))).toBe(true);
    for (const line of fitted) expect(displayWidth(line)).toBeLessThanOrEqual(30);
  });

  it('breaks a word wider than the line between graphemes, or with keepWords keeps it whole on its own line', () => {
    const path = `/home/user/${'very-long-folder-name/'.repeat(6)}report.html`;
    const broken = lines(fitLine(`Reports in ${path}: done`, 40));
    for (const line of broken) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    const kept = lines(fitLine(`Reports in ${path}: done`, 40, { keepWords: true }));
    expect(kept).toEqual(['Reports in', `  ${path}:`, '  done']);
    const emoji = lines(fitLine(`label ${'👩‍👩‍👧‍👦'.repeat(30)}`, 21));
    for (const line of emoji) expect(displayWidth(line)).toBeLessThanOrEqual(21);
    expect(emoji.join('')).not.toMatch(/\u200D(?!\p{Extended_Pictographic})/u);
  });

  it('leaves text alone with no limit, and a short line as it is', () => {
    const long = 'x '.repeat(200);
    expect(fitLine(long, Infinity)).toBe(long);
    expect(fitLine('GATE PASSED pass_rate >= 0.5', 100)).toBe('GATE PASSED pass_rate >= 0.5');
  });
});

describe('lineWidth', () => {
  it('is the terminal width up to 100, 100 piped; with --wide the terminal’s own width, or none piped', () => {
    expect(lineWidth({ isTTY: true, columns: 60 })).toBe(60);
    expect(lineWidth({ isTTY: true, columns: 200 })).toBe(100);
    expect(lineWidth({ isTTY: false })).toBe(100);
    expect(lineWidth({ isTTY: true, columns: 200 }, true)).toBe(200);
    expect(lineWidth({ isTTY: false }, true)).toBe(Infinity);
  });
});
