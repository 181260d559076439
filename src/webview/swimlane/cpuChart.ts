/**
 * Media-node CPU and memory under the swimlane. A bar chart with `indexAxis: 'y'` cannot have a
 * second value axis for a series over time, so this is its own chart, aligned with the swimlane:
 * the same y-axis width and the same x range (kept in step on every zoom and pan). Memory is
 * dashed with diamond points so it differs from CPU without colour.
 */
import { Chart, type Plugin } from '../common/pointCharts';
import type { SwimlaneVM } from '../../shared/views/swimlane';
import { themeColor } from '../common/dom';
import { nodeLine, nodeTooltipLabel, percentTick } from '../common/nodeSeries';
import { formatInstant, timeScaleOptions, type TimeAxisMode } from '../common/timeAxis';
import { Y_AXIS_WIDTH } from './swimChart';

export type CpuChart = Chart<'line', { x: number; y: number }[]>;

const marker: Plugin<'line'> = {
  id: 'cpuRenderedMarker',
  afterRender(chart) {
    const d = chart.canvas.dataset;
    const x = chart.scales['x'];
    d['rendered'] = 'true';
    d['cpuPoints'] = String(chart.getDatasetMeta(0).data.length);
    d['memoryPoints'] = String(chart.getDatasetMeta(1).data.length);
    d['xMin'] = String(x?.min);
    d['xMax'] = String(x?.max);
  },
};

export function drawCpuChart(
  canvas: HTMLCanvasElement,
  vm: SwimlaneVM,
  timeMode: TimeAxisMode,
): CpuChart {
  canvas.dataset['rendered'] = 'false';
  const fg = themeColor('--vscode-foreground', '#cccccc');
  const grid = themeColor('--vscode-editorWidget-border', '#80808040');
  const [min, max] = vm.window;
  return new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [
        nodeLine(vm.cpu, 'cpu', vm.cpu.length <= 200),
        nodeLine(vm.memory, 'memory', vm.memory.length <= 200),
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      color: fg,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'linear',
          min,
          max,
          ...timeScaleOptions(timeMode, vm, fg),
          grid: { color: grid },
        },
        y: {
          type: 'linear',
          min: 0,
          max: 1,
          ticks: { color: fg, callback: percentTick, maxTicksLimit: 5 },
          grid: { color: grid },
          afterFit: scale => {
            scale.width = Y_AXIS_WIDTH;
          },
        },
      },
      plugins: {
        legend: {
          position: 'top',
          align: 'start',
          labels: { color: fg, usePointStyle: true, boxHeight: 7 },
        },
        tooltip: {
          callbacks: {
            title: items => formatInstant(vm, items[0]?.parsed.x ?? 0),
            label: nodeTooltipLabel,
          },
        },
      },
    },
    plugins: [marker],
  }) as CpuChart;
}

/** Shows `[min, max]` of the time axis (the swimlane's current zoom). */
export function setCpuRange(chart: CpuChart, min: number, max: number): void {
  const x = chart.options.scales?.['x'];
  if (!x) return;
  x.min = min;
  x.max = max;
  chart.update('none');
}
