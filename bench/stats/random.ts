import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded source of uniform and standard normal draws: the same seed gives the same stream. */
export type Random = { uniform(): number; normal(): number };

export function seededRandom(seed: number): Random {
  const generator = xoroshiro128plus(seed);
  let spare: number | undefined;
  const uniform = () => uniformFloat64(generator);
  return {
    uniform,
    // Box–Muller gives two independent normals per pair of uniforms; the second is kept.
    normal() {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
      const angle = 2 * Math.PI * uniform();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}
