/**
 * Box plots and violin plots of groups side by side, on one value axis each, drawn from the
 * host's boxes (Tukey, the notebook's IQR fences) and kernel densities. What was drawn is written
 * to the canvas' `data-drawn` (JSON) so tests can read it back.
 */
import type { DistributionVM } from '../../shared/views/stats';
import {
  categories,
  colors,
  frame,
  linear,
  padded,
  yAxis,
  type Colors,
  type Frame,
  type Scale,
} from '../common/plot';

const HEIGHT = 280;

export function groupLabel(g: DistributionVM): readonly [string, string] {
  return [g.label, `n = ${g.box?.n ?? 0}`];
}

function valuesOf(groups: readonly DistributionVM[], violin: boolean): number[] {
  const out: number[] = [];
  for (const g of groups) {
    if (!g.box) continue;
    out.push(g.box.whiskerLow, g.box.whiskerHigh, ...g.box.outliers);
    if (violin && g.density.x.length)
      out.push(g.density.x[0] as number, g.density.x.at(-1) as number);
  }
  return out;
}

function setup(
  canvas: HTMLCanvasElement,
  groups: readonly DistributionVM[],
  title: string,
  violin: boolean,
) {
  const f = frame(canvas, HEIGHT);
  if (!f) return undefined;
  const c = colors();
  const range = padded(valuesOf(groups, violin));
  const y = linear(range[0], range[1], f.bottom, f.top);
  yAxis(f, c, y, range, title);
  const centres = categories(f, c, groups.map(groupLabel));
  const slot = (f.right - f.left) / Math.max(1, groups.length);
  const pxPerValue = (f.bottom - f.top) / (range[1] - range[0]);
  return { f, c, y, centres, half: Math.min(60, slot * 0.35), pxPerValue };
}

function seriesColor(c: Colors, i: number): string {
  return c.series[i % 2] as string;
}

function hline(f: Frame, x0: number, x1: number, py: number): void {
  f.ctx.beginPath();
  f.ctx.moveTo(x0, py);
  f.ctx.lineTo(x1, py);
  f.ctx.stroke();
}

function drawOneBox(
  f: Frame,
  c: Colors,
  y: Scale,
  g: DistributionVM,
  cx: number,
  half: number,
  color: string,
): void {
  const b = g.box;
  if (!b) return;
  const ctx = f.ctx;
  ctx.strokeStyle = color;
  ctx.lineWidth = c.line + 0.5;
  ctx.beginPath();
  ctx.moveTo(cx, y(b.whiskerLow));
  ctx.lineTo(cx, y(b.q1));
  ctx.moveTo(cx, y(b.q3));
  ctx.lineTo(cx, y(b.whiskerHigh));
  ctx.stroke();
  hline(f, cx - half / 2, cx + half / 2, y(b.whiskerLow));
  hline(f, cx - half / 2, cx + half / 2, y(b.whiskerHigh));
  ctx.globalAlpha = 0.3;
  ctx.fillStyle = color;
  ctx.fillRect(cx - half, y(b.q3), 2 * half, y(b.q1) - y(b.q3));
  ctx.globalAlpha = 1;
  ctx.strokeRect(cx - half, y(b.q3), 2 * half, y(b.q1) - y(b.q3));
  ctx.strokeStyle = c.fg;
  ctx.lineWidth = c.line + 1;
  hline(f, cx - half, cx + half, y(b.median));
  ctx.fillStyle = c.fg;
  ctx.beginPath();
  ctx.arc(cx, y(b.mean), 3, 0, 2 * Math.PI);
  ctx.fill();
  ctx.strokeStyle = color;
  ctx.lineWidth = c.line;
  for (const o of b.outliers) {
    ctx.beginPath();
    ctx.arc(cx, y(o), 2.5, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

/** Box plots of `groups`; returns what was drawn per group. */
export function drawBoxes(
  canvas: HTMLCanvasElement,
  groups: readonly DistributionVM[],
  title: string,
): void {
  const s = setup(canvas, groups, title, false);
  if (!s) return;
  groups.forEach((g, i) =>
    drawOneBox(s.f, s.c, s.y, g, s.centres[i] as number, s.half, seriesColor(s.c, i)),
  );
  canvas.dataset['drawn'] = JSON.stringify(
    groups.map(g => ({
      label: g.label,
      n: g.box?.n ?? 0,
      q1: g.box?.q1,
      median: g.box?.median,
      q3: g.box?.q3,
      whiskerLow: g.box?.whiskerLow,
      whiskerHigh: g.box?.whiskerHigh,
      outliers: g.box?.outliers.length ?? 0,
    })),
  );
  canvas.dataset['rendered'] = 'true';
}

function drawOneViolin(
  f: Frame,
  c: Colors,
  y: Scale,
  g: DistributionVM,
  cx: number,
  pxPerDensity: number,
  color: string,
): void {
  const { x: xs, y: ds } = g.density;
  const ctx = f.ctx;
  if (xs.length > 1 && pxPerDensity > 0) {
    const w = (d: number) => d * pxPerDensity;
    ctx.beginPath();
    xs.forEach((v, k) => ctx.lineTo(cx + w(ds[k] as number), y(v)));
    for (let k = xs.length - 1; k >= 0; k--)
      ctx.lineTo(cx - w(ds[k] as number), y(xs[k] as number));
    ctx.closePath();
    ctx.globalAlpha = 0.35;
    ctx.fillStyle = color;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.strokeStyle = color;
    ctx.lineWidth = c.line + 0.5;
    ctx.stroke();
  }
  const b = g.box;
  if (b) {
    ctx.strokeStyle = c.fg;
    ctx.lineWidth = c.line;
    ctx.beginPath();
    ctx.moveTo(cx, y(b.whiskerLow));
    ctx.lineTo(cx, y(b.whiskerHigh));
    ctx.stroke();
    ctx.lineWidth = 5;
    ctx.beginPath();
    ctx.moveTo(cx, y(b.q1));
    ctx.lineTo(cx, y(b.q3));
    ctx.stroke();
    ctx.fillStyle = c.fg;
    ctx.beginPath();
    ctx.arc(cx, y(b.median), 3.5, 0, 2 * Math.PI);
    ctx.fill();
  }
}

/** Highest density value of a group (0 without a density). */
function peakDensity(g: DistributionVM): number {
  let max = 0;
  for (const d of g.density.y) if (d > max) max = d;
  return max;
}

/**
 * Violin plots of `groups` with the box's quartiles inside. Equal area (seaborn's
 * `scale="area"`): every density is drawn with the same pixels per density unit, the highest
 * peak filling the slot, so each violin encloses the same area (each density integrates to 1) and
 * a narrow violin means a spread-out group, not a small one.
 */
export function drawViolins(
  canvas: HTMLCanvasElement,
  groups: readonly DistributionVM[],
  title: string,
): void {
  const s = setup(canvas, groups, title, true);
  if (!s) return;
  const peaks = groups.map(peakDensity);
  const top = Math.max(0, ...peaks);
  const pxPerDensity = top > 0 ? s.half / top : 0;
  groups.forEach((g, i) =>
    drawOneViolin(s.f, s.c, s.y, g, s.centres[i] as number, pxPerDensity, seriesColor(s.c, i)),
  );
  canvas.dataset['drawn'] = JSON.stringify(
    groups.map((g, i) => ({
      label: g.label,
      n: g.box?.n ?? 0,
      points: g.density.x.length,
      bandwidth: g.density.bandwidth,
      maxDensity: peaks[i],
      halfWidthPx: (peaks[i] as number) * pxPerDensity,
      pxPerValue: s.pxPerValue,
    })),
  );
  canvas.dataset['rendered'] = 'true';
}
