/**
 * Time-series webview of one test: progression counts, QoE progression and QoS over time, one
 * chart at a time behind tabs. It asks the host for the chart it shows, cut to the visible range
 * at its width in pixels, and asks again after every zoom or pan, so it only ever holds about
 * two rows per pixel column. Zoom is linked with the other views of the test. UI state (tab,
 * QoS choice, time axis, hidden series) survives reloads; no analysis happens here.
 */
import {
  QOS_DIRECTIONS,
  QOS_METRIC_LABELS,
  QOS_METRICS_OF,
  qosChartOf,
  type ChartKey,
  type ChartVM,
  type QosDirectionVM,
  type QosMetricVM,
  type SeriesIndexVM,
} from '../../shared/views/timeSeries';
import { el, setState, showError, themeColor, scrollBox } from '../common/dom';
import { common } from '../../shared/views/common';
import type { TimeRange } from '../../shared/views/checks';
import { startView, viewPage } from '../common/view';
import type { EventOf } from '../common/host';
import { timeSeries } from '../../shared/views/timeSeries';

import { LinkedRange } from '../common/linkedRange';
import { chartZoomKeys, runKey } from '../common/zoomKeys';
import { tabList } from '../common/tabs';
import {
  drawTimeChart,
  legendSeries,
  replaceData,
  type DatasetMeta,
  type Pt,
  type SeriesStyle,
  type TimeChart,
} from './chart';
import { exportButtons, type CsvCell } from '../common/export';
import {
  formatClock,
  formatRelative,
  setTimeAxis,
  timeAxisToggle,
  type TimeAxisMode,
} from '../common/timeAxis';
import { formatValue } from './format';
import { hoverLayer } from './hover';
import { showSeriesUsers, usersSection } from './users';

interface UiState {
  readonly key?: ChartKey;
  readonly timeMode?: TimeAxisMode;
  readonly hidden?: Record<string, string[]>;
}

const TABS: readonly { readonly tab: 'progression' | 'qoe' | 'qos'; readonly label: string }[] = [
  { tab: 'progression', label: 'Progression counts' },
  { tab: 'qoe', label: 'QoE progression' },
  { tab: 'qos', label: 'QoS time series' },
];

const { host, app } = viewPage(timeSeries);
const saved = (host.savedUi() as UiState | undefined) ?? {};
let index: SeriesIndexVM | undefined;
let key: ChartKey = saved.key ?? 'progression';
let timeMode: TimeAxisMode = saved.timeMode === 'clock' ? 'clock' : 'relative';
const hidden = new Map(Object.entries(saved.hidden ?? {}).map(([k, v]) => [k, new Set(v)]));
let vm: ChartVM | undefined;
let chart: TimeChart | undefined;
let metas: DatasetMeta[] = [];
/** The zoomed range, or undefined for the whole chart. */
let range: readonly [number, number] | undefined;
/** The number of the latest chart request: older answers are dropped. */
let seq = 0;
let refine: ReturnType<typeof setTimeout> | undefined;
let cursor = -1;
let hover: ReturnType<typeof hoverLayer> | undefined;
const link = new LinkedRange(
  m => host.post(m),
  () => index?.test,
);

function saveUi(): void {
  const state: UiState = {
    key,
    timeMode,
    hidden: Object.fromEntries([...hidden].map(([k, v]) => [k, [...v]])),
  };
  host.saveUi(state);
}

function hiddenOf(k: ChartKey): Set<string> {
  let set = hidden.get(k);
  if (!set) hidden.set(k, (set = new Set()));
  return set;
}

function tabOf(k: ChartKey): 'progression' | 'qoe' | 'qos' {
  return k === 'progression' || k === 'qoe' ? k : 'qos';
}

/** Asks the host for the current chart at the canvas' width, cut to the zoomed range. */
function request(): void {
  if (!index) return;
  const width = document.getElementById('chart-box')?.clientWidth || 1000;
  const asked = ++seq;
  host
    .request(timeSeries.inbound.seriesRequest, {
      test: index.test,
      key,
      range: range ? { start: range[0], end: range[1] } : null,
      columns: Math.max(50, Math.min(4000, Math.round(width))),
    })
    .then(
      chart => onChart(chart, asked),
      (err: unknown) => showError(app, String(err)),
    );
}

/** After a zoom or pan: tell the linked views, and ask for finer data once the user pauses. */
function onRange(min: number, max: number): void {
  const window = vm?.window;
  if (!window) return;
  range = min <= window[0] && max >= window[1] ? undefined : [min, max];
  hover?.hide();
  link.report(min, max, window);
  clearTimeout(refine);
  refine = setTimeout(request, 120);
}

function applyLinked(r: TimeRange | null): void {
  range = r ? [r.start, r.end] : undefined;
  link.quietly(() => {
    if (chart && r) chart.zoomScale('x', { min: r.start, max: r.end }, 'none');
    else chart?.resetZoom('none');
  });
  request();
}

/** After a key zoomed or panned the chart: the same as a mouse zoom or pan. */
function afterKeyZoom(): void {
  const x = chart?.scales['x'];
  if (x) onRange(x.min, x.max);
}

/** Keyboard cursor: steps through the points of the first visible series, showing the tooltip. */
function moveCursor(step: number): void {
  if (!chart || !hover) return;
  const i = metas.findIndex(
    (m, n) => chart!.isDatasetVisible(n) && (m.role === 'line' || m.role === 'mean'),
  );
  const data = chart.data.datasets[i]?.data ?? [];
  if (i < 0 || data.length === 0) return;
  cursor = Math.max(0, Math.min(data.length - 1, cursor < 0 ? 0 : cursor + step));
  const text = hover.show(chart, metas, (data[cursor] as Pt).x);
  const status = document.getElementById('chart-status');
  if (status) status.textContent = text;
}

/** Mouse hover: the tooltip at the pointer's time. */
function onPointer(event: MouseEvent): void {
  const x = chart?.scales['x'];
  if (!chart || !hover || !x) return;
  const left = chart.canvas.getBoundingClientRect().left;
  hover.show(chart, metas, x.getValueForPixel(event.clientX - left) ?? 0);
}

/** The second under a pixel of the chart (seconds since the test start, whole). */
function secondAt(clientX: number): number | undefined {
  const x = chart?.scales['x'];
  if (!chart || !x) return undefined;
  const v = x.getValueForPixel(clientX - chart.canvas.getBoundingClientRect().left);
  return v === undefined || !Number.isFinite(v) ? undefined : Math.floor(v);
}

/** A QoS chart: asks the host who reported the extremes of `second`. */
function askUsers(second: number | undefined): void {
  if (!vm || second === undefined || !qosChartOf(vm.key)) return;
  host.post({ type: 'seriesUsers', test: vm.test, key: vm.key, second });
}

/** The keyboard cursor's second (the point the tooltip shows), if any. */
function cursorSecond(): number | undefined {
  if (!chart || cursor < 0) return undefined;
  const i = metas.findIndex(
    (m, n) => chart!.isDatasetVisible(n) && (m.role === 'line' || m.role === 'mean'),
  );
  const p = chart.data.datasets[i]?.data[cursor] as Pt | undefined;
  return p ? Math.floor(p.x) : undefined;
}

function onChartKey(event: KeyboardEvent): void {
  const zoom = chartZoomKeys(() => chart, afterKeyZoom);
  runKey(event, {
    ...zoom,
    Enter: () => askUsers(cursorSecond()),
    ArrowLeft: () => (event.shiftKey ? moveCursor(-1) : zoom['ArrowLeft']?.()),
    ArrowRight: () => (event.shiftKey ? moveCursor(1) : zoom['ArrowRight']?.()),
    Home: () => moveCursor(-Infinity),
    End: () => moveCursor(Infinity),
  });
}

function switchTo(k: ChartKey): void {
  if (k === key) return;
  key = k;
  cursor = -1;
  saveUi();
  renderShell();
  request();
}

function tabs(): HTMLElement {
  return tabList({
    label: 'Charts',
    panel: 'chart-panel',
    tabs: TABS.map(({ tab, label }) => ({ id: `tab-${tab}`, text: label })),
    selected: TABS.findIndex(t => t.tab === tabOf(key)),
    onSelect: i => {
      const tab = TABS[i]!.tab;
      switchTo(tab === 'qos' ? lastQos : tab);
    },
  });
}

let lastQos: ChartKey = qosChartOf(key) ? key : 'qos/inbound/jitter';

function qosControls(): HTMLElement[] {
  const q = qosChartOf(key);
  if (!q) return [];
  const direction = el('select', { id: 'qos-direction', 'aria-label': 'Direction' });
  for (const d of QOS_DIRECTIONS) {
    const o = el(
      'option',
      { value: d },
      d === 'inbound' ? 'Inbound (received)' : 'Outbound (sent)',
    );
    o.selected = d === q.direction;
    direction.append(o);
  }
  const metric = el('select', { id: 'qos-metric', 'aria-label': 'Metric' });
  for (const m of QOS_METRICS_OF[q.direction]) {
    const o = el('option', { value: m }, QOS_METRIC_LABELS[m]);
    o.selected = m === q.metric;
    metric.append(o);
  }
  const pick = () => {
    const d = direction.value as QosDirectionVM;
    const wanted = metric.value as QosMetricVM;
    const m = QOS_METRICS_OF[d].includes(wanted) ? wanted : QOS_METRICS_OF[d][0]!;
    lastQos = `qos/${d}/${m}`;
    switchTo(lastQos);
  };
  direction.addEventListener('change', pick);
  metric.addEventListener('change', pick);
  return [el('label', {}, 'Direction ', direction), el('label', {}, 'Metric ', metric)];
}

function toolbar(): HTMLElement {
  const axis = timeAxisToggle(timeMode, index ?? {}, mode => {
    timeMode = mode;
    saveUi();
    if (chart) setTimeAxis(chart, mode, vm ?? {}, themeColor('--vscode-foreground', '#cccccc'));
  });
  const reset = el('button', { id: 'reset-zoom', type: 'button' }, 'Reset zoom');
  // resetZoom calls back onRange with the whole window.
  reset.addEventListener('click', () => chart?.resetZoom('none'));
  const table = el(
    'button',
    { id: 'show-table', type: 'button', 'aria-controls': 'data-table' },
    'Data table',
  );
  table.addEventListener('click', () => showTable());
  const exports = exportButtons({
    test: () => index?.test,
    nameParts: () => [key.replace(/\//g, '-')],
    canvases: () => (chart ? [chart.canvas] : []),
    background: () => themeColor('--vscode-editor-background', '#1f1f1f'),
    csv: drawnCsv,
    request: file => host.request(common.inbound.exportFile, file),
  });
  return el('div', { class: 'actions ts-toolbar' }, ...qosControls(), axis, reset, table, exports);
}

function swatch(style: SeriesStyle): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '10');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(ns, 'line');
  for (const [k, v] of Object.entries({ x1: '1', y1: '5', x2: '27', y2: '5' }))
    line.setAttribute(k, v);
  line.setAttribute('stroke', style.color);
  line.setAttribute('stroke-width', '3');
  if (style.dash.length) line.setAttribute('stroke-dasharray', style.dash.join(' '));
  svg.append(line);
  return svg;
}

/** The legend: one toggle button per series (keyboard operable, state in aria-pressed). */
function legend(v: ChartVM): HTMLElement {
  const off = hiddenOf(v.key);
  const items = legendSeries(v).map(style => {
    const b = el(
      'button',
      {
        type: 'button',
        class: 'series-toggle',
        'data-series': style.id,
        'aria-pressed': String(!off.has(style.id)),
      },
      swatch(style),
      style.label,
    );
    b.addEventListener('click', () => {
      if (off.has(style.id)) off.delete(style.id);
      else off.add(style.id);
      b.setAttribute('aria-pressed', String(!off.has(style.id)));
      saveUi();
      if (!chart) return;
      metas.forEach((m, i) => chart!.setDatasetVisibility(i, !off.has(m.series)));
      chart.update('none');
    });
    return el('li', {}, b);
  });
  return el('ul', { class: 'ts-legend', id: 'legend', 'aria-label': 'Series (toggle)' }, ...items);
}

function noteText(v: ChartVM): string {
  const parts = [v.title];
  if (v.decimated)
    parts.push(
      'more samples than pixels: each pixel column shows its extremes, zoom in for every value',
    );
  parts.push(
    'Ctrl+wheel or pinch zooms, drag pans; with the chart focused: +/− zoom, ←/→ pan, Shift+←/→ step through points, 0 reset',
  );
  return parts.join(' · ');
}

/** The page around the chart: title, tabs, toolbar, an empty chart area. */
function renderShell(): void {
  if (!index) return;
  chart?.destroy();
  chart = undefined;
  vm = undefined;
  const title = el('h1', {}, index.test, el('span', { class: 'sub' }, ' — time series'));
  app.replaceChildren(
    el('div', { class: 'section-head' }, title, toolbar()),
    tabs(),
    el(
      'section',
      { id: 'chart-panel', role: 'tabpanel', 'aria-labelledby': `tab-${tabOf(key)}` },
      el('p', { class: 'status', id: 'chart-loading' }, 'Loading the chart…'),
    ),
  );
  setState('loading');
}

function drawChart(v: ChartVM): void {
  chart?.destroy();
  chart = undefined;
  hover = undefined;
  cursor = -1;
  vm = v;
  const panel = document.getElementById('chart-panel');
  if (!panel) return;
  if (v.empty) {
    panel.replaceChildren(el('p', { class: 'status', id: 'chart-empty' }, v.empty));
    setState(v.empty.startsWith('Reading') ? 'loading' : 'empty');
    return;
  }
  const canvas = el('canvas', { id: 'ts-chart', role: 'img', 'aria-label': v.title });
  const box = el(
    'div',
    {
      id: 'chart-box',
      class: 'chart-box ts-box',
      tabindex: '0',
      role: 'group',
      'aria-label': `${v.title}; +/− zoom, arrows pan, Shift+arrows step through points`,
      'aria-describedby': 'chart-status',
    },
    canvas,
  );
  box.addEventListener('keydown', onChartKey);
  box.addEventListener('mousemove', onPointer);
  box.addEventListener('click', event => askUsers(secondAt(event.clientX)));
  box.addEventListener('mouseleave', () => hover?.hide());
  panel.replaceChildren(
    el('p', { class: 'note', id: 'chart-note' }, noteText(v)),
    legend(v),
    el('p', { id: 'chart-status', class: 'visually-hidden', 'aria-live': 'polite' }),
    box,
    usersSection(qosChartOf(v.key) !== undefined),
    el('details', { id: 'data-table' }, el('summary', {}, 'Data table of the drawn points')),
  );
  const drawn = drawTimeChart(canvas, v, {
    timeMode,
    range,
    onRange,
    hidden: hiddenOf(v.key),
  });
  chart = drawn.chart;
  metas = drawn.metas;
  hover = hoverLayer(box, v);
  setState('ready');
}

/** A drawn point's time as the axis shows it (wall clock to the millisecond, or seconds). */
function timeText(x: number): string {
  return timeMode === 'clock' && vm?.origin !== undefined
    ? formatClock(vm, x, true)
    : formatRelative(x);
}

/** Every drawn point of the visible series (band edges folded into their mean's row). */
function drawnPoints(): { meta: DatasetMeta; label: string; p: Pt }[] {
  const out: { meta: DatasetMeta; label: string; p: Pt }[] = [];
  chart?.data.datasets.forEach((d, i) => {
    const meta = metas[i];
    if (!meta || meta.role === 'low' || meta.role === 'high' || !chart!.isDatasetVisible(i)) return;
    for (const p of d.data) out.push({ meta, label: d.label ?? meta.label, p });
  });
  return out;
}

/** The CSV export: the drawn points with their unit, one row each. */
function drawnCsv(): { header: readonly string[]; rows: readonly (readonly CsvCell[])[] } {
  return {
    header: ['series', 'seconds_since_start', 'time', 'value', 'min', 'max', 'samples', 'unit'],
    rows: drawnPoints().map(({ meta, label, p }) => [
      label,
      p.x,
      timeText(p.x),
      p.y ?? undefined,
      p.lo,
      p.hi,
      p.n,
      meta.unit,
    ]),
  };
}

/** Every drawn point of the visible series as a table (screen readers, copying, checking). */
function showTable(): void {
  const details = document.getElementById('data-table') as HTMLDetailsElement | null;
  if (!details || !chart) return;
  const head = el(
    'tr',
    {},
    ...['Series', 'Time', 'Seconds', 'Value', 'Min', 'Max', 'Samples'].map(h =>
      el('th', { scope: 'col' }, h),
    ),
  );
  const rows = drawnPoints().map(({ meta, label, p }) =>
    el(
      'tr',
      { 'data-series': meta.series },
      el('td', {}, label),
      el('td', {}, timeText(p.x)),
      el('td', { class: 'num' }, String(p.x)),
      el('td', { class: 'num', 'data-value': String(p.y) }, formatValue(meta.unit, p.y)),
      el('td', { class: 'num' }, p.lo === undefined ? '' : formatValue(meta.unit, p.lo)),
      el('td', { class: 'num' }, p.hi === undefined ? '' : formatValue(meta.unit, p.hi)),
      el('td', { class: 'num' }, p.n === undefined ? '' : String(p.n)),
    ),
  );
  details.replaceChildren(
    el('summary', {}, 'Data table of the drawn points'),
    scrollBox(el('table', { id: 'points' }, el('thead', {}, head), el('tbody', {}, ...rows))),
  );
  details.open = true;
}

function onChart(v: ChartVM, answer: number): void {
  if (answer < seq && v.key === vm?.key) return; // a newer request is on its way
  if (v.key !== key) return;
  if (chart && vm && vm.key === v.key && !v.empty) {
    vm = v;
    metas = replaceData(chart, v);
    document.getElementById('chart-note')?.replaceChildren(noteText(v));
    if (metas.length > 0) return;
  }
  drawChart(v);
}

function onMessage(m: EventOf<typeof timeSeries>): void {
  switch (m.type) {
    case 'seriesIndex':
      index = m.index;
      renderShell();
      return request();
    case 'seriesQosRead':
      // The stats are read: a QoS chart drawn while they were being read is asked for again.
      if (tabOf(key) === 'qos') request();
      return;
    case 'linkedRange':
      return applyLinked(m.range);
    case 'seriesUsers':
      if (vm && m.users.test === vm.test && m.users.key === vm.key)
        showSeriesUsers(m.users, vm.bands[0]?.unit ?? 'count', msg => host.post(msg));
      return;
    default:
      return;
  }
}

startView({
  host,
  app,
  hasData: () => index !== undefined,
  onMessage,
  onThemeChange: () => vm && drawChart(vm),
});
