/**
 * A small canvas plotting kit for the statistics views (box, violin, scatter): linear scales with
 * round ticks, axes and grid in the theme's colours, crisp at any device-pixel ratio. Chart.js 4
 * has no box or violin plot; these few primitives draw them under the strict CSP without a plugin.
 */
import { isHighContrast, themeColor } from './dom';

export interface Colors {
  readonly fg: string;
  readonly muted: string;
  readonly grid: string;
  readonly series: readonly [string, string];
  readonly line: number;
}

export function colors(): Colors {
  const hc = isHighContrast();
  return {
    fg: themeColor('--vscode-foreground', '#cccccc'),
    muted: themeColor('--vscode-descriptionForeground', '#9d9d9d'),
    grid: themeColor('--vscode-editorWidget-border', '#454545'),
    series: [
      themeColor('--vscode-charts-blue', '#3794ff'),
      themeColor('--vscode-charts-orange', '#d18616'),
    ],
    line: hc ? 2 : 1,
  };
}

/** Round tick values covering [lo, hi] (about `count` of them). */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi <= lo) return [lo];
  const raw = (hi - lo) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

/** Short tick text. */
export function tickText(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

export interface Frame {
  readonly ctx: CanvasRenderingContext2D;
  readonly width: number;
  readonly height: number;
  /** Plot area in CSS pixels. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** Sizes the canvas to its box at the device-pixel ratio and clears it. */
export function frame(
  canvas: HTMLCanvasElement,
  height: number,
  margins = { l: 56, r: 12, t: 12, b: 40 },
): Frame | undefined {
  const width = Math.max(200, Math.round(canvas.parentElement?.clientWidth ?? 320));
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = `11px ${themeColor('--vscode-font-family', 'sans-serif')}`;
  return {
    ctx,
    width,
    height,
    left: margins.l,
    right: width - margins.r,
    top: margins.t,
    bottom: height - margins.b,
  };
}

export type Scale = (v: number) => number;

/** Maps [lo, hi] onto [a, b] (hi = lo maps everything to the middle). */
export function linear(lo: number, hi: number, a: number, b: number): Scale {
  if (hi === lo) return () => (a + b) / 2;
  return v => a + ((v - lo) / (hi - lo)) * (b - a);
}

/** [lo, hi] padded by 5 % (or ±1 around a single value). */
export function padded(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values)
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/** Value axis on the left with grid lines, and its title. */
export function yAxis(f: Frame, c: Colors, y: Scale, range: [number, number], title: string): void {
  const { ctx } = f;
  ctx.strokeStyle = c.grid;
  ctx.fillStyle = c.muted;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks(range[0], range[1])) {
    const py = Math.round(y(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(f.left, py);
    ctx.lineTo(f.right, py);
    ctx.stroke();
    ctx.fillText(tickText(t), f.left - 6, py);
  }
  ctx.save();
  ctx.translate(12, (f.top + f.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillStyle = c.fg;
  ctx.fillText(title, 0, 0);
  ctx.restore();
}

/** Numeric axis at the bottom, and its title. */
export function xAxis(f: Frame, c: Colors, x: Scale, range: [number, number], title: string): void {
  const { ctx } = f;
  ctx.strokeStyle = c.grid;
  ctx.fillStyle = c.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of ticks(range[0], range[1])) {
    const px = Math.round(x(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(px, f.top);
    ctx.lineTo(px, f.bottom);
    ctx.stroke();
    ctx.fillText(tickText(t), px, f.bottom + 4);
  }
  ctx.fillStyle = c.fg;
  ctx.fillText(title, (f.left + f.right) / 2, f.bottom + 20);
}

/** Category labels (and a second line, e.g. `n = 12`) under slots of equal width; returns each slot's centre. */
export function categories(
  f: Frame,
  c: Colors,
  labels: readonly (readonly [string, string])[],
): number[] {
  const { ctx } = f;
  const slot = (f.right - f.left) / Math.max(1, labels.length);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  return labels.map(([label, second], i) => {
    const cx = f.left + slot * (i + 0.5);
    ctx.fillStyle = c.fg;
    ctx.fillText(label, cx, f.bottom + 6, slot - 4);
    ctx.fillStyle = c.muted;
    ctx.fillText(second, cx, f.bottom + 20, slot - 4);
    return cx;
  });
}
