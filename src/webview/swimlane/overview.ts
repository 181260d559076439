/**
 * The swimlane's compressed overview (more than `COMPRESS_ABOVE` users, src/webview/common/
 * rowOverview.ts): every user's segments at one or two device pixels over the whole test, in the
 * notebook's colours. Kinds are painted connected time first and failures last, so no failure is
 * hidden at one pixel; retries share the start colour (no room for dots) but are counted apart.
 * The canvas carries how many core segments each kind stands for, like the full chart.
 */
import { KIND_COLORS, qoeColor, qosColor, type DrawKind } from './colors';
import { drawKind, type SwimData } from './swimChart';
import type { OverviewPainter } from '../common/rowOverview';

/** Painting order, bottom first. */
const ORDER: readonly DrawKind[] = ['connected', 'qos', 'start', 'retry', 'qoe', 'failure'];

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Paints `data` over `window` (seconds) onto the overview's rows. */
export function swimOverviewPainter(
  data: () => SwimData,
  window: readonly [number, number],
): OverviewPainter {
  return (ctx, layout, left, right) => {
    const d = data();
    const [w0, w1] = window;
    const scale = (right - left) / (w1 - w0 || 1);
    const { tops, pitch } = layout;
    const bar = (s: Span, y: number) => {
      const x0 = Math.max(left, left + (s.start - w0) * scale);
      const x1 = Math.min(right, left + (s.end - w0) * scale);
      if (x1 >= left && x0 <= right) ctx.fillRect(x0, y, Math.max(1, x1 - x0), pitch);
    };
    for (const kind of ORDER) {
      let represented = 0;
      if (kind === 'qos') {
        const variant = d.qos?.variant;
        d.qos?.rows.forEach((row, i) => {
          for (const b of row) {
            ctx.fillStyle = variant ? qosColor(variant, b.value) : '#808080';
            bar(b, tops[i]!);
            represented++;
          }
        });
      } else {
        if (kind !== 'qoe') ctx.fillStyle = KIND_COLORS[kind === 'retry' ? 'start' : kind];
        d.segments.forEach((row, i) => {
          for (const seg of row) {
            if (drawKind(seg) !== kind || (kind === 'qoe' && seg.metric !== d.metric)) continue;
            if (kind === 'qoe') ctx.fillStyle = qoeColor(seg.qoe, d.qoeRamp);
            bar(seg, tops[i]!);
            represented += seg.merged ?? 1;
          }
        });
      }
      ctx.canvas.dataset[`rows${kind[0]!.toUpperCase()}${kind.slice(1)}`] = String(represented);
    }
  };
}
