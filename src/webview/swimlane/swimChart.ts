/**
 * The swimlane itself: Chart.js floating horizontal bars (`indexAxis: 'y'`, `[start, end]` data),
 * one category per user, one dataset per segment kind drawn over each other (QoE over connected
 * time, as the notebook paints it; or QoS intervals over it, as `draw_cons_plot_qos`). Failures are
 * hatched, retries (connection starts after a failure) dotted and numbered with their attempt, so
 * both read without colour. Batch starts are dashed vertical lines, the highlighted row a band.
 * The bars come from `SwimData` (the host's segments, finer ones where it sent them for a zoomed
 * range, and the QoS colouring), replaced in place when finer data arrives.
 * After each draw the canvas carries what was drawn (rows, segments per kind, x range) for tests.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  Tooltip,
  type ChartDataset,
  type Plugin,
  type TooltipItem,
} from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
import type {
  QoeMetricVM,
  QosVariantVM,
  SwimlaneVM,
  SwimKneeVM,
  SwimRowVM,
  SwimSegmentVM,
} from '../../shared/views/swimlane';
import type { CsvCell } from '../common/export';
import { isHighContrast, themeColor } from '../common/dom';
import { formatInstant, timeScaleOptions, type TimeAxisMode } from '../common/timeAxis';
import {
  KIND_COLORS,
  KIND_LABELS,
  qoeColor,
  qoeDisplay,
  qoeText,
  qosColor,
  qosDisplay,
  qosText,
  qosUnit,
  type DrawKind,
} from './colors';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, zoomPlugin);

/** One drawn bar: the segment (or QoS interval) and the index of its row. */
export interface SwimBar {
  readonly x: [number, number];
  /** Index of the row. */
  readonly y: number;
  /**
   * The row's axis label: what Chart.js places the bar by (`parsing.yAxisKey`). A number on a
   * category axis would be read as the bar's index in its dataset, not as the row.
   */
  readonly row: string;
  readonly seg: SwimSegmentVM;
  /** QoS bars: the interval's value in the variant's unit. */
  readonly qos?: number;
}

/** A QoS interval of a row. */
export interface QosBar {
  readonly start: number;
  readonly end: number;
  readonly value: number;
  /** The host merged intervals into this one. */
  readonly merged: boolean;
}

/** What the swimlane draws: per row, its segments and (QoS colouring) its QoS intervals. */
export interface SwimData {
  /** Axis label of each row (`axisLabel`). */
  readonly labels: readonly string[];
  readonly segments: readonly (readonly SwimSegmentVM[])[];
  /** QoE metric shown (undefined: none, e.g. while QoS colours the connected time). */
  readonly metric: QoeMetricVM | undefined;
  /** The QoE ramp in stored units (`qoeRampOf`). */
  readonly qoeRamp?: readonly [number, number];
  readonly qos?: { readonly variant: QosVariantVM; readonly rows: readonly (readonly QosBar[])[] };
}

export type SwimChart = Chart<'bar', SwimBar[], string>;

/** Width of the y axis, shared with the CPU chart below so both time axes line up. */
export const Y_AXIS_WIDTH = 96;

/** Kinds in drawing order, topmost first (Chart.js draws the lowest `order` last, on top). */
export const KINDS: readonly DrawKind[] = ['qoe', 'failure', 'retry', 'start', 'qos', 'connected'];

export interface SwimChartOptions {
  /** The data drawn now (it changes when finer data arrives). */
  readonly data: () => SwimData;
  readonly timeMode: TimeAxisMode;
  readonly highlighted: () => number;
  /** After a zoom or pan (by wheel, drag, keys or code): the new x range. */
  readonly onRange: (min: number, max: number) => void;
  readonly onRowClick: (row: number) => void;
  /** The test's load knees (they arrive after the rows). */
  readonly knees?: () => readonly SwimKneeVM[];
}

/** An 8 × 8 tile of `color` with `draw` on it, as a repeating pattern (the colour without one). */
function pattern(
  color: string,
  draw: (ctx: CanvasRenderingContext2D) => void,
): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const ctx = tile.getContext('2d');
  if (!ctx) return color;
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 8, 8);
  draw(ctx);
  return ctx.createPattern(tile, 'repeat') ?? color;
}

/** Red with white diagonal hatching: a failure reads as one without seeing red. */
function failurePattern(): CanvasPattern | string {
  return pattern(KIND_COLORS.failure, ctx => {
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(-2, 10);
    ctx.lineTo(10, -2);
    ctx.moveTo(-2, 2);
    ctx.lineTo(2, -2);
    ctx.moveTo(6, 10);
    ctx.lineTo(10, 6);
    ctx.stroke();
  });
}

/** Magenta with white dots: a retry differs from a first start without colour. */
function retryPattern(): CanvasPattern | string {
  return pattern(KIND_COLORS.start, ctx => {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(1, 1, 2, 2);
    ctx.fillRect(5, 5, 2, 2);
  });
}

/** A row's label on the y axis: `S1-U2`, with ▲ for publishers (unique per row). */
export function axisLabel(row: SwimRowVM): string {
  return `${row.label}${row.role === 'publisher' ? ' ▲' : ''}`;
}

/** The kind a segment is drawn as: a start after a failure is a retry. */
export function drawKind(seg: SwimSegmentVM): DrawKind {
  return seg.kind === 'start' && seg.attempt > 0 ? 'retry' : seg.kind;
}

function qosSegment(b: QosBar): SwimSegmentVM {
  return {
    start: b.start,
    end: b.end,
    kind: 'qoe',
    attempt: NaN,
    ...(b.merged ? { merged: 2 } : {}),
  };
}

export function bars(data: SwimData, kind: DrawKind): SwimBar[] {
  const out: SwimBar[] = [];
  if (kind === 'qos') {
    data.qos?.rows.forEach((row, y) => {
      const label = data.labels[y]!;
      for (const b of row)
        out.push({ x: [b.start, b.end], y, row: label, seg: qosSegment(b), qos: b.value });
    });
    return out;
  }
  data.segments.forEach((row, y) => {
    for (const seg of row) {
      if (drawKind(seg) !== kind || (kind === 'qoe' && seg.metric !== data.metric)) continue;
      out.push({ x: [seg.start, seg.end], y, row: data.labels[y]!, seg });
    }
  });
  return out;
}

function dataset(
  current: () => SwimData,
  kind: DrawKind,
  outline: string,
): ChartDataset<'bar', SwimBar[]> {
  const order = KINDS.indexOf(kind);
  const base = {
    label: KIND_LABELS[kind],
    data: bars(current(), kind),
    parsing: { xAxisKey: 'x', yAxisKey: 'row' },
    order,
    grouped: false,
    barPercentage: 0.8,
    categoryPercentage: 1,
    minBarLength: 2,
  };
  switch (kind) {
    case 'qoe':
      return {
        ...base,
        backgroundColor: ctx =>
          qoeColor((ctx.raw as SwimBar | undefined)?.seg.qoe, current().qoeRamp),
        borderWidth: 0,
      };
    case 'qos':
      return {
        ...base,
        backgroundColor: ctx => {
          const variant = current().qos?.variant;
          return variant ? qosColor(variant, (ctx.raw as SwimBar | undefined)?.qos) : '#808080';
        },
        borderWidth: 0,
        minBarLength: 0,
      };
    case 'failure':
      return { ...base, backgroundColor: failurePattern(), borderColor: outline, borderWidth: 1 };
    case 'retry':
      return { ...base, backgroundColor: retryPattern(), borderColor: outline, borderWidth: 1 };
    default:
      return {
        ...base,
        backgroundColor: KIND_COLORS[kind],
        borderColor: outline,
        borderWidth: isHighContrast() ? 1 : 0,
      };
  }
}

/** Shows `data` in a drawn chart, keeping its zoom. */
export function setSwimData(chart: SwimChart, data: SwimData): void {
  chart.data.datasets.forEach((d, i) => {
    d.data = bars(data, KINDS[i]!);
  });
  chart.update('none');
}

function tooltipLines(vm: SwimlaneVM, data: SwimData, item: TooltipItem<'bar'>): string[] {
  const bar = item.raw as SwimBar;
  const { seg } = bar;
  const variant = data.qos?.variant;
  if (bar.qos !== undefined && variant) {
    const lines = [
      qosText(variant, bar.qos),
      `from ${formatInstant(vm, seg.start)}`,
      `to ${formatInstant(vm, seg.end)}`,
    ];
    if (seg.merged) lines.push('mean of merged 1 s intervals (zoom in for finer ones)');
    return lines;
  }
  const lines = [
    `${KIND_LABELS[drawKind(seg)]}`,
    `start ${formatInstant(vm, seg.start)}`,
    `end ${formatInstant(vm, seg.end)}`,
    `duration ${(seg.end - seg.start).toFixed(2)} s`,
    `attempt ${Number.isNaN(seg.attempt) ? 'n/a' : seg.attempt}`,
  ];
  if (seg.kind === 'qoe' && seg.metric) lines.push(qoeText(seg.metric, seg.qoe));
  if (seg.merged) lines.push(`${seg.merged} segments merged (shorter than the screen resolves)`);
  return lines;
}

function count(chart: SwimChart, kind: DrawKind, weighted: boolean): number {
  const i = chart.data.datasets.findIndex(d => d.label === KIND_LABELS[kind]);
  if (i < 0 || !chart.isDatasetVisible(i)) return 0;
  const data = chart.data.datasets[i]!.data;
  // Elements Chart.js really built for the dataset, not only the data handed to it.
  if (!weighted) return chart.getDatasetMeta(i).data.length;
  return data.reduce((n, b) => n + (b.seg.merged ?? 1), 0);
}

const renderedMarker: Plugin<'bar'> = {
  id: 'swimRenderedMarker',
  afterRender(c) {
    const chart = c as unknown as SwimChart;
    const d = chart.canvas.dataset;
    const x = chart.scales['x'];
    d['rendered'] = 'true';
    d['rows'] = String(chart.data.labels?.length ?? 0);
    let total = 0;
    for (const kind of KINDS) {
      const n = count(chart, kind, false);
      total += n;
      const name = kind[0]!.toUpperCase() + kind.slice(1);
      d[`seg${name}`] = String(n);
      d[`rows${name}`] = String(count(chart, kind, true));
    }
    d['segments'] = String(total);
    d['areaTop'] = String(chart.chartArea.top);
    d['areaBottom'] = String(chart.chartArea.bottom);
    d['areaLeft'] = String(chart.chartArea.left);
    d['areaRight'] = String(chart.chartArea.right);
    d['xMin'] = String(x?.min);
    d['xMax'] = String(x?.max);
    d['xTicks'] = JSON.stringify(x?.ticks.map(t => [t.value, t.label]) ?? []);
    const title = (x?.options as { title?: { text?: string | string[] } } | undefined)?.title?.text;
    d['xTitle'] = Array.isArray(title) ? title.join(' ') : String(title ?? '');
  },
};

/** The attempt number on each retry bar wide and tall enough to hold it (a marker, not a colour). */
function drawRetryNumbers(chart: SwimChart, fg: string, bg: string): void {
  const i = KINDS.indexOf('retry');
  if (!chart.isDatasetVisible(i)) return;
  const ctx = chart.ctx;
  const { left, right } = chart.chartArea;
  ctx.save();
  ctx.font = '9px sans-serif';
  ctx.textBaseline = 'middle';
  ctx.setLineDash([]);
  chart.getDatasetMeta(i).data.forEach((el, k) => {
    const bar = chart.data.datasets[i]!.data[k];
    const { x, base, y, height } = el.getProps(['x', 'base', 'y', 'height'], true) as {
      x: number;
      base: number;
      y: number;
      height: number;
    };
    if (!bar || height < 9) return;
    const text = String(bar.seg.attempt);
    const w = ctx.measureText(text).width + 4;
    const from = Math.max(left, Math.min(x, base));
    const to = Math.min(right, Math.max(x, base));
    if (to - from < w) return;
    ctx.fillStyle = bg;
    ctx.fillRect(from + 1, y - 5, w, 10);
    ctx.fillStyle = fg;
    ctx.fillText(text, from + 3, y);
  });
  ctx.restore();
}

/**
 * The load knees: a solid vertical line in the theme's warning colour where the load first
 * reaches each knee, labelled at the bottom (text, so not by colour alone).
 */
function drawKnees(
  chart: Chart,
  knees: readonly SwimKneeVM[],
  colors: { fg: string; bg: string; knee: string },
): void {
  const x = chart.scales['x'];
  if (!x) return;
  const { top, bottom, left, right } = chart.chartArea;
  const ctx = chart.ctx;
  ctx.save();
  ctx.setLineDash([]);
  ctx.lineWidth = 2;
  ctx.font = '11px sans-serif';
  knees.forEach((k, i) => {
    const px = x.getPixelForValue(k.time);
    if (px < left || px > right) return;
    ctx.strokeStyle = colors.knee;
    ctx.beginPath();
    ctx.moveTo(px, top);
    ctx.lineTo(px, bottom);
    ctx.stroke();
    const w = ctx.measureText(k.label).width + 6;
    const y = bottom - 16 - 16 * i;
    const from = px + w > right ? px - w - 2 : px + 2;
    ctx.fillStyle = colors.bg;
    ctx.fillRect(from, y, w, 14);
    ctx.strokeStyle = colors.knee;
    ctx.lineWidth = 1;
    ctx.strokeRect(from, y, w, 14);
    ctx.fillStyle = colors.fg;
    ctx.fillText(k.label, from + 3, y + 11);
    ctx.lineWidth = 2;
  });
  ctx.restore();
}

/** Batch starts (dashed lines, labelled), knees and the highlighted row (a band behind the bars). */
function overlays(
  vm: SwimlaneVM,
  highlighted: () => number,
  knees: () => readonly SwimKneeVM[],
  colors: { fg: string; bg: string; band: string; knee: string },
): Plugin<'bar'> {
  const { fg, bg, band } = colors;
  return {
    id: 'swimOverlays',
    beforeDatasetsDraw(chart) {
      const row = highlighted();
      const y = chart.scales['y'];
      if (!y || row < 0 || row >= vm.rows.length) return;
      const { left, right } = chart.chartArea;
      const h = Math.max(2, Math.abs(y.getPixelForValue(1) - y.getPixelForValue(0)));
      const ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = band;
      ctx.fillRect(left, y.getPixelForValue(row) - h / 2, right - left, h);
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const x = chart.scales['x'];
      if (!x) return;
      const { top, bottom, left, right } = chart.chartArea;
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = fg;
      ctx.fillStyle = fg;
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 1;
      ctx.font = '11px sans-serif';
      drawRetryNumbers(chart as unknown as SwimChart, fg, bg);
      ctx.setLineDash([5, 4]);
      for (const b of vm.batches) {
        const px = x.getPixelForValue(b.start);
        if (px < left || px > right) continue;
        ctx.beginPath();
        ctx.moveTo(px, top);
        ctx.lineTo(px, bottom);
        ctx.stroke();
        // Label on a patch of background, readable over any bar in any theme.
        const text = `B${b.batch}`;
        const w = ctx.measureText(text).width + 4;
        ctx.fillStyle = bg;
        ctx.fillRect(px + 1, top + 1, w, 13);
        ctx.fillStyle = fg;
        ctx.fillText(text, px + 3, top + 11);
      }
      ctx.restore();
      drawKnees(chart as unknown as Chart, knees(), colors);
    },
  };
}

export function drawSwimChart(
  canvas: HTMLCanvasElement,
  vm: SwimlaneVM,
  options: SwimChartOptions,
): SwimChart {
  canvas.dataset['rendered'] = 'false';
  canvas.dataset['test'] = vm.test;
  const fg = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor('--vscode-editorWidget-border', '#80808040');
  const band = themeColor('--vscode-list-inactiveSelectionBackground', '#80808040');
  const outline = isHighContrast() ? fg : themeColor('--vscode-editor-background', '#1f1f1f');
  const labels = vm.rows.map(axisLabel);
  const [min, max] = vm.window;
  const onZoomed = ({ chart }: { chart: Chart }) => {
    const x = chart.scales['x'];
    if (x) options.onRange(x.min, x.max);
  };
  const chart = new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: KINDS.map(k => dataset(options.data, k, outline)) },
    options: {
      indexAxis: 'y',
      animation: false,
      maintainAspectRatio: false,
      color: fg,
      interaction: { mode: 'nearest', axis: 'xy', intersect: true },
      onClick: (event, _elements, c) => {
        const y = c.scales['y'];
        if (!y || event.y === null) return;
        const row = Math.round(y.getValueForPixel(event.y) ?? -1);
        if (row >= 0 && row < vm.rows.length) options.onRowClick(row);
      },
      scales: {
        x: {
          type: 'linear',
          position: 'top',
          min,
          max,
          ...timeScaleOptions(options.timeMode, vm, fg),
          grid: { color: grid },
        },
        y: {
          type: 'category',
          ticks: { color: fg, autoSkip: true, font: { family: 'monospace', size: 11 } },
          grid: { display: false },
          afterFit: scale => {
            scale.width = Y_AXIS_WIDTH;
          },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: items => {
              const row = vm.rows[(items[0]?.raw as SwimBar | undefined)?.y ?? -1];
              return row ? `${row.label} — ${row.role}, batch ${row.batch}` : '';
            },
            label: item => tooltipLines(vm, options.data(), item),
          },
        },
        zoom: {
          limits: { x: { min, max, minRange: 1 } },
          pan: { enabled: true, mode: 'x', onPanComplete: onZoomed },
          zoom: {
            wheel: { enabled: true, modifierKey: 'ctrl' },
            mode: 'x',
            onZoomComplete: onZoomed,
          },
        },
      },
    },
    plugins: [
      overlays(vm, options.highlighted, options.knees ?? (() => []), {
        fg,
        bg: themeColor('--vscode-editor-background', '#1f1f1f'),
        band,
        knee: themeColor('--vscode-editorWarning-foreground', '#cca700'),
      }),
      renderedMarker,
    ],
  });
  return chart as unknown as SwimChart;
}

/** Header of the swimlane's CSV export. */
export const CSV_HEADER = [
  'row',
  'session',
  'user',
  'role',
  'kind',
  'start_s',
  'end_s',
  'duration_s',
  'attempt',
  'merged',
  'metric',
  'value',
  'unit',
] as const;

/** Metric, value and unit of a bar in the CSV: QoE and QoS in the units users read. */
function csvValue(
  b: SwimBar,
  variant: QosVariantVM | undefined,
): [string | undefined, number | undefined, string | undefined] {
  if (b.qos !== undefined && variant)
    return [variant.key, qosDisplay(variant, b.qos), qosUnit(variant)];
  const { seg } = b;
  if (seg.kind !== 'qoe' || !seg.metric) return [undefined, undefined, undefined];
  const value = qoeDisplay(seg.metric, seg.qoe ?? NaN);
  return [seg.metric, value, seg.metric === 'vmaf' ? 'VMAF' : 'MOS'];
}

/** The bars the chart holds, one CSV row each (rows in order, then kinds in drawing order). */
export function drawnCsvRows(
  chart: SwimChart,
  vm: SwimlaneVM,
  variant: QosVariantVM | undefined,
): CsvCell[][] {
  const out: { y: number; start: number; cells: CsvCell[] }[] = [];
  chart.data.datasets.forEach((d, i) => {
    if (!chart.isDatasetVisible(i)) return;
    for (const b of d.data) {
      const row = vm.rows[b.y];
      if (!row) continue;
      const { seg } = b;
      const [metric, value, unit] = csvValue(b, variant);
      out.push({
        y: b.y,
        start: seg.start,
        cells: [
          row.label,
          row.session,
          row.user,
          row.role,
          b.qos === undefined ? drawKind(seg) : 'qos',
          seg.start,
          seg.end,
          seg.end - seg.start,
          seg.attempt,
          seg.merged ?? 1,
          metric,
          value,
          unit,
        ],
      });
    }
  });
  return out.sort((a, b) => a.y - b.y || a.start - b.start).map(r => r.cells);
}
