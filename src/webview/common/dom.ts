/** Small DOM helpers: elements are built with text nodes only, so data is never parsed as HTML. */

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export type ViewState = 'loading' | 'ready' | 'empty' | 'error';

export function setState(state: ViewState): void {
  document.body.dataset['state'] = state;
}

/** A `--vscode-*` colour of the current theme, with a fallback. */
export function themeColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

export function isHighContrast(): boolean {
  return (
    document.body.classList.contains('vscode-high-contrast') ||
    document.body.classList.contains('vscode-high-contrast-light')
  );
}

/** The loading state: a status line, unless the view already shows data (a refresh). */
export function showLoading(app: HTMLElement, message: string, hasData: boolean): void {
  if (hasData) return;
  setState('loading');
  app.replaceChildren(el('p', { class: 'status' }, message));
}

/** The error state: the message, announced to screen readers. */
export function showError(app: HTMLElement, message: string): void {
  setState('error');
  app.replaceChildren(el('p', { class: 'status error', role: 'alert' }, message));
}

export interface SectionHead {
  /** The section's id; its heading's is `<id>-title`. */
  readonly id: string;
  readonly title: string;
  readonly level?: 'h2' | 'h3';
  /** Shown beside the heading, in a `.section-head` row. */
  readonly controls?: Node;
  /** More attributes of the section (e.g. `data-*`). */
  readonly attrs?: Record<string, string>;
}

/** A section named by its heading (`aria-labelledby`), with optional controls beside it. */
export function titledSection(head: SectionHead, ...children: Array<Node | string>): HTMLElement {
  const titleId = `${head.id}-title`;
  const heading = el(head.level ?? 'h2', { id: titleId }, head.title);
  return el(
    'section',
    { ...head.attrs, id: head.id, 'aria-labelledby': titleId },
    head.controls ? el('div', { class: 'section-head' }, heading, head.controls) : heading,
    ...children,
  );
}

/**
 * A table in a box that scrolls sideways: a view opens beside code, often in a narrow column, and
 * a table wider than it scrolls on its own instead of cutting columns off or widening the page.
 */
export function scrollBox(table: HTMLElement): HTMLElement {
  return el('div', { class: 'table-scroll' }, table);
}
