/**
 * Comparison webview: which test is the baseline and which the candidate (a "Swap baseline and
 * candidate" button asks the host to compare again the other way round); the tests overlaid (one
 * colour and point style per test), aligned by time since each test's start or by load (users
 * connected), switchable with two toggle buttons; then per candidate the verdict table against
 * the baseline and the comparability warnings; then each test's failure causes over time and load
 * (drawn as the failure-causes view draws them); PNG of the charts and CSV of the tables.
 * Everything comes computed from the host; this file only draws. After each draw a canvas
 * carries data attributes (mode, points per dataset, largest x) that tests read back.
 */
import { Chart, type ChartDataset, type Plugin, type XY } from '../common/pointCharts';
import type {
  CompareSeriesVM,
  CompareViewVM,
  MetricComparisonVM,
} from '../../shared/views/compare';
import { el, isHighContrast, setState, themeColor, scrollBox } from '../common/dom';
import { startView, viewPage } from '../common/view';
import type { EventOf } from '../common/host';
import { compare } from '../../shared/views/compare';
import { common } from '../../shared/views/common';
import { exportButtons, type CsvCell } from '../common/export';
import { failureCausesSection, type CausesSection } from '../common/failureCauses';

import { maxOf } from '../../shared/arrays';

type Mode = 'time' | 'load';

const { host, app } = viewPage(compare);
let mode: Mode = ((host.savedUi() as { mode?: Mode } | undefined)?.mode ?? 'time') as Mode;
let vm: CompareViewVM | undefined;
let charts: Chart[] = [];
let causes: CausesSection | undefined;
let causeCharts: Chart[] = [];

const PALETTE = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'];
const STYLES = ['circle', 'triangle', 'rect', 'crossRot', 'star', 'rectRot'] as const;

const drawn: Plugin = {
  id: 'drawnMarker',
  afterRender(chart) {
    const sets = chart.data.datasets.map(d => d.data as XY[]);
    chart.canvas.dataset['rendered'] = 'true';
    chart.canvas.dataset['mode'] = mode;
    chart.canvas.dataset['scaleMax'] = String(chart.scales['x']?.max);
    chart.canvas.dataset['points'] = sets.map(s => s.length).join(',');
    chart.canvas.dataset['maxX'] = sets
      .map(s => (s.length ? maxOf(s.map(p => p.x)) : NaN))
      .join(',');
  },
};

interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly yTitle: string;
  readonly line: boolean;
  /** x (per mode) and y of one test. */
  readonly series: (s: CompareSeriesVM) => { x: number[]; y: number[] };
}

/** The charts of a mode: the same quantities, against time or against users connected. */
function specs(m: Mode): ChartSpec[] {
  const at = <T extends { t: number[]; users: number[] }>(v: T) => (m === 'time' ? v.t : v.users);
  const common: ChartSpec[] = [
    {
      id: 'cpu',
      title: 'Media-node CPU',
      yTitle: 'CPU %',
      line: m === 'time',
      series: s => ({ x: at(s.cpu), y: s.cpu.cpu }),
    },
    {
      id: 'vmaf',
      title: 'QoE: VMAF of each QoE segment',
      yTitle: 'VMAF',
      line: false,
      series: s => ({ x: at(s.vmaf), y: s.vmaf.vmaf }),
    },
    {
      id: 'connection',
      title: 'Connection-start time',
      yTitle: 's',
      line: false,
      series: s => ({ x: at(s.connection), y: s.connection.seconds }),
    },
  ];
  return m === 'time'
    ? [
        {
          id: 'users',
          title: 'Users connected',
          yTitle: 'users',
          line: true,
          series: s => ({ x: s.users.t, y: s.users.users }),
        },
        ...common,
      ]
    : common;
}

function dataset(
  s: CompareSeriesVM,
  i: number,
  spec: ChartSpec,
): ChartDataset<'line' | 'scatter', XY[]> {
  const color = themeColor(
    PALETTE[i % PALETTE.length] as string,
    FALLBACK[i % FALLBACK.length] as string,
  );
  const { x, y } = spec.series(s);
  return {
    // scatter for points: Chart.js line datasets assume x sorted, which points against load are not
    type: spec.line ? 'line' : 'scatter',
    label: `${roleOf(i)}: ${s.label}`,
    data: x.map((v, k) => ({ x: v, y: y[k] as number })),
    borderColor: color,
    backgroundColor: color,
    showLine: spec.line,
    stepped: spec.id === 'users',
    pointRadius: spec.line ? 0 : 2.5,
    pointStyle: STYLES[i % STYLES.length],
    borderWidth: isHighContrast() ? 2.5 : 1.5,
    borderDash: i % 2 ? [6, 3] : [],
  };
}

/** The first test is the baseline, every other one a candidate compared with it. */
const roleOf = (i: number): string => (i === 0 ? 'baseline' : 'candidate');

function drawCharts(box: HTMLElement, series: CompareSeriesVM[]): void {
  for (const c of charts) c.destroy();
  charts = [];
  box.replaceChildren();
  const fg = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor('--vscode-editorWidget-border', '#454545');
  const xTitle = mode === 'time' ? 's since test start' : 'users connected';
  for (const spec of specs(mode)) {
    const canvas = el('canvas', {
      id: `chart-${spec.id}`,
      role: 'img',
      'aria-label': `${spec.title} against ${xTitle}`,
    });
    box.append(
      el('h2', {}, `${spec.title} — against ${xTitle}`),
      el('div', { class: 'chart-box' }, canvas),
    );
    const axis = (text: string) => ({
      type: 'linear' as const,
      title: { display: true, text, color: fg },
      ticks: { color: fg },
      grid: { color: grid },
    });
    charts.push(
      new Chart(canvas, {
        type: 'line',
        data: {
          datasets: series.map((s, i) => dataset(s, i, spec)) as ChartDataset<'line', XY[]>[],
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: { x: axis(xTitle), y: axis(spec.yTitle) },
          plugins: { legend: { labels: { color: fg, usePointStyle: true } } },
        },
        plugins: [drawn],
      }),
    );
  }
}

function toggle(box: HTMLElement): HTMLElement {
  const button = (m: Mode, label: string) => {
    const b = el(
      'button',
      { class: 'align-toggle', 'aria-pressed': String(mode === m), 'data-mode': m },
      label,
    );
    b.addEventListener('click', () => {
      mode = m;
      host.saveUi({ mode });
      for (const other of bar.querySelectorAll('button'))
        other.setAttribute('aria-pressed', String(other.dataset['mode'] === mode));
      if (vm) drawCharts(box, vm.series);
    });
    return b;
  };
  const bar = el(
    'div',
    { class: 'ts-toolbar', role: 'group', 'aria-label': 'Align the tests' },
    el('span', {}, 'Align by: '),
    button('time', 'Wall clock from test start'),
    button('load', 'Load (users connected)'),
  );
  return bar;
}

/**
 * Which test is the baseline and which the candidate(s), each candidate with a button that
 * compares again with the two exchanged (the host replaces this view by that comparison).
 */
function sides(series: CompareSeriesVM[]): HTMLElement {
  const swap = (i: number, s: CompareSeriesVM) => {
    const b = el(
      'button',
      {
        type: 'button',
        class: 'swap-sides',
        'data-candidate': String(i),
        title: `Compare again with ${s.label} as the baseline`,
      },
      'Swap baseline and candidate',
    );
    b.addEventListener('click', () => {
      b.disabled = true;
      b.textContent = 'Comparing the other way round…';
      host.post({ type: 'swapSides', candidate: i });
    });
    return b;
  };
  return el(
    'dl',
    { class: 'sides', 'aria-label': 'Sides of the comparison' },
    ...series.flatMap((s, i) => [
      el('dt', {}, i === 0 ? 'Baseline' : 'Candidate'),
      el('dd', { 'data-role': roleOf(i) }, s.label, ...(i === 0 ? [] : [' ', swap(i, s)])),
    ]),
  );
}

/** The tables as one CSV: a verdict per candidate and metric, then each test's failure causes. */
function compareCsvRows(v: CompareViewVM): CsvCell[][] {
  const verdicts = v.comparisons.flatMap(c =>
    c.rows.flatMap(r => {
      const subject = `${c.candidate} vs baseline ${c.baseline}`;
      const row = `${r.metric} (${r.test})`;
      const fields: Array<[string, CsvCell]> = [
        ['verdict', r.verdict],
        ['baseline', r.baseline ?? undefined],
        ['candidate', r.candidate ?? undefined],
        ['effect', r.effect],
        ['Holm p', r.pAdjusted ?? undefined],
        ['unit', r.unit],
      ];
      return fields.map(([field, value]) => ['verdicts', subject, row, field, value]);
    }),
  );
  const f = v.failures;
  const failures = f.tests.flatMap(t =>
    f.causes.flatMap((cause, i) => {
      const m = t.medians[i];
      const fields: Array<[string, CsvCell]> = [
        ['failures', t.counts[i]],
        ['share %', t.shares[i] ?? undefined],
        ['median time s', m?.time],
        ['median users', m?.users],
        ['median CPU', m?.cpu ?? undefined],
      ];
      return fields.map(([field, value]) => ['failure causes', t.label, cause, field, value]);
    }),
  );
  return [...verdicts, ...failures];
}

const exportActions = exportButtons({
  test: () => (vm?.series.length ? vm.series.map(s => s.test).join(' vs ') : undefined),
  nameParts: () => ['compare'],
  canvases: () => [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-rendered="true"]')],
  background: () => themeColor('--vscode-editor-background', '#1f1f1f'),
  csv: () => ({
    header: ['table', 'subject', 'row', 'field', 'value'],
    rows: vm ? compareCsvRows(vm) : [],
  }),
  request: file => host.request(common.inbound.exportFile, file),
});

const fmt = (v: number | null): string =>
  v === null || !Number.isFinite(v) ? '—' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);

function verdictTable(c: MetricComparisonVM): HTMLElement {
  const rows = c.rows.map(r =>
    el(
      'tr',
      {},
      el('td', {}, r.metric),
      el('td', { class: `verdict ${r.verdict.replace(/ /g, '-')}` }, r.verdict),
      el('td', { class: 'num' }, fmt(r.baseline)),
      el('td', { class: 'num' }, fmt(r.candidate)),
      el('td', {}, r.effect),
      el('td', { class: 'num' }, fmt(r.pAdjusted)),
      el('td', {}, r.test),
      el('td', {}, r.unit),
    ),
  );
  const head = el(
    'tr',
    {},
    ...[
      'metric',
      'verdict',
      'baseline',
      'candidate',
      'effect [95 % CI]',
      'Holm p',
      'test',
      'unit',
    ].map(h => el('th', {}, h)),
  );
  return el('table', { class: 'verdicts' }, el('thead', {}, head), el('tbody', {}, ...rows));
}

function warnings(c: MetricComparisonVM): HTMLElement {
  if (!c.warnings.length)
    return el('p', { class: 'note' }, 'No comparability warning: same set-up on both sides.');
  return el(
    'ul',
    { class: 'warnings' },
    ...c.warnings.map(w =>
      el('li', {}, `⚠ ${w.message}: baseline ${w.baseline}; candidate ${w.candidate}`),
    ),
  );
}

/** Users started and the stop reason per side, the parameters that differ, who fails where. */
function runFacts(c: MetricComparisonVM): HTMLElement {
  const diff = c.configDiff.length
    ? el('ul', { class: 'config-diff' }, ...c.configDiff.map(d => el('li', {}, d)))
    : el('p', { class: 'config-same' }, "No difference in the controller's parameters.");
  return el(
    'div',
    { class: 'run-facts' },
    el(
      'ul',
      { class: 'progress' },
      el('li', {}, `Baseline: ${c.progress.baseline}`),
      el('li', {}, `Candidate: ${c.progress.candidate}`),
    ),
    el('h3', {}, 'Configuration differences'),
    diff,
    el('h3', {}, 'Who fails across the two runs'),
    el(
      'ul',
      { class: 'cross-run' },
      ...c.crossRun.map(x =>
        el(
          'li',
          {},
          `${x.what}: ${x.text}`,
          ...(x.onlyCandidate.length
            ? [
                el(
                  'span',
                  { class: 'only-candidate' },
                  ` — only in the candidate: ${x.onlyCandidate.join(', ')}`,
                ),
              ]
            : []),
        ),
      ),
    ),
  );
}

function render(): void {
  if (!vm) return;
  if (vm.series.length < 2) {
    setState('empty');
    app.replaceChildren(el('p', { class: 'status' }, 'Pick two or more tests to compare.'));
    return;
  }
  const box = el('div', { id: 'charts' });
  const capacities = el(
    'ul',
    { class: 'capacity' },
    ...vm.series.map((s, i) =>
      el(
        'li',
        {},
        `${roleOf(i)} ${s.label}: ${s.capacity ?? 'no QoE'}${s.knee === null ? '' : `; VMAF knee at ${s.knee} users`}`,
      ),
    ),
  );
  const sections = vm.comparisons.map(c =>
    el(
      'section',
      {},
      el('h2', {}, `Candidate ${c.candidate} against baseline ${c.baseline}`),
      warnings(c),
      runFacts(c),
      scrollBox(verdictTable(c)),
    ),
  );
  for (const c of causeCharts) c.destroy();
  causes = failureCausesSection(
    vm.failures,
    { id: 'causes', title: 'Failure causes over time and load' },
    (t, i) => `${roleOf(i)}: ${t.label}`,
  );
  app.replaceChildren(
    el(
      'div',
      { class: 'section-head' },
      el(
        'h1',
        {},
        'Comparison ',
        el('span', { class: 'sub' }, `baseline ${vm.series[0]?.label ?? ''}`),
      ),
      exportActions,
    ),
    sides(vm.series),
    toggle(box),
    box,
    el('h2', {}, 'Capacity'),
    capacities,
    ...sections,
    causes.element,
  );
  drawCharts(box, vm.series);
  causeCharts = causes.draw();
  setState('ready');
}

startView({
  host,
  app,
  hasData: () => vm !== undefined,
  onMessage: (message: EventOf<typeof compare>) => {
    if (message.type !== 'comparison') return;
    vm = message.comparison;
    render();
  },
  onThemeChange: () => {
    if (!vm) return;
    drawCharts(document.getElementById('charts') as HTMLElement, vm.series);
    for (const c of causeCharts) c.destroy();
    causeCharts = causes?.draw() ?? [];
  },
});
