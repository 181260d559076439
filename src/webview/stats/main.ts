/**
 * Statistics webview: CPU-band tables, the comparison cases of a section (box, violin and scatter
 * side by side, the readings, the tests with their assumptions, effects with intervals, basics)
 * and the connection-start durations. It draws the host's view model; picking a section or a CPU
 * split asks the host (`statsQuery`), which recomputes.
 */
import {
  ALL_TESTS,
  type CaseVM,
  type CpuRangeVM,
  type StatsSectionVM,
  type StatsVM,
} from '../../shared/views/stats';
import { el, setState, themeColor, titledSection } from '../common/dom';
import { exportButtons } from '../common/export';
import { common } from '../../shared/views/common';
import { startView, viewPage } from '../common/view';
import type { PostOf } from '../common/host';
import { stats } from '../../shared/views/stats';

import { statsCsvRows, STATS_CSV_HEADER } from './csv';
import { drawBoxes, drawViolins } from './distributionChart';
import { drawScatter } from './scatterChart';
import { bandTable, basicsTable, intervalsTable, testsTable } from './tables';
import { plural } from '../../shared/format';

const { host, app } = viewPage(stats);
let vm: StatsVM | undefined;
/** Canvases to draw once they are in the document (they size to their box). */
let pending: Array<() => void> = [];

function send(message: PostOf<typeof stats>): void {
  host.post(message);
}

function query(section: StatsSectionVM, custom: StatsVM['custom']): void {
  send({ type: 'statsQuery', section, custom });
}

function scopeText(v: StatsVM): string {
  return v.test ?? `All tests (${v.tests.length} pooled)`;
}

function canvas(id: string, label: string, draw: (c: HTMLCanvasElement) => void): HTMLElement {
  const c = el('canvas', { id, role: 'img', tabindex: '0', 'aria-label': label });
  pending.push(() => draw(c));
  return el('div', { class: 'stats-chart' }, c);
}

/** PNG of every chart drawn (top to bottom); CSV of every table, one value a line. */
const exportActions = exportButtons({
  test: () => (vm ? (vm.test ?? ALL_TESTS) : undefined),
  nameParts: () => [...(vm?.test === null ? ['all-tests'] : []), 'statistics', vm?.section ?? ''],
  canvases: () => [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-rendered="true"]')],
  background: () => themeColor('--vscode-editor-background', '#1f1f1f'),
  csv: () => ({ header: STATS_CSV_HEADER, rows: vm ? statsCsvRows(vm) : [] }),
  request: file => host.request(common.inbound.exportFile, file),
});

function header(v: StatsVM): HTMLElement {
  return el(
    'header',
    {},
    el(
      'div',
      { class: 'section-head' },
      el('h1', {}, `${scopeText(v)} — statistics`),
      exportActions,
    ),
    v.test === null ? el('p', { class: 'note' }, `Tests: ${v.tests.join(', ')}`) : '',
  );
}

function parseBound(input: HTMLInputElement, allowEmpty: boolean): number | null | undefined {
  const text = input.value.trim();
  if (text === '') return allowEmpty ? null : undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function rangeOf(low: HTMLInputElement, high: HTMLInputElement): CpuRangeVM | undefined {
  const lo = parseBound(low, false);
  const hi = parseBound(high, true);
  if (lo === undefined || lo === null || hi === undefined) return undefined;
  if (hi !== null && hi <= lo) return undefined;
  return [lo, hi];
}

/** A number field inside its label, so the pair never wraps apart. */
function numberInput(id: string, label: string, value: number | null | undefined): HTMLElement {
  const input = el('input', {
    id,
    type: 'number',
    step: '0.01',
    min: '0',
    value: value === null || value === undefined ? '' : String(value),
  });
  return el('label', { class: 'field' }, `${label} `, input);
}

function controls(v: StatsVM): HTMLElement {
  const select = el(
    'select',
    { id: 'section', 'aria-label': 'Metric compared' },
    ...v.sections.map(s =>
      el(
        'option',
        { value: s.name, ...(s.name === v.section ? { selected: '' } : {}) },
        `${s.title} (${plural(s.rows, 'row')})`,
      ),
    ),
  );
  select.addEventListener('change', () => query(select.value as StatsSectionVM, v.custom));
  const c = v.custom;
  const isSplit = c !== null && c.x[0] === 0 && c.y[1] === null && c.x[1] === c.y[0];
  const threshold = numberInput('threshold', 'Split at CPU', isSplit ? c.x[1] : null);
  const split = el('button', { id: 'split', type: 'button' }, 'Compare below vs at or above');
  const x = v.custom?.x;
  const y = v.custom?.y;
  const bands = [
    numberInput('x-low', 'X: CPU from', x?.[0] ?? 0),
    numberInput('x-high', 'below', x?.[1] ?? null),
    numberInput('y-low', 'Y: CPU from', y?.[0] ?? null),
    numberInput('y-high', 'below (empty: no limit)', y?.[1] ?? null),
  ];
  const compare = el('button', { id: 'compare', type: 'button' }, 'Compare bands');
  const message = el('span', { id: 'custom-message', class: 'note', role: 'status' });
  const input = (id: string) => document.getElementById(id) as HTMLInputElement;
  split.addEventListener('click', () => {
    const t = parseBound(input('threshold'), false);
    if (t === undefined || t === null || t <= 0) {
      message.textContent = 'Enter a CPU share above 0 (for example 0.85).';
      return;
    }
    query(v.section, { x: [0, t], y: [t, null] });
  });
  compare.addEventListener('click', () => {
    const rx = rangeOf(input('x-low'), input('x-high'));
    const ry = rangeOf(input('y-low'), input('y-high'));
    if (!rx || !ry) {
      message.textContent =
        'Each band needs a start ≥ 0 and an end above it (or empty for no limit).';
      return;
    }
    query(v.section, { x: rx, y: ry });
  });
  const clear = el('button', { id: 'clear-custom', type: 'button' }, 'Remove my comparison');
  clear.addEventListener('click', () => query(v.section, null));
  return el(
    'section',
    { class: 'stats-controls', 'aria-label': 'What to compare' },
    el('div', { class: 'control-row' }, el('label', { for: 'section' }, 'Metric'), select),
    el(
      'div',
      { class: 'control-row' },
      el('span', { class: 'row-title' }, 'Your comparison:'),
      threshold,
      split,
    ),
    el(
      'div',
      { class: 'control-row' },
      el('span', { class: 'row-title' }, 'or two bands:'),
      ...bands,
      compare,
      v.custom ? clear : '',
    ),
    message,
  );
}

function bandsSection(v: StatsVM): HTMLElement {
  return el(
    'details',
    { id: 'bands', open: '' },
    el('summary', {}, el('h2', {}, 'CPU bands (calculate_connection_data)')),
    el('div', { class: 'band-grid' }, ...v.bandTables.map(bandTable)),
  );
}

function caseSection(v: StatsVM, c: CaseVM, index: number): HTMLElement {
  const title = `${c.X} vs ${c.Y}${c.custom ? ' (your comparison)' : ''}`;
  const id = `case-${index}`;
  const metric = v.metric;
  const groups = c.groups;
  const nText = `${groups[0].label}: n = ${groups[0].box?.n ?? 0}; ${groups[1].label}: n = ${groups[1].box?.n ?? 0}`;
  const results = c.tests.length
    ? el(
        'details',
        { open: '' },
        el('summary', {}, 'Results: tests, effect sizes, basics'),
        testsTable(c.tests),
        intervalsTable(c.intervals),
        basicsTable(c.basics),
      )
    : el('p', { class: 'note' }, 'One group is empty: the notebook skips this case.');
  return titledSection(
    { id, title, level: 'h3', attrs: { class: 'case', 'data-case': c.id } },
    el('p', { class: 'reading', 'data-pass': 'raw' }, c.reading.raw),
    el('p', { class: 'reading', 'data-pass': 'clean' }, c.reading.clean),
    el(
      'div',
      { class: 'chart-row' },
      canvas(`${id}-box`, `Box plot of ${metric}, ${nText}`, cv => drawBoxes(cv, groups, metric)),
      canvas(`${id}-violin`, `Violin plot of ${metric}, ${nText}`, cv =>
        drawViolins(cv, groups, metric),
      ),
      canvas(`${id}-scatter`, `${metric} against median CPU, ${nText}`, cv =>
        drawScatter(
          cv,
          [
            { label: c.X, points: c.scatter[0] },
            { label: c.Y, points: c.scatter[1] },
          ],
          metric,
        ),
      ),
    ),
    el(
      'p',
      { class: 'legend note' },
      `Blue: ${c.X}; orange: ${c.Y}. Box: quartiles, median line, mean dot, whiskers to the last value inside 1.5 IQR, circles = outliers removed by the clean pass. Violins are kernel densities (Scott's bandwidth) drawn with equal area: a narrower violin is a more spread-out group. Scatter: hover a point for its user and values, drag a box to zoom, double-click or 0 to reset; focused, [ and ] step through the points, + and − zoom, arrows pan.`,
    ),
    results,
  );
}

function startsSection(v: StatsVM): HTMLElement | string {
  const s = v.starts;
  if (!s) return '';
  const title = 'Connection start duration (s)';
  return titledSection(
    { id: 'starts', title: 'Connection-start durations (starts that connected)' },
    el(
      'div',
      { class: 'chart-row' },
      canvas('starts-roles', `Box plot of ${title} per role`, c => drawBoxes(c, s.roles, title)),
      canvas('starts-batches', `Box plot of ${title} per batch`, c =>
        drawBoxes(c, s.batches, title),
      ),
      canvas('starts-cpu', `${title} against median CPU`, c =>
        drawScatter(
          c,
          [
            { label: 'Publishers', points: s.scatter[0] },
            { label: 'Subscribers', points: s.scatter[1] },
          ],
          title,
        ),
      ),
    ),
    el(
      'p',
      { class: 'legend note' },
      'Per role and per batch (box plots); against CPU, publishers blue circles, subscribers orange squares (hover for the user; drag to zoom, double-click to reset; focused: [ ] step through points, + − zoom, arrows pan).',
    ),
  );
}

function notesSection(v: StatsVM): HTMLElement | string {
  if (v.notes.length === 0) return '';
  return el(
    'details',
    { id: 'notes' },
    el('summary', {}, `Notes (${v.notes.length})`),
    el('ul', {}, ...v.notes.map(n => el('li', {}, n))),
  );
}

function render(v: StatsVM): void {
  pending = [];
  if (v.sections.length === 0) {
    setState('empty');
    app.replaceChildren(
      header(v),
      el(
        'p',
        { class: 'status' },
        'No connection segments or QoE values in these results: nothing to compare.',
      ),
    );
    return;
  }
  setState('ready');
  app.replaceChildren(
    header(v),
    controls(v),
    bandsSection(v),
    titledSection(
      { id: 'cases', title: `Comparisons of ${v.metric}` },
      ...v.cases.map((c, i) => caseSection(v, c, i)),
    ),
    startsSection(v),
    notesSection(v),
  );
  document.body.dataset['section'] = v.section;
  for (const draw of pending) draw();
}

let resizeTimer: number | undefined;
window.addEventListener('resize', () => {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => vm && render(vm), 150);
});

startView({
  host,
  app,
  hasData: () => vm !== undefined,
  onMessage: m => {
    if (m.type !== 'stats') return;
    vm = m.stats;
    render(m.stats);
  },
  /** Canvases take the new theme's colours (the tables follow the CSS). */
  onThemeChange: () => {
    for (const draw of pending) draw();
  },
});
