/**
 * Metric against the media node's CPU (`cpu_median` of each row), one colour and marker per group,
 * with zoom and exact-value tooltips:
 * - mouse: hover a point for its user, value and CPU; drag a box to zoom into it; double-click to
 *   reset;
 * - keyboard (the canvas is focusable): `]` / `[` step through the points by CPU (the tooltip
 *   follows and is announced), `+` / `-` zoom around the selected point (or the centre), arrows
 *   pan, `0` or Escape resets.
 * Written back for tests: `data-points` (points per group), `data-view` (the visible
 * [xMin, xMax, yMin, yMax]) and `data-tooltip` (the text shown).
 */
import type { ScatterPointVM } from '../../shared/views/stats';
import { colors, frame, linear, padded, xAxis, yAxis, type Frame } from '../common/plot';
import { runKey, zoomKeys } from '../common/zoomKeys';

const HEIGHT = 280;
/** Pixels around the pointer within which a point is "hovered". */
const HOVER_PX = 8;
/** Pixels a drag must cover before it is a zoom box rather than a click. */
const DRAG_PX = 5;

export interface ScatterSeries {
  readonly label: string;
  readonly points: readonly ScatterPointVM[];
}

/** The visible ranges: [xMin, xMax, yMin, yMax]. */
type View = readonly [number, number, number, number];

interface Hit {
  readonly series: number;
  readonly point: ScatterPointVM;
}

interface ScatterState {
  readonly series: readonly ScatterSeries[];
  readonly yTitle: string;
  readonly full: View;
  view: View;
  /** Every point, ordered by CPU then value (the keyboard's order). */
  readonly ordered: readonly Hit[];
  selected: number;
  drag?: { x: number; y: number; toX: number; toY: number };
}

function fullView(series: readonly ScatterSeries[]): View {
  const all = series.flatMap(s => s.points);
  const [x0, x1] = padded(all.map(p => p[0]));
  const [y0, y1] = padded(all.map(p => p[1]));
  return [x0, x1, y0, y1];
}

function orderedHits(series: readonly ScatterSeries[]): Hit[] {
  return series
    .flatMap((s, i) => s.points.map(point => ({ series: i, point })))
    .sort((a, b) => a.point[0] - b.point[0] || a.point[1] - b.point[1]);
}

function scales(f: Frame, v: View) {
  return {
    x: linear(v[0], v[1], f.left, f.right),
    y: linear(v[2], v[3], f.bottom, f.top),
    /** Data coordinates of a canvas pixel. */
    invert: (px: number, py: number): [number, number] => [
      v[0] + ((px - f.left) / (f.right - f.left)) * (v[1] - v[0]),
      v[2] + ((f.bottom - py) / (f.bottom - f.top)) * (v[3] - v[2]),
    ],
  };
}

const states = new WeakMap<HTMLCanvasElement, ScatterState>();

function render(canvas: HTMLCanvasElement, s: ScatterState): Frame | undefined {
  const f = frame(canvas, HEIGHT);
  if (!f) return undefined;
  const c = colors();
  const { x, y } = scales(f, s.view);
  yAxis(f, c, y, [s.view[2], s.view[3]], s.yTitle);
  xAxis(f, c, x, [s.view[0], s.view[1]], 'Median CPU of the segment');
  const ctx = f.ctx;
  ctx.save();
  ctx.beginPath();
  ctx.rect(f.left, f.top, f.right - f.left, f.bottom - f.top);
  ctx.clip();
  s.series.forEach((series, i) => {
    const color = c.series[i % 2] as string;
    ctx.fillStyle = color;
    ctx.globalAlpha = 0.7;
    for (const [cx, cy] of series.points) marker(ctx, i, x(cx), y(cy), 2.5);
    ctx.globalAlpha = 1;
  });
  const hit = s.ordered[s.selected];
  if (hit) {
    ctx.strokeStyle = c.fg;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x(hit.point[0]), y(hit.point[1]), 6, 0, 2 * Math.PI);
    ctx.stroke();
  }
  if (s.drag) {
    ctx.strokeStyle = c.fg;
    ctx.setLineDash([4, 3]);
    ctx.strokeRect(s.drag.x, s.drag.y, s.drag.toX - s.drag.x, s.drag.toY - s.drag.y);
    ctx.setLineDash([]);
  }
  ctx.restore();
  canvas.dataset['view'] = JSON.stringify(s.view);
  return f;
}

/** Circles for the first group, squares for the second: the groups differ without colour. */
function marker(ctx: CanvasRenderingContext2D, group: number, px: number, py: number, r: number) {
  ctx.beginPath();
  if (group % 2 === 0) ctx.arc(px, py, r, 0, 2 * Math.PI);
  else ctx.rect(px - r, py - r, 2 * r, 2 * r);
  ctx.fill();
}

function tooltipText(s: ScatterState, hit: Hit): string {
  const [cpu, value, user] = hit.point;
  const label = s.series[hit.series]?.label ?? '';
  return `${user || 'unknown user'} (${label}): ${s.yTitle} ${exact(value)}, median CPU ${exact(cpu)}`;
}

/** Up to 6 significant digits, no exponent for ordinary magnitudes. */
function exact(v: number): string {
  return String(Number(v.toPrecision(6)));
}

function tooltipOf(canvas: HTMLCanvasElement): HTMLElement {
  const box = canvas.parentElement as HTMLElement;
  let tip = box.querySelector<HTMLElement>('.scatter-tooltip');
  if (!tip) {
    tip = document.createElement('div');
    tip.className = 'scatter-tooltip';
    tip.setAttribute('role', 'status');
    tip.setAttribute('aria-live', 'polite');
    box.append(tip);
  }
  return tip;
}

function showTooltip(canvas: HTMLCanvasElement, s: ScatterState, hit: Hit | undefined, f: Frame) {
  const tip = tooltipOf(canvas);
  if (!hit) {
    tip.hidden = true;
    delete canvas.dataset['tooltip'];
    return;
  }
  const { x, y } = scales(f, s.view);
  tip.textContent = tooltipText(s, hit);
  tip.hidden = false;
  tip.style.left = `${Math.min(x(hit.point[0]) + 10, f.width - 200)}px`;
  tip.style.top = `${Math.max(0, y(hit.point[1]) - 34)}px`;
  canvas.dataset['tooltip'] = tip.textContent;
}

/** The point nearest to a canvas pixel, within HOVER_PX. */
function nearest(s: ScatterState, f: Frame, px: number, py: number): number {
  const { x, y } = scales(f, s.view);
  let best = -1;
  let bestD = HOVER_PX * HOVER_PX;
  s.ordered.forEach((h, i) => {
    const dx = x(h.point[0]) - px;
    const dy = y(h.point[1]) - py;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

function redraw(canvas: HTMLCanvasElement, s: ScatterState): void {
  const f = render(canvas, s);
  if (f) showTooltip(canvas, s, s.ordered[s.selected], f);
}

/** Zooms by `factor` (< 1 = in) around a data point. */
function zoomAround(v: View, factor: number, cx: number, cy: number): View {
  return [
    cx - (cx - v[0]) * factor,
    cx + (v[1] - cx) * factor,
    cy - (cy - v[2]) * factor,
    cy + (v[3] - cy) * factor,
  ];
}

function pan(v: View, dx: number, dy: number): View {
  const w = (v[1] - v[0]) * dx;
  const h = (v[3] - v[2]) * dy;
  return [v[0] + w, v[1] + w, v[2] + h, v[3] + h];
}

function onKey(canvas: HTMLCanvasElement, s: ScatterState, e: KeyboardEvent): void {
  const v = s.view;
  const hit = s.ordered[s.selected];
  const [cx, cy] = hit ? [hit.point[0], hit.point[1]] : [(v[0] + v[1]) / 2, (v[2] + v[3]) / 2];
  const n = s.ordered.length;
  const ran = runKey(e, {
    ']': () => (s.selected = n ? (s.selected + 1) % n : -1),
    '[': () => (s.selected = n ? (s.selected - 1 + n) % n : -1),
    ...zoomKeys({
      zoomIn: () => (s.view = zoomAround(v, 0.5, cx, cy)),
      zoomOut: () => (s.view = zoomAround(v, 2, cx, cy)),
      panLeft: () => (s.view = pan(v, -0.1, 0)),
      panRight: () => (s.view = pan(v, 0.1, 0)),
      reset: () => (s.view = s.full),
    }),
    ArrowUp: () => (s.view = pan(v, 0, 0.1)),
    ArrowDown: () => (s.view = pan(v, 0, -0.1)),
    Escape: () => {
      s.view = s.full;
      s.selected = -1;
    },
  });
  if (ran) redraw(canvas, s);
}

function pointerAt(canvas: HTMLCanvasElement, e: MouseEvent): [number, number] {
  const r = canvas.getBoundingClientRect();
  return [e.clientX - r.left, e.clientY - r.top];
}

function attach(canvas: HTMLCanvasElement): void {
  const state = () => states.get(canvas) as ScatterState;
  const current = () => {
    const s = state();
    const f = render(canvas, s);
    return { s, f };
  };
  canvas.addEventListener('keydown', e => onKey(canvas, state(), e));
  canvas.addEventListener('mousedown', e => {
    const [x, y] = pointerAt(canvas, e);
    state().drag = { x, y, toX: x, toY: y };
  });
  canvas.addEventListener('mousemove', e => {
    const [px, py] = pointerAt(canvas, e);
    const s = state();
    if (s.drag) {
      s.drag.toX = px;
      s.drag.toY = py;
      render(canvas, s);
      return;
    }
    const f = render(canvas, s);
    if (!f) return;
    s.selected = nearest(s, f, px, py);
    redraw(canvas, s);
  });
  const endDrag = () => {
    const { s, f } = current();
    const d = s.drag;
    s.drag = undefined;
    if (!f || !d) return;
    if (Math.abs(d.toX - d.x) >= DRAG_PX && Math.abs(d.toY - d.y) >= DRAG_PX) {
      const { invert } = scales(f, s.view);
      const [ax, ay] = invert(d.x, d.y);
      const [bx, by] = invert(d.toX, d.toY);
      s.view = [Math.min(ax, bx), Math.max(ax, bx), Math.min(ay, by), Math.max(ay, by)];
    }
    redraw(canvas, s);
  };
  canvas.addEventListener('mouseup', endDrag);
  canvas.addEventListener('mouseleave', () => {
    const s = state();
    if (s.drag) endDrag();
    s.selected = -1;
    redraw(canvas, s);
  });
  canvas.addEventListener('dblclick', () => {
    const s = state();
    s.view = s.full;
    redraw(canvas, s);
  });
}

export function drawScatter(
  canvas: HTMLCanvasElement,
  series: readonly ScatterSeries[],
  yTitle: string,
): void {
  const full = fullView(series);
  const fresh = !states.has(canvas);
  states.set(canvas, {
    series,
    yTitle,
    full,
    view: full,
    ordered: orderedHits(series),
    selected: -1,
  });
  if (fresh) attach(canvas);
  render(canvas, states.get(canvas) as ScatterState);
  canvas.dataset['points'] = JSON.stringify(series.map(s => s.points.length));
  canvas.dataset['rendered'] = 'true';
}
