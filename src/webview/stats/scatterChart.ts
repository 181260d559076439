/**
 * Metric against the media node's CPU (`cpu_median` of each row), one colour per group. The
 * canvas' `data-points` lists the points drawn per group.
 */
import type { ScatterPointVM } from '../../shared/viewModel';
import { colors, frame, linear, padded, xAxis, yAxis } from '../common/plot';

const HEIGHT = 280;

export interface ScatterSeries {
  readonly label: string;
  readonly points: readonly ScatterPointVM[];
}

export function drawScatter(
  canvas: HTMLCanvasElement,
  series: readonly ScatterSeries[],
  yTitle: string,
): void {
  const f = frame(canvas, HEIGHT);
  if (!f) return;
  const c = colors();
  const all = series.flatMap(s => s.points);
  const xr = padded(all.map(p => p[0]));
  const yr = padded(all.map(p => p[1]));
  const x = linear(xr[0], xr[1], f.left, f.right);
  const y = linear(yr[0], yr[1], f.bottom, f.top);
  yAxis(f, c, y, yr, yTitle);
  xAxis(f, c, x, xr, 'Median CPU of the segment');
  const ctx = f.ctx;
  series.forEach((s, i) => {
    const color = c.series[i % 2] as string;
    ctx.fillStyle = color;
    ctx.strokeStyle = color;
    ctx.globalAlpha = 0.7;
    for (const [cx, cy] of s.points) {
      ctx.beginPath();
      if (i % 2 === 0) ctx.arc(x(cx), y(cy), 2.5, 0, 2 * Math.PI);
      else ctx.rect(x(cx) - 2.5, y(cy) - 2.5, 5, 5);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  });
  canvas.dataset['points'] = JSON.stringify(series.map(s => s.points.length));
  canvas.dataset['rendered'] = 'true';
}
