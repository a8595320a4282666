import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** How open-loop requests arrive: evenly spaced, Poisson, or gamma (bursty or smooth, vLLM's `--burstiness`). */
export const arrivalProcesses = ['constant', 'poisson', 'gamma'] as const;
export type ArrivalProcess = (typeof arrivalProcesses)[number];

export type ArrivalOptions = {
  process: ArrivalProcess;
  /** Arrivals per second, once any ramp-up is over. */
  ratePerSecond: number;
  /** Gamma only: the gaps' shape (1: Poisson; below 1 burstier, above 1 more even). Default 1. */
  burstiness?: number;
  /** The rate rises linearly from 0 to `ratePerSecond` over this span, then holds. */
  rampUpSeconds?: number;
  /** The same seed gives the same schedule. */
  seed: number;
};

/**
 * The scheduled offsets (ms from the schedule's zero) of slots 0..count-1, fixed before the run:
 * the first at 0, then gaps drawn from the process (mean 1/rate). With a ramp-up, the process is
 * drawn at the full rate and its clock is bent so that the rate rises linearly from 0 (a time
 * transform of the process: Λ(t) = rate·t²/2R over the ramp, then rate·(t − R/2)). The draws are
 * sequential, so a longer schedule starts with the same offsets as a shorter one of the same seed.
 */
export function arrivalSchedule(count: number, options: ArrivalOptions): Float64Array {
  const { ratePerSecond: rate } = options;
  if (!(rate > 0 && Number.isFinite(rate))) throw new RangeError(`Expected a rate > 0 per second, got ${rate}`);
  const burstiness = options.burstiness ?? 1;
  if (!(burstiness > 0 && Number.isFinite(burstiness))) throw new RangeError(`Expected a burstiness > 0, got ${burstiness}`);
  const gap = gapSampler(options.process, rate, burstiness, options.seed);
  const rampMs = Math.max(0, (options.rampUpSeconds ?? 0) * 1000);
  const offsets = new Float64Array(count);
  let unramped = 0;
  for (let index = 0; index < count; index++) {
    if (index > 0) unramped += gap();
    offsets[index] = rampMs > 0 ? rampedTime(unramped, rampMs) : unramped;
  }
  return offsets;
}

/** Where a time `at` of the full-rate process lands when the rate ramps up linearly over `rampMs`. */
function rampedTime(at: number, rampMs: number): number {
  // Over the ramp, the process's clock runs at t/R of the full rate: at = t²/2R, so t = √(2R·at).
  return at <= rampMs / 2 ? Math.sqrt(2 * rampMs * at) : at + rampMs / 2;
}

/** Draws one gap, in ms. */
function gapSampler(process: ArrivalProcess, rate: number, burstiness: number, seed: number): () => number {
  const meanMs = 1000 / rate;
  if (process === 'constant') return () => meanMs;
  const generator = seededGenerator(seed);
  const uniform = () => uniformFloat64(generator);
  // 1 − u is in (0, 1]: the logarithm stays finite.
  if (process === 'poisson') return () => -Math.log(1 - uniform()) * meanMs;
  // vLLM: shape = burstiness, scale = 1/(rate·burstiness), so the mean stays 1/rate and CV = 1/√burstiness.
  return () => sampleGamma(uniform, burstiness) * (meanMs / burstiness);
}

/**
 * A gamma(shape, 1) draw: Marsaglia and Tsang's method (2000), with shape < 1 boosted as
 * gamma(shape + 1)·U^(1/shape).
 */
export function sampleGamma(uniform: () => number, shape: number): number {
  if (shape < 1) return sampleGamma(uniform, shape + 1) * Math.pow(1 - uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let normal: number;
    let v: number;
    do {
      normal = standardNormal(uniform);
      v = 1 + c * normal;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - uniform();
    if (u < 1 - 0.0331 * normal ** 4 || Math.log(u) < 0.5 * normal * normal + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Box-Muller, one of the pair. */
function standardNormal(uniform: () => number): number {
  const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
  return radius * Math.cos(2 * Math.PI * uniform());
}

/**
 * xoroshiro128+ from a 32-bit seed starts from a nearly empty state: its first draw is ~1.0 for
 * every seed (a first Poisson gap of 18 mean gaps), and the next few follow the seed. The seed is
 * scrambled first (murmur3's finaliser), and the generator's first outputs are thrown away.
 */
export function seededGenerator(seed: number) {
  const generator = xoroshiro128plus(scramble(seed));
  for (let skipped = 0; skipped < warmUpDraws; skipped++) generator.next();
  return generator;
}

const warmUpDraws = 20;

function scramble(seed: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) | 0;
}
