import { readFile } from 'node:fs/promises';

/** README's API example, exactly as README shows it: the ```js block after its marker comment. */
export async function readmeApiExample(): Promise<string> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const marker = '<' + '!-- api-example -->';
  const after = readme.slice(readme.indexOf(marker) + marker.length);
  const block = /^\s*```js\n([\s\S]*?)```/.exec(after)?.[1];
  if (readme.indexOf(marker) < 0 || !block) throw new Error(`README has no ${marker} block followed by a js code block`);
  return block;
}
