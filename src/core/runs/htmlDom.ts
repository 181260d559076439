/**
 * The controller's `report-<ts>.html` parsed as a browser parses it, and the few walks the
 * structural reading needs (find elements, table rows and cells, text content).
 *
 * Parsing is parse5's: it implements the WHATWG HTML parsing algorithm, so implied end tags
 * (cells, rows, table sections, `p`, `li`, `dt`/`dd`), misnested and stray tags, comments
 * (`<!-->`), unquoted attributes, raw-text elements (`script`, `style`, `title`) and every HTML5
 * named or numeric character reference come out as in a browser's DOM. htmlparser2 was measured
 * first and left out: it differs from Chromium on 7 of the 38 inputs of
 * test/unit/runs/htmlCases.json (a cell or row holding an unclosed inline element swallows the
 * rest of its table; `thead` rows swallow the `tbody` ones); parse5 differs on none.
 *
 * Every walk here is iterative (an explicit stack), so a page nested thousands of levels deep
 * cannot overflow the call stack; each visits every node at most once.
 */
import { defaultTreeAdapter, Parser, type DefaultTreeAdapterMap, type TreeAdapter } from 'parse5';

export type HtmlElement = DefaultTreeAdapterMap['element'];
export type HtmlNode = DefaultTreeAdapterMap['node'];
export type HtmlDocument = DefaultTreeAdapterMap['document'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

/** Elements whose content is no text of the page (code, style, drawings). */
const NO_TEXT = new Set(['script', 'style', 'svg']);
const ASCII_SPACE = /[\t\n\f\r ]+/;

/** An element with the line its parser was on when it made it. */
type LinedElement = HtmlElement & { startLine?: number };

/**
 * Parses a whole document, as a browser would (never throws). Each element keeps the line the
 * tokenizer was on when the parser made it: the line that ends its start tag (for an element
 * the parser implied, the line of the tag that implied it; the controller writes each start tag
 * on one line). parse5's own source locations build objects for every tag and attribute: the
 * 5 MB page of bench/today parsed 1.6–3.7 times slower with them (two measurements).
 */
export function parseHtml(html: string): HtmlDocument {
  const treeAdapter: TreeAdapter<DefaultTreeAdapterMap> = {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      const element: LinedElement = defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
      element.startLine = parser.tokenizer.preprocessor.line;
      return element;
    },
  };
  const parser = new Parser<DefaultTreeAdapterMap>({ treeAdapter });
  parser.tokenizer.write(html, true);
  return parser.document;
}

export function isElement(node: HtmlNode): node is HtmlElement {
  return 'tagName' in node;
}

function childrenOf(node: HtmlNode): readonly HtmlNode[] {
  return 'childNodes' in node ? (node as ParentNode).childNodes : [];
}

/** The value of attribute `name` (lower case), or undefined when the node has none. */
export function attr(e: HtmlNode, name: string): string | undefined {
  if (!isElement(e)) return undefined;
  for (const a of e.attrs) if (a.name === name) return a.value;
  return undefined;
}

export function hasClass(e: HtmlElement, name: string): boolean {
  return (attr(e, 'class') ?? '').split(ASCII_SPACE).includes(name);
}

/** 1-based line of the element's start tag (see parseHtml; 1 for the document). */
export function lineOf(e: HtmlNode): number {
  return (e as Partial<LinedElement>).startLine ?? 1;
}

/**
 * Descendant elements of `root` in document order; `enter(e)` false skips what is inside `e`.
 * `visit` returning true stops the walk.
 */
function walk(
  root: HtmlNode,
  visit: (e: HtmlElement) => boolean | void,
  enter: (e: HtmlElement) => boolean = () => true,
): void {
  const stack: HtmlNode[] = [];
  const pushChildren = (node: HtmlNode): void => {
    const children = childrenOf(node);
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]!);
  };
  pushChildren(root);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (visit(node) === true) return;
    if (enter(node)) pushChildren(node);
  }
}

/** Every descendant element (document order) matching `test`. */
export function findAll(root: HtmlNode, test: (e: HtmlElement) => boolean): HtmlElement[] {
  const out: HtmlElement[] = [];
  walk(root, e => {
    if (test(e)) out.push(e);
  });
  return out;
}

/** The first descendant element (document order) matching `test`. */
export function findFirst(
  root: HtmlNode,
  test: (e: HtmlElement) => boolean,
): HtmlElement | undefined {
  let found: HtmlElement | undefined;
  walk(root, e => {
    if (test(e)) found = e;
    return found !== undefined;
  });
  return found;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The node's `textContent` (text of every descendant joined as is, as a browser joins
 * `12<span>.5</span>` into "12.5"), without the contents of `script`, `style` and `svg`,
 * whitespace collapsed.
 */
export function textOf(node: HtmlNode): string {
  const parts: string[] = [];
  const stack: HtmlNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeName === '#text') {
      parts.push((n as DefaultTreeAdapterMap['textNode']).value);
      continue;
    }
    if (n !== node && isElement(n) && NO_TEXT.has(n.tagName)) continue;
    const children = childrenOf(n);
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]!);
  }
  return collapse(parts.join(''));
}

/** The text directly inside `e`, not inside its child elements. */
export function ownText(e: HtmlElement): string {
  return collapse(
    e.childNodes
      .filter(c => c.nodeName === '#text')
      .map(c => (c as DefaultTreeAdapterMap['textNode']).value)
      .join(''),
  );
}

/** Rows of a table that belong to it (its `rows`: not those of a table nested in a cell). */
export function tableRows(table: HtmlElement): HtmlElement[] {
  const rows: HtmlElement[] = [];
  walk(
    table,
    e => {
      if (e.tagName === 'tr') rows.push(e);
    },
    e => e.tagName !== 'table' && e.tagName !== 'tr',
  );
  return rows;
}

/** The `td` and `th` cells of a row. */
export function cells(row: HtmlElement): HtmlElement[] {
  return row.childNodes.filter(
    (c): c is HtmlElement => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'),
  );
}
