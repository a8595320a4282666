import { seededRandom } from './seeded-random.ts';

/**
 * Word banks for filler prose: ordinary, varied sentences on unrelated subjects, with no numbers,
 * codes, passwords or coloured doors, so nothing in the haystack looks like a needle.
 */
const subjects = [
  'The harbour master', 'An old shipwright', 'The village baker', 'A travelling botanist', 'The night watchman', 'Our neighbour',
  'The river pilot', 'A retired surveyor', 'The apprentice weaver', 'The town council', 'A young astronomer', 'The orchard keeper',
  'The ferry crew', 'A quiet librarian', 'The mountain guide', 'The cheesemaker', 'A visiting painter', 'The schoolteacher',
  'The lighthouse keeper', 'A wandering musician', 'The stonemason', 'The beekeeper', 'A cartographer', 'The station clerk',
];
const verbs = [
  'repaired', 'described', 'measured', 'admired', 'sketched', 'catalogued', 'questioned', 'restored', 'studied', 'praised',
  'carried', 'rearranged', 'sorted', 'watched', 'recorded', 'polished', 'planted', 'mended', 'tasted', 'collected',
];
const objects = [
  'the wooden jetty', 'a basket of winter apples', 'the crooked fence by the meadow', 'the tide tables', 'a bundle of letters',
  'the copper kettles', 'the rows of barley', 'a map of the northern coast', 'the bell in the chapel tower', 'the loom in the workshop',
  'the herbs drying above the stove', 'the bridge over the mill stream', 'a chest of old tools', 'the sails of the fishing boats',
  'the garden paths', 'the dusty ledgers', 'the lanterns along the quay', 'a shelf of seed jars', 'the stone walls of the terrace',
  'the clock above the market hall', 'the woollen blankets', 'the beehives on the hill', 'the reed beds', 'the timetable at the station',
];
const manners = [
  'with great patience', 'before the morning fog lifted', 'while the rain drummed on the roof', 'as the evening light faded',
  'without saying a word', 'long after the others had gone home', 'in the shade of the chestnut trees', 'during the market fair',
  'with a borrowed set of tools', 'as the gulls circled overhead', 'while humming an old tune', 'at the end of a long season',
  'after the first frost', 'in the warm hours after lunch', 'despite the biting wind', 'with help from two cousins',
];
const reflections = [
  'Nobody could remember a calmer summer.', 'It was the kind of work that rewards slow hands.', 'The whole street seemed to pause and listen.',
  'Later, people would tell the story differently.', 'Such tasks were rarely written down.', 'Most visitors never noticed the difference.',
  'The smell of pine resin hung in the air.', 'Children gathered to watch from a safe distance.', 'The habit stayed with the town for years.',
  'Everyone agreed it had been worth the trouble.', 'Somewhere a dog barked at the passing carts.', 'The valley was unusually quiet that week.',
  'Tea was served on the steps afterwards.', 'It rained again before nightfall.', 'The work was finished just in time for the festival.',
];
const openings = [
  'In the spring,', 'That autumn,', 'Each morning,', 'Once a week,', 'By tradition,', 'Years ago,', 'On market days,', 'After the storm,',
  'Every so often,', 'In those days,', 'Without fail,', 'Near the harbour,', 'Up in the hills,', 'Along the canal,',
];

function pick<Item>(items: readonly Item[], random: () => number): Item {
  return items[Math.floor(random() * items.length)] as Item;
}

function sentence(random: () => number): string {
  const roll = random();
  if (roll < 0.2) return pick(reflections, random);
  const core = `${pick(subjects, random)} ${pick(verbs, random)} ${pick(objects, random)} ${pick(manners, random)}.`;
  if (roll < 0.5) return `${pick(openings, random)} ${core.charAt(0).toLowerCase()}${core.slice(1)}`;
  return core;
}

/** Paragraphs of four to eight sentences, the same for the same seed. */
export function* fillerParagraphs(seed: number): Generator<string> {
  const random = seededRandom(seed);
  for (;;) {
    const count = 4 + Math.floor(random() * 5);
    yield Array.from({ length: count }, () => sentence(random)).join(' ');
  }
}
