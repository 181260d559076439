/**
 * Media-node CPU and memory over time (the notebook draws CPU on a 0–1.01 twin axis next to
 * every connection plot). Colours come from the VS Code theme; memory is dashed so the two
 * series differ without colour. After each draw the canvas carries data attributes that tests
 * read back: what was drawn, not what was sent.
 */
import { Filler } from 'chart.js';
import { Chart, type Plugin } from '../common/pointCharts';
import type { NodeSeriesVM } from '../../shared/views/overview';
import { themeColor } from '../common/dom';
import { nodeLine, nodeTooltipLabel, percentTick } from '../common/nodeSeries';
import { maxOf } from '../../shared/arrays';

Chart.register(Filler);

export type NodeChart = Chart<'line', { x: number; y: number }[]>;

/** Marks the canvas once Chart.js has really drawn, with the figures of the drawn datasets. */
const renderedMarker: Plugin<'line'> = {
  id: 'renderedMarker',
  afterRender(chart) {
    const canvas = chart.canvas;
    const [cpu, memory] = chart.data.datasets.map(d => d.data as { x: number; y: number }[]);
    const max = (data: { y: number }[] | undefined) =>
      String(data?.length ? maxOf(data.map(p => p.y)) : NaN);
    canvas.dataset['rendered'] = 'true';
    canvas.dataset['points'] = String(cpu?.length ?? 0);
    canvas.dataset['cpuMax'] = max(cpu);
    canvas.dataset['memoryPoints'] = String(memory?.length ?? 0);
    canvas.dataset['memoryMax'] = max(memory);
  },
};

function clockTime(origin: number, seconds: number): string {
  return new Date(origin + seconds * 1000).toISOString().slice(11, 19) + ' UTC';
}

/** The axis spans the whole test window, not only the samples, so idle start and end show. */
function xRange(series: NodeSeriesVM): { min?: number; max?: number } {
  if (!series.window) return {};
  const xs = series.cpu.map(p => p[0]);
  return { min: Math.min(series.window[0], ...xs), max: Math.max(series.window[1], ...xs) };
}

export function drawNodeChart(canvas: HTMLCanvasElement, series: NodeSeriesVM): NodeChart {
  canvas.dataset['rendered'] = 'false';
  canvas.dataset['test'] = series.test;
  const fg = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor(
    '--vscode-editorWidget-border',
    themeColor('--vscode-panel-border', '#80808040'),
  );
  const showPoints = series.cpu.length <= 200;
  return new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [
        // clip: the lines may reach 6 px past the plot area so values at 100 % stay visible.
        { ...nodeLine(series.cpu, 'cpu', showPoints), clip: 6 },
        { ...nodeLine(series.memory, 'memory', showPoints), clip: 6 },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      color: fg,
      scales: {
        x: {
          type: 'linear',
          ...xRange(series),
          title: { display: true, text: 'Seconds since test start', color: fg },
          ticks: { color: fg },
          grid: { color: grid },
        },
        y: {
          type: 'linear',
          min: 0,
          max: 1,
          title: { display: true, text: 'Share of the media node', color: fg },
          ticks: { color: fg, callback: percentTick },
          grid: { color: grid },
        },
      },
      plugins: {
        legend: { labels: { color: fg, usePointStyle: true, boxHeight: 7, pointStyleWidth: 14 } },
        tooltip: {
          callbacks: {
            title: items => {
              const x = items[0]?.parsed.x ?? 0;
              return `${x.toFixed(1)} s — ${clockTime(series.origin, x)}`;
            },
            label: nodeTooltipLabel,
          },
        },
      },
    },
    plugins: [renderedMarker],
  }) as NodeChart;
}
