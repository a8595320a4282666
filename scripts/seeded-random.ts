/** mulberry32 (src/config/seeded-random.ts), so a generated dataset is the same on every machine and every run. */
export { createRandom as seededRandom } from '../src/config/seeded-random.ts';
/** Fisher-Yates with the given generator. */
export function shuffle<Item>(items: readonly Item[], random: () => number): Item[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as Item, copy[index] as Item];
  }
  return copy;
}
