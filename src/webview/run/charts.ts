/**
 * The run view's charts: the load-vs-degradation pair (participants and CPU above, a quality
 * metric below, on one time axis with aligned plot areas, or the metric against participants)
 * and the platform metrics as small multiples. Every time chart zooms and pans together
 * (wheel with Ctrl, drag, keys), shades the steady window, and says units in axes and tooltips.
 * Series differ by dash and point style as well as colour.
 */
import { Filler, LogarithmicScale, type ChartDataset, type Plugin } from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
import type { RunScenarioVM, RunSeriesVM } from '../../shared/views/run';
import { isHighContrast, themeColor } from '../common/dom';
import { Chart } from '../common/pointCharts';
import { formatWithUnit } from '../../shared/format';
import {
  effectiveMode,
  formatClock,
  timeScaleOptions,
  zoneText,
  type TimeAxisMode,
  type TimeBase,
} from '../common/timeAxis';
import { maxOf, minOf } from '../../shared/arrays';

Chart.register(LogarithmicScale, Filler, zoomPlugin);

export type Pt = { x: number; y: number };
export type RunChart = Chart<'line' | 'scatter', Pt[]>;

const PALETTE: readonly [string, string][] = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-yellow', '#cca700'],
];
const DASHES: readonly number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3], [4, 2], [1, 2]];
const POINTS = ['circle', 'triangle', 'rect', 'crossRot', 'rectRot', 'star'] as const;

export function styleOf(i: number) {
  const [name, fallback] = PALETTE[i % PALETTE.length]!;
  return {
    color: themeColor(name, fallback),
    dash: DASHES[i % DASHES.length]!,
    point: POINTS[i % POINTS.length]!,
  };
}

export function unitText(unit: string): string {
  return unit === 'bps' ? 'bit/s' : unit;
}

/** Axis ticks: 1.2k, 34M, 1.5G; small values as they are. */
export function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${+(v / 1e9).toFixed(1)}G`;
  if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toFixed(1)}k`;
  return String(+v.toFixed(3));
}

export function secondsText(s: number): string {
  const t = Math.round(s);
  return `${Math.floor(t / 60)}:${String(Math.abs(t % 60)).padStart(2, '0')}`;
}

function fg(): string {
  return themeColor('--vscode-foreground', '#cccccc');
}
function grid(): string {
  return themeColor('--vscode-editorWidget-border', '#454545');
}

/** Shades the steady window (and labels it) behind the data. */
export function steadyPlugin(
  steady: () => { start: number; end: number } | undefined,
): Plugin<'line' | 'scatter'> {
  return {
    id: 'steadyWindow',
    beforeDatasetsDraw(chart) {
      const w = steady();
      const x = chart.scales['x'];
      if (!w || !x || isScatter(chart)) return;
      const { top, bottom, left, right } = chart.chartArea;
      const a = Math.max(left, x.getPixelForValue(w.start));
      const b = Math.min(right, x.getPixelForValue(w.end));
      if (!(b > a)) return;
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = themeColor('--vscode-editor-selectionBackground', '#264f78');
      ctx.globalAlpha = isHighContrast() ? 0.25 : 0.18;
      ctx.fillRect(a, top, b - a, bottom - top);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = themeColor('--vscode-focusBorder', '#007fd4');
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(a, top);
      ctx.lineTo(a, bottom);
      ctx.moveTo(b, top);
      ctx.lineTo(b, bottom);
      ctx.stroke();
      ctx.fillStyle = fg();
      ctx.font = '11px sans-serif';
      ctx.fillText('steady', a + 4, top + 12);
      ctx.restore();
    },
  };
}

/** True for the participants-on-x scatter, which has no time axis. */
export function isScatter(chart: { config: unknown }): boolean {
  return (chart.config as { type?: string }).type === 'scatter';
}

/** Axis width shared by the aligned charts, so their plot areas start at the same x. */
const Y_AXIS_WIDTH = 64;

/** The x axis: m:ss since the test case started, or the wall clock in the controller's zone. */
function timeScale(extent: readonly [number, number], time: TimeAxis) {
  const relative = {
    type: 'linear' as const,
    min: extent[0],
    max: extent[1],
    title: { display: true, text: 'time since the test case started (m:ss)', color: fg() },
    ticks: { color: fg(), callback: (v: number | string) => secondsText(Number(v)) },
    grid: { color: grid() },
  };
  if (effectiveMode(time.mode, time.base) !== 'clock') return relative;
  const clock = timeScaleOptions('clock', time.base, fg());
  return {
    ...relative,
    ...clock,
    title: { ...clock.title, text: `wall clock (${zoneText(time.base)})` },
  };
}

export interface TimeAxis {
  readonly mode: TimeAxisMode;
  readonly base: TimeBase;
}

function instantText(x: number, time: TimeAxis): string {
  return effectiveMode(time.mode, time.base) === 'clock'
    ? `${formatClock(time.base, x)} ${zoneText(time.base)} (${secondsText(x)} after the start)`
    : `${secondsText(x)} after the start`;
}

function yScale(
  title: string,
  position: 'left' | 'right',
  log: boolean,
  min?: number,
  max?: number,
) {
  return {
    type: log ? ('logarithmic' as const) : ('linear' as const),
    position,
    min,
    max,
    title: { display: true, text: title, color: fg() },
    ticks: { color: fg(), callback: (v: number | string) => compact(Number(v)) },
    grid: { color: grid(), drawOnChartArea: position === 'left' },
    afterFit: (axis: { width: number }) => {
      axis.width = Y_AXIS_WIDTH;
    },
  };
}

function dataset(
  s: RunSeriesVM,
  i: number,
  yAxisID: string,
  log: boolean,
  label = s.label,
): ChartDataset<'line', Pt[]> {
  const st = styleOf(i);
  return {
    label: `${label} (${unitText(s.unit)})`,
    data: s.points.map(([x, y]) => ({ x, y: log && y <= 0 ? NaN : y })),
    yAxisID,
    borderColor: st.color,
    backgroundColor: st.color,
    borderDash: st.dash,
    borderWidth: isHighContrast() ? 3 : 2,
    pointStyle: st.point,
    pointRadius: s.points.length <= 60 ? 2.5 : 0,
    pointHoverRadius: 5,
    spanGaps: false,
    tension: 0,
  };
}

export interface ChartOptions {
  readonly extent: readonly [number, number];
  readonly log: boolean;
  readonly onZoom: (chart: RunChart) => void;
  readonly steady: () => { start: number; end: number } | undefined;
  readonly tooltipUnit: (datasetIndex: number) => string;
  readonly time: TimeAxis;
}

function zoomOptions(onZoom: (chart: RunChart) => void) {
  return {
    pan: {
      enabled: true,
      mode: 'x' as const,
      onPanComplete: ({ chart }: { chart: Chart }) => onZoom(chart as RunChart),
    },
    zoom: {
      wheel: { enabled: true, modifierKey: 'ctrl' as const },
      pinch: { enabled: true },
      drag: { enabled: true, modifierKey: 'shift' as const },
      mode: 'x' as const,
      onZoomComplete: ({ chart }: { chart: Chart }) => onZoom(chart as RunChart),
    },
  };
}

/** What a chart drew, for tests and curious users: each dataset's label, size, min and max. */
export function markDrawn(
  canvas: HTMLCanvasElement,
  datasets: readonly { label?: string; data: readonly Pt[] }[],
): void {
  canvas.dataset['drawn'] = JSON.stringify(
    datasets.map(d => {
      const ys = d.data.map(p => p.y).filter(Number.isFinite);
      const xs = d.data.map(p => p.x);
      return {
        label: d.label ?? '',
        n: d.data.length,
        xMax: xs.length ? maxOf(xs) : null,
        min: ys.length ? minOf(ys) : null,
        max: ys.length ? maxOf(ys) : null,
      };
    }),
  );
  canvas.dataset['rendered'] = 'true';
}

export function timeChart(
  canvas: HTMLCanvasElement,
  datasets: ChartDataset<'line', Pt[]>[],
  scales: Record<string, object>,
  o: ChartOptions,
): RunChart {
  markDrawn(canvas, datasets);
  const clock = effectiveMode(o.time.mode, o.time.base) === 'clock';
  canvas.dataset['axis'] = clock ? 'clock' : 'relative';
  canvas.dataset['axisStart'] = clock
    ? formatClock(o.time.base, o.extent[0])
    : secondsText(o.extent[0]);
  return new Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: { x: timeScale(o.extent, o.time), ...scales },
      plugins: {
        legend: { labels: { color: fg(), usePointStyle: true } },
        tooltip: {
          callbacks: {
            title: items => (items[0] ? instantText(items[0].parsed.x ?? 0, o.time) : ''),
            label: item =>
              `${item.dataset.label?.replace(/ \([^)]*\)$/, '')}: ${formatWithUnit(item.parsed.y ?? NaN, o.tooltipUnit(item.datasetIndex))}`,
          },
        },
        zoom: zoomOptions(o.onZoom),
      },
    },
    plugins: [steadyPlugin(o.steady)],
  }) as unknown as RunChart;
}

/** Participants on the left axis, CPU (media / master / worker, per node or the host's mean per role) on the right. */
export function loadDatasets(
  s: RunScenarioVM,
  perNode: boolean,
): { datasets: ChartDataset<'line', Pt[]>[]; units: string[] } {
  const datasets: ChartDataset<'line', Pt[]>[] = [];
  const units: string[] = [];
  const participants = s.series.find(x => x.name === 'participants' && !x.node);
  if (participants) {
    datasets.push({
      ...dataset(participants, 0, 'y', false, 'Participants'),
      fill: 'origin',
      backgroundColor: `${styleOf(0).color}22`,
    });
    units.push(participants.unit);
  }
  const cpu = perNode ? s.series.filter(x => x.name === 'cpu' && x.node) : s.cpuByRole;
  cpu.forEach((c, i) => {
    datasets.push(dataset(c, i + 1, 'cpu', false));
    units.push('%');
  });
  return { datasets, units };
}

export function loadScales(log: boolean) {
  return {
    y: yScale('participants', 'left', log, log ? undefined : 0),
    cpu: yScale('CPU (%)', 'right', false, 0, 100),
  };
}

export function scatterChart(
  canvas: HTMLCanvasElement,
  scenarios: readonly RunScenarioVM[],
  metric: RunSeriesVM,
  log: boolean,
  yRange: [number | undefined, number | undefined],
): RunChart {
  // Every test case of the run, one group each, so the knee across load levels shows.
  const groups = scenarios.map(s => ({
    label: s.label,
    points: (s.degradation.find(d => d.name === metric.name)?.versusLoad ?? []).map(
      ([x, y]): Pt => ({ x, y }),
    ),
  }));
  markDrawn(
    canvas,
    groups.map(g => ({ label: g.label, data: g.points })),
  );
  return new Chart(canvas, {
    type: 'scatter',
    data: {
      datasets: groups.map((g, i) => {
        const st = styleOf(i);
        return {
          label: g.label,
          data: g.points,
          borderColor: st.color,
          backgroundColor: st.color,
          pointStyle: st.point,
          pointRadius: 4,
        };
      }),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      scales: {
        x: {
          type: 'linear',
          min: 0,
          title: { display: true, text: 'participants on the platform', color: fg() },
          ticks: { color: fg() },
          grid: { color: grid() },
        },
        y: { ...yScale(`${metric.label} (${unitText(metric.unit)})`, 'left', log, ...yRange) },
      },
      plugins: {
        legend: { labels: { color: fg(), usePointStyle: true } },
        tooltip: {
          callbacks: {
            label: item =>
              `${item.dataset.label}: ${formatWithUnit(item.parsed.y ?? NaN, metric.unit)} at ${item.parsed.x} participants`,
          },
        },
      },
    },
  }) as unknown as RunChart;
}

export { dataset as seriesDataset, yScale };
