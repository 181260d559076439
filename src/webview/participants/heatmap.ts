/**
 * The user × time heatmap on one canvas with virtual rows: a scroll box holds a spacer as tall as
 * every row, and the sticky canvas draws only the rows in view, so thousands of users stay fast.
 * Percent rows shade from the background to the theme's blue; state rows use one colour a state.
 * ↑/↓, PageUp/PageDown, Home/End move the highlighted row; its figures are said in a live line.
 * Beyond `COMPRESS_ABOVE` users a compressed overview of every row sits above it
 * (src/webview/common/rowOverview.ts): its lens is the rows in view, so brushing or moving the lens
 * scrolls the heatmap, and scrolling moves the lens; Enter goes to the rows, Escape comes back.
 */
import type { HeatmapVM, ParticipantVM } from '../../shared/views/participants';
import { el } from '../common/dom';
import {
  batchOrSession,
  COMPRESS_ABOVE,
  RowOverview,
  type OverviewPainter,
} from '../common/rowOverview';
import { colors, frame } from '../common/plot';

export const STATE_NAMES = ['none', 'connecting', 'connected', 'failed', 'reconnecting'] as const;

/** Colours of the states (index = code), from the theme. */
export function stateColors(): string[] {
  const c = colors();
  const css = (v: string, fb: string) =>
    getComputedStyle(document.body).getPropertyValue(v).trim() || fb;
  return [
    'transparent',
    c.series[1],
    css('--vscode-charts-green', '#89d185'),
    css('--vscode-charts-red', '#f14c4c'),
    css('--vscode-charts-purple', '#b180d7'),
  ];
}

const VIEW_HEIGHT = 420;

export interface HeatmapView {
  readonly element: HTMLElement;
  draw(): void;
}

/** Row height: full beyond `COMPRESS_ABOVE` rows, where the overview holds them all. */
function rowHeight(rows: number): number {
  return rows > COMPRESS_ABOVE || rows <= 100 ? 14 : 8;
}

function binText(h: HeatmapVM, values: readonly number[]): string {
  if (h.metric === 'state') {
    const counts = STATE_NAMES.map((_, code) => values.filter(v => v === code).length);
    return STATE_NAMES.map((n, i) => (i && counts[i] ? `${n} ${counts[i]} bins` : ''))
      .filter(Boolean)
      .join(', ');
  }
  let peak = -1;
  values.forEach((v, i) => {
    if (!Number.isNaN(v) && (peak < 0 || v > (values[peak] as number))) peak = i;
  });
  return peak < 0
    ? 'no value'
    : `peak ${values[peak]} % at ${(peak * h.binSeconds).toFixed(0)}–${((peak + 1) * h.binSeconds).toFixed(0)} s`;
}

/** A diagonal hatch in the muted colour: a bin without data, unlike a bin at zero. */
function hatch(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = 6;
  tile.height = 6;
  const t = tile.getContext('2d');
  if (!t) return 'transparent';
  t.strokeStyle = color;
  t.lineWidth = 1;
  t.beginPath();
  t.moveTo(0, 6);
  t.lineTo(6, 0);
  t.stroke();
  return ctx.createPattern(tile, 'repeat') ?? 'transparent';
}

type CellKind = 'empty' | 'zero' | 'value';

/**
 * Sets the fill of one bin and says what it is, or undefined for a bin left blank (state
 * "none"). No data (NaN) is hatched; a percent of 0 gets the faintest shade of the ramp, so
 * "nothing measured" and "measured zero" never look alike.
 */
function cellPainter(
  h: HeatmapVM,
  ctx: CanvasRenderingContext2D,
  c: ReturnType<typeof colors>,
): (v: number) => CellKind | undefined {
  const states = stateColors();
  const empty = hatch(ctx, c.muted);
  return v => {
    ctx.globalAlpha = 1;
    if (Number.isNaN(v)) {
      ctx.fillStyle = empty;
      return 'empty';
    }
    if (h.metric === 'state') {
      if (v <= 0) return undefined;
      ctx.fillStyle = states[v] ?? c.fg;
      return 'value';
    }
    ctx.fillStyle = c.series[0];
    ctx.globalAlpha = Math.min(1, 0.1 + Math.max(0, v) / 100);
    return v > 0 ? 'value' : 'zero';
  };
}

/** Paints every row's bins onto the overview, as the heatmap colours them. */
function overviewPainter(h: HeatmapVM): OverviewPainter {
  return (ctx, layout, left, right) => {
    const fill = cellPainter(h, ctx, colors());
    const cell = (right - left) / Math.max(1, h.bins);
    h.rows.forEach((row, i) => {
      const y = layout.tops[i]!;
      row.values.forEach((v, b) => {
        if (fill(v)) ctx.fillRect(left + b * cell, y, Math.ceil(cell), layout.pitch);
      });
    });
    ctx.globalAlpha = 1;
  };
}

export function heatmapView(h: HeatmapVM, users: readonly ParticipantVM[]): HeatmapView {
  const rh = rowHeight(h.rows.length);
  const canvas = el('canvas', { id: 'heatmap', role: 'img', 'aria-label': 'User by time heatmap' });
  const spacer = el('div', { class: 'heat-spacer' });
  const sticky = el('div', { class: 'heat-sticky' }, canvas);
  const scroll = el(
    'div',
    {
      id: 'heat-scroll',
      class: 'heat-scroll',
      tabindex: '0',
      'aria-label': `Heatmap rows: ${h.rows.length} users; arrow keys move between users`,
    },
    sticky,
    spacer,
  );
  const detail = el('p', {
    id: 'heat-detail',
    class: 'note',
    role: 'status',
    'aria-live': 'polite',
  });
  let highlighted = -1;
  const totalHeight = h.rows.length * rh;
  spacer.style.height = `${Math.max(0, totalHeight - VIEW_HEIGHT)}px`;
  scroll.style.height = `${Math.min(VIEW_HEIGHT, totalHeight) + 26}px`;

  const viewRows = Math.min(h.rows.length, Math.ceil(VIEW_HEIGHT / rh));
  const firstRow = () =>
    Math.min(Math.floor(scroll.scrollTop / rh), Math.max(0, h.rows.length - viewRows));
  const label = (i: number) => {
    const row = h.rows[i];
    const user = row && users[row.user];
    return user ? `${user.label} (${user.role})` : '';
  };
  const overview =
    h.rows.length > COMPRESS_ABOVE
      ? new RowOverview({
          id: 'heat-overview',
          noun: 'Users',
          groups: batchOrSession(
            h.rows.map(r => ({
              batch: users[r.user]?.batch ?? NaN,
              session: users[r.user]?.session ?? '?',
            })),
          ),
          describe: label,
          paint: overviewPainter(h),
          focus: { start: 0, end: viewRows },
          highlighted: () => highlighted,
          onFocus: f => {
            scroll.scrollTop = f.start * rh;
            draw();
          },
          onPick: row => highlight(row),
          onExpand: () => scroll.focus(),
          area: () => ({ left: 92, right: (canvas.clientWidth || 600) - 8 }),
        })
      : undefined;

  const draw = () => {
    const f = frame(canvas, Math.min(VIEW_HEIGHT, totalHeight) + 24, { l: 92, r: 8, t: 0, b: 24 });
    if (!f) return;
    const c = colors();
    const ctx = f.ctx;
    const first = firstRow();
    const cell = (f.right - f.left) / h.bins;
    const fill = cellPainter(h, ctx, c);
    const counts = { empty: 0, zero: 0, value: 0 };
    for (let k = 0; k < viewRows; k++) {
      const row = h.rows[first + k];
      if (!row) break;
      const y = f.top + k * rh;
      row.values.forEach((v, b) => {
        const kind = fill(v);
        if (!kind) return;
        counts[kind]++;
        ctx.fillRect(f.left + b * cell, y, Math.ceil(cell), rh - (rh > 4 ? 1 : 0));
      });
      ctx.globalAlpha = 1;
      if (first + k === highlighted) {
        ctx.strokeStyle = c.fg;
        ctx.lineWidth = 1.5;
        ctx.strokeRect(f.left, y + 0.5, f.right - f.left, rh - 1);
      }
      if (rh >= 8 || first + k === highlighted) {
        ctx.fillStyle = c.fg;
        ctx.textAlign = 'right';
        ctx.textBaseline = 'middle';
        ctx.fillText(users[row.user]?.label ?? '', f.left - 4, y + rh / 2);
      }
    }
    ctx.fillStyle = c.muted;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const end = h.bins * h.binSeconds;
    for (let i = 0; i <= 4; i++)
      ctx.fillText(
        `${((end * i) / 4).toFixed(0)} s`,
        f.left + ((f.right - f.left) * i) / 4,
        f.bottom + 6,
      );
    canvas.dataset['rows'] = String(h.rows.length);
    canvas.dataset['bins'] = String(h.bins);
    canvas.dataset['first'] = String(first);
    canvas.dataset['drawnRows'] = String(Math.min(viewRows, h.rows.length - first));
    canvas.dataset['metric'] = h.metric;
    canvas.dataset['cells'] = JSON.stringify(counts);
    canvas.dataset['rendered'] = 'true';
    overview?.setFocus({ start: first, end: first + viewRows }, false);
  };

  const highlight = (i: number) => {
    if (h.rows.length === 0) return;
    highlighted = Math.max(0, Math.min(h.rows.length - 1, i));
    const row = h.rows[highlighted];
    const user = row && users[row.user];
    if (row && user) {
      scroll.dataset['highlighted'] = user.label;
      detail.textContent = `${user.label} (${user.role}): ${binText(h, row.values)}`;
    }
    const top = highlighted * rh;
    if (top < scroll.scrollTop) scroll.scrollTop = top;
    else if (top + rh > scroll.scrollTop + VIEW_HEIGHT) scroll.scrollTop = top + rh - VIEW_HEIGHT;
    draw();
  };
  const page = Math.max(1, Math.floor(VIEW_HEIGHT / rh) - 1);
  scroll.addEventListener('keydown', e => {
    const moves: Record<string, number> = {
      ArrowDown: highlighted + 1,
      ArrowUp: highlighted - 1,
      PageDown: highlighted + page,
      PageUp: highlighted - page,
      Home: 0,
      End: h.rows.length - 1,
    };
    if (e.key === 'Escape' && overview) {
      e.preventDefault();
      overview.canvas.focus();
      return;
    }
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    highlight(to);
  });
  scroll.addEventListener('scroll', () => requestAnimationFrame(draw));
  return {
    element: el('div', {}, ...(overview ? [overview.element] : []), scroll, detail),
    draw,
  };
}
