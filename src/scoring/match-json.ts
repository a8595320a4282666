export type JsonMatchMode = 'subset' | 'exact';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathTo(parent: string, key: string | number): string {
  return typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`;
}

/**
 * Where `actual` differs from `expected`, or undefined when it matches. In `subset` mode an
 * object may have fields `expected` does not mention (at any depth); arrays always need the same
 * length and order, since an extra or missing list item usually changes the meaning.
 */
export function findJsonMismatch(expected: unknown, actual: unknown, mode: JsonMatchMode, at = ''): string | undefined {
  const where = at === '' ? '(root)' : at;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${where}: expected an array`;
    if (actual.length !== expected.length) return `${where}: expected ${expected.length} items, got ${actual.length}`;
    for (const [index, item] of expected.entries()) {
      const mismatch = findJsonMismatch(item, actual[index], mode, pathTo(at, index));
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `${where}: expected an object`;
    for (const [key, value] of Object.entries(expected)) {
      if (!Object.hasOwn(actual, key)) return `${pathTo(at, key)}: missing`;
      const mismatch = findJsonMismatch(value, actual[key], mode, pathTo(at, key));
      if (mismatch) return mismatch;
    }
    if (mode === 'exact') {
      const extra = Object.keys(actual).find((key) => !Object.hasOwn(expected, key));
      if (extra !== undefined) return `${pathTo(at, extra)}: not expected`;
    }
    return undefined;
  }
  return Object.is(expected, actual) || expected === actual ? undefined : `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual) ?? 'nothing'}`;
}
