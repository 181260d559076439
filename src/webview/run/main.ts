/**
 * The run view: a run of today's openvidu-loadtest, verdict first. Scenario tabs; per scenario
 * the validity checks with their evidence (click to open the file at the line), the headline
 * (true duration, participants, sessions, stop reason), load vs degradation, platform metrics
 * over time, the steady window (adjustable), room geometry and health errors, why per-user views
 * are empty, fleet sizing, the redacted configuration, links and data findings. It only draws:
 * every figure (CPU per role, a metric against the participants, which series and rooms to mark)
 * comes computed in the view model (src/core/viewmodel/runView.ts).
 */
import type { CheckVM, RunScenarioVM, RunSeriesVM, RunViewVM } from '../../shared/views/run';
import { el, setState, showError, showLoading, themeColor, scrollBox } from '../common/dom';
import { exportButtons, type CsvCell } from '../common/export';
import { formatDelta, formatWithUnit } from '../../shared/format';
import { isWebLink } from '../../shared/webLink';
import { common, type ExportFile } from '../../shared/views/common';
import { connectHost, onThemeChange, type EventOf, type PostOf } from '../common/host';
import { run } from '../../shared/views/run';
import { timeAxisToggle, type TimeAxisMode, type TimeBase } from '../common/timeAxis';
import {
  isScatter,
  loadDatasets,
  loadScales,
  scatterChart,
  secondsText,
  seriesDataset,
  timeChart,
  unitText,
  yScale,
  type RunChart,
} from './charts';

const host = connectHost(run);
const app = document.getElementById('app') as HTMLElement;
const post = (m: PostOf<typeof run>): void => host.post(m);

interface UiState {
  tab: number;
  metric: string;
  xMode: 'time' | 'participants';
  log: boolean;
  perNode: boolean;
  time: TimeAxisMode;
}

const saved = (host.savedUi() as Partial<UiState> | undefined) ?? {};
const ui: UiState = {
  tab: saved.tab ?? 0,
  metric: saved.metric ?? 'quality_score',
  xMode: saved.xMode ?? 'time',
  log: saved.log ?? false,
  perNode: saved.perNode ?? true,
  time: saved.time ?? 'relative',
};
let vm: RunViewVM | undefined;
let charts: RunChart[] = [];
let zoomed: { min: number; max: number } | null = null;

const STATUS_TEXT: Record<string, string> = {
  pass: '✓ pass',
  suspect: '! suspect',
  invalid: '✗ invalid',
  skipped: '– skipped',
};

function persist(): void {
  host.saveUi(ui);
}

function scenario(): RunScenarioVM | undefined {
  return vm?.scenarios[Math.min(ui.tab, (vm?.scenarios.length ?? 1) - 1)];
}

/** A scrollable table: its header cells and its body rows (or a ready tbody). */
function dataTable(
  attrs: Record<string, string>,
  headers: readonly (string | HTMLElement)[],
  body: readonly HTMLElement[] | HTMLTableSectionElement,
  scrollClass = 'table-scroll',
): HTMLElement {
  const cells = headers.map(h => (typeof h === 'string' ? el('th', {}, h) : h));
  const tbody = body instanceof HTMLTableSectionElement ? body : el('tbody', {}, ...body);
  return el(
    'div',
    { class: scrollClass },
    el('table', attrs, el('thead', {}, el('tr', {}, ...cells)), tbody),
  );
}

function section(title: string, id: string, ...body: (Node | string)[]): HTMLElement {
  return el(
    'section',
    { class: 'run-section', 'aria-labelledby': id },
    el('h2', { id, class: 'section-head' }, title),
    ...body,
  );
}

function fileButton(text: string, file: number | undefined, line?: number): HTMLElement {
  if (file === undefined || file < 0) return el('span', {}, text);
  const b = el(
    'button',
    {
      type: 'button',
      class: 'link-button',
      title: `Open ${vm?.files[file] ?? ''}${line ? ` at line ${line}` : ''}`,
    },
    text,
  );
  b.addEventListener('click', () =>
    post(line === undefined ? { type: 'openRunFile', file } : { type: 'openRunFile', file, line }),
  );
  return b;
}

function validityBadge(verdict: string, what: string): HTMLElement {
  return el(
    'p',
    { class: `verdict verdict-${verdict}`, role: 'status' },
    `${what}: ${verdict.toUpperCase()}`,
  );
}

function checkRow(c: CheckVM): HTMLElement {
  const evidence = el('ul', { class: 'evidence' });
  for (const e of c.evidence) {
    const item = el('li', {});
    if (e.where) item.append(fileButton(e.where, e.file, e.line), ': ');
    item.append(e.text);
    evidence.append(item);
  }
  return el(
    'tr',
    { class: `check check-${c.status}` },
    el('td', { class: 'check-status' }, STATUS_TEXT[c.status] ?? c.status),
    el('td', {}, el('strong', {}, c.title)),
    el('td', {}, c.summary, c.evidence.length ? evidence : ''),
  );
}

function validitySection(s: RunScenarioVM): HTMLElement {
  const table = dataTable(
    { class: 'checks' },
    ['Status', 'Check', 'Finding and evidence'],
    s.checks.map(checkRow),
  );
  const note =
    s.verdict === 'invalid'
      ? 'This scenario is excluded from comparisons by default: its figures describe the set-up or the generator, not the platform.'
      : s.verdict === 'suspect'
        ? 'Read the figures with the warnings below in mind.'
        : 'Every check passed or had no data to check.';
  return section(
    'Validity',
    'sec-validity',
    validityBadge(s.verdict, 'Verdict'),
    el('p', { class: 'note' }, note),
    scrollBox(table),
  );
}

function card(label: string, value: string, detail = ''): HTMLElement {
  return el(
    'div',
    { class: 'run-card' },
    el('div', { class: 'run-card-label' }, label),
    el('div', { class: 'run-card-value' }, value),
    detail ? el('div', { class: 'note' }, detail) : '',
  );
}

function headlineSection(s: RunScenarioVM): HTMLElement {
  const d = s.duration;
  const p = s.participants;
  const cards = el(
    'div',
    { class: 'run-cards' },
    card(
      'True duration',
      d ? secondsText(d.seconds) : '—',
      d
        ? `first join → last leave (${d.lastLeaveFrom})${d.reportedSeconds !== undefined ? `; the tool says ${secondsText(d.reportedSeconds)} (padded)` : ''}`
        : 'no join times',
    ),
    card(
      'Participants',
      `${p.peak ?? p.created ?? '—'}${p.expected !== null ? ` of ${p.expected}` : ''}`,
      `${p.peak !== undefined ? 'platform peak' : 'created'}; ${p.created ?? '—'} created by the controller`,
    ),
    card(
      'Sessions',
      `${s.sessions.completed ?? '—'} / ${s.sessions.created ?? '—'}`,
      'completed / created',
    ),
    card('Workers', `${s.workers ?? '—'}`, s.browser ? `browser: ${s.browser}` : ''),
    card('Stop reason', s.stop?.text ?? '—', s.stop ? `${s.stop.kind}: ${s.stop.meaning}` : ''),
  );
  return section('Headline', 'sec-headline', cards);
}

/** Honest axes: every platform metric starts at 0 (linear scale); the quality score ends at 5. */
function floorOf(series: RunSeriesVM): [number | undefined, number | undefined] {
  if (ui.log) return [undefined, undefined];
  return [0, series.name === 'quality_score' ? 5 : undefined];
}

function seriesOf(s: RunScenarioVM, name: string): RunSeriesVM | undefined {
  return s.series.find(x => x.name === name && !x.node);
}

function onZoom(chart: RunChart): void {
  const x = chart.scales['x'];
  if (!x || isScatter(chart)) return;
  applyZoom({ min: x.min, max: x.max }, chart);
}

function applyZoom(range: { min: number; max: number } | null, from?: RunChart): void {
  const s = scenario();
  if (!s) return;
  zoomed = range && range.min <= s.extent[0] && range.max >= s.extent[1] ? null : range;
  for (const c of charts) {
    if (c === from || isScatter(c)) continue;
    const x = c.options.scales?.['x'] as { min?: number; max?: number } | undefined;
    if (!x) continue;
    x.min = zoomed?.min ?? s.extent[0];
    x.max = zoomed?.max ?? s.extent[1];
    c.update('none');
  }
  const status = document.getElementById('zoom-status');
  if (status)
    status.textContent = zoomed
      ? `Showing ${secondsText(zoomed.min)} – ${secondsText(zoomed.max)}`
      : 'Showing the whole test case';
}

function chartKeys(box: HTMLElement): void {
  box.addEventListener('keydown', e => {
    const s = scenario();
    if (!s) return;
    const [lo, hi] = zoomed ? [zoomed.min, zoomed.max] : [s.extent[0], s.extent[1]];
    const span = hi - lo;
    const mid = (lo + hi) / 2;
    let next: { min: number; max: number } | null | undefined;
    if (e.key === '+' || e.key === '=') next = { min: mid - span / 4, max: mid + span / 4 };
    else if (e.key === '-')
      next = { min: Math.max(s.extent[0], mid - span), max: Math.min(s.extent[1], mid + span) };
    else if (e.key === 'ArrowLeft')
      next = {
        min: Math.max(s.extent[0], lo - span / 10),
        max: Math.max(s.extent[0], lo - span / 10) + span,
      };
    else if (e.key === 'ArrowRight')
      next = {
        min: Math.min(s.extent[1], hi + span / 10) - span,
        max: Math.min(s.extent[1], hi + span / 10),
      };
    else if (e.key === '0') next = null;
    if (next === undefined) return;
    e.preventDefault();
    applyZoom(next);
  });
}

type ChartSize = 'scatter' | 'load' | 'degradation' | 'small';

function chartBox(
  id: string,
  label: string,
  size: ChartSize,
): { box: HTMLElement; canvas: HTMLCanvasElement } {
  const canvas = el('canvas', { id, role: 'img', 'aria-label': label });
  const box = el(
    'div',
    {
      class: `chart-box run-chart run-chart-${size}`,
      tabindex: '0',
      'aria-label': `${label}. Plus and minus zoom, arrows pan, 0 resets.`,
    },
    canvas,
  );
  chartKeys(box);
  return { box, canvas };
}

/** The degradation metric drawn: the one picked, else the scenario's first. */
function degradationMetric(s: RunScenarioVM): RunSeriesVM | undefined {
  const names = s.degradation.map(d => d.name);
  return seriesOf(s, names.includes(ui.metric) ? ui.metric : (names[0] ?? ''));
}

function toolbarControls(s: RunScenarioVM, redraw: () => void): HTMLElement {
  const metrics = s.degradation.map(d => d.name);
  const select = el(
    'select',
    { id: 'degradation-metric', 'aria-label': 'Degradation metric' },
    ...metrics.map(m => {
      const o = el('option', { value: m }, seriesOf(s, m)!.label);
      o.selected = m === ui.metric;
      return o;
    }),
  );
  select.addEventListener('change', () => {
    ui.metric = select.value;
    persist();
    redraw();
  });
  const toggle = (id: string, text: string, on: () => boolean, flip: () => void) => {
    const b = el('button', { id, type: 'button', 'aria-pressed': String(on()) }, text);
    b.addEventListener('click', () => {
      flip();
      b.setAttribute('aria-pressed', String(on()));
      persist();
      redraw();
    });
    return b;
  };
  const reset = el('button', { id: 'zoom-reset', type: 'button' }, 'Reset zoom');
  reset.addEventListener('click', () => applyZoom(null));
  return el(
    'div',
    { class: 'ts-toolbar', role: 'toolbar', 'aria-label': 'Load vs degradation options' },
    el('label', { for: 'degradation-metric' }, 'Degradation: '),
    select,
    toggle(
      'x-participants',
      'Against participants',
      () => ui.xMode === 'participants',
      () => (ui.xMode = ui.xMode === 'time' ? 'participants' : 'time'),
    ),
    toggle(
      'log-scale',
      'Log scale',
      () => ui.log,
      () => (ui.log = !ui.log),
    ),
    toggle(
      'per-node',
      'CPU per node',
      () => ui.perNode,
      () => (ui.perNode = !ui.perNode),
    ),
    reset,
    timeAxisToggle(ui.time, timeBase(s), mode => {
      ui.time = mode;
      persist();
      redraw();
    }),
    el(
      'span',
      { id: 'zoom-status', class: 'note', role: 'status', 'aria-live': 'polite' },
      'Showing the whole test case',
    ),
  );
}

/** The scenario's clock: its start and the controller's zone (the report's dates). */
function timeBase(s: RunScenarioVM): TimeBase {
  return { origin: s.origin, timezone: vm?.zone };
}

function chartOptions(s: RunScenarioVM, units: string[]) {
  return {
    extent: s.extent,
    log: ui.log,
    onZoom,
    steady: () => s.steady,
    tooltipUnit: (i: number) => units[i] ?? '',
    time: { mode: ui.time, base: timeBase(s) },
  };
}

function drawLoadVsDegradation(s: RunScenarioVM, host: HTMLElement): void {
  const metric = degradationMetric(s);
  host.replaceChildren();
  if (!seriesOf(s, 'participants')) {
    host.append(
      el(
        'p',
        { class: 'status empty' },
        'No participants series: the run has neither platform metrics (Elasticsearch export or the report’s sparklines) nor join times to draw the load from.',
      ),
    );
    return;
  }
  if (ui.xMode === 'participants' && metric) {
    const { box, canvas } = chartBox(
      'scatter-chart',
      `${metric.label} against the participants on the platform, every test case of the run`,
      'scatter',
    );
    host.append(box);
    charts.push(scatterChart(canvas, vm?.scenarios ?? [s], metric, ui.log, floorOf(metric)));
    return;
  }
  const load = loadDatasets(s, ui.perNode);
  const top = chartBox(
    'load-chart',
    'Load: participants on the platform and CPU of the nodes over time',
    'load',
  );
  host.append(top.box);
  charts.push(timeChart(top.canvas, load.datasets, loadScales(false), chartOptions(s, load.units)));
  if (!metric) {
    host.append(
      el(
        'p',
        { class: 'note' },
        'No degradation metric (quality score, loss, RTT, jitter, NACK, PLI) in this run’s platform metrics.',
      ),
    );
    return;
  }
  const bottom = chartBox(
    'degradation-chart',
    `Degradation: ${metric.label} over time`,
    'degradation',
  );
  host.append(bottom.box);
  const datasets = [seriesDataset(metric, 1, 'y', ui.log)];
  charts.push(
    timeChart(
      bottom.canvas,
      datasets,
      {
        y: yScale(`${metric.label} (${unitText(metric.unit)})`, 'left', ui.log, ...floorOf(metric)),
        spacer: { ...yScale('', 'right', false), display: true, ticks: { display: false } },
      },
      chartOptions(s, [metric.unit]),
    ),
  );
}

function loadSection(s: RunScenarioVM): HTMLElement {
  const host = el('div', { class: 'run-charts' });
  const redraw = (): void => {
    destroyCharts();
    drawLoadVsDegradation(s, host);
    drawSmallMultiples(s);
    if (zoomed) applyZoom(zoomed);
  };
  const controls = toolbarControls(s, redraw);
  queueMicrotask(redraw);
  return section(
    'Load vs degradation',
    'sec-load',
    el(
      'p',
      { class: 'note' },
      'Participants and node CPU above, the chosen quality metric below, on one time axis (the steady window is shaded). Ctrl+wheel or Shift+drag zooms, drag pans; every chart of this view follows.',
    ),
    controls,
    host,
    exportButtons(exportSource()),
  );
}

function drawSmallMultiples(s: RunScenarioVM): void {
  const grid = document.getElementById('small-multiples');
  if (!grid) return;
  grid.replaceChildren();
  const list = s.smallMultiples
    .map(id => s.series.find(x => x.id === id))
    .filter((x): x is RunSeriesVM => !!x);
  if (list.length === 0) {
    grid.append(
      el(
        'p',
        { class: 'status empty' },
        'No platform metrics in this run: the controller collects them only when monitoring.grafana is configured; export loadtest-openvidu-metrics-* from Elasticsearch as NDJSON beside the report to see them here.',
      ),
    );
    return;
  }
  list.forEach((series, i) => {
    const origin =
      series.origin === 'sparkline'
        ? ` — from the report's sparkline${series.approximate ? ', times estimated' : ''}`
        : '';
    const { box, canvas } = chartBox(
      `small-${series.id.replace(/[^A-Za-z0-9_-]/g, '-')}`,
      `${series.label} (${unitText(series.unit)}) over time${origin}`,
      'small',
    );
    grid.append(
      el(
        'figure',
        { class: 'small-multiple' },
        el('figcaption', {}, `${series.label} (${unitText(series.unit)})${origin}`),
        box,
      ),
    );
    charts.push(
      timeChart(
        canvas,
        [{ ...seriesDataset(series, i, 'y', ui.log), label: series.label }],
        {
          y: {
            ...yScale(unitText(series.unit), 'left', ui.log, ...floorOf(series)),
            title: { display: false },
          },
        },
        { ...chartOptions(s, [series.unit]) },
      ),
    );
    const c = charts[charts.length - 1]!;
    if (c.options.plugins?.legend) c.options.plugins.legend.display = false;
    c.update('none');
  });
}

function platformSection(): HTMLElement {
  return section(
    'Platform metrics over time',
    'sec-platform',
    el('div', { id: 'small-multiples', class: 'small-grid' }),
  );
}

function numberInput(
  id: string,
  label: string,
  value: number | undefined,
): [HTMLLabelElement, HTMLInputElement] {
  const input = el('input', {
    id,
    type: 'number',
    min: '0',
    step: '1',
    value: value === undefined ? '' : String(Math.round(value)),
  });
  return [el('label', { for: id }, label), input];
}

function steadySection(s: RunScenarioVM): HTMLElement {
  const [fromLabel, from] = numberInput('steady-from', 'from (s) ', s.steady?.start);
  const [toLabel, to] = numberInput('steady-to', ' to (s) ', s.steady?.end);
  const apply = el('button', { type: 'button', id: 'steady-apply' }, 'Use this window');
  const detect = el('button', { type: 'button', id: 'steady-detect' }, 'Detect again');
  const target = (): number | null => {
    const v = Number(
      (document.getElementById('target-participants') as HTMLInputElement | null)?.value,
    );
    return Number.isInteger(v) && v > 0 ? v : null;
  };
  apply.addEventListener('click', () => {
    const a = Number(from.value);
    const b = Number(to.value);
    if (!(b > a) || a < 0) {
      document.getElementById('steady-error')!.textContent = 'The window needs 0 ≤ from < to.';
      return;
    }
    post({ type: 'runQuery', scenario: s.index, steady: { start: a, end: b }, target: target() });
  });
  detect.addEventListener('click', () =>
    post({ type: 'runQuery', scenario: s.index, steady: null, target: target() }),
  );
  const w = s.steady;
  const text = w
    ? `${secondsText(w.start)} → ${secondsText(w.end)} (${w.basis}; ramp-up ${secondsText(w.rampUp)}, cool-down ${secondsText(w.coolDown)})`
    : 'No steady state found: the participants never held 95 % of their peak for two samples.';
  const rows = s.headlines.map(h =>
    el(
      'tr',
      {},
      el('td', {}, h.name),
      el('td', { class: 'num' }, formatWithUnit(h.wholeMean, h.unit)),
      el(
        'td',
        { class: 'num' },
        h.steadyMean === undefined ? '—' : formatWithUnit(h.steadyMean, h.unit),
      ),
      el('td', { class: 'num' }, formatWithUnit(h.max, h.unit)),
    ),
  );
  return section(
    'Steady-state window and headline figures',
    'sec-steady',
    el('p', {}, 'Steady window: ', el('strong', { id: 'steady-text' }, text)),
    el(
      'div',
      { class: 'control-row' },
      fromLabel,
      from,
      toLabel,
      to,
      apply,
      detect,
      el('span', { id: 'steady-error', class: 'note', role: 'alert' }),
    ),
    dataTable({}, ['Metric', 'Mean, whole window', 'Mean, steady window', 'Max'], rows),
  );
}

function roomsSection(s: RunScenarioVM): HTMLElement {
  const g = s.geometry;
  const rows = g.rooms.map(r =>
    el(
      'tr',
      { class: r.short ? 'short' : '' },
      el('td', {}, r.room),
      el('td', { class: 'num' }, String(r.expected)),
      el('td', { class: 'num' }, `${r.observed}${r.short ? ' ✗' : ''}`),
      el('td', { class: 'num' }, String(r.errors)),
      el('td', {}, r.reasons),
    ),
  );
  const errors = s.healthErrors.map(e =>
    el(
      'tr',
      {},
      el('td', { class: 'num' }, e.at === undefined ? '—' : secondsText(e.at)),
      el('td', {}, e.room),
      el('td', {}, e.identity),
      el('td', {}, e.event),
      el('td', {}, e.reason),
      el('td', {}, fileButton(`${vm?.files[e.file] ?? ''} [${e.index}]`, e.file)),
    ),
  );
  return section(
    'Rooms: expected vs observed geometry, health errors per chunk',
    'sec-rooms',
    el(
      'p',
      { class: 'note' },
      `${g.roomsExpected ?? '∞'} rooms × ${g.perRoom ?? '?'} participants expected; observed from the ${g.observedFrom}.`,
    ),
    rows.length
      ? dataTable(
          { id: 'rooms-table' },
          ['Room', 'Expected', 'Observed', 'Health errors', 'Reasons'],
          rows,
        )
      : el('p', { class: 'status empty' }, 'Neither report lists users or rooms.'),
    errors.length
      ? dataTable(
          { id: 'health-table' },
          ['At', 'Room', 'Chunk / participant', 'Event', 'Reason', 'File'],
          errors,
        )
      : el('p', { class: 'note' }, 'No health error in any errors.json of this test case.'),
  );
}

function retriesBlock(note: string, ...body: HTMLElement[]): HTMLElement {
  return section('Retries', 'sec-retries', el('p', { class: 'note' }, note), ...body);
}

function retriesSection(s: RunScenarioVM): HTMLElement {
  const r = s.retried;
  if (r.total === 0) {
    const why = s.roomLevel
      ? ' (the emulated mode records none: one lk load-test process per room)'
      : '';
    return retriesBlock(
      `No participant needed a retry among the ${r.listed} the report lists${why}.`,
    );
  }
  const at = (t: number | undefined) => (t === undefined ? '—' : secondsText(t));
  const rows = r.users.map(u =>
    el(
      'tr',
      {},
      el('td', {}, u.user),
      el('td', {}, u.session),
      el('td', {}, u.role),
      el('td', { class: 'num' }, at(u.join)),
      el('td', { class: 'num' }, String(u.retries)),
      el(
        'td',
        {},
        u.attempts
          .map(
            a =>
              `#${a.attempt} failed ${at(a.error)}${a.reconnect === undefined ? ', not reconnected' : `, back ${at(a.reconnect)}`}`,
          )
          .join('; ') || '—',
      ),
    ),
  );
  return retriesBlock(
    `${r.total} of ${r.listed} participants needed retries${r.total > r.users.length ? ` (the ${r.users.length} most retried shown)` : ''}; times from the test case start. The report stores no cause: look for the same times in the controller log and errors.json.`,
    dataTable(
      { id: 'retries-table' },
      ['User', 'Session', 'Role', 'Joined', 'Retries', 'Attempts'],
      rows,
    ),
  );
}

function perUserSection(s: RunScenarioVM): HTMLElement | '' {
  if (vm?.perUserUsers) {
    const open = el('button', { type: 'button', id: 'open-per-user' }, 'Open the per-user views');
    open.addEventListener('click', () => post({ type: 'openRunPerUser' }));
    return section(
      'Per-user views',
      'sec-per-user',
      el(
        'p',
        {},
        `${vm.perUserUsers} users of this run have per-user WebRTC data (events.json, stats.json): the connection progression, the QoS/QoE time series, the participants overview and the statistics read them.`,
      ),
      open,
    );
  }
  if (!s.perUserNotice) return '';
  return section(
    'Per-user views',
    'sec-per-user',
    el('p', { class: 'notice', role: 'note' }, s.perUserNotice),
  );
}

function sizingSection(s: RunScenarioVM): HTMLElement {
  const z = s.sizing;
  const [label, input] = numberInput('target-participants', 'Participants to reach ', z?.target);
  const apply = el('button', { type: 'button', id: 'target-apply' }, 'Size the fleet');
  apply.addEventListener('click', () => {
    const v = Number(input.value);
    const steady = s.steady?.basis === 'user' ? { start: s.steady.start, end: s.steady.end } : null;
    if (Number.isInteger(v) && v > 0)
      post({ type: 'runQuery', scenario: s.index, steady, target: v });
  });
  const text = z?.text ?? 'No worker CPU in the report: the fleet cannot be sized from this run.';
  return section(
    'Worker fleet sizing',
    'sec-sizing',
    el('p', { id: 'sizing-text' }, text),
    z ? el('p', { class: 'note' }, `From ${z.basis}.`) : '',
    el('div', { class: 'control-row' }, label, input, apply),
  );
}

function linksSection(s: RunScenarioVM): HTMLElement {
  const items: HTMLElement[] = [];
  // The view model keeps only http/https links; checked again here, where the DOM is built.
  const link = (text: string, href: string | undefined) =>
    href && isWebLink(href) && items.push(el('li', {}, el('a', { href }, text)));
  link('Kibana dashboard, true test window (first join → last leave)', s.links.kibanaTrue);
  link('Kibana dashboard, the tool’s padded window', s.links.kibanaReported);
  link('Grafana Explore, true test window', s.links.grafana);
  const notes = (s.linkNotes ?? []).map(n => el('p', { class: 'note link-dropped' }, n));
  return section(
    'Links',
    'sec-links',
    items.length
      ? el('ul', {}, ...items)
      : notes.length
        ? ''
        : el(
            'p',
            { class: 'note' },
            'The run names no Kibana or Grafana (monitoring.kibana / monitoring.grafana are not set).',
          ),
    ...notes,
  );
}

let includeInvalid = false;

function comparisonSection(): HTMLElement | '' {
  if (!vm || vm.scenarios.length < 2) return '';
  const c = includeInvalid ? vm.comparison.all : vm.comparison.valid;
  const toggle = el('input', { id: 'include-invalid', type: 'checkbox' });
  toggle.checked = includeInvalid;
  toggle.addEventListener('change', () => {
    includeInvalid = toggle.checked;
    document
      .getElementById('sec-compare')
      ?.parentElement?.replaceWith(comparisonSection() || el('span'));
  });
  const head = ['Test case', 'Verdict', ...c.metrics.map(m => el('th', { class: 'num' }, m))];
  const rows = c.rows.map(r =>
    el(
      'tr',
      {},
      el('td', {}, `${r.scenario}${r.baseline ? ' (baseline)' : ''}`),
      el('td', {}, r.verdict),
      ...r.cells.map(cell =>
        el(
          'td',
          { class: 'num' },
          cell.value === undefined ? '—' : formatWithUnit(cell.value, cell.unit),
          cell.delta === undefined
            ? ''
            : el('span', { class: 'note' }, formatDelta(cell.delta, cell.unit)),
        ),
      ),
    ),
  );
  return section(
    'Test cases compared',
    'sec-compare',
    el(
      'p',
      { class: 'note' },
      'Participants: the peak; the other figures: the steady-window mean; each against the first test case kept.',
    ),
    el(
      'div',
      { class: 'control-row' },
      toggle,
      el('label', { for: 'include-invalid' }, ' Include invalid test cases'),
    ),
    dataTable({ id: 'compare-table' }, head, rows),
    ...c.excluded.map(e =>
      el('p', { class: 'note' }, `Left out (invalid): ${e.scenario} — ${e.reason}`),
    ),
  );
}

function configSection(): HTMLElement {
  const rows = (vm?.config ?? []).map(r =>
    el(
      'tr',
      { class: r.defaulted ? 'defaulted' : '' },
      el('td', {}, r.path),
      el('td', {}, r.value),
      el('td', {}, r.defaulted ? 'default' : 'set'),
    ),
  );
  const filter = el('input', {
    id: 'config-filter',
    type: 'search',
    placeholder: 'Filter keys',
    'aria-label': 'Filter configuration keys',
  });
  const body = el('tbody', {}, ...rows);
  filter.addEventListener('input', () => {
    const t = filter.value.toLowerCase();
    for (const row of Array.from(body.rows))
      row.hidden = !row.textContent!.toLowerCase().includes(t);
  });
  return section(
    'Effective configuration (secrets redacted)',
    'sec-config',
    rows.length
      ? el(
          'div',
          {},
          filter,
          dataTable({}, ['Key', 'Value', 'Source'], body, 'table-scroll config-table'),
        )
      : el('p', { class: 'note' }, 'No YAML configuration beside the reports.'),
  );
}

function findingsSection(): HTMLElement {
  const list = (vm?.diagnostics ?? []).map(d =>
    el(
      'li',
      { class: `diag ${d.severity}` },
      el('span', { class: 'sev' }, d.severity),
      ' ',
      fileButton(d.where, d.file, d.line),
      `: ${d.message}`,
    ),
  );
  return section(
    'Data findings',
    'sec-findings',
    list.length
      ? el('ul', { class: 'diag-list' }, ...list)
      : el('p', { class: 'note' }, 'Every file of the run was read without a problem.'),
    el('p', { class: 'note' }, `Report dates read in ${vm?.htmlZone ?? 'UTC'}.`),
  );
}

function tabs(): HTMLElement {
  const list = el('div', {
    class: 'ts-tabs',
    role: 'tablist',
    'aria-label': 'Test cases of the run',
  });
  (vm?.scenarios ?? []).forEach((s, i) => {
    const selected = i === ui.tab;
    const b = el(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${i}`,
        'aria-selected': String(selected),
        tabindex: selected ? '0' : '-1',
        'aria-controls': 'scenario-panel',
      },
      `${s.label} · ${s.verdict}`,
    );
    b.addEventListener('click', () => select(i));
    b.addEventListener('keydown', e => {
      const n = vm?.scenarios.length ?? 1;
      const next =
        e.key === 'ArrowRight'
          ? (i + 1) % n
          : e.key === 'ArrowLeft'
            ? (i - 1 + n) % n
            : e.key === 'Home'
              ? 0
              : e.key === 'End'
                ? n - 1
                : undefined;
      if (next === undefined) return;
      e.preventDefault();
      select(next);
      document.getElementById(`tab-${next}`)?.focus();
    });
    list.append(b);
  });
  return list;
}

function select(i: number): void {
  ui.tab = i;
  zoomed = null;
  persist();
  render();
}

function destroyCharts(): void {
  charts.forEach(c => c.destroy());
  charts = [];
}

function exportSource() {
  return {
    test: () => vm?.id,
    nameParts: () => [`case${scenario()?.index ?? 0}`, ui.metric],
    canvases: () => Array.from(document.querySelectorAll<HTMLCanvasElement>('.run-charts canvas')),
    background: () => themeColor('--vscode-editor-background', '#1e1e1e'),
    csv: () => {
      const s = scenario();
      const rows: CsvCell[][] = [];
      for (const series of s?.series ?? [])
        for (const [t, v] of series.points)
          rows.push([series.label, series.node ?? '', series.unit, t, v]);
      return { header: ['series', 'node', 'unit', 'seconds', 'value'], rows };
    },
    request: (file: ExportFile) => host.request(common.inbound.exportFile, file),
  };
}

/** Compare this run with the previous run of its configuration, or with one the user picks. */
function compareButtons(): HTMLElement {
  const button = (
    id: string,
    text: string,
    title: string,
    type: 'runCompareWithPrevious' | 'runCompareWith',
  ) => {
    const b = el('button', { type: 'button', id, title }, text);
    b.addEventListener('click', () => post({ type }));
    return b;
  };
  return el(
    'div',
    { class: 'run-compare' },
    button(
      'compare-previous',
      'Compare with previous run',
      'This run against the previous run of its configuration in the workspace',
      'runCompareWithPrevious',
    ),
    button(
      'compare-with',
      'Compare with…',
      'This run against a run you pick (the baseline)',
      'runCompareWith',
    ),
  );
}

function render(): void {
  destroyCharts();
  if (!vm) return;
  const s = scenario();
  const panel = el('div', {
    id: 'scenario-panel',
    role: 'tabpanel',
    'aria-labelledby': `tab-${ui.tab}`,
  });
  if (s) {
    panel.append(
      validitySection(s),
      headlineSection(s),
      loadSection(s),
      platformSection(),
      steadySection(s),
      roomsSection(s),
      retriesSection(s),
      perUserSection(s),
      sizingSection(s),
      linksSection(s),
    );
  } else {
    panel.append(
      el(
        'p',
        { class: 'status empty' },
        'No test case could be read from this run; see the data findings below.',
      ),
    );
  }
  const header = el(
    'header',
    { class: 'run-header' },
    el('h1', {}, `Run ${vm.id}`),
    el('p', { class: 'note' }, vm.folder),
    validityBadge(vm.verdict, 'Run verdict'),
    compareButtons(),
  );
  app.replaceChildren(
    header,
    tabs(),
    panel,
    comparisonSection(),
    configSection(),
    findingsSection(),
  );
  setState(s ? 'ready' : 'empty');
}

host.onMessage((message: EventOf<typeof run>) => {
  switch (message.type) {
    case 'loading':
      showLoading(app, message.message, vm !== undefined);
      return;
    case 'error':
      destroyCharts();
      showError(app, message.message);
      return;
    case 'runView':
      vm = message.run;
      if (ui.tab >= vm.scenarios.length) ui.tab = 0;
      render();
      return;
    default:
      return;
  }
});

onThemeChange(() => render());
host.ready();
