/**
 * How both views draw the media node's CPU and memory lines: theme colours (blue CPU, orange
 * memory), memory dashed with diamond points so the two differ without colour, thicker lines in
 * high-contrast themes.
 */
import type { Point } from '../../shared/views/common';
import { isHighContrast, themeColor } from './dom';

export type NodeSeriesKind = 'cpu' | 'memory';

/** A Chart.js line dataset of CPU or memory points ([seconds, share]). */
export function nodeLine(points: readonly Point[], kind: NodeSeriesKind, showPoints: boolean) {
  const memory = kind === 'memory';
  const color = memory
    ? themeColor('--vscode-charts-orange', '#d18616')
    : themeColor('--vscode-charts-blue', '#3794ff');
  return {
    label: memory ? 'Memory' : 'CPU',
    data: points.map(([x, y]) => ({ x, y })),
    borderColor: color,
    backgroundColor: color,
    borderWidth: isHighContrast() ? 3 : 2,
    borderDash: memory ? [6, 4] : [],
    pointRadius: showPoints ? 2 : 0,
    pointStyle: memory ? ('rectRot' as const) : ('circle' as const),
  };
}

/** A tick of the 0–1 share axis, as a whole percentage. */
export function percentTick(value: number | string): string {
  return `${Math.round(Number(value) * 100)}%`;
}

/** A tooltip line of a CPU or memory point: the series and its share with one decimal. */
export function nodeTooltipLabel(item: {
  readonly dataset: { readonly label?: string };
  readonly parsed: { readonly y: number | null };
}): string {
  return `${item.dataset.label}: ${((item.parsed.y ?? 0) * 100).toFixed(1)}%`;
}
