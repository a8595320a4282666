import { isCollection, isNode, isPair, isScalar, type Document, type LineCounter } from 'yaml';

/**
 * Alias expansions allowed in one conversion (a profile file, a prompt file): the yaml library's
 * guard against alias bombs, at ten times its default.
 */
export const maxYamlAliasCount = 1000;

export type YamlConversion = { value: unknown } | { line: number; path: unknown[]; message: string };

function convert(document: Document, node: unknown, maxAliasCount: number): { value: unknown } | { error: unknown } {
  try {
    return { value: isNode(node) ? node.toJS(document, { maxAliasCount }) : null };
  } catch (error) {
    return { error };
  }
}

/** The deepest node under `node` that fails to convert on its own, and its path. */
function locateFailure(document: Document, node: unknown, path: unknown[], maxAliasCount: number): { node: unknown; path: unknown[] } {
  if (!isCollection(node)) return { node, path };
  for (const [index, item] of node.items.entries()) {
    const child = isPair(item) ? item.value : item;
    const key = isPair(item) ? (isScalar(item.key) ? item.key.value : String(item.key)) : index;
    if ('error' in convert(document, child, maxAliasCount)) return locateFailure(document, child, [...path, key], maxAliasCount);
  }
  return { node, path };
}

/**
 * A parsed YAML node (the whole document by default) as plain data. `parseDocument` collects
 * syntax errors, but the conversion throws on its own: an alias bomb (`Excessive alias count`),
 * an alias to an anchor defined after it. That is reported at the line of the deepest node that
 * fails on its own, never thrown, so a hostile file is refused with `file:line` like any other.
 * A dataset passes `maxAliasCount: -1`: its cases may share an anchor any number of times, and
 * what an alias bomb would cost is bounded per case where the cases are checked (the conversion
 * itself shares what an alias points to, so it costs no more than the file's size).
 */
export function yamlToJS(document: Document, lineCounter: LineCounter, { maxAliasCount = maxYamlAliasCount } = {}): YamlConversion {
  const node = document.contents;
  const converted = convert(document, node, maxAliasCount);
  if ('value' in converted) return converted;
  const failure = locateFailure(document, node, [], maxAliasCount);
  const line = isNode(failure.node) && failure.node.range ? lineCounter.linePos(failure.node.range[0]).line : 1;
  const reason = converted.error instanceof Error ? converted.error.message : String(converted.error);
  return { line, path: failure.path, message: `the YAML library refuses it: ${reason.split('\n')[0]}` };
}
