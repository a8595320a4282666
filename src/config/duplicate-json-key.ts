type Frame = { keys: Set<string>; key?: string } | { index: number };

/**
 * The path of the first key written twice in one JSON object, in text JSON.parse accepted (it
 * keeps the last silently). A YAML mapping with a key twice and a CSV header with a column twice
 * are refused; a JSONL line is held to the same.
 */
export function duplicateJsonKey(text: string): PropertyKey[] | undefined {
  const stack: Frame[] = [];
  let expectKey = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === '"') {
      let end = index + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (expectKey && top !== undefined && 'keys' in top) {
        const key = JSON.parse(text.slice(index, end + 1)) as string;
        if (top.keys.has(key)) return [...pathOf(stack.slice(0, -1)), key];
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      index = end;
    } else if (character === '{') {
      stack.push({ keys: new Set() });
      expectKey = true;
    } else if (character === '[') {
      stack.push({ index: 0 });
    } else if (character === '}' || character === ']') {
      stack.pop();
    } else if (character === ',') {
      const top = stack.at(-1);
      if (top !== undefined && 'index' in top) top.index += 1;
      else expectKey = true;
    }
  }
  return undefined;
}

function pathOf(frames: readonly Frame[]): PropertyKey[] {
  return frames.map((frame) => ('index' in frame ? frame.index : (frame.key ?? '')));
}
