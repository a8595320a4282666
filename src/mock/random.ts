/** A uniform generator on [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast, and good enough to make simulated runs reproducible from a seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a, so each model gets its own stream and one model's traffic never shifts another's draws. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const z90 = 1.2815515655446004;

/** A log-normal draw whose median is `p50` and 90th percentile `p90`; constant when they are equal. */
export function sampleLogNormal(random: Random, p50: number, p90: number): number {
  const uniform1 = random();
  const uniform2 = random();
  if (p50 <= 0 || p90 <= p50) return p50;
  const sigma = Math.log(p90 / p50) / z90;
  // Box-Muller; 1 - u keeps the logarithm finite.
  const normal = Math.sqrt(-2 * Math.log(1 - uniform1)) * Math.cos(2 * Math.PI * uniform2);
  return p50 * Math.exp(sigma * normal);
}
