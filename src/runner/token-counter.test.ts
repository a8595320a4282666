import { describe, expect, it } from 'vitest';
import { loadTokenCounter, tokenTableLoaded } from './token-counter.ts';

const chinese = '我们今天讨论的是一个关于语言模型性能测试的问题这个工具可以帮助开发者比较不同的服务提供商，以及它们在不同负载下的表现。';

describe('loadTokenCounter', () => {
  // First in this file: the table is the module's, built once.
  it('builds the table at the first count, not when the counter is made (a run whose server reports usage never pays for it)', async () => {
    const count = await loadTokenCounter();
    expect(tokenTableLoaded()).toBe(false);
    expect(count('')).toBe(0);
    expect(tokenTableLoaded()).toBe(false);
    expect(count('one two three')).toBe(3);
    expect(tokenTableLoaded()).toBe(true);
  });

  it('counts ordinary text exactly', async () => {
    const count = await loadTokenCounter();
    expect(count('one two three')).toBe(3);
    expect(count('')).toBe(0);
  });

  it('counts as js-tiktoken’s own o200k_base encoder does, though it builds only the table counting uses', async () => {
    const { Tiktoken } = await import('js-tiktoken/lite');
    const { default: ranks } = await import('js-tiktoken/ranks/o200k_base');
    const reference = new Tiktoken(ranks);
    const count = await loadTokenCounter();
    const texts = [
      'Please repeat item 17 back to me now',
      'Hello, world! 你好世界。我们今天讨论的是语言模型。',
      'Größenmaßstäbe, façade, naïve — ünïcödé; Ελληνικά; русский; العربية; हिन्दी',
      'emoji 🙂🙃👩‍👩‍👧 and <|endoftext|> spelled out, tabs\tand\r\nnewlines',
      'function f(x) { return x ** 2 + 0x1F; } // code, numbers 1234567 and 3.14159',
    ];
    for (const text of texts) expect(count(text), text).toBe(reference.encode(text, 'all').length);
  });

  // The tokenizer's merges take time quadratic in the length of a run without spaces: a server's
  // 10 MiB answer of one letter kept the CLI busy for hours after the stream had ended.
  it('counts a run of ten million characters without a space, slice by slice, and returns', async () => {
    const count = await loadTokenCounter();
    // Eight x's are one token.
    expect(count('x'.repeat(10 * 2 ** 20))).toBe(10 * 2 ** 17);
    expect(count(' '.repeat(2 ** 20))).toBeGreaterThan(0);
  });

  it('stays within 5% of the exact count for text without spaces (600 Chinese characters: 345 tokens)', async () => {
    const count = await loadTokenCounter();
    const text = chinese.repeat(20).slice(0, 600);
    expect(Math.abs(count(text) - 345)).toBeLessThanOrEqual(345 * 0.05);
  });

  it('scales the count of windows spread over a long text to its length', async () => {
    const count = await loadTokenCounter();
    const sentence = 'The quick brown fox jumps over the lazy dog, and then it runs away into the forest. ';
    const short = count(sentence.repeat(100));
    expect(count(sentence.repeat(10_000))).toBeGreaterThan(short * 100 * 0.99);
    expect(count(sentence.repeat(10_000))).toBeLessThan(short * 100 * 1.01);
  });

  it('with whole, counts a dense stretch that sampled windows miss (a page of Chinese inside English prose), as a budget needs', async () => {
    const sampled = await loadTokenCounter();
    const whole = await loadTokenCounter({ whole: true });
    const prose = 'The quick brown fox jumps over the lazy dog. '.repeat(4500);
    const page = chinese.repeat(500);
    const parts = whole(prose) + whole(page) + whole(prose);
    expect(Math.abs(whole(prose + page + prose) - parts)).toBeLessThanOrEqual(parts * 0.01);
    expect(sampled(prose + page + prose)).toBeLessThan(parts * 0.9);
  });
});
