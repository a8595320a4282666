// Generates datasets/long-context-needles.jsonl: one haystack of about 100K tokens (o200k_base) of
// filler prose, deterministic from a seed, with 20 needles at depths from 2% to 98%; each case
// asks for one needle. The haystack is stored once, in `defaults.vars.haystack`, and each case's
// prompt is `<document>{{haystack}}</document>` plus its question, so the file stays ~400 KB.
//   node scripts/generate-long-context.ts
import { Tiktoken } from 'js-tiktoken/lite';
import ranks from 'js-tiktoken/ranks/o200k_base';
import { fillerParagraphs } from './filler-text.ts';
import { writeDatasetFiles, type GeneratedCase } from './write-dataset-files.ts';

const seed = 41_017;
const targetTokens = 100_000;

type Needle = { id: string; fact: string; question: string; answer: string | number; reply: string };

const needles: Needle[] = [
  { id: 'blue-door', fact: 'The secret code for the blue door is 7341.', question: 'What is the secret code for the blue door?', answer: 7341, reply: '7341' },
  { id: 'archive-password', fact: 'The password for the archive room is "periwinkle".', question: 'What is the password for the archive room?', answer: 'periwinkle', reply: 'The password is periwinkle.' },
  { id: 'red-door', fact: 'The secret code for the red door is 2958.', question: 'What is the secret code for the red door?', answer: 2958, reply: '2958' },
  { id: 'boat-name', fact: "Captain Ilsa Varga's boat is named the Morning Heron.", question: "What is the name of Captain Ilsa Varga's boat?", answer: 'Morning Heron', reply: 'The Morning Heron.' },
  { id: 'locker', fact: 'The spare key is kept in locker number 618.', question: 'In which locker number is the spare key kept?', answer: 618, reply: 'Locker 681.' },
  { id: 'green-door', fact: 'The secret code for the green door is 4406.', question: 'What is the secret code for the green door?', answer: 4406, reply: 'The code is 4406.' },
  { id: 'meeting-city', fact: 'The annual meeting of the guild will be held in Tallinn.', question: 'In which city will the annual meeting of the guild be held?', answer: 'Tallinn', reply: 'Tallinn' },
  { id: 'vault-combination', fact: 'The combination of the vault in the cellar is 90215.', question: 'What is the combination of the vault in the cellar?', answer: 90215, reply: '90215' },
  { id: 'cat-name', fact: "The lighthouse keeper's cat is called Pepperpot.", question: "What is the lighthouse keeper's cat called?", answer: 'Pepperpot', reply: 'Pepperpot.' },
  { id: 'yellow-door', fact: 'The secret code for the yellow door is 1187.', question: 'What is the secret code for the yellow door?', answer: 1187, reply: '1187' },
  { id: 'ferry-seats', fact: 'The new ferry has exactly 342 seats.', question: 'How many seats does the new ferry have?', answer: 342, reply: 'It has 342 seats.' },
  { id: 'signal-word', fact: 'The signal word for the night patrol is "marigold".', question: 'What is the signal word for the night patrol?', answer: 'marigold', reply: 'Juniper.' },
  { id: 'purple-door', fact: 'The secret code for the purple door is 6032.', question: 'What is the secret code for the purple door?', answer: 6032, reply: '6032' },
  { id: 'bridge-year', fact: 'The stone bridge over the mill stream was finished in the year 1847.', question: 'In which year was the stone bridge over the mill stream finished?', answer: 1847, reply: 'In 1847.' },
  { id: 'recipe-spice', fact: "The baker's secret ingredient for the harvest loaf is cardamom.", question: "What is the baker's secret ingredient for the harvest loaf?", answer: 'cardamom', reply: 'Cardamom.' },
  { id: 'white-door', fact: 'The secret code for the white door is 8815.', question: 'What is the secret code for the white door?', answer: 8815, reply: '8815' },
  { id: 'bell-weight', fact: 'The bell in the chapel tower weighs 760 kilograms.', question: 'How many kilograms does the bell in the chapel tower weigh?', answer: 760, reply: '760 kg' },
  { id: 'orange-door', fact: 'The secret code for the orange door is 5579.', question: 'What is the secret code for the orange door?', answer: 5579, reply: '5597' },
  { id: 'telescope-name', fact: "The young astronomer's telescope is nicknamed Old Faithful.", question: "What is the young astronomer's telescope nicknamed?", answer: 'Old Faithful', reply: 'Old Faithful' },
  { id: 'black-door', fact: 'The secret code for the black door is 3264.', question: 'What is the secret code for the black door?', answer: 3264, reply: '3264' },
];

const encoder = new Tiktoken(ranks);
const countTokens = (text: string) => encoder.encode(text, 'all').length;

// Filler until the target, counted paragraph by paragraph (the total is checked once at the end).
const paragraphs: string[] = [];
let tokens = needles.reduce((sum, needle) => sum + countTokens(needle.fact), 0);
for (const paragraph of fillerParagraphs(seed)) {
  if (tokens >= targetTokens) break;
  paragraphs.push(paragraph);
  tokens += countTokens(paragraph) + 1;
}
const filler = paragraphs.join('\n\n');
for (const word of ['secret', 'code', 'password', 'door', 'combination', 'signal word', 'nicknamed']) {
  if (filler.toLowerCase().includes(word)) throw new Error(`the filler mentions "${word}", which a needle uses`);
}

// Needle i goes into the paragraph at depth 2% + i × 96% / 19, after the paragraph's first sentence.
const depths = needles.map((_, index) => 0.02 + (index * 0.96) / (needles.length - 1));
needles.forEach((needle, index) => {
  const at = Math.min(paragraphs.length - 1, Math.floor((depths[index] as number) * paragraphs.length));
  const [first, ...rest] = (paragraphs[at] as string).split(/(?<=\.) /);
  paragraphs[at] = [first, needle.fact, ...rest].join(' ');
});
const haystack = paragraphs.join('\n\n');
const total = countTokens(haystack);
// An answer the filler also says ("lighthouse" was in ~200 of its sentences) would pass any reply
// that merely echoes the document: each answer must be in the haystack once, in its needle.
for (const needle of needles) {
  const occurrences = haystack.match(new RegExp(`\\b${String(needle.answer)}\\b`, 'gi'))?.length ?? 0;
  if (occurrences !== 1) throw new Error(`needle ${needle.id}: its answer "${needle.answer}" is in the haystack ${occurrences} times, not once`);
}

const cases: GeneratedCase[] = needles.map((needle, index) => {
  const depth = Math.round((depths[index] as number) * 100);
  const numeric = typeof needle.answer === 'number';
  const prompt = `<document>\n{{haystack}}\n</document>\n\n${needle.question} ${numeric ? 'Answer with the number only.' : 'Answer in a few words.'}`;
  const assert = numeric ? [{ type: 'numeric', value: needle.answer }] : [{ type: 'icontains', value: needle.answer, wholeWord: true }];
  const passes = numeric ? needle.reply.match(/\d+/)?.[0] === String(needle.answer) : needle.reply.toLowerCase().includes(String(needle.answer).toLowerCase());
  return { case: { id: needle.id, prompt, assert, tags: [`depth-${String(depth).padStart(2, '0')}`] }, reply: needle.reply, passes };
});

await writeDatasetFiles(
  'long-context-needles',
  [
    `Needle in a haystack: one document of ${total} tokens (o200k_base), ${haystack.length} characters of filler prose`,
    'from a seed, with 20 facts hidden at depths from 2% to 98% (tag depth-NN). Each case sends the whole',
    'document ({{haystack}}, stored once in defaults.vars) and asks for one fact: numeric or icontains.',
    'Generated by scripts/generate-long-context.ts; do not edit by hand.',
  ],
  { system: 'Answer the question using only the document in the message.', tags: ['long-context'], vars: { haystack } },
  cases,
);
console.log(`haystack: ${total} tokens, ${haystack.length} characters, ${paragraphs.length} paragraphs`);
