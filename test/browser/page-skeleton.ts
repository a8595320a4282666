import type { Page } from 'playwright-core';

/**
 * The page's structure as lines: each element's depth, tag, attribute names and classes, in
 * document order; no text and no attribute values but the class. Two pages that differ only in
 * the text they show have the same skeleton; a value that became markup adds a line.
 *
 * Inside an `<svg>`, a run of identical sibling subtrees counts once: an axis has as many ticks as
 * its range calls for, which is data, not structure.
 *
 * The harness-saturated note is left out: whether the harness kept up is the machine's state at
 * run time (two runs on a busy machine can differ), not the page's structure.
 */
export function pageSkeleton(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const describe = (element: Element, depth: number): string => {
      const attributes = [...element.attributes].map((attribute) => attribute.name).sort();
      const classes = element.getAttribute('class');
      return `${'  '.repeat(depth)}<${element.tagName.toLowerCase()}${attributes.length ? ` ${attributes.join(' ')}` : ''}>${classes ? ` .${classes.trim().split(/\s+/).sort().join('.')}` : ''}`;
    };
    const lines = (element: Element, depth: number, inSvg: boolean): string[] => {
      const svg = inSvg || element.tagName.toLowerCase() === 'svg';
      const children = [...element.children].filter((child) => child.id !== 'harness-saturated').map((child) => lines(child, depth + 1, svg));
      const kept = svg ? children.filter((child, index) => index === 0 || child.join('\n') !== children[index - 1]!.join('\n')) : children;
      return [describe(element, depth), ...kept.flat()];
    };
    return lines(document.documentElement, 0, false);
  });
}
