import { describe, expect, it } from 'vitest';
import { createRandom } from './random.ts';
import { wrongAnswer } from './wrong-answer.ts';

describe('wrongAnswer', () => {
  const random = createRandom(9);

  it('gives a nearby different number for a number', () => {
    for (let index = 0; index < 50; index++) {
      const answer = wrongAnswer('42', random, []);
      expect(answer).toMatch(/^-?\d+$/);
      expect(answer).not.toBe('42');
      expect(Math.abs(Number(answer) - 42)).toBeLessThanOrEqual(12);
    }
  });

  it('flips yes/no keeping the capital, and borrows another case answer for text', () => {
    expect(wrongAnswer('Yes', random, [])).toBe('No');
    expect(wrongAnswer('false', random, [])).toBe('true');
    expect(['Berlin', 'Madrid']).toContain(wrongAnswer('Paris', random, ['Berlin', 'Paris', 'Madrid']));
    expect(wrongAnswer('Paris', random, ['Paris'])).toBe("I'm not sure.");
  });
});
