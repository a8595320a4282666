import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from './load-dataset.ts';
import { maxImageBytes } from './load-image.ts';
import { datasetProblems } from './test/dataset-problems.ts';

const pngBytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24)]);
const jpegBytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(24)]);
/** Real 1×1 images. */
const webpBytes = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const gifBytes = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

let folder: string;
let outside: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'llm-bench-features-'));
  outside = await mkdtemp(path.join(tmpdir(), 'llm-bench-outside-'));
  await mkdir(path.join(folder, 'images'));
  await writeFile(path.join(folder, 'images', 'dot.png'), pngBytes);
  await writeFile(path.join(folder, 'images', 'photo.jpg'), jpegBytes);
  await writeFile(path.join(folder, 'images', 'sticker.webp'), webpBytes);
  await writeFile(path.join(folder, 'images', 'spinner.gif'), gifBytes);
  // The name says GIF; the bytes, and so the type sent, say WebP.
  await writeFile(path.join(folder, 'images', 'renamed.gif'), webpBytes);
  await writeFile(path.join(folder, 'images', 'notes.png'), 'just text, renamed');
  await writeFile(path.join(folder, 'images', 'huge.png'), Buffer.concat([pngBytes, Buffer.alloc(maxImageBytes)]));
  await writeFile(path.join(outside, 'secret.png'), pngBytes);
  await symlink(path.join(outside, 'secret.png'), path.join(folder, 'images', 'link.png'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

async function fixture(name: string, lines: unknown[]): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, lines.map((line) => JSON.stringify(line)).join('\n'));
  return file;
}

async function problemsOf(file: string): Promise<string[]> {
  return (await datasetProblems(file)).map((problem) => problem.replace(`${file}:`, ''));
}

describe('loadDataset: images', () => {
  it('puts images after the text of the last user message, typed from their bytes', async () => {
    const dataUrl = `data:image/png;base64,${pngBytes.toString('base64')}`;
    const file = await fixture('vision.jsonl', [
      { id: 'one', prompt: 'What is this?', images: ['images/dot.png', 'images/photo.jpg', dataUrl] },
      { id: 'chat', messages: [{ role: 'user', content: 'Look' }, { role: 'assistant', content: 'Ok' }, { role: 'user', content: 'And now?' }], images: ['images/dot.png'] },
    ]);
    const dataset = await loadDataset(file);
    const [one, chat] = dataset.cases;
    expect(one?.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'file', data: new Uint8Array(pngBytes), mediaType: 'image/png' },
          { type: 'file', data: new Uint8Array(jpegBytes), mediaType: 'image/jpeg' },
          { type: 'file', data: new Uint8Array(pngBytes), mediaType: 'image/png' },
        ],
      },
    ]);
    expect(chat?.messages[0]).toEqual({ role: 'user', content: 'Look' });
    expect(chat?.messages[2]).toMatchObject({ content: [{ type: 'text', text: 'And now?' }, { type: 'file', mediaType: 'image/png' }] });
  });

  it('accepts WebP and GIF, from files and data: URLs, typed from their bytes', async () => {
    const file = await fixture('webp-gif.jsonl', [
      {
        id: 'files',
        prompt: 'Which is animated?',
        images: ['images/sticker.webp', 'images/spinner.gif', 'images/renamed.gif'],
      },
      { id: 'urls', prompt: 'And these?', images: [`data:image/webp;base64,${webpBytes.toString('base64')}`, `data:image/gif;base64,${gifBytes.toString('base64')}`] },
    ]);
    const [files, urls] = (await loadDataset(file)).cases;
    expect(files?.messages[0]?.content).toEqual([
      { type: 'text', text: 'Which is animated?' },
      { type: 'file', data: new Uint8Array(webpBytes), mediaType: 'image/webp' },
      { type: 'file', data: new Uint8Array(gifBytes), mediaType: 'image/gif' },
      { type: 'file', data: new Uint8Array(webpBytes), mediaType: 'image/webp' },
    ]);
    expect(urls?.messages[0]?.content).toEqual([
      { type: 'text', text: 'And these?' },
      { type: 'file', data: new Uint8Array(webpBytes), mediaType: 'image/webp' },
      { type: 'file', data: new Uint8Array(gifBytes), mediaType: 'image/gif' },
    ]);
    const liar = await fixture('webp-liar.jsonl', [{ id: 'liar', prompt: 'x', images: [`data:image/gif;base64,${webpBytes.toString('base64')}`] }]);
    expect(await problemsOf(liar)).toEqual(['1: images[0]: the data: URL says image/gif, but its bytes are image/webp']);
  });

  it('changes the hash when an image changes', async () => {
    const file = await fixture('hash.jsonl', [{ prompt: 'x', images: ['images/swap.png'] }]);
    await writeFile(path.join(folder, 'images', 'swap.png'), pngBytes);
    const before = (await loadDataset(file)).hash;
    await writeFile(path.join(folder, 'images', 'swap.png'), Buffer.concat([pngBytes, Buffer.from('changed')]));
    expect((await loadDataset(file)).hash).not.toBe(before);
  });

  it('refuses escapes, non-images, oversized images and bad data: URLs', async () => {
    const file = await fixture('bad-images.jsonl', [
      { id: 'up', prompt: 'x', images: ['../secret.png'] },
      { id: 'abs', prompt: 'x', images: [path.join(outside, 'secret.png')] },
      { id: 'link', prompt: 'x', images: ['images/link.png'] },
      { id: 'text', prompt: 'x', images: ['images/notes.png'] },
      { id: 'huge', prompt: 'x', images: ['images/huge.png'] },
      { id: 'missing', prompt: 'x', images: ['images/nope.png'] },
      { id: 'url', prompt: 'x', images: ['data:image/png,plain'] },
      { id: 'liar', prompt: 'x', images: [`data:image/jpeg;base64,${pngBytes.toString('base64')}`] },
      { id: 'nouser', messages: [{ role: 'system', content: 's' }], images: ['images/dot.png'] },
      { id: 'empty', prompt: 'x', images: [] },
    ]);
    expect(await problemsOf(file)).toEqual([
      expect.stringMatching(/^1: images\[0\]: .*no "\.\." allowed/),
      expect.stringMatching(/^2: images\[0\]: .*absolute path/),
      '3: images[0]: "images/link.png" leads outside the dataset\'s folder (through a symlink)',
      '4: images[0]: "images/notes.png" is not a PNG, JPEG, WebP or GIF image (its first bytes say otherwise)',
      '5: images[0]: "images/huge.png" is 5.0 MB, more than the 5.0 MB allowed per image',
      expect.stringMatching(/^6: images\[0\]: file not found: /),
      '7: images[0]: expected a base64 data: URL such as data:image/png;base64,iVBOR…',
      '8: images[0]: the data: URL says image/jpeg, but its bytes are image/png',
      '9: images: needs a user message to attach the images to',
      '10: images: expected at least one image',
    ]);
  });
});

describe('loadDataset: images in defaults', () => {
  it('sends the defaults\' images with every case that lists none of its own', async () => {
    const file = await fixture('default-images.jsonl', [
      { defaults: { images: ['images/dot.png'] } },
      { id: 'shared', prompt: 'What shape?' },
      { id: 'own', prompt: 'And this?', images: ['images/photo.jpg'] },
    ]);
    const [shared, own] = (await loadDataset(file)).cases;
    expect(shared?.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'What shape?' }, { type: 'file', data: new Uint8Array(pngBytes), mediaType: 'image/png' }] }]);
    expect(own?.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'And this?' }, { type: 'file', data: new Uint8Array(jpegBytes), mediaType: 'image/jpeg' }] }]);
  });

  it('changes the hash when a default image changes', async () => {
    const file = await fixture('default-hash.jsonl', [{ defaults: { images: ['images/shared.png'] } }, { prompt: 'x' }]);
    await writeFile(path.join(folder, 'images', 'shared.png'), pngBytes);
    const before = (await loadDataset(file)).hash;
    await writeFile(path.join(folder, 'images', 'shared.png'), Buffer.concat([pngBytes, Buffer.from('changed')]));
    expect((await loadDataset(file)).hash).not.toBe(before);
  });

  it('refuses escapes, symlinks out, non-images and oversized images once, at the defaults line', async () => {
    const file = await fixture('bad-default-images.jsonl', [
      { defaults: { images: ['../secret.png', 'images/link.png', 'images/notes.png', 'images/huge.png'] } },
      { id: 'a', prompt: 'x' },
      { id: 'b', prompt: 'y' },
    ]);
    expect(await problemsOf(file)).toEqual([
      expect.stringMatching(/^1: defaults\.images\[0\]: .*no "\.\." allowed/),
      '1: defaults.images[1]: "images/link.png" leads outside the dataset\'s folder (through a symlink)',
      '1: defaults.images[2]: "images/notes.png" is not a PNG, JPEG, WebP or GIF image (its first bytes say otherwise)',
      '1: defaults.images[3]: "images/huge.png" is 5.0 MB, more than the 5.0 MB allowed per image',
    ]);
  });

  it('reports a bad default image at its line in YAML, and a case with no user message to attach them to', async () => {
    const file = path.join(folder, 'default-images.yaml');
    await writeFile(
      file,
      ['defaults:', '  images:', '    - images/dot.png', '    - /etc/passwd', 'cases:', '  - id: a', '    prompt: Look'].join('\n'),
    );
    expect(await problemsOf(file)).toEqual([expect.stringMatching(/^4: defaults\.images\[1\]: .*absolute path/)]);
    const lonely = await fixture('default-images-nouser.jsonl', [
      { defaults: { images: ['images/dot.png'] } },
      { id: 'system-only', messages: [{ role: 'system', content: 's' }] },
    ]);
    expect(await problemsOf(lonely)).toEqual(['2: images: needs a user message to attach the images to']);
  });
});

describe('loadDataset: tools and structured output', () => {
  const weather = { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
  const time = { name: 'get_time', parameters: { type: 'object', properties: {} } };

  it('takes tools and tool_choice from the case or the defaults', async () => {
    const file = await fixture('tools.jsonl', [
      { defaults: { tools: [weather, time], tool_choice: 'auto' } },
      { id: 'shared', prompt: 'Weather in Oslo?', assert: [{ type: 'tool-call', name: 'get_weather', arguments: { city: 'Oslo' } }] },
      { id: 'own', prompt: 'Time?', tools: [time], tool_choice: { tool: 'get_time' } },
    ]);
    const [shared, own] = (await loadDataset(file)).cases;
    expect(shared).toMatchObject({ tools: [weather, time], toolChoice: 'auto' });
    expect(own).toMatchObject({ tools: [time], toolChoice: { type: 'tool', toolName: 'get_time' } });
  });

  it('refuses bad tool schemas, duplicate names and a tool_choice naming an unknown tool', async () => {
    const file = await fixture('bad-tools.jsonl', [
      { id: 'schema', prompt: 'x', tools: [{ name: 'f', parameters: { type: 'object', properties: { a: { type: 'strin' } } } }] },
      { id: 'array', prompt: 'x', tools: [{ name: 'f', parameters: { type: 'array' } }] },
      { id: 'dup', prompt: 'x', tools: [time, time] },
      { id: 'unknown', prompt: 'x', tools: [time], tool_choice: { tool: 'get_weather' } },
      { id: 'notools', prompt: 'x', tool_choice: 'required' },
      { id: 'mode', prompt: 'x', tools: [time], tool_choice: 'always' },
      { id: 'name', prompt: 'x', tools: [{ name: 'get weather', parameters: { type: 'object' } }] },
    ]);
    const problems = await problemsOf(file);
    expect(problems).toEqual([
      expect.stringMatching(/^1: tools\[0\]\.parameters: invalid JSON Schema: .*properties\/a\/type must be equal to one of the allowed values/),
      '2: tools[0].parameters: expected a JSON Schema with "type": "object" at its root (providers accept only objects here)',
      '3: tools[1].name: duplicate tool name "get_time" (first at tools[0])',
      '4: tool_choice: names tool "get_weather", which is not among the tools (known: get_time)',
      '5: tool_choice: needs "tools" (in the case or in defaults)',
      '6: tool_choice: expected one of: auto, required, none, or {"tool": "<name>"}',
      '7: tools[0].name: expected 1 to 64 letters, digits, "_" or "-" (what providers accept as a function name)',
    ]);
  });

  it('reports a defaults tool_choice naming an unknown tool once', async () => {
    const file = await fixture('bad-default-tools.jsonl', [{ defaults: { tools: [time], tool_choice: { tool: 'nope' } } }, { prompt: 'a' }, { prompt: 'b' }]);
    expect(await problemsOf(file)).toEqual(['1: defaults.tool_choice: names tool "nope", which is not among the tools (known: get_time)']);
  });

  it('scores a case with a schema and no assert by json against it, and lends the schema to json scorers', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    const file = await fixture('schema.jsonl', [
      { defaults: { schema } },
      { id: 'plain', prompt: 'Name?' },
      { id: 'fields', prompt: 'Name?', assert: [{ type: 'json', value: { name: 'Ada' } }] },
    ]);
    const [plain, fields] = (await loadDataset(file)).cases;
    expect(plain).toMatchObject({ schema, assert: [{ type: 'json', schema }] });
    expect(fields).toMatchObject({ schema, assert: [{ type: 'json', value: { name: 'Ada' }, schema }] });
  });

  it('refuses a schema that is not an object schema, and expected that would not be scored', async () => {
    const file = await fixture('bad-schema.jsonl', [
      { id: 'list', prompt: 'x', schema: { type: 'array' } },
      { id: 'expected', prompt: 'x', schema: { type: 'object' }, expected: 'Ada' },
    ]);
    expect(await problemsOf(file)).toEqual([
      '1: schema: expected a JSON Schema with "type": "object" at its root (providers accept only objects here)',
      '2: expected: is not scored in a case with "schema"; give the fields to match as assert: [{"type": "json", "value": {…}}]',
    ]);
  });
});

describe('loadDataset: YAML features', () => {
  it('reports image and tool problems on the line of the field', async () => {
    const file = path.join(folder, 'features.yaml');
    await writeFile(
      file,
      [
        'defaults:',
        '  tools:',
        '    - name: get_time',
        '      parameters: { type: object }',
        'cases:',
        '  - id: a',
        '    prompt: Time?',
        '    tool_choice:',
        '      tool: get_date',
        '  - id: b',
        '    prompt: Look',
        '    images:',
        '      - images/dot.png',
        '      - images/notes.png',
      ].join('\n'),
    );
    expect(await problemsOf(file)).toEqual([
      '9: tool_choice: names tool "get_date", which is not among the tools (known: get_time)',
      '14: images[1]: "images/notes.png" is not a PNG, JPEG, WebP or GIF image (its first bytes say otherwise)',
    ]);
  });
});
