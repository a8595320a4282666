import { isNode, type Document, type LineCounter } from 'yaml';

/**
 * The line of the deepest node on `path` that exists in a parsed YAML document: a missing field
 * is reported where its parent (its case, its row) starts.
 */
export function yamlLine(document: Document, lineCounter: LineCounter, path: readonly unknown[]): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
