/**
 * The self-contained HTML report (`loadtest-lens report`): reads the report model embedded as JSON
 * in the page and draws, per test, the connection progression, the media-node CPU and VMAF against
 * users connected, with tables and the method notes. No network: everything is inline. Every user
 * string goes through textContent. After each draw a canvas carries data attributes (points per
 * dataset, largest y) that tests read back.
 */
import { Chart, type ChartDataset, type Plugin, type XY } from '../common/pointCharts';
import type { ReportModel, ReportTest } from '../../shared/reportModel';
import './report.css';
import { maxOf, minOf } from '../../shared/arrays';
import { followsText } from '../../shared/loadResults';

Chart.defaults.animation = false;

const rendered: Plugin = {
  id: 'renderedMarker',
  afterRender(chart) {
    const sets = chart.data.datasets.map(d => d.data as XY[]);
    chart.canvas.dataset['rendered'] = 'true';
    chart.canvas.dataset['points'] = sets.map(s => s.length).join(',');
    chart.canvas.dataset['max'] = sets
      .map(s => (s.length ? maxOf(s.map(p => p.y)) : NaN))
      .join(',');
  },
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  cls?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function css(name: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim();
}

const zip = (x: readonly number[], y: readonly number[]): XY[] =>
  x.map((v, i) => ({ x: v, y: y[i] as number }));

function chart(
  parent: HTMLElement,
  title: string,
  xTitle: string,
  yTitle: string,
  datasets: ChartDataset<'line' | 'scatter', XY[]>[],
): void {
  const figure = el('figure');
  figure.append(el('figcaption', title));
  const box = el('div', undefined, 'chart');
  const canvas = el('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', title);
  box.append(canvas);
  figure.append(box);
  parent.append(figure);
  const fg = css('--fg');
  const grid = css('--grid');
  const axis = (text: string) => ({
    type: 'linear' as const,
    title: { display: true, text, color: fg },
    ticks: { color: fg },
    grid: { color: grid },
  });
  new Chart(canvas, {
    type: 'line',
    data: { datasets: datasets as ChartDataset<'line', XY[]>[] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: axis(xTitle), y: axis(yTitle) },
      plugins: { legend: { labels: { color: fg } } },
    },
    plugins: [rendered],
  });
}

function table(parent: HTMLElement, head: string[], rows: (string | number)[][]): void {
  const t = el('table');
  const tr = el('tr');
  for (const h of head) tr.append(el('th', h));
  t.append(el('thead'));
  t.tHead?.append(tr);
  const body = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    for (const c of r) row.append(el('td', String(c)));
    body.append(row);
  }
  t.append(body);
  parent.append(t);
}

const fmt = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);

function drawTest(main: HTMLElement, t: ReportTest): void {
  const section = el('section');
  section.append(el('h2', t.name));
  table(
    section,
    ['platform', 'users', 'connected', 'failed users', 'failure lines', 'duration (s)'],
    [
      [
        t.platform,
        t.users,
        t.connected ?? '—',
        t.failedUsers,
        t.failureLines,
        fmt(t.durationSeconds, 0),
      ],
    ],
  );
  const colors = [css('--c1'), css('--c2'), css('--c3')];
  chart(section, 'Connection progression', 's since test start', 'users', [
    {
      label: 'users connected',
      data: zip(t.progression.t, t.progression.users),
      borderColor: colors[0],
      backgroundColor: colors[0],
      stepped: true,
      pointRadius: 0,
    },
    {
      label: 'failure lines so far',
      data: zip(t.progression.t, t.progression.failures),
      borderColor: colors[1],
      backgroundColor: colors[1],
      stepped: true,
      pointRadius: 0,
      borderDash: [6, 3],
    },
  ]);
  chart(section, 'Media-node CPU', 's since test start', 'CPU %', [
    {
      label: 'CPU',
      data: zip(t.cpu.t, t.cpu.cpu),
      borderColor: colors[2],
      backgroundColor: colors[2],
      pointRadius: 0,
      borderWidth: 1.5,
    },
  ]);
  const qoe: ChartDataset<'line' | 'scatter', XY[]>[] = [
    {
      type: 'scatter',
      label: 'VMAF of a QoE segment',
      data: zip(t.qoe.users, t.qoe.vmaf),
      borderColor: colors[0],
      backgroundColor: colors[0],
      pointRadius: 2,
    },
  ];
  if (t.vmafCurve)
    qoe.push({
      type: 'line',
      label: 'segmented regression',
      data: zip(t.vmafCurve.users, t.vmafCurve.vmaf),
      borderColor: colors[1],
      backgroundColor: colors[1],
      pointRadius: 0,
      borderWidth: 2,
    });
  const vmafKnee = t.load.knees.find(k => k.metric === 'vmaf' && k.load === 'users');
  if (vmafKnee?.knee !== null && vmafKnee?.knee !== undefined && t.qoe.vmaf.length)
    qoe.push({
      type: 'line',
      label: `knee: ${vmafKnee.knee} users`,
      data: [
        { x: vmafKnee.knee, y: minOf(t.qoe.vmaf) },
        { x: vmafKnee.knee, y: maxOf(t.qoe.vmaf) },
      ],
      borderColor: colors[2],
      backgroundColor: colors[2],
      pointRadius: 0,
      borderDash: [4, 4],
    });
  chart(section, 'QoE (VMAF) against users connected', 'users connected', 'VMAF', qoe);
  const causes = [...new Set(t.failures.points.map(p => p.cause))];
  chart(
    section,
    'Failures by cause: users connected at each failure line',
    's since test start',
    'users connected',
    causes.map((cause, i) => ({
      type: 'scatter' as const,
      label: cause,
      data: t.failures.points.filter(p => p.cause === cause).map(p => ({ x: p.time, y: p.users })),
      borderColor: colors[i % colors.length],
      backgroundColor: colors[i % colors.length],
      pointStyle: (['circle', 'triangle', 'rect', 'crossRot', 'star'] as const)[i % 5],
      pointRadius: 4,
    })),
  );
  section.append(el('h3', 'Load knees'));
  table(
    section,
    [
      'metric',
      'load',
      'knee',
      '95 % interval',
      'model',
      'second change (95 %)',
      'slope before → after',
      'jump',
      'follows',
      'F-test p',
      'n',
    ],
    t.load.knees.map(k => [
      k.metric,
      k.load,
      k.knee === null ? 'none' : fmt(k.knee),
      k.low === null ? '—' : `${fmt(k.low)} – ${fmt(k.high)}`,
      k.model,
      k.knee2 === null ? '—' : `${fmt(k.knee2)} (${fmt(k.low2)} – ${fmt(k.high2)})`,
      `${fmt(k.slopeBefore, 4)} → ${fmt(k.slopeAfter, 4)}`,
      fmt(k.jump, 3),
      followsText(k),
      fmt(k.pvalue, 4),
      k.n,
    ]),
  );
  section.append(el('p', `Capacity: ${t.load.capacity?.statement ?? 'no QoE data'}`, 'capacity'));
  section.append(
    el(
      'p',
      `Relative capacity: ${t.load.relativeCapacity?.statement ?? 'too few QoE segments (< 20)'}`,
      'relative-capacity',
    ),
  );
  section.append(
    el(
      'p',
      `Progress: ${t.progressText}`,
      t.progress.stoppedEarly ? 'progress stopped' : 'progress',
    ),
  );
  section.append(el('h3', 'Failures by cause'));
  table(
    section,
    ['cause', 'failure lines', 'median s since start', 'median users connected', 'median CPU %'],
    [
      ...Object.entries(t.failures.counts).map(([cause, n]) => {
        const m = t.failures.medians[cause as keyof typeof t.failures.counts];
        const cpu = m?.cpu === null || m?.cpu === undefined ? null : m.cpu * 100;
        return [cause, n, fmt(m?.time, 0), fmt(m?.users, 0), fmt(cpu, 0)];
      }),
      ['(recovered reconnections)', t.failures.recoveredReconnections, '', '', ''],
    ],
  );
  section.append(el('h3', 'Controller parameters (log)'));
  if (t.parameters.length)
    table(
      section,
      ['section', 'parameter', 'value'],
      t.parameters.map(p => [p.section, p.key, p.value]),
    );
  else section.append(el('p', 'The controller log has no parameter block.'));
  main.append(section);
}

function drawMethod(main: HTMLElement, method: Readonly<Record<string, string>>): void {
  const section = el('section');
  section.append(el('h2', 'Method'));
  const dl = el('dl');
  for (const [k, v] of Object.entries(method)) dl.append(el('dt', k), el('dd', v));
  section.append(dl);
  main.append(section);
}

function start(): void {
  const main = document.getElementById('report') as HTMLElement;
  const text = document.getElementById('report-data')?.textContent ?? '';
  let model: ReportModel;
  try {
    model = JSON.parse(text) as ReportModel;
  } catch {
    main.append(el('p', 'The report data could not be read.', 'error'));
    return;
  }
  main.append(el('h1', `Load test report — ${model.root}`));
  if (model.tests.length === 0) main.append(el('p', 'No test in this root.', 'empty'));
  for (const t of model.tests) drawTest(main, t);
  drawMethod(main, model.method);
  document.body.dataset['ready'] = 'true';
}

start();
