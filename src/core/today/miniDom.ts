/**
 * A small, forgiving HTML reader: enough of a DOM to walk the controller's report
 * (`report-<ts>.html`) by structure — section titles, tables, rows, cells, classes — instead of
 * with brittle regular expressions. Unclosed and stray tags are tolerated the way browsers do
 * for the common cases (an end tag closes the nearest open element of its name; a stray one is
 * ignored); `<script>` and `<style>` bodies are skipped.
 */

export interface HtmlElement {
  readonly tag: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: HtmlNode[];
  /** 1-based line of the start tag. */
  readonly line: number;
}

export type HtmlNode = HtmlElement | string;

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const RAW = new Set(['script', 'style']);
const TAG =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  rarr: '→',
  larr: '←',
  times: '×',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000
        ? String.fromCodePoint(code)
        : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function parseAttrs(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(ATTR)) {
    attrs.set(m[1]!.toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

/** Parses a document into a synthetic `#root` element. Never throws. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attrs: new Map(), children: [], line: 1 };
  const stack: HtmlElement[] = [root];
  let last = 0;
  let line = 1;
  let counted = 0;
  const lineAt = (offset: number): number => {
    for (let i = counted; i < offset; i++) if (html.charCodeAt(i) === 10) line++;
    counted = Math.max(counted, offset);
    return line;
  };
  TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(html))) {
    const top = stack[stack.length - 1]!;
    if (m.index > last) top.children.push(decodeEntities(html.slice(last, m.index)));
    last = TAG.lastIndex;
    const name = m[2]?.toLowerCase();
    if (!name) continue; // comment, doctype
    if (m[1]) {
      const at = stack.map(e => e.tag).lastIndexOf(name);
      if (at > 0) stack.length = at;
      continue;
    }
    const element: HtmlElement = {
      tag: name,
      attrs: parseAttrs(m[3] ?? ''),
      children: [],
      line: lineAt(m.index),
    };
    top.children.push(element);
    if (RAW.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, last);
      last = end < 0 ? html.length : end;
      TAG.lastIndex = last;
      continue;
    }
    if (!VOID.has(name) && !/\/\s*$/.test(m[3] ?? '')) stack.push(element);
  }
  if (last < html.length) stack[stack.length - 1]!.children.push(decodeEntities(html.slice(last)));
  return root;
}

export function isElement(node: HtmlNode): node is HtmlElement {
  return typeof node !== 'string';
}

export function hasClass(e: HtmlElement, name: string): boolean {
  return (e.attrs.get('class') ?? '').split(/\s+/).includes(name);
}

/** Every descendant element (depth first, document order) matching `test`. */
export function findAll(e: HtmlElement, test: (e: HtmlElement) => boolean): HtmlElement[] {
  const out: HtmlElement[] = [];
  const walk = (node: HtmlElement): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (test(child)) out.push(child);
      walk(child);
    }
  };
  walk(e);
  return out;
}

export function findFirst(
  e: HtmlElement,
  test: (e: HtmlElement) => boolean,
): HtmlElement | undefined {
  for (const child of e.children) {
    if (!isElement(child)) continue;
    if (test(child)) return child;
    const found = findFirst(child, test);
    if (found) return found;
  }
  return undefined;
}

/** Text content with whitespace collapsed; `<svg>` contents are left out. */
export function textOf(e: HtmlNode): string {
  const parts: string[] = [];
  const walk = (node: HtmlNode): void => {
    if (!isElement(node)) parts.push(node);
    else if (node.tag !== 'svg') node.children.forEach(walk);
  };
  walk(e);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The text directly inside `e`, not inside its child elements. */
export function ownText(e: HtmlElement): string {
  return e.children
    .filter((c): c is string => !isElement(c))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Rows of a table that belong to it (not to a table nested in one of its cells). */
export function tableRows(table: HtmlElement): HtmlElement[] {
  const rows: HtmlElement[] = [];
  const walk = (node: HtmlElement): void => {
    for (const child of node.children) {
      if (!isElement(child) || child.tag === 'table') continue;
      if (child.tag === 'tr') rows.push(child);
      else walk(child);
    }
  };
  walk(table);
  return rows;
}

export function cells(row: HtmlElement): HtmlElement[] {
  return row.children.filter(isElement).filter(c => c.tag === 'td' || c.tag === 'th');
}
