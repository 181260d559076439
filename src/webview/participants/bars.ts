/**
 * Horizontal bars on a canvas, one per item, each stacked from parts (bytes audio/video, seconds
 * per state), either to scale with the largest bar or as 100 % bars. A coloured tag before the
 * label marks the item's group (role or session). What was drawn goes to `data-drawn` (JSON).
 */
import { colors, frame } from '../common/plot';

export interface BarPart {
  readonly name: string;
  readonly color: string;
}

export interface Bar {
  readonly label: string;
  readonly parts: readonly number[];
  /** Colour of the group tag before the label. */
  readonly tag?: string;
}

const ROW = 16;
const LABEL = 92;

function total(b: Bar): number {
  return b.parts.reduce((s, v) => s + v, 0);
}

/** Draws `bars`; `percent` scales each bar to 100 %, else all to the largest total. */
export function drawBars(
  canvas: HTMLCanvasElement,
  bars: readonly Bar[],
  parts: readonly BarPart[],
  options: { readonly percent: boolean; readonly unit: (v: number) => string },
): void {
  const f = frame(canvas, bars.length * ROW + 30, { l: LABEL, r: 70, t: 4, b: 26 });
  if (!f) return;
  const c = colors();
  const ctx = f.ctx;
  const max = options.percent ? 1 : Math.max(1e-12, ...bars.map(total));
  const width = f.right - f.left;
  bars.forEach((b, i) => {
    const y = f.top + i * ROW;
    const sum = total(b);
    const scale = options.percent ? (sum > 0 ? width / sum : 0) : width / max;
    let x = f.left;
    b.parts.forEach((v, k) => {
      const w = v * scale;
      ctx.fillStyle = parts[k]?.color ?? c.fg;
      ctx.fillRect(x, y + 2, w, ROW - 4);
      x += w;
    });
    if (b.tag) {
      ctx.fillStyle = b.tag;
      ctx.fillRect(2, y + 3, 6, ROW - 6);
    }
    ctx.fillStyle = c.fg;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(b.label, 12, y + ROW / 2, LABEL - 14);
    ctx.fillStyle = c.muted;
    ctx.fillText(options.percent ? '' : options.unit(sum), x + 4, y + ROW / 2);
  });
  ctx.fillStyle = c.muted;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  let lx = f.left;
  for (const p of parts) {
    ctx.fillStyle = p.color;
    ctx.fillRect(lx, f.bottom + 8, 10, 10);
    ctx.fillStyle = c.fg;
    ctx.fillText(p.name, lx + 14, f.bottom + 7);
    lx += ctx.measureText(p.name).width + 30;
  }
  if (!options.percent) {
    ctx.textAlign = 'right';
    ctx.fillStyle = c.muted;
    ctx.fillText(`max ${options.unit(max)}`, f.right + 66, f.bottom + 7);
  }
  canvas.dataset['drawn'] = JSON.stringify(bars.map(b => ({ label: b.label, parts: b.parts })));
  canvas.dataset['rendered'] = 'true';
}
