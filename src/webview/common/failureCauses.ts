/**
 * The failure causes of tests, drawn the same way by the failure-causes view and the compare
 * view: per test, its failure lines by cause over test time and load (a scatter of each line's
 * test time against the users connected then, one colour and point style per cause) and a table
 * of the count, share and median load (test time, users connected, CPU) of each cause. Everything
 * comes computed in a {@link FailureCausesVM}; this module only draws. After each draw a chart's
 * canvas carries data attributes (points per cause, largest x and y) that tests read back.
 */
import type { FailureCausesTestVM, FailureCausesVM } from '../../shared/views/failureCauses';
import { maxOf } from '../../shared/arrays';
import { el, isHighContrast, themeColor, titledSection, scrollBox } from './dom';
import { Chart, type ChartDataset, type Plugin, type XY } from './pointCharts';

/** One colour variable (with its fallback) and point style per cause, in the model's order. */
const CAUSE_COLORS: readonly (readonly [string, string])[] = [
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-yellow', '#cca700'],
];
const CAUSE_STYLES = ['circle', 'triangle', 'rect', 'crossRot', 'star'] as const;

function fixed(value: number | null | undefined, digits: number, unit = ''): string {
  return value === null || value === undefined ? '–' : `${value.toFixed(digits)}${unit}`;
}

const drawnMarker: Plugin = {
  id: 'causesDrawn',
  afterRender(chart) {
    const sets = chart.data.datasets.map(d => d.data as XY[]);
    const all = sets.flat();
    chart.canvas.dataset['rendered'] = 'true';
    chart.canvas.dataset['points'] = sets.map(s => s.length).join(',');
    chart.canvas.dataset['maxX'] = all.length ? String(maxOf(all.map(p => p.x))) : '';
    chart.canvas.dataset['maxY'] = all.length ? String(maxOf(all.map(p => p.y))) : '';
  },
};

function causesTable(v: FailureCausesVM, t: FailureCausesTestVM): HTMLElement {
  const head = el(
    'tr',
    {},
    ...['cause', 'failures', 'share', 'median time (s)', 'median users', 'median CPU'].map(h =>
      el('th', { scope: 'col' }, h),
    ),
  );
  const rows = v.causes.map((cause, i) => {
    const m = t.medians[i];
    return el(
      'tr',
      { 'data-cause': cause },
      el('th', { scope: 'row', title: v.notes[i] ?? '' }, cause),
      el('td', { class: 'num' }, String(t.counts[i] ?? 0)),
      el('td', { class: 'num' }, fixed(t.shares[i], 1, ' %')),
      el('td', { class: 'num' }, fixed(m?.time, 0)),
      el('td', { class: 'num' }, fixed(m?.users, 0)),
      el('td', { class: 'num' }, m?.cpu === null || m === null ? '–' : fixed(m?.cpu, 2)),
    );
  });
  return scrollBox(
    el(
      'table',
      { class: 'causes-table', 'data-test': t.label },
      el('thead', {}, head),
      el('tbody', {}, ...rows),
    ),
  );
}

/** The scatter of a test's failure lines: test time against users connected, per cause. */
function drawCausesChart(canvas: HTMLCanvasElement, v: FailureCausesVM, t: FailureCausesTestVM) {
  const fg = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor('--vscode-editorWidget-border', '#454545');
  const datasets: ChartDataset<'scatter', XY[]>[] = v.causes.map((cause, i) => {
    const [name, fallback] = CAUSE_COLORS[i % CAUSE_COLORS.length] as readonly [string, string];
    const color = themeColor(name, fallback);
    const p = t.points[i];
    return {
      type: 'scatter',
      label: cause,
      data: p ? p.time.map((x, k) => ({ x, y: p.users[k] as number })) : [],
      borderColor: color,
      backgroundColor: color,
      pointStyle: CAUSE_STYLES[i % CAUSE_STYLES.length],
      pointRadius: 5,
      borderWidth: isHighContrast() ? 2 : 1,
    };
  });
  const axis = (text: string) => ({
    type: 'linear' as const,
    title: { display: true, text, color: fg },
    ticks: { color: fg },
    grid: { color: grid },
  });
  return new Chart(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: axis('s since test start'), y: axis('users connected') },
      plugins: {
        legend: {
          labels: {
            color: fg,
            usePointStyle: true,
            // only the causes this test has
            filter: item => (datasets[item.datasetIndex ?? 0]?.data.length ?? 0) > 0,
          },
        },
      },
    },
    plugins: [drawnMarker],
  });
}

/** What a page inserts, then draws once it is in the document (Chart.js sizes by its box). */
export interface CausesSection {
  readonly element: HTMLElement;
  /** Whether any test failed or reconnected. */
  readonly any: boolean;
  /** Draws the charts in the current theme's colours; destroy them before drawing again. */
  draw(): Chart[];
}

function testSection(
  v: FailureCausesVM,
  t: FailureCausesTestVM,
  id: string,
  title: string,
): { element: HTMLElement; canvas: HTMLCanvasElement | null } {
  const canvas =
    t.total > 0
      ? el('canvas', {
          id: `${id}-chart`,
          class: 'causes-chart',
          role: 'img',
          'aria-label': `Failure lines of ${t.label} by cause: users connected against s since test start`,
        })
      : null;
  const element = titledSection(
    { id, title, level: 'h3', attrs: { class: 'causes' } },
    el(
      'p',
      { class: 'note' },
      t.total === 0
        ? 'No failure lines in this test.'
        : `${t.total} failure lines; ${t.recovered} reconnections recovered.`,
    ),
    ...(canvas ? [el('div', { class: 'chart-box' }, canvas)] : []),
    causesTable(v, t),
  );
  return { element, canvas };
}

/**
 * The failure causes of every test under `head`, one subsection each (`<id>-<index>`, titled by
 * `titleOf`, else the test's label), or a note that no test failed nor reconnected
 * (`#<id>-empty`).
 */
export function failureCausesSection(
  v: FailureCausesVM,
  head: { readonly id: string; readonly title: string },
  titleOf: (t: FailureCausesTestVM, index: number) => string = t => t.label,
): CausesSection {
  const any = v.tests.some(t => t.total > 0 || t.recovered > 0);
  const parts = any
    ? v.tests.map((t, i) => testSection(v, t, `${head.id}-${i}`, titleOf(t, i)))
    : [];
  const none = el(
    'p',
    { class: 'status', id: `${head.id}-empty` },
    'No failures and no reconnections in these tests.',
  );
  return {
    any,
    element: titledSection(head, ...(any ? parts.map(p => p.element) : [none])),
    draw: () =>
      parts.flatMap((p, i) =>
        p.canvas ? [drawCausesChart(p.canvas, v, v.tests[i] as FailureCausesTestVM)] : [],
      ),
  };
}
