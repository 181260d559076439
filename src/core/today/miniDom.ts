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
/**
 * Start tags that close an open element as a browser would: a cell closes the previous cell of
 * its row, a row the previous row of its table, an item the previous item. `stop` bounds the
 * search (never close past the enclosing table or list).
 */
const IMPLIED: Readonly<Record<string, { close: readonly string[]; stop: readonly string[] }>> = {
  td: { close: ['td', 'th'], stop: ['tr', 'table'] },
  th: { close: ['td', 'th'], stop: ['tr', 'table'] },
  tr: { close: ['tr'], stop: ['table', 'tbody', 'thead', 'tfoot'] },
  li: { close: ['li'], stop: ['ul', 'ol'] },
  option: { close: ['option'], stop: ['select'] },
};

function closeImplied(stack: HtmlElement[], name: string): void {
  const rule = IMPLIED[name];
  if (!rule) return;
  for (let at = stack.length - 1; at > 0; at--) {
    const tag = stack[at]!.tag;
    if (rule.stop.includes(tag)) return;
    if (rule.close.includes(tag)) {
      stack.length = at;
      return;
    }
  }
}
const ATTR = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const NO_ATTRS: ReadonlyMap<string, string> = new Map();

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
  if (!text.includes('&')) return text;
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

/** An element whose attributes are parsed the first time they are asked for. */
class Element implements HtmlElement {
  readonly children: HtmlNode[] = [];
  private parsed: ReadonlyMap<string, string> | undefined;
  constructor(
    readonly tag: string,
    private readonly rawAttrs: string,
    readonly line: number,
  ) {}
  get attrs(): ReadonlyMap<string, string> {
    this.parsed ??= /\S/.test(this.rawAttrs) ? parseAttrs(this.rawAttrs) : NO_ATTRS;
    return this.parsed;
  }
}

/** Text between tags; whitespace-only runs (indentation) are left out, as a browser's text would. */
function pushText(parent: HtmlElement, html: string, from: number, to: number): void {
  if (to <= from) return;
  const text = html.slice(from, to);
  if (/\S/.test(text)) parent.children.push(decodeEntities(text));
}

function isNameCode(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58
  );
}

/** Offset of the `>` that ends a tag whose attributes start at `from` (quotes respected). */
function tagEnd(html: string, from: number): number {
  let quote = 0;
  for (let k = from; k < html.length; k++) {
    const c = html.charCodeAt(k);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return k;
  }
  return html.length;
}

/** Parses a document into a synthetic `#root` element. Never throws. */
export function parseHtml(html: string): HtmlElement {
  const root = new Element('#root', '', 1);
  const stack: HtmlElement[] = [root];
  const n = html.length;
  let line = 1;
  let counted = 0;
  const lineAt = (offset: number): number => {
    for (let p = html.indexOf('\n', counted); p !== -1 && p < offset; p = html.indexOf('\n', p + 1))
      line++;
    counted = Math.max(counted, offset);
    return line;
  };
  let textFrom = 0;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const next = html.charCodeAt(lt + 1);
    if (next === 33 || next === 63) {
      // <!-- comment -->, <!DOCTYPE …>, <?…>
      pushText(stack[stack.length - 1]!, html, textFrom, lt);
      const end = html.startsWith('<!--', lt)
        ? html.indexOf('-->', lt + 4) + 3
        : html.indexOf('>', lt) + 1;
      i = textFrom = end <= 2 ? n : end;
      continue;
    }
    const close = next === 47;
    const nameStart = lt + (close ? 2 : 1);
    let j = nameStart;
    while (j < n && isNameCode(html.charCodeAt(j))) j++;
    if (j === nameStart) {
      i = lt + 1; // a literal '<' in text
      continue;
    }
    pushText(stack[stack.length - 1]!, html, textFrom, lt);
    const name = html.slice(nameStart, j).toLowerCase();
    const end = tagEnd(html, j);
    i = textFrom = end + 1;
    if (close) {
      let at = stack.length - 1;
      while (at > 0 && stack[at]!.tag !== name) at--;
      if (at > 0) stack.length = at;
      continue;
    }
    const raw = html.slice(j, end);
    closeImplied(stack, name);
    const element = new Element(name, raw, lineAt(lt));
    stack[stack.length - 1]!.children.push(element);
    if (RAW.has(name)) {
      const close = html.toLowerCase().indexOf(`</${name}`, i);
      i = textFrom = close < 0 ? n : close;
      continue;
    }
    if (!VOID.has(name) && !raw.trimEnd().endsWith('/')) stack.push(element);
  }
  pushText(stack[stack.length - 1]!, html, textFrom, n);
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
