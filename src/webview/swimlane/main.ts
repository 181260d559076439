/**
 * Connection-progression webview (the notebook's `draw_cons_plot`): the swimlane of one test, the
 * media node's CPU and memory aligned under it, and a detail panel for the chosen user. It draws
 * the host's view model (and the finer segments and QoS colouring it sends on request) and keeps
 * only UI state (colouring, highlighted row, time axis) across reloads.
 */
import type {
  QoeMetricVM,
  SwimlaneVM,
  SwimQosVM,
  SwimRowVM,
  SwimKneeVM,
  SwimSegmentVM,
} from '../../shared/views/swimlane';
import { el, setState, themeColor, titledSection } from '../common/dom';
import { exportButtons } from '../common/export';
import { setTimeAxis, timeAxisToggle, type TimeAxisMode } from '../common/timeAxis';
import { common } from '../../shared/views/common';
import type { TimeRange } from '../../shared/views/checks';
import { startView, viewPage } from '../common/view';
import type { EventOf } from '../common/host';
import { swimlane } from '../../shared/views/swimlane';

import { LinkedRange } from '../common/linkedRange';
import { chartZoomKeys, runKey } from '../common/zoomKeys';
import { KIND_LABELS, qoeText } from './colors';
import { colourSelect, legend, metricOf, setQosStatus, validColour, variantOf } from './colouring';
import { rowsOf, SwimDataState } from './finer';
import { swimOverviewPainter } from './overview';
import {
  COMPRESS_ABOVE,
  clampRange,
  batchOrSession,
  rangeAround,
  RowOverview,
  type RowRange,
} from '../common/rowOverview';
import { showUserQos, userQosPlaceholder } from './userQos';
import { drawCpuChart, setCpuRange, type CpuChart } from './cpuChart';
import {
  CSV_HEADER,
  drawnCsvRows,
  drawSwimChart,
  setSwimData,
  type SwimChart,
  type SwimData,
} from './swimChart';

interface UiState {
  /** Before colours could be QoS: the QoE metric. */
  readonly metric?: QoeMetricVM;
  /** `qoe:<metric>` or `qos:<variant>`. */
  readonly colour?: string;
  readonly row?: number;
  readonly timeMode?: TimeAxisMode;
}

const { host, app } = viewPage(swimlane);
let vm: SwimlaneVM | undefined;
let swim: SwimChart | undefined;
let cpu: CpuChart | undefined;
let highlighted = -1;
/** Load knees of the test shown (sent by the host after the rows). */
let knees: readonly SwimKneeVM[] = [];
/** What colours connected time: `qoe:<metric>`, `qos:<variant>` or '' (nothing). */
let colour = '';
/** Finer segments and QoS asked of the host for the drawn range. */
let state: SwimDataState | undefined;
let finerTimer: ReturnType<typeof setTimeout> | undefined;
let timeMode: TimeAxisMode = 'relative';
/** More than `COMPRESS_ABOVE` users: all of them compressed, and the lens's rows (`focus`) in full. */
let overview: RowOverview | undefined;
let focus: RowRange | undefined;
/** Users a lens holds at first. */
const FOCUS_ROWS = 24;
/** What the full chart draws: the view model, or its rows under the lens. */
let detailVm: SwimlaneVM | undefined;
let sliced: { from: SwimData; range: RowRange | undefined; data: SwimData } | undefined;
/** Zoom linked with the other views of this test (through the host). */
const link = new LinkedRange(
  m => host.post(m),
  () => vm?.test,
);

/** Row height in CSS pixels: thinner for big tests so the canvas stays under Chromium's limits. */
function rowHeight(rows: number): number {
  return Math.max(3, Math.min(18, Math.floor(16_000 / Math.max(1, rows))));
}

/** Index in the view model of the full chart's first row. */
function offset(): number {
  return focus?.start ?? 0;
}

/** What the full chart draws now: the rows under the lens (all of them without one). */
function chartData(): SwimData {
  const all = state!.data(metricOf(colour));
  if (sliced?.from !== all || sliced.range !== focus)
    sliced = { from: all, range: focus, data: rowsOf(all, focus) };
  return sliced.data;
}

function describeRow(row: SwimRowVM | undefined): string {
  if (!row) return '';
  const batch = Number.isNaN(row.batch) ? '' : `, batch ${row.batch}`;
  return `${row.label} (${row.role}${batch}${row.failed ? ', failed' : ''})`;
}

function saveUi(): void {
  const ui: UiState = { colour, row: highlighted, timeMode };
  host.saveUi(ui);
}

function fmt(n: number): string {
  return n.toFixed(2);
}

function toolbar(v: SwimlaneVM): HTMLElement {
  const reset = el('button', { id: 'reset-zoom', type: 'button' }, 'Reset zoom');
  reset.addEventListener('click', () => {
    swim?.resetZoom();
    if (cpu) setCpuRange(cpu, v.window[0], v.window[1]);
  });
  const controls: HTMLElement[] = [];
  const select = colourSelect(v, colour, c => {
    colour = c;
    saveUi();
    render(v);
  });
  if (select) controls.push(select);
  controls.push(timeAxisToggle(timeMode, v, setTimeMode));
  return el('div', { class: 'actions swim-toolbar' }, ...controls, reset, exportActions);
}

/** Switches both charts' time axes, keeping the zoom. */
function setTimeMode(mode: TimeAxisMode): void {
  timeMode = mode;
  saveUi();
  if (!vm) return;
  const fg = themeColor('--vscode-foreground', '#cccccc');
  if (swim) setTimeAxis(swim, mode, vm, fg);
  if (cpu) setTimeAxis(cpu, mode, vm, fg);
}

/** PNG of the swimlane and the CPU chart; CSV of the bars the swimlane holds. */
const exportActions = exportButtons({
  test: () => vm?.test,
  nameParts: () => ['progression', colour.replace(/^q..:/, '') || 'connections'],
  canvases: () =>
    [
      document.getElementById('swim-overview'),
      document.getElementById('swimlane'),
      document.getElementById('cpu-chart'),
    ].filter((c): c is HTMLCanvasElement => c instanceof HTMLCanvasElement),
  background: () => themeColor('--vscode-editor-background', '#1f1f1f'),
  csv: () => ({
    header: CSV_HEADER,
    rows: swim && detailVm ? drawnCsvRows(swim, detailVm, state?.qosVariant) : [],
  }),
  request: file => host.request(common.inbound.exportFile, file),
});

function note(v: SwimlaneVM): string {
  const sessions = new Set(v.rows.map(r => r.session)).size;
  const parts = [`${v.totalRows} users in ${sessions} sessions`];
  if (v.rows.length < v.totalRows) parts.push(`the first ${v.rows.length} drawn`);
  if (v.rows.length > COMPRESS_ABOVE)
    parts.push(
      'all drawn compressed in the overview; drag on it, click a user, or focus it and use ↑/↓, PageUp/PageDown, +/− to choose the users drawn in full below (Enter goes there, Escape comes back)',
    );
  if (v.mergeBelow > 0)
    parts.push(`segments shorter than ${v.mergeBelow.toFixed(2)} s merged with their neighbours`);
  parts.push(
    'Ctrl+wheel zooms, drag pans; with the chart focused: ↑/↓ user, Enter details, +/− zoom, ←/→ pan, 0 reset',
  );
  return parts.join(' · ');
}

/** "Open log line" of a failure segment: the host opens the controller log at that failure. */
function openLogButton(v: SwimlaneVM, row: SwimRowVM, s: SwimSegmentVM): HTMLElement {
  const button = el(
    'button',
    {
      type: 'button',
      class: 'open-log-line',
      'aria-label': `Open the log line of ${row.label}'s failure at ${fmt(s.end)} s`,
    },
    'Open log line',
  );
  button.addEventListener('click', () =>
    host.post({
      type: 'openFailureLog',
      test: v.test,
      session: row.session,
      user: row.user,
      at: (v.origin ?? 0) + s.end * 1000,
    }),
  );
  return button;
}

function detail(v: SwimlaneVM, row: SwimRowVM): HTMLElement {
  const open = el('button', { id: 'open-events', type: 'button' }, 'Open events.json');
  open.addEventListener('click', () =>
    host.post({
      type: 'openUserEvents',
      test: v.test,
      session: row.session,
      user: row.user,
    }),
  );
  const head = el(
    'tr',
    {},
    ...['Kind', 'Start (s)', 'End (s)', 'Duration (s)', 'Attempt', 'QoE'].map((h, i) =>
      el('th', { scope: 'col', ...(i > 0 && i < 5 ? { class: 'num' } : {}) }, h),
    ),
  );
  const metric = metricOf(colour);
  const segments = row.segments.filter(s => s.kind !== 'qoe' || s.metric === metric);
  const body = segments.map(s =>
    el(
      'tr',
      { class: `seg ${s.kind}` },
      el(
        'td',
        {},
        KIND_LABELS[s.kind] + (s.merged ? ` ×${s.merged}` : ''),
        ...(s.kind === 'failure' ? [' ', openLogButton(v, row, s)] : []),
      ),
      el('td', { class: 'num' }, fmt(s.start)),
      el('td', { class: 'num' }, fmt(s.end)),
      el('td', { class: 'num' }, fmt(s.end - s.start)),
      el('td', { class: 'num' }, Number.isNaN(s.attempt) ? 'n/a' : String(s.attempt)),
      el('td', {}, s.kind === 'qoe' && s.metric ? qoeText(s.metric, s.qoe) : ''),
    ),
  );
  const failures = row.segments.filter(s => s.kind === 'failure').length;
  return titledSection(
    {
      id: 'detail',
      title: `${row.label} — ${row.role}`,
      controls: el('div', { class: 'actions' }, open),
      attrs: { 'data-row': row.label },
    },
    el(
      'p',
      { class: 'note' },
      `Session ${row.session}, user ${row.user}, batch ${Number.isNaN(row.batch) ? 'n/a' : row.batch}; ${failures} failure segment${failures === 1 ? '' : 's'}.`,
    ),
    segments.length === 0
      ? el('p', { class: 'status' }, 'No events for this user.')
      : el(
          'table',
          { id: 'detail-segments', 'aria-label': `Segments of ${row.label}` },
          el('thead', {}, head),
          el('tbody', {}, ...body),
        ),
    userQosPlaceholder(row),
  );
}

function announce(): void {
  const row = vm?.rows[highlighted];
  const status = document.getElementById('row-status');
  if (status)
    status.textContent = row ? `${row.label}, ${row.role}${row.failed ? ', failed' : ''}` : '';
  const box = document.getElementById('swim-scroll');
  if (box) box.dataset['highlighted'] = row ? row.label : '';
}

function highlight(row: number, scroll: boolean): void {
  if (!vm || vm.rows.length === 0) return;
  highlighted = Math.max(0, Math.min(vm.rows.length - 1, row));
  saveUi();
  announce();
  if (overview?.reveal(highlighted)) showFocus(vm, overview.focus);
  else swim?.draw();
  overview?.draw();
  const y = swim?.scales['y'];
  const box = document.getElementById('swim-scroll');
  if (scroll && y && box) {
    const px = y.getPixelForValue(highlighted - offset());
    if (px < box.scrollTop + 20 || px > box.scrollTop + box.clientHeight - 20)
      box.scrollTop = px - box.clientHeight / 2;
  }
}

function openDetail(row: number): void {
  if (!vm) return;
  const r = vm.rows[row];
  if (!r) return;
  highlight(row, false);
  document.getElementById('detail')?.replaceWith(detail(vm, r));
  host.post({ type: 'swimlaneUserQos', test: vm.test, session: r.session, user: r.user });
}

/** Knees received (undefined: still being computed). */
let kneesKnown = false;

function kneeText(): string {
  if (!kneesKnown) return 'Looking for load knees…';
  return knees.length
    ? `Load knees (solid lines): ${knees.map(k => `${k.label}, reached at ${fmt(k.time)} s`).join('; ')}.`
    : 'No load knee: neither VMAF nor the connection time degrades with the load in this test.';
}

/** The knees of the test drawn: the chart redrawn, listed for tests and screen readers. */
function showKnees(test: string, found: readonly SwimKneeVM[]): void {
  if (!vm || vm.test !== test) return;
  knees = found;
  kneesKnown = true;
  const canvas = document.getElementById('swimlane');
  if (canvas) canvas.dataset['knees'] = JSON.stringify(found.map(k => [k.metric, k.load, k.time]));
  const note = document.getElementById('knee-note');
  if (note) note.textContent = kneeText();
  swim?.update('none');
}

/** Asked from the Results view: the user's row highlighted, scrolled into view, details open. */
function revealUser(session: string, user: string): void {
  const row = vm?.rows.findIndex(r => r.session === session && r.user === user) ?? -1;
  if (row < 0) return;
  highlight(row, true);
  openDetail(row);
  document.getElementById('detail')?.scrollIntoView({ block: 'nearest' });
}

/** The zoom plugin calls back only after wheel and drag: keys keep the CPU chart in step here. */
function syncCpu(): void {
  const x = swim?.scales['x'];
  if (cpu && x) setCpuRange(cpu, x.min, x.max);
  if (x && vm) link.report(x.min, x.max, vm.window);
  scheduleFiner();
}

/** Shortly after the range settles: ask the host for what the range needs, or drop finer data. */
function scheduleFiner(): void {
  clearTimeout(finerTimer);
  finerTimer = setTimeout(() => {
    const x = swim?.scales['x'];
    if (!x || !state) return;
    const hadFine = state.hasFine;
    for (const m of state.wants(x.min, x.max)) host.post(m);
    if (hadFine && !state.hasFine) redraw();
  }, 150);
}

/** Draws the current data into the chart, keeping its zoom. */
function redraw(): void {
  if (swim && state) setSwimData(swim, chartData());
  overview?.draw();
}

function showQos(q: SwimQosVM): void {
  if (!state?.acceptQos(q)) return;
  setQosStatus(
    q.empty ??
      (q.mergeBelow > 0
        ? `intervals merged within ${q.mergeBelow.toFixed(1)} s; zoom in for 1 s`
        : ''),
  );
  redraw();
  scheduleFiner();
}

/** Another view of this test zoomed or panned: show the same range (null = everything). */
function applyLinked(range: TimeRange | null): void {
  link.quietly(() => {
    if (range) swim?.zoomScale('x', { min: range.start, max: range.end }, 'none');
    else swim?.resetZoom('none');
    syncCpu();
  });
}

function onKey(event: KeyboardEvent): void {
  if (!vm || !swim) return;
  const drawnRows = detailVm?.rows.length ?? vm.rows.length;
  const page = Math.max(
    1,
    Math.floor(
      (document.getElementById('swim-scroll')?.clientHeight ?? 300) / rowHeight(drawnRows),
    ),
  );
  runKey(event, {
    ArrowDown: () => highlight(highlighted + 1, true),
    ArrowUp: () => highlight(Math.max(0, highlighted - 1), true),
    PageDown: () => highlight(highlighted + page, true),
    PageUp: () => highlight(Math.max(0, highlighted - page), true),
    Home: () => highlight(0, true),
    End: () => highlight(vm!.rows.length - 1, true),
    Enter: () => openDetail(Math.max(0, highlighted)),
    ' ': () => openDetail(Math.max(0, highlighted)),
    ...(overview ? { Escape: () => overview?.canvas.focus() } : {}),
    ...chartZoomKeys(() => swim, syncCpu),
  });
}

function render(v: SwimlaneVM): void {
  swim?.destroy();
  cpu?.destroy();
  swim = undefined;
  cpu = undefined;
  overview = undefined;
  const title = el('h1', {}, v.test, el('span', { class: 'sub' }, ' — connection progression'));
  if (v.rows.length === 0) {
    setState('empty');
    app.replaceChildren(
      title,
      el('p', { class: 'status' }, 'No users with events in this test: there is nothing to draw.'),
    );
    return;
  }
  colour = validColour(v, colour);
  state = new SwimDataState(v, variantOf(v, colour));
  const current = state;
  sliced = undefined;
  const compressed = v.rows.length > COMPRESS_ABOVE;
  focus = compressed
    ? clampRange(
        focus ?? rangeAround(Math.max(0, highlighted), FOCUS_ROWS, v.rows.length),
        v.rows.length,
      )
    : undefined;
  const swimCanvas = el('canvas', { id: 'swimlane', role: 'img' });
  const swimBox = el('div', { class: 'swim-box' }, swimCanvas);
  const scroll = el(
    'div',
    {
      id: 'swim-scroll',
      class: 'swim-scroll',
      tabindex: '0',
      role: 'group',
      'aria-label': `Users; arrow keys move, Enter shows the user${compressed ? ', Escape returns to the overview' : ''}`,
      'aria-describedby': 'row-status',
    },
    swimBox,
  );
  scroll.addEventListener('keydown', onKey);
  overview = focus
    ? new RowOverview({
        id: 'swim-overview',
        noun: 'Users',
        groups: batchOrSession(v.rows),
        describe: i => describeRow(v.rows[i]),
        paint: swimOverviewPainter(() => current.data(metricOf(colour)), v.window),
        focus,
        highlighted: () => highlighted,
        onFocus: f => showFocus(v, f),
        onPick: row => openDetail(row),
        onExpand: () => {
          const f = overview?.focus;
          if (f && (highlighted < f.start || highlighted >= f.end)) highlight(f.start, false);
          scroll.focus();
        },
        area: () => swim && { left: swim.chartArea.left, right: swim.chartArea.right },
      })
    : undefined;
  const cpuCanvas = el('canvas', {
    id: 'cpu-chart',
    role: 'img',
    'aria-label': 'Media node CPU and memory over time',
  });
  app.replaceChildren(
    el('div', { class: 'section-head' }, title, toolbar(v)),
    el('p', { class: 'note', id: 'swim-note' }, note(v)),
    legend(v, colour),
    el('p', { class: 'note', id: 'knee-note', 'aria-live': 'polite' }, kneeText()),
    el('p', { id: 'row-status', class: 'visually-hidden', 'aria-live': 'polite' }),
    ...(overview ? [overview.element] : []),
    scroll,
    v.cpu.length + v.memory.length > 0
      ? el('div', { class: 'chart-box cpu-box' }, cpuCanvas)
      : el('p', { class: 'status', id: 'no-cpu' }, 'No media-node samples for this test.'),
    el(
      'section',
      { id: 'detail' },
      el(
        'p',
        { class: 'status' },
        'Click a user, or focus the chart and press Enter, to list its segments.',
      ),
    ),
  );
  drawDetail(v);
  overview?.draw();
  if (v.cpu.length + v.memory.length > 0) cpu = drawCpuChart(cpuCanvas, v, timeMode);
  for (const m of state.wants(v.window[0], v.window[1])) host.post(m);
  announce();
  setState('ready');
}

/** The lens moved: the full chart draws its users, keeping the time range. */
function showFocus(v: SwimlaneVM, f: RowRange): void {
  if (focus && f.start === focus.start && f.end === focus.end && swim) return;
  focus = f;
  drawDetail(v);
}

/** The full chart of the users under the lens (all of them without one), the time zoom kept. */
function drawDetail(v: SwimlaneVM): void {
  const canvas = document.getElementById('swimlane');
  const box = canvas?.parentElement;
  if (!(canvas instanceof HTMLCanvasElement) || !box) return;
  const x = swim?.scales['x'];
  const zoomed =
    x && (x.min > v.window[0] || x.max < v.window[1]) ? { min: x.min, max: x.max } : undefined;
  swim?.destroy();
  const dv: SwimlaneVM = focus ? { ...v, rows: v.rows.slice(focus.start, focus.end) } : v;
  detailVm = dv;
  canvas.setAttribute('aria-label', `Connection progression of ${dv.rows.length} users`);
  box.style.height = `${dv.rows.length * rowHeight(dv.rows.length) + 50}px`;
  swim = drawSwimChart(canvas, dv, {
    data: chartData,
    timeMode,
    highlighted: () => highlighted - offset(),
    knees: () => knees,
    onRange: (min, max) => {
      if (cpu) setCpuRange(cpu, min, max);
      link.report(min, max, v.window);
      scheduleFiner();
    },
    onRowClick: row => openDetail(row + offset()),
  });
  if (zoomed) swim.zoomScale('x', zoomed, 'none');
}

function onMessage(m: EventOf<typeof swimlane>): void {
  switch (m.type) {
    case 'swimlane': {
      const saved = host.savedUi() as UiState | undefined;
      const first = vm === undefined;
      if (vm?.test !== m.swimlane.test) [knees, kneesKnown] = [[], false];
      vm = m.swimlane;
      if (first && saved) {
        colour = saved.colour ?? (saved.metric ? `qoe:${saved.metric}` : '');
        highlighted = saved.row ?? -1;
        timeMode = saved.timeMode ?? 'relative';
      }
      if (highlighted >= vm.rows.length) highlighted = -1;
      render(vm);
      return;
    }
    case 'linkedRange':
      return applyLinked(m.range);
    case 'swimlaneSegments':
      if (!state?.acceptSegments(m.segments)) return;
      redraw();
      return scheduleFiner();
    case 'swimlaneQos':
      return showQos(m.qos);
    case 'swimlaneUserQos':
      if (vm) showUserQos(vm, m.userQos);
      return;
    case 'revealUser':
      return revealUser(m.session, m.user);
    case 'swimlaneKnees':
      return showKnees(m.test, m.knees);
    default:
      return;
  }
}

startView({
  host,
  app,
  hasData: () => vm !== undefined,
  onMessage,
  onThemeChange: () => vm && render(vm),
});
