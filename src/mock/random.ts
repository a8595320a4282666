import { createRandom, hashString, type Random } from '../config/seeded-random.ts';

export { createRandom, hashString, type Random };

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
