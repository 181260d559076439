/**
 * Hover for the time-series chart, without redrawing the canvas: a mouse move (or the keyboard
 * cursor) finds, by binary search in each visible series, the point nearest the pointer's time,
 * and shows the values of every visible series there in an HTML tooltip with a crosshair line.
 * Chart.js's own hover redraws every series on each move, too slow for thousands of points.
 */
import { el } from '../common/dom';
import { formatInstant } from '../common/timeAxis';
import type { ChartVM } from '../../shared/views/timeSeries';
import { seriesStyle, tooltipLabel, type DatasetMeta, type Pt, type TimeChart } from './chart';

/** Index of the point whose x is nearest `x` in x-ascending `data`; -1 when empty. */
export function nearestIndex(data: readonly Pt[], x: number): number {
  if (data.length === 0) return -1;
  let lo = 0;
  let hi = data.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((data[mid] as Pt).x < x) lo = mid + 1;
    else hi = mid;
  }
  const prev = data[lo - 1];
  return prev && x - prev.x <= (data[lo] as Pt).x - x ? lo - 1 : lo;
}

/** Index of the last point at or before `x` (the value a step series holds there); -1 before. */
export function stepIndex(data: readonly Pt[], x: number): number {
  let lo = 0;
  let hi = data.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((data[mid] as Pt).x <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export interface HoverRow {
  readonly meta: DatasetMeta;
  readonly p: Pt;
}

/** Visible series drawn as lines or means (band edges are shown in their mean's row). */
function shown(chart: TimeChart, metas: readonly DatasetMeta[]): number[] {
  return metas.flatMap((m, i) =>
    m.role !== 'low' && m.role !== 'high' && chart.isDatasetVisible(i) ? [i] : [],
  );
}

/** The time nearest `x` that has a point, and each visible series' value at that time. */
export function pointsAt(
  chart: TimeChart,
  metas: readonly DatasetMeta[],
  x: number,
): { x: number; rows: HoverRow[] } | undefined {
  const sets = shown(chart, metas).filter(i => metas[i]!.role !== 'threshold');
  let best: number | undefined;
  for (const i of sets) {
    const data = chart.data.datasets[i]!.data;
    const p = data[nearestIndex(data, x)];
    if (p && (best === undefined || Math.abs(p.x - x) < Math.abs(best - x))) best = p.x;
  }
  if (best === undefined) return undefined;
  const at = best;
  const rows: HoverRow[] = [];
  for (const i of shown(chart, metas)) {
    const data = chart.data.datasets[i]!.data;
    const meta = metas[i]!;
    const stepped = Boolean(chart.data.datasets[i]!.stepped);
    const k = stepped ? stepIndex(data, at) : nearestIndex(data, at);
    const p = meta.role === 'threshold' ? { x: at, y: data[0]?.y ?? null } : data[k];
    if (p) rows.push({ meta, p });
  }
  return { x: at, rows };
}

/** The tooltip and crosshair of one chart box; `show` returns the text shown (for live regions). */
export function hoverLayer(box: HTMLElement, vm: ChartVM) {
  const tip = el('div', { id: 'ts-tooltip', class: 'ts-tooltip', hidden: '' });
  const line = el('div', { class: 'ts-crosshair', hidden: '' });
  box.append(line, tip);
  const hide = () => {
    tip.hidden = true;
    line.hidden = true;
  };
  const show = (chart: TimeChart, metas: readonly DatasetMeta[], x: number): string => {
    const found = pointsAt(chart, metas, x);
    const scale = chart.scales['x'];
    const area = chart.chartArea;
    if (!found || !scale || !area) {
      hide();
      return '';
    }
    const title = formatInstant(vm, found.x);
    const items = found.rows.map(({ meta, p }) => {
      const style = seriesStyle(meta.series, meta.label);
      const swatch = el('span', { class: 'ts-swatch', 'aria-hidden': 'true' });
      swatch.style.background = style.color;
      return el('li', {}, swatch, tooltipLabel(meta, p));
    });
    tip.replaceChildren(el('div', { class: 'ts-tooltip-title' }, title), el('ul', {}, ...items));
    const px = scale.getPixelForValue(found.x);
    line.style.left = `${px}px`;
    line.style.top = `${area.top}px`;
    line.style.height = `${area.bottom - area.top}px`;
    tip.hidden = false;
    line.hidden = false;
    const right = px + 16 + tip.offsetWidth > area.right;
    tip.style.left = `${right ? px - 16 - tip.offsetWidth : px + 16}px`;
    tip.style.top = `${area.top + 8}px`;
    chart.canvas.dataset['tooltipAt'] = String(performance.now());
    chart.canvas.dataset['tooltipTitle'] = title;
    return `${title}: ${found.rows.map(r => tooltipLabel(r.meta, r.p)).join('; ')}`;
  };
  return { show, hide };
}
