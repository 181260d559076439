/**
 * One time-series chart (Chart.js line chart with chartjs-plugin-zoom): lines and step lines,
 * mean lines with their min–max band, threshold lines, CPU and memory on a 0–100% axis. Colours
 * come from the theme's `--vscode-charts-*` variables; every series also differs by dash and
 * point style, so nothing depends on colour alone. New data for a zoomed range replaces the
 * datasets without touching the zoom.
 */
import {
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
  type Plugin,
} from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
import type { AxisVM, ChartVM, SeriesUnit } from '../../shared/views/timeSeries';
import { isHighContrast, themeColor } from '../common/dom';
import { nodeLine } from '../common/nodeSeries';
import { timeScaleOptions, type TimeAxisMode } from '../common/timeAxis';
import { formatValue } from './format';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip, Filler, zoomPlugin);

/** A drawn point; band rows carry their min, max and sample count for the tooltip. */
export interface Pt {
  x: number;
  y: number | null;
  lo?: number;
  hi?: number;
  n?: number;
}

export type TimeChart = Chart<'line', Pt[]>;

/** What each dataset of the chart is, by dataset index. */
export interface DatasetMeta {
  readonly series: string;
  readonly label: string;
  readonly unit: SeriesUnit;
  readonly role: 'line' | 'mean' | 'low' | 'high' | 'threshold';
}

/** A series as the legend lists it: its datasets, colour and non-colour cue. */
export interface SeriesStyle {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly dash: readonly number[];
  readonly point: 'circle' | 'triangle' | 'rect' | 'crossRot' | 'rectRot' | 'star' | 'line';
}

interface Look {
  readonly color: [string, string];
  readonly dash: number[];
  readonly point: SeriesStyle['point'];
}

/** Colour variable (with fallback), dash and point style of every series id. */
const LOOKS: Record<string, Look> = {
  publishers: { color: ['--vscode-charts-purple', '#b180d7'], dash: [], point: 'circle' },
  subscribers: { color: ['--vscode-charts-green', '#89d185'], dash: [8, 4], point: 'triangle' },
  streams_in: { color: ['--vscode-charts-yellow', '#cca700'], dash: [2, 3], point: 'rect' },
  streams_out: {
    color: ['--vscode-charts-red', '#f14c4c'],
    dash: [10, 3, 2, 3],
    point: 'crossRot',
  },
  vmaf: { color: ['--vscode-charts-purple', '#b180d7'], dash: [], point: 'circle' },
  visqol: { color: ['--vscode-charts-green', '#89d185'], dash: [8, 4], point: 'triangle' },
  video: { color: ['--vscode-charts-purple', '#b180d7'], dash: [], point: 'circle' },
  audio: { color: ['--vscode-charts-green', '#89d185'], dash: [8, 4], point: 'triangle' },
  cpu: { color: ['--vscode-charts-blue', '#3794ff'], dash: [], point: 'circle' },
  memory: { color: ['--vscode-charts-orange', '#d18616'], dash: [6, 4], point: 'rectRot' },
  threshold: { color: ['--vscode-errorForeground', '#f85149'], dash: [3, 3], point: 'line' },
};

export function seriesStyle(id: string, label: string): SeriesStyle {
  const look = LOOKS[id] ?? LOOKS['cpu']!;
  return { id, label, color: themeColor(...look.color), dash: look.dash, point: look.point };
}

/** `#rrggbb` with an alpha, for band fills; other colour syntaxes are returned unchanged. */
function withAlpha(color: string, alpha: number): string {
  return /^#[0-9a-f]{6}$/i.test(color)
    ? `${color}${Math.round(alpha * 255)
        .toString(16)
        .padStart(2, '0')}`
    : color;
}

type LineDataset = ChartDataset<'line', Pt[]>;

function styled(style: SeriesStyle, data: Pt[], showPoints: boolean): LineDataset {
  return {
    label: style.label,
    data,
    borderColor: style.color,
    backgroundColor: style.color,
    borderWidth: isHighContrast() ? 3 : 2,
    borderDash: [...style.dash],
    pointStyle: style.point === 'line' ? false : style.point,
    pointRadius: showPoints ? 3 : 0,
    pointHoverRadius: 5,
  };
}

/** The datasets of a chart view model, with what each one is. */
export function datasetsOf(vm: ChartVM): { datasets: LineDataset[]; metas: DatasetMeta[] } {
  const datasets: LineDataset[] = [];
  const metas: DatasetMeta[] = [];
  const add = (d: LineDataset, meta: DatasetMeta) => {
    datasets.push(d);
    metas.push(meta);
  };
  for (const b of vm.bands) {
    const style = seriesStyle(b.id, b.label);
    const rows = b.xs.map((x, i) => ({ x, lo: b.min[i]!, hi: b.max[i]!, n: b.n[i]! }));
    const edge = (key: 'lo' | 'hi'): LineDataset => ({
      label: `${b.label} ${key === 'lo' ? 'min' : 'max'}`,
      data: rows.map(r => ({ x: r.x, y: r[key] })),
      borderWidth: 0,
      pointRadius: 0,
      pointHoverRadius: 0,
      borderColor: 'transparent',
      backgroundColor: withAlpha(style.color, 0.22),
      fill: key === 'hi' ? '-1' : false,
      yAxisID: b.axis,
    });
    add(edge('lo'), { series: b.id, label: b.label, unit: b.unit, role: 'low' });
    add(edge('hi'), { series: b.id, label: b.label, unit: b.unit, role: 'high' });
    const mean = rows.map((r, i) => ({ ...r, y: b.mean[i] ?? null }));
    add(
      { ...styled(style, mean, rows.length <= 120), label: `${b.label} (mean)`, yAxisID: b.axis },
      { series: b.id, label: b.label, unit: b.unit, role: 'mean' },
    );
  }
  for (const l of vm.lines) {
    const pts = l.xs.map((x, i) => ({ x, y: l.ys[i] ?? null }));
    const base =
      l.id === 'cpu' || l.id === 'memory'
        ? { ...nodeLine([], l.id, pts.length <= 200), data: pts }
        : { ...styled(seriesStyle(l.id, l.label), pts, pts.length <= 120), stepped: l.stepped };
    add(
      { ...base, label: l.label, yAxisID: l.axis },
      { series: l.id, label: l.label, unit: l.unit, role: 'line' },
    );
  }
  for (const t of vm.thresholds) {
    const style = seriesStyle('threshold', t.label);
    const line = [vm.window[0], vm.window[1]].map(x => ({ x, y: t.value }));
    const unit = vm.axes.find(a => a.id === t.axis)?.unit ?? 'count';
    add(
      { ...styled(style, line, false), yAxisID: t.axis },
      { series: 'threshold', label: t.label, unit, role: 'threshold' },
    );
  }
  return { datasets, metas };
}

/** The series the legend lists (bands once, not their edges). */
export function legendSeries(vm: ChartVM): SeriesStyle[] {
  return [
    ...vm.bands.map(b => seriesStyle(b.id, `${b.label} (mean, min–max band)`)),
    ...vm.lines.map(l => seriesStyle(l.id, l.label)),
    ...vm.thresholds.map(t => seriesStyle('threshold', t.label)),
  ];
}

/** One series' line of the tooltip: value with unit; a mean with its band and samples. */
export function tooltipLabel(meta: DatasetMeta, p: Pt): string {
  if (meta.role !== 'mean') return `${meta.label}: ${formatValue(meta.unit, p.y)}`;
  const band = `min ${formatValue(meta.unit, p.lo ?? null, false)}, max ${formatValue(meta.unit, p.hi ?? null, false)}`;
  return `${meta.label}: mean ${formatValue(meta.unit, p.y)} (${band}; ${p.n ?? 0} samples)`;
}

type Scales = NonNullable<NonNullable<ChartConfiguration<'line', Pt[]>['options']>['scales']>;
type ScaleOptions = NonNullable<Scales[string]>;

/** Axis ticks: VMAF and MOS as plain numbers (the axis title names the scale). */
function tickText(unit: SeriesUnit, v: number): string {
  return unit === 'vmaf' || unit === 'mos' ? String(v) : formatValue(unit, v, false);
}

function axisOptions(axis: AxisVM, fg: string, grid: string): ScaleOptions {
  const options: ScaleOptions = {
    type: 'linear',
    position: axis.position,
    title: { display: true, text: axis.title, color: fg },
    ticks: { color: fg, callback: v => tickText(axis.unit, Number(v)) },
    grid: { color: grid, drawOnChartArea: axis.id === 'y' },
  };
  if (axis.min !== undefined) options.min = axis.min;
  if (axis.max !== undefined) options.max = axis.max;
  return options;
}

export interface ChartOptions {
  readonly timeMode: TimeAxisMode;
  /** [min, max] to show (a zoomed range), else the chart's window. */
  readonly range?: readonly [number, number];
  /** After a zoom or pan by wheel, drag, pinch or reset: the new x range. */
  readonly onRange: (min: number, max: number) => void;
  readonly hidden: ReadonlySet<string>;
}

/** Marks the canvas once drawn (for tests and the benchmark): state, ranges, points. */
const renderedMarker: Plugin<'line'> = {
  id: 'timeSeriesRendered',
  afterRender(chart) {
    const d = chart.canvas.dataset;
    const x = chart.scales['x'];
    if (d['rendered'] !== 'true') d['firstRenderAt'] = String(performance.now());
    d['rendered'] = 'true';
    d['renders'] = String(Number(d['renders'] ?? 0) + 1);
    d['xMin'] = String(x?.min);
    d['xMax'] = String(x?.max);
    d['plotLeft'] = String(chart.chartArea.left);
    d['plotRight'] = String(chart.chartArea.right);
  },
};

export function drawTimeChart(
  canvas: HTMLCanvasElement,
  vm: ChartVM,
  options: ChartOptions,
): { chart: TimeChart; metas: DatasetMeta[] } {
  canvas.dataset['rendered'] = 'false';
  canvas.dataset['key'] = vm.key;
  const fg = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor('--vscode-editorWidget-border', '#80808040');
  const { datasets, metas } = datasetsOf(vm);
  datasets.forEach((d, i) => (d.hidden = options.hidden.has(metas[i]!.series)));
  const [min, max] = vm.window;
  const onZoomed = ({ chart }: { chart: Chart }) => {
    const x = chart.scales['x'];
    if (x) options.onRange(x.min, x.max);
  };
  const scales: Scales = {
    x: {
      type: 'linear',
      min,
      max,
      grid: { color: grid },
      ...timeScaleOptions(options.timeMode, vm, fg),
    },
  };
  for (const axis of vm.axes) scales[axis.id] = axisOptions(axis, fg, grid);
  const chart = new Chart<'line', Pt[]>(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      spanGaps: false,
      color: fg,
      // Hover is drawn by hover.ts as HTML: Chart.js's would redraw every series on each move.
      events: [],
      scales,
      plugins: {
        legend: { display: false },
        tooltip: { enabled: false },
        zoom: {
          limits: { x: { min: vm.window[0], max: vm.window[1], minRange: 1 } },
          pan: { enabled: true, mode: 'x', onPanComplete: onZoomed },
          zoom: {
            wheel: { enabled: true, modifierKey: 'ctrl' },
            pinch: { enabled: true },
            mode: 'x',
            onZoomComplete: onZoomed,
          },
        },
      },
    },
    plugins: [renderedMarker],
  });
  // Drawn over the whole window first, so Reset zoom returns there; then zoomed (no callback).
  if (options.range) chart.zoomScale('x', { min: options.range[0], max: options.range[1] }, 'none');
  return { chart, metas };
}

/** Replaces the data of a drawn chart (finer rows for a zoomed range), keeping zoom and toggles. */
export function replaceData(chart: TimeChart, vm: ChartVM): DatasetMeta[] {
  const { datasets, metas } = datasetsOf(vm);
  if (datasets.length !== chart.data.datasets.length) return [];
  datasets.forEach((d, i) => {
    const target = chart.data.datasets[i]!;
    target.data = d.data;
    target.pointRadius = d.pointRadius;
  });
  chart.update('none');
  return metas;
}
