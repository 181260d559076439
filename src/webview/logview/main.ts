/**
 * The virtualised log view: shows a window of a log too large to open as a document. The host
 * sends the line count and the target line; this view asks for blocks of lines as they scroll
 * into sight and keeps only a few blocks. Rows are fixed-height divs re-used for the visible
 * lines; log text goes in as text nodes (never parsed as HTML).
 */
import { el, setState, showError } from '../common/dom';
import * as l10n from '@vscode/l10n';
import type { LogLinesVM, LogViewVM } from '../../shared/views/logView';
import { startView, viewPage } from '../common/view';
import type { EventOf } from '../common/host';
import { logView } from '../../shared/views/logView';

import {
  blockOf,
  blocksToKeep,
  LOG_BLOCK,
  scrollForTop,
  topForScroll,
  type ScrollGeometry,
} from './viewport';

const { host, app } = viewPage(logView);
/** Row height in px; media/webview.css gives `.log-row` the same height. */
const ROW = 18;

interface SavedState {
  readonly file: string;
  readonly target: number;
  readonly selected: number;
}

let log: LogViewVM | undefined;
let selected = 1;
let top = 1;
const blocks = new Map<number, { lines: readonly string[]; marked: Set<number> }>();
const requested = new Set<number>();

function saved(): SavedState | undefined {
  const s = host.savedUi() as SavedState | undefined;
  return s && log && s.file === log.file && s.target === log.target ? s : undefined;
}

function scroller(): HTMLElement | null {
  return document.getElementById('log-scroll');
}

function visibleRows(): number {
  return Math.max(1, Math.floor((scroller()?.clientHeight ?? ROW * 20) / ROW));
}

function lineAt(n: number): { text: string; marked: boolean } | undefined {
  const block = blocks.get(blockOf(n));
  const text = block?.lines[(n - 1) % LOG_BLOCK];
  return text === undefined || !block ? undefined : { text, marked: block.marked.has(n) };
}

function request(block: number): void {
  if (!log || blocks.has(block) || requested.has(block)) return;
  const first = block * LOG_BLOCK + 1;
  if (first > log.lines) return;
  requested.add(block);
  host
    .request(logView.inbound.readLines, {
      first,
      count: Math.min(LOG_BLOCK, log.lines - first + 1),
    })
    .then(received, (err: unknown) => showError(app, String(err)));
}

/** A window of lines the host read. */
function received(window: LogLinesVM): void {
  const block = blockOf(window.firstLine);
  requested.delete(block);
  blocks.set(block, { lines: window.lines, marked: new Set(window.marked) });
  render();
}

function row(n: number): HTMLElement {
  const line = lineAt(n);
  const classes = ['log-row'];
  if (n === selected) classes.push('selected');
  if (line?.marked) classes.push('marked');
  if (!line) classes.push('pending');
  return el(
    'div',
    {
      class: classes.join(' '),
      id: `line-${n}`,
      role: 'option',
      'aria-selected': String(n === selected),
      'data-line': String(n),
    },
    el('span', { class: 'ln', 'aria-hidden': 'true' }, String(n)),
    el('span', { class: 'text' }, line ? line.text : '…'),
  );
}

function render(): void {
  const box = scroller();
  const rows = document.getElementById('log-rows');
  if (!log || !box || !rows) return;
  const count = Math.min(visibleRows() + 1, log.lines - top + 1);
  const wanted = new Set<number>();
  for (let n = top; n < top + count; n++) wanted.add(blockOf(n));
  wanted.forEach(request);
  for (const b of blocksToKeep([...blocks.keys()], blockOf(top), 40, true)) blocks.delete(b);
  rows.style.top = `${box.scrollTop}px`;
  rows.replaceChildren(...Array.from({ length: Math.max(0, count) }, (_, i) => row(top + i)));
  box.setAttribute('aria-activedescendant', `line-${selected}`);
  box.dataset['selected'] = String(selected);
  box.dataset['top'] = String(top);
  host.saveUi({ file: log.file, target: log.target, selected } satisfies SavedState);
}

function scrollToTop(line: number): void {
  const box = scroller();
  if (!log || !box) return;
  top = Math.max(1, Math.min(line, Math.max(1, log.lines - visibleRows() + 1)));
  box.scrollTop = scrollForTop(top, geometry(box));
  render();
}

function geometry(box: HTMLElement): ScrollGeometry {
  return {
    lines: log?.lines ?? 0,
    visible: visibleRows(),
    spacer: spacerHeight(),
    viewport: box.clientHeight,
  };
}

function spacerHeight(): number {
  return Math.min((log?.lines ?? 0) * ROW, 4_000_000);
}

/** Selects line `n` and scrolls just enough (or centres it when `centre`). */
function select(n: number, centre = false): void {
  if (!log) return;
  selected = Math.max(1, Math.min(log.lines, n));
  const rows = visibleRows();
  if (centre) scrollToTop(selected - Math.floor(rows / 2));
  else if (selected < top) scrollToTop(selected);
  else if (selected >= top + rows) scrollToTop(selected - rows + 1);
  else render();
}

function onKey(e: KeyboardEvent): void {
  const rows = visibleRows();
  const moves: Record<string, number> = {
    ArrowDown: 1,
    ArrowUp: -1,
    PageDown: rows,
    PageUp: -rows,
  };
  if (e.key in moves) select(selected + (moves[e.key] as number));
  else if (e.key === 'Home') select(1);
  else if (e.key === 'End') select(log?.lines ?? 1);
  else if (e.key === 'g' && (e.ctrlKey || e.metaKey)) document.getElementById('goto')?.focus();
  else return;
  e.preventDefault();
}

function gotoForm(): HTMLElement {
  const input = el('input', {
    id: 'goto',
    type: 'number',
    min: '1',
    max: String(log?.lines ?? 1),
    'aria-label': l10n.t('Line number'),
    placeholder: l10n.t('Line'),
  });
  const form = el(
    'form',
    { class: 'actions', id: 'goto-form' },
    input,
    el('button', { type: 'submit' }, l10n.t('Go to line')),
  );
  form.addEventListener('submit', e => {
    e.preventDefault();
    const n = Number(input.value);
    if (Number.isInteger(n) && n >= 1) {
      select(n, true);
      scroller()?.focus();
    }
  });
  return form;
}

function show(vm: LogViewVM): void {
  log = vm;
  blocks.clear();
  requested.clear();
  setState(vm.lines === 0 ? 'empty' : 'ready');
  const mb = (vm.bytes / 1048576).toFixed(1);
  const facts = [
    l10n.t('{0} lines, {1} MB', vm.lines.toLocaleString(), mb),
    l10n.t('read-only, read a window at a time'),
  ];
  if (vm.who) facts.splice(1, 0, l10n.t('lines of {0} highlighted', vm.who));
  const box = el(
    'div',
    {
      id: 'log-scroll',
      class: 'log-scroll',
      tabindex: '0',
      role: 'listbox',
      'aria-label': l10n.t('Lines of {0}', vm.file),
      'data-lines': String(vm.lines),
    },
    el('div', { id: 'log-spacer', class: 'log-spacer' }),
    el('div', { id: 'log-rows', class: 'log-rows' }),
  );
  app.replaceChildren(
    el('div', { class: 'logview-head' }, el('h1', {}, vm.file), gotoForm()),
    el(
      'p',
      { class: 'note' },
      `${facts.join(' · ')} · ${l10n.t('↑/↓, Page Up/Down, Home/End move; Ctrl+G goes to a line')}`,
    ),
    vm.lines === 0 ? el('p', { class: 'status' }, l10n.t('This log is empty.')) : box,
  );
  if (vm.lines === 0) return;
  const spacer = document.getElementById('log-spacer') as HTMLElement;
  spacer.style.height = `${spacerHeight()}px`;
  box.addEventListener('scroll', () => {
    if (!log) return;
    top = topForScroll(box.scrollTop, geometry(box));
    render();
  });
  box.addEventListener('keydown', onKey);
  box.addEventListener('click', e => {
    const line = (e.target as HTMLElement).closest<HTMLElement>('.log-row')?.dataset['line'];
    if (line) select(Number(line));
  });
  select(saved()?.selected ?? vm.target, true);
  box.focus();
}

function receive(message: EventOf<typeof logView>): void {
  switch (message.type) {
    case 'logView':
      if (message.l10n) l10n.config({ contents: message.l10n });
      return show(message.log);
    default:
      return;
  }
}

window.addEventListener('resize', () => render());
startView({ host, app, hasData: () => log !== undefined, onMessage: receive });
