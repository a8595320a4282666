import { describe, expect, it } from 'vitest';
import { boundedMessage, cutAt, redactAndCut } from './redact-and-cut.ts';

const secret = 'sk-live-0123456789abcdef';
const redact = (text: string) => text.replaceAll(secret, '[REDACTED]');

describe('redactAndCut', () => {
  it('redacts a secret that straddles the cut before cutting, so no part of it is kept', () => {
    const text = `${'a'.repeat(90)}${secret}${'b'.repeat(100)}`;
    const { text: kept, cut } = redactAndCut(text, 100, redact);
    expect(cut).toBe(true);
    expect(kept).toBe(`${'a'.repeat(90)}[REDACTED]`);
    expect(kept).not.toContain('sk-live');
  });

  it('never keeps half of a surrogate pair', () => {
    expect(cutAt(`ab😀cd`, 3)).toBe('ab');
    expect(cutAt(`ab😀cd`, 4)).toBe('ab😀');
  });

  it('says where a message was cut', () => {
    expect(boundedMessage('x'.repeat(50), 10, redact)).toBe(`${'x'.repeat(10)}… [cut off at 10 characters]`);
    expect(boundedMessage(`short ${secret}`, 2000, redact)).toBe('short [REDACTED]');
  });
});
