import { randomBytes } from 'node:crypto';

/**
 * --cache-bust's nonces: a random prefix drawn once per process from the OS (crypto), then a
 * counter. Never the same twice in a run (the counter), nor across runs (the prefix): a nonce
 * drawn from --seed would repeat in the next run with the same seed, and a provider that still
 * held the first run's prefix would serve the second warm.
 */
const processPrefix = randomBytes(8).toString('hex');
let counter = 0;

/** A fresh nonce: 16 hex digits of the process's prefix, 8 of the counter. */
export function cacheBustNonce(): string {
  counter = (counter + 1) % 0x1_0000_0000;
  return processPrefix + counter.toString(16).padStart(8, '0');
}

/** The system message that opens a cache-busted prompt: before the case's own instructions. */
export function cacheBustText(nonce: string): string {
  return `[cache-bust ${nonce}]`;
}
