/**
 * The swimlane itself: Chart.js floating horizontal bars (`indexAxis: 'y'`, `[start, end]` data),
 * one category per user, one dataset per segment kind drawn over each other (QoE over connected
 * time, as the notebook paints it). Failures are hatched and outlined, so they differ from the
 * other kinds without colour. Batch starts are dashed vertical lines, the highlighted row a band.
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
import type { QoeMetricVM, SwimKind, SwimlaneVM, SwimSegmentVM } from '../../shared/viewModel';
import type { CsvCell } from '../common/export';
import { isHighContrast, themeColor } from '../common/dom';
import { formatInstant, timeScaleOptions, type TimeAxisMode } from '../common/timeAxis';
import { KIND_COLORS, KIND_LABELS, qoeColor, qoeDisplay, qoeText } from './colors';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, zoomPlugin);

/** One drawn bar: the segment and the index of its row. */
export interface SwimBar {
  readonly x: [number, number];
  readonly y: number;
  readonly seg: SwimSegmentVM;
}

export type SwimChart = Chart<'bar', SwimBar[], string>;

/** Width of the y axis, shared with the CPU chart below so both time axes line up. */
export const Y_AXIS_WIDTH = 96;

/** Kinds in drawing order, topmost first (Chart.js draws the lowest `order` last, on top). */
const KINDS: readonly SwimKind[] = ['qoe', 'failure', 'start', 'connected'];

export interface SwimChartOptions {
  readonly metric: QoeMetricVM | undefined;
  readonly timeMode: TimeAxisMode;
  readonly highlighted: () => number;
  /** After a zoom or pan (by wheel, drag, keys or code): the new x range. */
  readonly onRange: (min: number, max: number) => void;
  readonly onRowClick: (row: number) => void;
}

/** Red with white diagonal hatching: a failure reads as one without seeing red. */
function failurePattern(): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const ctx = tile.getContext('2d');
  if (!ctx) return KIND_COLORS.failure;
  ctx.fillStyle = KIND_COLORS.failure;
  ctx.fillRect(0, 0, 8, 8);
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
  return ctx.createPattern(tile, 'repeat') ?? KIND_COLORS.failure;
}

function bars(vm: SwimlaneVM, kind: SwimKind, metric: QoeMetricVM | undefined): SwimBar[] {
  const out: SwimBar[] = [];
  vm.rows.forEach((row, y) => {
    for (const seg of row.segments) {
      if (seg.kind !== kind || (kind === 'qoe' && seg.metric !== metric)) continue;
      out.push({ x: [seg.start, seg.end], y, seg });
    }
  });
  return out;
}

function dataset(
  vm: SwimlaneVM,
  kind: SwimKind,
  metric: QoeMetricVM | undefined,
  outline: string,
): ChartDataset<'bar', SwimBar[]> {
  const order = KINDS.indexOf(kind);
  const base = {
    label: KIND_LABELS[kind],
    data: bars(vm, kind, metric),
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
        backgroundColor: ctx => qoeColor((ctx.raw as SwimBar | undefined)?.seg.qoe),
        borderWidth: 0,
      };
    case 'failure':
      return { ...base, backgroundColor: failurePattern(), borderColor: outline, borderWidth: 1 };
    default:
      return {
        ...base,
        backgroundColor: KIND_COLORS[kind],
        borderColor: outline,
        borderWidth: isHighContrast() ? 1 : 0,
      };
  }
}

function tooltipLines(vm: SwimlaneVM, item: TooltipItem<'bar'>): string[] {
  const { seg } = item.raw as SwimBar;
  const lines = [
    `${KIND_LABELS[seg.kind]}`,
    `start ${formatInstant(vm, seg.start)}`,
    `end ${formatInstant(vm, seg.end)}`,
    `duration ${(seg.end - seg.start).toFixed(2)} s`,
    `attempt ${Number.isNaN(seg.attempt) ? 'n/a' : seg.attempt}`,
  ];
  if (seg.kind === 'qoe' && seg.metric) lines.push(qoeText(seg.metric, seg.qoe));
  if (seg.merged) lines.push(`${seg.merged} segments merged (shorter than the screen resolves)`);
  return lines;
}

function count(chart: SwimChart, kind: SwimKind, weighted: boolean): number {
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
    d['xMin'] = String(x?.min);
    d['xMax'] = String(x?.max);
    d['xTicks'] = JSON.stringify(x?.ticks.map(t => [t.value, t.label]) ?? []);
    const title = (x?.options as { title?: { text?: string | string[] } } | undefined)?.title?.text;
    d['xTitle'] = Array.isArray(title) ? title.join(' ') : String(title ?? '');
  },
};

/** Batch starts (dashed lines, labelled) and the highlighted row (a band behind the bars). */
function overlays(
  vm: SwimlaneVM,
  highlighted: () => number,
  colors: { fg: string; bg: string; band: string },
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
  const labels = vm.rows.map(r => `${r.label}${r.role === 'publisher' ? ' ▲' : ''}`);
  const [min, max] = vm.window;
  const onZoomed = ({ chart }: { chart: Chart }) => {
    const x = chart.scales['x'];
    if (x) options.onRange(x.min, x.max);
  };
  const chart = new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: KINDS.map(k => dataset(vm, k, options.metric, outline)) },
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
            label: item => tooltipLines(vm, item),
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
      overlays(vm, options.highlighted, {
        fg,
        bg: themeColor('--vscode-editor-background', '#1f1f1f'),
        band,
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
] as const;

/** The bars the chart holds, one CSV row each (rows in order, then kinds in drawing order). */
export function drawnCsvRows(chart: SwimChart, vm: SwimlaneVM): CsvCell[][] {
  const out: { y: number; start: number; cells: CsvCell[] }[] = [];
  chart.data.datasets.forEach((d, i) => {
    if (!chart.isDatasetVisible(i)) return;
    for (const b of d.data) {
      const row = vm.rows[b.y];
      if (!row) continue;
      const { seg } = b;
      const value =
        seg.kind === 'qoe' && seg.metric ? qoeDisplay(seg.metric, seg.qoe ?? NaN) : undefined;
      out.push({
        y: b.y,
        start: seg.start,
        cells: [
          row.label,
          row.session,
          row.user,
          row.role,
          seg.kind,
          seg.start,
          seg.end,
          seg.end - seg.start,
          seg.attempt,
          seg.merged ?? 1,
          seg.kind === 'qoe' ? seg.metric : undefined,
          value,
        ],
      });
    }
  });
  return out.sort((a, b) => a.y - b.y || a.start - b.start).map(r => r.cells);
}
