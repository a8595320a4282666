// Generates datasets/images/*.png and datasets/vision-shapes-charts.jsonl (with its answer book):
// shapes to count, colours to name, bar charts to read, digits and words to read. Every expected
// answer comes from how the picture was drawn. Deterministic: run it again and nothing changes.
//   node scripts/generate-vision-dataset.ts
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Raster, type Color } from './raster.ts';
import { seededRandom, shuffle } from './seeded-random.ts';
import { datasetsFolder, writeDatasetFiles, type GeneratedCase } from './write-dataset-files.ts';

const colors = {
  red: [220, 40, 40],
  blue: [40, 90, 220],
  green: [30, 160, 60],
  orange: [245, 140, 20],
  purple: [140, 50, 190],
  black: [20, 20, 20],
} as const satisfies Record<string, Color>;
type ColorName = keyof typeof colors;
type ShapeKind = 'circle' | 'square' | 'triangle';
type Shape = { kind: ShapeKind; color: ColorName };

const width = 360;
const height = 240;
const imagesFolder = path.join(datasetsFolder, 'images');
const random = seededRandom(20250601);

async function save(name: string, raster: Raster): Promise<string> {
  await writeFile(path.join(imagesFolder, name), raster.toPng());
  return `images/${name}`;
}

/** Shapes placed in distinct cells of a 6×4 grid, so none overlap and each can be counted. */
function drawShapes(shapes: Shape[]): Raster {
  const raster = new Raster(width, height);
  const cells = shuffle([...Array(24).keys()], random);
  for (const [index, shape] of shapes.entries()) {
    const cell = cells[index] as number;
    const centerX = (cell % 6) * 60 + 30;
    const centerY = Math.floor(cell / 6) * 60 + 30;
    const color = colors[shape.color];
    if (shape.kind === 'circle') raster.fillCircle(centerX, centerY, 20, color);
    else if (shape.kind === 'square') raster.fillRect(centerX - 18, centerY - 18, 36, 36, color);
    else raster.fillTriangle(centerX, centerY, 40, color);
  }
  return raster;
}

function many(count: number, kind: ShapeKind, color: ColorName): Shape[] {
  return Array.from({ length: count }, () => ({ kind, color }));
}

function plural(count: number, kind: ShapeKind): string {
  return count === 1 ? kind : `${kind}s`;
}

/** Bars labelled A–E on a grid with a labelled line every 10 units, so each value can be read off exactly. */
function drawBarChart(values: number[], color: ColorName): Raster {
  const raster = new Raster(width, height);
  const left = 50;
  const bottom = 200;
  const unit = 3; // pixels per unit: 0..50 spans 150 px
  for (let level = 0; level <= 50; level += 10) {
    const y = bottom - level * unit;
    raster.fillRect(left, y, 290, 1, [200, 200, 200]);
    const label = String(level);
    raster.drawText(label, left - 8 - Raster.textWidth(label, 2), y - 7, 2, colors.black);
  }
  raster.fillRect(left, bottom - 150, 2, 151, colors.black);
  for (const [index, value] of values.entries()) {
    const x = left + 20 + index * 56;
    raster.fillRect(x, bottom - value * unit, 36, value * unit, colors[color]);
    raster.drawText(String.fromCharCode(65 + index), x + 13, bottom + 12, 2, colors.black);
  }
  return raster;
}

function drawText(text: string, color: ColorName): Raster {
  const raster = new Raster(width, height);
  const scale = Math.min(10, Math.floor(320 / Raster.textWidth(text, 1)));
  raster.drawText(text, Math.round((width - Raster.textWidth(text, scale)) / 2), Math.round((height - Raster.textHeight(scale)) / 2), scale, colors[color]);
  return raster;
}

function numeric(value: number) {
  return [{ type: 'numeric', value }];
}

function word(value: string) {
  return [{ type: 'icontains', value, wholeWord: true }];
}

const cases: GeneratedCase[] = [];
function add(id: string, prompt: string, image: string, assert: unknown[], reply: string, passes = true): void {
  cases.push({ case: { id, prompt, images: [image], assert, tags: [id.split('-')[0] as string] }, reply, passes });
}

await mkdir(imagesFolder, { recursive: true });

// Counting one kind of shape.
const counts: Array<[number, ShapeKind, ColorName, string]> = [
  [3, 'circle', 'red', 'There are 3 red circles.'],
  [5, 'square', 'blue', '5'],
  [7, 'triangle', 'green', 'I count 6 green triangles.'],
  [4, 'circle', 'purple', 'Four.'],
  [6, 'square', 'orange', 'There are 6.'],
];
for (const [index, [count, kind, color, reply]] of counts.entries()) {
  const image = await save(`count-${index + 1}.png`, drawShapes(many(count, kind, color)));
  add(`count-${color}-${plural(count, kind)}`, `How many ${color} ${kind}s are in this picture? Answer with a number.`, image, numeric(count), reply, reply !== 'I count 6 green triangles.');
}

// Mixed shapes: two questions about the same picture.
const mixes: Array<{ shapes: Array<[number, ShapeKind, ColorName]>; ask: [ShapeKind, ColorName]; replies: [string, string] }> = [
  { shapes: [[2, 'circle', 'red'], [3, 'square', 'blue'], [1, 'triangle', 'green']], ask: ['square', 'blue'], replies: ['3', 'There are 6 shapes in total.'] },
  { shapes: [[4, 'triangle', 'orange'], [2, 'circle', 'green'], [3, 'square', 'red']], ask: ['circle', 'green'], replies: ['2 green circles.', '8'] },
  { shapes: [[1, 'square', 'purple'], [5, 'circle', 'blue'], [2, 'triangle', 'red']], ask: ['triangle', 'red'], replies: ['2', '8 shapes'] },
  { shapes: [[3, 'circle', 'orange'], [3, 'triangle', 'purple'], [4, 'square', 'green']], ask: ['square', 'green'], replies: ['4', '10'] },
];
for (const [index, mix] of mixes.entries()) {
  const shapes = mix.shapes.flatMap(([count, kind, color]) => many(count, kind, color));
  const image = await save(`mixed-${index + 1}.png`, drawShapes(shuffle(shapes, random)));
  const [kind, color] = mix.ask;
  const asked = mix.shapes.find(([, shapeKind, shapeColor]) => shapeKind === kind && shapeColor === color)?.[0] ?? 0;
  add(`mixed-${index + 1}-${color}-${kind}s`, `In picture ${index + 1} of mixed shapes, how many ${color} ${kind}s are there? Answer with a number.`, image, numeric(asked), mix.replies[0]);
  const total = shapes.length;
  const totalReply = mix.replies[1];
  add(`mixed-${index + 1}-total`, `In picture ${index + 1} of mixed shapes, how many shapes are there altogether? Answer with a number.`, image, numeric(total), totalReply, Number(/\d+/.exec(totalReply)?.[0]) === total);
}

// Naming a colour.
const singles: Array<[ShapeKind, ColorName, string]> = [
  ['triangle', 'orange', 'Orange.'],
  ['circle', 'green', 'It is blue.'],
  ['square', 'purple', 'The square is purple.'],
];
for (const [kind, color, reply] of singles) {
  const raster = new Raster(width, height);
  if (kind === 'circle') raster.fillCircle(width / 2, height / 2, 80, colors[color]);
  else if (kind === 'square') raster.fillRect(width / 2 - 75, height / 2 - 75, 150, 150, colors[color]);
  else raster.fillTriangle(width / 2, height / 2, 170, colors[color]);
  const image = await save(`colour-${kind}.png`, raster);
  add(`colour-${kind}`, `What colour is the ${kind} in this picture? Answer with one word.`, image, word(color), reply, reply.toLowerCase().includes(color));
}

// Bar charts: the tallest bar, and one bar's value.
const charts: Array<{ values: number[]; color: ColorName; read: number; replies: [string, string] }> = [
  { values: [20, 40, 30, 50, 10], color: 'blue', read: 2, replies: ['D', '30'] },
  { values: [30, 10, 50, 40, 20], color: 'green', read: 3, replies: ['Bar E', 'Bar D is at 40.'] },
];
for (const [index, chart] of charts.entries()) {
  const image = await save(`bar-chart-${index + 1}.png`, drawBarChart(chart.values, chart.color));
  const tallest = String.fromCharCode(65 + chart.values.indexOf(Math.max(...chart.values)));
  add(`chart-${index + 1}-tallest`, `Bar chart ${index + 1}: which bar is the tallest? Answer with its letter.`, image, [{ type: 'choice', value: tallest, letters: 'ABCDE' }], chart.replies[0], chart.replies[0].endsWith(tallest));
  const letter = String.fromCharCode(65 + chart.read);
  add(`chart-${index + 1}-value-${letter}`, `Bar chart ${index + 1}: what is the value of bar ${letter}? Answer with a number.`, image, numeric(chart.values[chart.read] as number), chart.replies[1]);
}

// Reading digits and words.
const texts: Array<[string, ColorName, string]> = [
  ['4827', 'black', '4827'],
  ['1093', 'blue', 'The number is 1093.'],
  ['365', 'red', '356'],
  ['HARBOR', 'black', 'HARBOR'],
  ['PLANET', 'purple', 'It says "planet".'],
];
for (const [text, color, reply] of texts) {
  const image = await save(`text-${text.toLowerCase()}.png`, drawText(text, color));
  const isNumber = /^\d+$/.test(text);
  add(
    `read-${text.toLowerCase()}`,
    isNumber ? `What number is written in ${color} in the image? Answer with the number.` : `What word is written in ${color} in the image? Answer with the word.`,
    image,
    isNumber ? numeric(Number(text)) : word(text),
    reply,
    reply !== '356',
  );
}

const prompts = new Set(cases.map((generated) => generated.case.prompt));
if (prompts.size !== cases.length) throw new Error('two cases ask the same question: the simulator tells cases apart by their text');

await writeDatasetFiles(
  'vision-shapes-charts',
  [
    'Questions about generated pictures (datasets/images/, made by scripts/generate-vision-dataset.ts):',
    'count shapes of a colour, count all shapes, name a colour, read a bar chart, read digits and words.',
    'Each image is sent as a file part of the user message; the answers come from how it was drawn.',
  ],
  { system: 'Look at the image and answer the question briefly.', tags: ['vision'] },
  cases,
);
