/**
 * Participants overview webview (the second notebook's per-device overviews for load-test users):
 * ranked per-user bars of bytes received and sent and of events, for the top N with an "all"
 * summary stacked by role or session; per-user share of time in each connection state as sortable
 * 100 % bars; the user × time heatmap; traffic shares; failures unique to one session or batch.
 * It draws the host's view models; only the heatmap metric is asked of the host.
 */
import type {
  HeatmapMetricVM,
  HeatmapVM,
  ParticipantsVM,
  ParticipantVM,
  StateShareVM,
} from '../../shared/views/participants';
import { el, setState, themeColor, titledSection, scrollBox } from '../common/dom';
import { exportButtons, type CsvCell } from '../common/export';
import { common } from '../../shared/views/common';
import { startView, viewPage } from '../common/view';
import type { EventOf } from '../common/host';
import { participants } from '../../shared/views/participants';
import { plural } from '../../shared/format';

import { colors } from '../common/plot';
import { drawBars, type Bar, type BarPart } from './bars';
import { heatmapView, STATE_NAMES, stateColors, type HeatmapView } from './heatmap';

const { host, app } = viewPage(participants);
let vm: ParticipantsVM | undefined;
let heat: HeatmapVM | undefined;
let heatView: HeatmapView | undefined;

type GroupBy = 'role' | 'session';
type SortState = keyof StateShareVM;
interface Ui {
  top: number;
  group: GroupBy;
  sort: SortState;
  metric: HeatmapMetricVM;
}
const ui: Ui = {
  top: 25,
  group: 'role',
  sort: 'failed',
  metric: 'state',
  ...(host.savedUi() as Partial<Ui> | undefined),
};
let draws: Array<() => void> = [];

function save(): void {
  host.saveUi(ui);
}

/** `1.2 MB`-style byte counts. */
function bytesText(v: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let x = v;
  while (x >= 1000 && i < units.length - 1) {
    x /= 1000;
    i++;
  }
  return `${Number(x.toPrecision(3))} ${units[i]}`;
}

function groupOf(p: ParticipantVM): string {
  return ui.group === 'role' ? p.role : `session ${p.session}`;
}

function groupColors(v: ParticipantsVM): Map<string, string> {
  const c = colors();
  const palette = [
    c.series[0],
    c.series[1],
    themeColor('--vscode-charts-green', '#89d185'),
    themeColor('--vscode-charts-purple', '#b180d7'),
    themeColor('--vscode-charts-yellow', '#cca700'),
    themeColor('--vscode-charts-red', '#f14c4c'),
  ];
  const groups = [...new Set(v.users.map(groupOf))];
  return new Map(groups.map((g, i) => [g, palette[i % palette.length] as string]));
}

function top<T>(items: readonly T[], value: (t: T) => number): T[] {
  const sorted = [...items].sort((a, b) => value(b) - value(a));
  return ui.top > 0 ? sorted.slice(0, ui.top) : sorted;
}

function canvasBox(id: string, label: string, draw: (c: HTMLCanvasElement) => void): HTMLElement {
  const c = el('canvas', { id, role: 'img', tabindex: '0', 'aria-label': label });
  draws.push(() => draw(c));
  return el('div', { class: 'stats-chart' }, c);
}

const MEDIA_PARTS = (): BarPart[] => {
  const c = colors();
  return [
    { name: 'video', color: c.series[0] },
    { name: 'audio', color: c.series[1] },
  ];
};

/** One ranked chart: the top users by the sum of `parts`, drawn as stacked bars. */
function rankedChart(
  v: ParticipantsVM,
  id: string,
  title: string,
  parts: readonly BarPart[],
  values: (p: ParticipantVM) => number[],
  unit: (x: number) => string,
): HTMLElement {
  const tags = groupColors(v);
  const users = top(v.users, p => values(p).reduce((a, b) => a + b, 0));
  const bars = users.map(p => ({ label: p.label, parts: values(p), tag: tags.get(groupOf(p)) }));
  return el(
    'div',
    {},
    el('h3', {}, title),
    canvasBox(id, `${title} per user`, c => drawBars(c, bars, parts, { percent: false, unit })),
  );
}

function rankedSection(v: ParticipantsVM): HTMLElement {
  const legend = el(
    'ul',
    { class: 'swim-legend', 'aria-label': 'Groups' },
    ...[...groupColors(v)].map(([g, color]) => {
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.background = color; // CSSOM, allowed by the CSP (no inline style attribute)
      return el('li', {}, swatch, g);
    }),
  );
  const media = MEDIA_PARTS();
  return titledSection(
    { id: 'ranked', title: `Top ${ui.top > 0 ? ui.top : 'all'} users` },
    legend,
    el(
      'div',
      { class: 'chart-row' },
      rankedChart(
        v,
        'bytes-in',
        'Bytes received',
        media,
        p => [p.bytesIn.video, p.bytesIn.audio],
        bytesText,
      ),
      rankedChart(
        v,
        'bytes-out',
        'Bytes sent',
        media,
        p => [p.bytesOut.video, p.bytesOut.audio],
        bytesText,
      ),
      rankedChart(
        v,
        'events',
        'Events (events.json)',
        [{ name: 'events', color: colors().series[0] }],
        p => [p.events],
        String,
      ),
    ),
  );
}

/** Totals of each group for one figure, as one 100 % bar stacked by group. */
/** A row of the failures table: failed users alone in their session or batch, of all failures. */
function uniqueFailureRow(
  group: 'session' | 'batch',
  unique: number,
  frac: (k: number) => string,
  groups: number,
): HTMLElement {
  const word = groups === 1 ? group : group === 'batch' ? 'batches' : 'sessions';
  return el(
    'tr',
    {},
    el('th', { scope: 'row' }, `Only failed user of its ${group}`),
    el('td', { class: 'num', 'data-value': String(unique) }, frac(unique)),
    el('td', {}, `${groups} ${word} with failures`),
  );
}

function allSection(v: ParticipantsVM): HTMLElement {
  const tags = groupColors(v);
  const groups = [...tags.keys()];
  const parts: BarPart[] = groups.map(g => ({ name: g, color: tags.get(g) as string }));
  const sumBy = (f: (p: ParticipantVM) => number) =>
    groups.map(g => v.users.filter(p => groupOf(p) === g).reduce((s, p) => s + f(p), 0));
  const bars: Bar[] = [
    { label: 'Received', parts: sumBy(p => p.bytesIn.audio + p.bytesIn.video) },
    { label: 'Sent', parts: sumBy(p => p.bytesOut.audio + p.bytesOut.video) },
    { label: 'Events', parts: sumBy(p => p.events) },
    { label: 'Users', parts: sumBy(() => 1) },
  ];
  const t = v.traffic;
  const c = colors();
  const share: Bar[] = [
    { label: 'Audio / video', parts: [t.inAudio + t.outAudio, t.inVideo + t.outVideo] },
    { label: 'In / out', parts: [t.inAudio + t.inVideo, t.outAudio + t.outVideo] },
  ];
  const pct = (a: number, b: number) => (a + b > 0 ? `${((100 * a) / (a + b)).toFixed(1)} %` : '—');
  const f = v.failures;
  const frac = (k: number) =>
    f.failures ? `${k} of ${f.failures} (${((100 * k) / f.failures).toFixed(0)} %)` : '—';
  return titledSection(
    { id: 'all', title: `All ${v.users.length} users` },
    el(
      'div',
      { class: 'chart-row' },
      el(
        'div',
        {},
        el('h3', {}, `Share of each ${ui.group}`),
        canvasBox('all-groups', `Totals stacked by ${ui.group}`, cv =>
          drawBars(cv, bars, parts, { percent: true, unit: String }),
        ),
      ),
      el(
        'div',
        {},
        el('h3', {}, 'Traffic share'),
        canvasBox('traffic', 'Traffic audio versus video and in versus out', cv =>
          drawBars(
            cv,
            share,
            [
              { name: 'audio / in', color: c.series[1] },
              { name: 'video / out', color: c.series[0] },
            ],
            { percent: true, unit: String },
          ),
        ),
        el(
          'p',
          { id: 'traffic-text', class: 'note' },
          `Audio ${pct(t.inAudio + t.outAudio, t.inVideo + t.outVideo)} of the bytes, video ${pct(t.inVideo + t.outVideo, t.inAudio + t.outAudio)}; received ${pct(t.inAudio + t.inVideo, t.outAudio + t.outVideo)}, sent ${pct(t.outAudio + t.outVideo, t.inAudio + t.inVideo)}.`,
        ),
      ),
    ),
    scrollBox(
      el(
        'table',
        { id: 'failures', class: 'band-table' },
        el('caption', {}, `Failures (${f.failures} in ${plural(f.failedUsers, 'user')})`),
        el(
          'tbody',
          {},
          uniqueFailureRow('session', f.uniqueToSession, frac, f.sessions),
          uniqueFailureRow('batch', f.uniqueToBatch, frac, f.batches),
        ),
      ),
    ),
  );
}

const STATES: readonly SortState[] = ['connecting', 'connected', 'failed', 'reconnecting'];

function stateShare(p: ParticipantVM, s: SortState): number {
  const total = STATES.reduce((sum, k) => sum + p.states[k], 0);
  return total > 0 ? p.states[s] / total : 0;
}

function statesSection(v: ParticipantsVM): HTMLElement {
  const colorsOf = stateColors();
  const parts: BarPart[] = STATES.map((s, i) => ({ name: s, color: colorsOf[i + 1] as string }));
  const users = top(v.users, p => stateShare(p, ui.sort));
  const sort = el(
    'select',
    { id: 'sort-state', 'aria-label': 'Sort users by the share of' },
    ...STATES.map(s => el('option', { value: s, ...(s === ui.sort ? { selected: '' } : {}) }, s)),
  );
  sort.addEventListener('change', () => {
    ui.sort = sort.value as SortState;
    save();
    render();
  });
  return titledSection(
    {
      id: 'states',
      title: 'Time in each connection state',
      controls: el('label', { class: 'field' }, 'Sort by share ', sort),
    },
    canvasBox('state-bars', `Share of time per state, sorted by ${ui.sort}`, c =>
      drawBars(
        c,
        users.map(p => ({ label: p.label, parts: STATES.map(s => p.states[s]) })),
        parts,
        { percent: true, unit: String },
      ),
    ),
  );
}

const METRIC_LABELS: Record<HeatmapMetricVM, string> = {
  state: 'Connection state',
  bitrate: 'Inbound bitrate (% of the user’s total)',
  jitter: 'Inbound jitter (% of the user’s maximum)',
  qoe: 'QoE VMAF (% of the user’s maximum)',
};

/** What the shades mean: hatched bins have no data, faint ones a measured zero. */
function heatLegend(h: HeatmapVM): HTMLElement {
  const item = (cls: string, text: string) =>
    el('span', { class: 'heat-key' }, el('span', { class: `heat-swatch ${cls}` }), text);
  return el(
    'p',
    { class: 'note heat-legend', id: 'heat-legend' },
    item('empty', 'no data in this bin'),
    ...(h.metric === 'state'
      ? STATE_NAMES.slice(1).map(name => item(`state-${name}`, name))
      : [item('zero', '0 %'), item('full', '100 % (darker = higher)')]),
  );
}

function heatSection(v: ParticipantsVM): HTMLElement {
  const select = el(
    'select',
    { id: 'heat-metric', 'aria-label': 'Heatmap metric' },
    ...(Object.keys(METRIC_LABELS) as HeatmapMetricVM[]).map(m =>
      el('option', { value: m, ...(m === ui.metric ? { selected: '' } : {}) }, METRIC_LABELS[m]),
    ),
  );
  select.addEventListener('change', () => {
    ui.metric = select.value as HeatmapMetricVM;
    save();
    host.post({ type: 'heatmapQuery', metric: ui.metric });
  });
  const h = heat && heat.metric === ui.metric ? heat : undefined;
  heatView = h ? heatmapView(h, v.users) : undefined;
  const note = h
    ? `${h.rows.length} ${h.rows.length === 1 ? 'user' : 'users'} × ${h.bins} bins of ${h.binSeconds.toFixed(1)} s${h.dropped ? `; ${h.dropped} users without data left out` : ''}. Each row is normalised on its own, as the notebook does.`
    : 'Loading…';
  return titledSection(
    {
      id: 'heat',
      title: 'Users over time',
      controls: el('label', { class: 'field' }, 'Metric ', select),
    },
    el('p', { class: 'note' }, note),
    h ? heatLegend(h) : '',
    heatView?.element ?? '',
  );
}

function csvRows(v: ParticipantsVM): CsvCell[][] {
  return v.users.map(p => [
    p.label,
    p.role,
    p.batch,
    p.events,
    p.bytesIn.audio,
    p.bytesIn.video,
    p.bytesOut.audio,
    p.bytesOut.video,
    ...STATES.map(s => p.states[s]),
  ]);
}
const CSV_HEADER = [
  'user',
  'role',
  'batch',
  'events',
  'bytes in audio',
  'bytes in video',
  'bytes out audio',
  'bytes out video',
  ...STATES.map(s => `${s} s`),
];

const exportActions = exportButtons({
  test: () => vm?.test,
  nameParts: () => ['participants'],
  canvases: () => [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-rendered="true"]')],
  background: () => themeColor('--vscode-editor-background', '#1f1f1f'),
  csv: () => ({ header: CSV_HEADER, rows: vm ? csvRows(vm) : [] }),
  request: file => host.request(common.inbound.exportFile, file),
});

function controls(): HTMLElement {
  const topSelect = el(
    'select',
    { id: 'top-n', 'aria-label': 'Users in the ranked bars' },
    ...[10, 25, 50, 100, 0].map(n =>
      el(
        'option',
        { value: String(n), ...(n === ui.top ? { selected: '' } : {}) },
        n ? `Top ${n}` : 'All users',
      ),
    ),
  );
  topSelect.addEventListener('change', () => {
    ui.top = Number(topSelect.value);
    save();
    render();
  });
  const group = el(
    'select',
    { id: 'group-by', 'aria-label': 'Group users by' },
    ...(['role', 'session'] as const).map(g =>
      el('option', { value: g, ...(g === ui.group ? { selected: '' } : {}) }, g),
    ),
  );
  group.addEventListener('change', () => {
    ui.group = group.value as GroupBy;
    save();
    render();
  });
  return el(
    'div',
    { class: 'control-row participants-controls' },
    el('label', { class: 'field' }, 'Show ', topSelect),
    el('label', { class: 'field' }, 'Group by ', group),
  );
}

function render(): void {
  const v = vm;
  if (!v) return;
  draws = [];
  const head = el(
    'div',
    { class: 'section-head' },
    el('h1', {}, `${v.test} — participants`),
    exportActions,
  );
  if (v.users.length === 0) {
    setState('empty');
    app.replaceChildren(head, el('p', { class: 'status' }, 'No users in this test.'));
    return;
  }
  setState('ready');
  app.replaceChildren(
    head,
    v.hasQos
      ? ''
      : el('p', { class: 'note' }, 'No stats.json byte counters in this test: traffic is zero.'),
    controls(),
    allSection(v),
    rankedSection(v),
    statesSection(v),
    heatSection(v),
  );
  for (const d of draws) d();
  heatView?.draw();
}

function onMessage(m: EventOf<typeof participants>): void {
  if (m.type === 'participants') {
    vm = m.participants;
    if (heat?.test !== vm.test) heat = undefined;
    render();
  } else if (m.type === 'heatmap') {
    heat = m.heatmap;
    ui.metric = m.heatmap.metric;
    render();
  }
}

startView({
  host,
  app,
  hasData: () => vm !== undefined,
  onMessage,
  onThemeChange: () => render(),
});
if (ui.metric !== 'state') host.post({ type: 'heatmapQuery', metric: ui.metric });
