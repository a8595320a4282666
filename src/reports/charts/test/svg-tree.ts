import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An element of a chart's SVG as a strict XML parser reads it. */
export type SvgElement = { name: string; attributes: Record<string, string>; children: SvgElement[]; text: string };

type Parsed = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({ ignoreAttributes: false, preserveOrder: true, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, trimValues: false, htmlEntities: false });

/** Test helper: the SVG's root element; throws when the text is not well-formed XML (an unbalanced or stray tag). */
export function parseSvg(svg: string): SvgElement {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`not well-formed: ${valid.err.msg} at ${valid.err.line}:${valid.err.col}`);
  const roots = (parser.parse(svg) as Parsed[]).map(toElement).filter((root) => root.name !== '#text');
  if (roots.length !== 1) throw new Error(`expected one root element, got ${roots.length}`);
  return roots[0]!;
}

function toElement(node: Parsed): SvgElement {
  const name = Object.keys(node).find((key) => key !== ':@')!;
  if (name === '#text') return { name, attributes: {}, children: [], text: String(node[name]) };
  const children = (node[name] as Parsed[]).map(toElement);
  // The text a reader sees: a tooltip's is apart.
  const text = children.filter((child) => child.name !== 'title').map((child) => child.text).join('');
  return { name, attributes: node[':@'] ?? {}, children: children.filter((child) => child.name !== '#text'), text };
}

/** Every element under `root`, itself included, in document order. */
export function allElements(root: SvgElement): SvgElement[] {
  return [root, ...root.children.flatMap(allElements)];
}

/** The groups Plot made for the marks with that aria-description (one per line: a line is a mark here). */
export function markGroups(root: SvgElement, description: string): SvgElement[] {
  return allElements(root).filter((element) => element.attributes['aria-description'] === description);
}

/** The elements those marks drew. */
export function markElements(root: SvgElement, description: string): SvgElement[] {
  return markGroups(root, description).flatMap((group) => group.children);
}

/** The tooltips' texts. */
export function titles(root: SvgElement): string[] {
  return allElements(root).filter((element) => element.name === 'title').map((element) => element.children.length === 0 ? element.text : '');
}

/** An element's tooltip, when it has one. */
export function titleOf(element: SvgElement): string | undefined {
  return element.children.find((child) => child.name === 'title')?.text;
}
