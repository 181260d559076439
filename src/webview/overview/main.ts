/**
 * Overview webview: the tests of a result root as a table, and the selected test's media-node
 * CPU and memory over time as a Chart.js chart; the table exports as CSV, the chart as PNG. It
 * only draws what the host sends; it keeps nothing but UI state (the selected test) across
 * reloads.
 */
import type { NodeSeriesVM, OverviewVM, TestRowVM } from '../../shared/views/overview';
import { drawNodeChart, type NodeChart } from './nodeChart';
import { countOrUnknown, formatDuration, plural } from '../../shared/format';
import { el, setState, themeColor, titledSection, scrollBox } from '../common/dom';
import { startView, viewPage } from '../common/view';
import type { EventOf, PostOf } from '../common/host';
import { connectedKnown, overview as contract } from '../../shared/views/overview';
import { common } from '../../shared/views/common';
import { exportButtons, type CsvCell } from '../common/export';

const { host, app } = viewPage(contract);
let overview: OverviewVM | undefined;
let chart: NodeChart | undefined;
let lastSeries: { test: string; series: NodeSeriesVM | null } | undefined;

function send(message: PostOf<typeof contract>): void {
  host.post(message);
}

function selectTest(test: string): void {
  if (!overview || overview.selected === test) return;
  overview = { ...overview, selected: test };
  host.saveUi({ selected: test });
  for (const row of document.querySelectorAll<HTMLTableRowElement>('#tests tbody tr')) {
    row.setAttribute('aria-selected', String(row.dataset['test'] === test));
  }
  send({ type: 'selectTest', test });
}

interface Column {
  readonly name: string;
  readonly value: (t: TestRowVM) => string;
  readonly numeric?: boolean;
  readonly help?: string;
  /** Its CSV column when not the text shown (a number rather than a formatted duration). */
  readonly csv?: { readonly name: string; readonly value: (t: TestRowVM) => CsvCell };
}

const COLUMNS: readonly Column[] = [
  { name: 'Test', value: t => t.name },
  { name: 'Platform', value: t => t.platform, help: 'Media server, read from the test name' },
  {
    name: 'Users',
    value: t => String(t.users),
    numeric: true,
    help: 'Users with a folder under stats/',
  },
  { name: 'Sessions', value: t => String(t.sessions), numeric: true },
  {
    name: 'Connected',
    value: t => countOrUnknown(t.connected, connectedKnown(t)),
    numeric: true,
    csv: { name: 'Connected', value: t => (connectedKnown(t) ? t.connected : undefined) },
    help: 'Users whose events show their media flowing at least once (— : a log alone from 2024 on names no connections)',
  },
  {
    name: 'Failures',
    value: t => String(t.failures),
    numeric: true,
    help: '"Participant … failed N times" lines in the controller log (retries and reconnections included)',
  },
  {
    name: 'Failed users',
    value: t => String(t.failedUsers),
    numeric: true,
    help: 'Distinct users with at least one failure line',
  },
  {
    name: 'Duration',
    value: t => formatDuration(t.durationSeconds),
    numeric: true,
    csv: { name: 'Duration (s)', value: t => t.durationSeconds },
    help: 'From the log\'s start line to its "Saved result" line (else first to last event)',
  },
  {
    name: 'Log time zone',
    value: t => t.timezone,
    help: 'Time zone used for the controller log (setting loadtestLens.logTimezone)',
  },
];

/** CSV of the tests table (every test, the columns shown); PNG of the selected test's chart. */
const exportActions = exportButtons({
  test: () => overview?.rootName,
  nameParts: format => (format === 'png' ? [overview?.selected ?? '', 'media-node'] : ['tests']),
  canvases: () => [
    ...document.querySelectorAll<HTMLCanvasElement>('#cpu-chart[data-rendered="true"]'),
  ],
  background: () => themeColor('--vscode-editor-background', '#1f1f1f'),
  csv: () => ({
    header: COLUMNS.map(c => c.csv?.name ?? c.name),
    rows: (overview?.tests ?? []).map(t =>
      COLUMNS.map(c => (c.csv ? c.csv.value(t) : numericCell(c, t))),
    ),
  }),
  request: file => host.request(common.inbound.exportFile, file),
});

/** A numeric column's value as a number, other columns as their text. */
function numericCell(c: Column, t: TestRowVM): CsvCell {
  const text = c.value(t);
  return c.numeric && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

function onRowKey(event: KeyboardEvent, row: HTMLTableRowElement): void {
  const move = (next: Element | null) => {
    if (next instanceof HTMLTableRowElement) {
      next.focus();
      selectTest(next.dataset['test'] as string);
    }
  };
  if (event.key === 'Enter' || event.key === ' ') selectTest(row.dataset['test'] as string);
  else if (event.key === 'ArrowDown') move(row.nextElementSibling);
  else if (event.key === 'ArrowUp') move(row.previousElementSibling);
  else return;
  event.preventDefault();
}

function testRow(t: TestRowVM, selected: boolean): HTMLTableRowElement {
  const row = el('tr', { tabindex: '0', 'aria-selected': String(selected), 'data-test': t.name });
  if (t.failedUsers > 0) row.classList.add('has-failures');
  for (const { value, numeric } of COLUMNS) {
    const cell = el('td', numeric ? { class: 'num' } : {}, value(t));
    row.append(cell);
  }
  const first = row.firstElementChild as HTMLElement;
  if (t.failedUsers > 0)
    first.prepend(
      el('span', { class: 'badge failed', title: `${plural(t.failedUsers, 'user')} failed` }, '⚠'),
    );
  row.addEventListener('click', () => selectTest(t.name));
  row.addEventListener('keydown', e => onRowKey(e, row));
  return row;
}

function testsTable(o: OverviewVM): HTMLElement {
  const head = el(
    'tr',
    {},
    ...COLUMNS.map(({ name, numeric, help }) =>
      el(
        'th',
        { scope: 'col', ...(numeric ? { class: 'num' } : {}), ...(help ? { title: help } : {}) },
        name,
      ),
    ),
  );
  const body = el('tbody', {}, ...o.tests.map(t => testRow(t, t.name === o.selected)));
  const table = el(
    'table',
    { id: 'tests', 'aria-label': 'Tests of this result root' },
    el('thead', {}, head),
    body,
  );
  return scrollBox(table);
}

function diagnosticsList(o: OverviewVM): HTMLElement {
  const items = o.diagnostics.map(d =>
    el(
      'li',
      { class: `diag ${d.severity}` },
      el('span', { class: 'sev' }, d.severity),
      ` ${d.file}${d.line ? `:${d.line}` : ''} — ${d.message}`,
    ),
  );
  const errors = o.diagnostics.filter(d => d.severity === 'error').length;
  const warnings = o.diagnostics.filter(d => d.severity === 'warning').length;
  return el(
    'details',
    { id: 'diagnostics' },
    el(
      'summary',
      {},
      `Data findings: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(o.diagnostics.length - errors - warnings, 'note')}`,
    ),
    el('ul', {}, ...items),
  );
}

/** A button that asks the host to open a view or a file of the selected test. */
interface OpenButton {
  readonly id: string;
  readonly text: string;
  readonly title?: string;
  readonly message: (test: string) => PostOf<typeof contract>;
}

/** In the order they stand above the chart. */
const OPEN_BUTTONS: readonly OpenButton[] = [
  {
    id: 'open-progression',
    text: 'Connection progression',
    title: 'Connection progression of this test',
    message: test => ({ type: 'openSwimlane', test }),
  },
  {
    id: 'open-timeseries',
    text: 'Time series',
    title: 'Progression counts, QoE and QoS of this test over time',
    message: test => ({ type: 'openTimeSeries', test }),
  },
  {
    id: 'open-stats',
    text: 'Statistics',
    title: 'CPU-band statistics and comparisons of this test',
    message: test => ({ type: 'openStats', test }),
  },
  {
    id: 'open-participants',
    text: 'Participants',
    title: 'Per-user traffic, states and heatmap',
    message: test => ({ type: 'openParticipants', test }),
  },
  {
    id: 'compare-previous',
    text: 'Compare with previous run',
    title: 'This test against the previous run of its configuration in the workspace',
    message: test => ({ type: 'compareWithPrevious', test }),
  },
  {
    id: 'compare-with',
    text: 'Compare with…',
    title: 'This test against a run you pick (the baseline)',
    message: test => ({ type: 'compareWith', test }),
  },
  {
    id: 'open-log',
    text: 'Open log',
    message: test => ({ type: 'openTestFile', test, kind: 'log' }),
  },
  {
    id: 'open-csv',
    text: 'Open CPU CSV',
    message: test => ({ type: 'openTestFile', test, kind: 'medianode' }),
  },
];

function openButton(b: OpenButton): HTMLElement {
  const button = el(
    'button',
    { id: b.id, type: 'button', ...(b.title ? { title: b.title } : {}) },
    b.text,
  );
  button.addEventListener('click', () => overview?.selected && send(b.message(overview.selected)));
  return button;
}

function chartSection(): HTMLElement {
  const allStatistics = el(
    'button',
    { id: 'open-stats-all', type: 'button', title: 'Statistics of every test pooled' },
    'Statistics, all tests',
  );
  allStatistics.addEventListener('click', () => send({ type: 'openStats', test: null }));
  const open = OPEN_BUTTONS.map(openButton);
  // "Statistics, all tests" stands after "Statistics" (the third).
  const buttons = [...open.slice(0, 3), allStatistics, ...open.slice(3)];
  return titledSection(
    {
      id: 'node',
      title: 'Media node CPU and memory',
      controls: el('div', { class: 'actions' }, ...buttons),
    },
    el('p', { id: 'node-note', class: 'note' }),
    el(
      'div',
      { class: 'chart-box' },
      el('canvas', {
        id: 'cpu-chart',
        role: 'img',
        'aria-label': 'Media node CPU and memory over time',
      }),
    ),
  );
}

function renderOverview(o: OverviewVM): void {
  chart?.destroy();
  chart = undefined;
  if (o.tests.length === 0) {
    setState('empty');
    app.replaceChildren(
      el('h1', {}, o.rootName),
      el(
        'p',
        { class: 'status' },
        'No tests found in this root: expected stats/<test>/, logs/<test>.log or dfs_final/<test>-medianode.csv.',
      ),
    );
    return;
  }
  const counts = `${o.tests.length} test${o.tests.length === 1 ? '' : 's'}`;
  app.replaceChildren(
    el(
      'div',
      { class: 'section-head' },
      el('h1', {}, o.rootName, el('span', { class: 'sub' }, ` — ${counts}`)),
      exportActions,
    ),
    testsTable(o),
    chartSection(),
    diagnosticsList(o),
  );
  setState('ready');
}

function renderSeries(test: string, series: NodeSeriesVM | null): void {
  lastSeries = { test, series };
  const canvas = document.getElementById('cpu-chart') as HTMLCanvasElement | null;
  const note = document.getElementById('node-note');
  if (!canvas || !note || overview?.selected !== test) return;
  chart?.destroy();
  chart = undefined;
  const row = overview.tests.find(t => t.name === test);
  if (!series) {
    note.textContent = `${test}: no media-node samples (dfs_final/${test}-medianode.csv is missing or empty).`;
    canvas.dataset['rendered'] = 'empty';
    canvas.dataset['test'] = test;
    return;
  }
  note.textContent = `${test}: ${series.cpu.length} CPU samples; time in seconds since the test start (${row?.timeSource === 'log' ? "controller log's start line" : 'first event'}).`;
  chart = drawNodeChart(canvas, series);
}

function onMessage(m: EventOf<typeof contract>): void {
  if (m.type === 'overview') {
    const saved = host.savedUi() as { selected?: string } | undefined;
    const keep = saved?.selected && !m.overview.selected ? saved.selected : undefined;
    overview = keep ? { ...m.overview, selected: keep } : m.overview;
    renderOverview(overview);
  } else if (m.type === 'nodeSeries') renderSeries(m.test, m.series);
}

startView({
  host,
  app,
  hasData: () => overview !== undefined,
  onMessage,
  onThemeChange: () => lastSeries && renderSeries(lastSeries.test, lastSeries.series),
});
