/**
 * The compressed overview of a view with many user rows (the swimlane, the participants heatmap):
 * beyond `COMPRESS_ABOVE` rows every row is drawn at one or two device pixels on one canvas,
 * consecutive rows of a group (batch or session) together under the group's label, so the whole
 * test fits on one screen. A focus lens marks the rows the view shows at full height below it
 * (the detail on demand). The lens moves by dragging on the overview (a brush over rows), by
 * clicking a row (the view also opens that row), or with keys: ↑/↓ one row, PageUp/PageDown one
 * lens, Home/End, +/− widen or narrow it; Enter expands (the view focuses its detail, whose
 * Escape comes back here). Hovering names the row under the pointer. The view paints the rows'
 * content (`paint`); this module owns layout, lens, hit-testing and keys.
 * After each draw the canvas carries what was drawn (rows, pitch, groups, lens) for tests.
 */
import { el, themeColor } from './dom';
import { runKey } from './zoomKeys';

/** More rows than this are drawn compressed, with a lens. */
export const COMPRESS_ABOVE = 200;
/** CSS pixels the overview aims at: rows get two device pixels while they fit, else one. */
const TARGET_HEIGHT = 800;
/** Width of the group labels on the left, the same as the swimlane's y axis. */
export const OVERVIEW_GUTTER = 96;
/** Groups are spaced apart while there are at most this many (else only a tick marks them). */
const SPACED_GROUPS = 64;
/** Rows a lens may hold: the full-height view beyond this would be slow again. */
export const MAX_FOCUS = COMPRESS_ABOVE;
const MIN_FOCUS = 4;

/** Rows `start` (inclusive) to `end` (exclusive). */
export interface RowRange {
  readonly start: number;
  readonly end: number;
}

export interface OverviewGroup extends RowRange {
  readonly label: string;
}

/** Where each row is drawn, in device pixels. */
export interface OverviewLayout {
  readonly rows: number;
  readonly dpr: number;
  /** Device pixels a row. */
  readonly pitch: number;
  /** Device pixels between two groups. */
  readonly gap: number;
  readonly groups: readonly OverviewGroup[];
  /** Top of each row. */
  readonly tops: Int32Array;
  /** Height of all rows. */
  readonly height: number;
}

/** Runs of equal consecutive keys: the groups, labelled by their key. */
export function groupRuns(keys: readonly string[]): OverviewGroup[] {
  const out: OverviewGroup[] = [];
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i < keys.length && keys[i] === keys[start]) continue;
    if (i > start) out.push({ label: keys[start]!, start, end: i });
    start = i;
  }
  return out;
}

/**
 * Group labels of user rows: `Batch N` when each batch comes as one run of rows (rows without a
 * batch, NaN or null once sent as JSON, form `No batch`), else `Session N`.
 */
export function batchOrSession(
  rows: readonly { readonly batch: number | null; readonly session: string }[],
): string[] {
  const batches = rows.map(r =>
    typeof r.batch === 'number' && Number.isFinite(r.batch) ? `Batch ${r.batch}` : 'No batch',
  );
  const distinct = new Set(batches).size;
  if (distinct > 1 && groupRuns(batches).length === distinct) return batches;
  return rows.map(r => `Session ${r.session}`);
}

/** Two device pixels a row while the rows fit `TARGET_HEIGHT`, else one. */
export function overviewLayout(keys: readonly string[], dpr: number): OverviewLayout {
  const rows = keys.length;
  const pitch = Math.max(1, Math.min(2, Math.floor((TARGET_HEIGHT * dpr) / Math.max(1, rows))));
  const groups = groupRuns(keys);
  const gap = groups.length > 1 && groups.length <= SPACED_GROUPS ? 2 : 0;
  const tops = new Int32Array(rows);
  let y = 0;
  for (const g of groups) {
    for (let i = g.start; i < g.end; i++, y += pitch) tops[i] = y;
    y += gap;
  }
  return { rows, dpr, pitch, gap, groups, tops, height: Math.max(1, y - gap) };
}

/** The row drawn at device-pixel `y` (the nearest one in a gap), -1 outside. */
export function rowAt(layout: OverviewLayout, y: number): number {
  if (layout.rows === 0 || y < 0 || y >= layout.height) return -1;
  let lo = 0;
  let hi = layout.rows - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (layout.tops[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** `range` moved (keeping its size) to lie within [0, rows). */
export function clampRange(range: RowRange, rows: number): RowRange {
  const size = Math.max(1, Math.min(rows, range.end - range.start));
  const start = Math.max(0, Math.min(rows - size, range.start));
  return { start, end: start + size };
}

/** A lens of `size` rows around `row`. */
export function rangeAround(row: number, size: number, rows: number): RowRange {
  return clampRange(
    { start: row - Math.floor(size / 2), end: row - Math.floor(size / 2) + size },
    rows,
  );
}

/** Paints the rows' content in device pixels between `left` and `right` (x), at `layout.tops`. */
export type OverviewPainter = (
  ctx: CanvasRenderingContext2D,
  layout: OverviewLayout,
  left: number,
  right: number,
) => void;

export interface RowOverviewOptions {
  /** Id of the canvas; the hover tip and the lens line take it as a prefix. */
  readonly id: string;
  /** What the rows are, for screen readers (`Users`). */
  readonly noun: string;
  /** Group label of each row (`Batch 3`); consecutive equal labels form a group. */
  readonly groups: readonly string[];
  /** The row's name and what it is, for the hover tip and the lens line. */
  readonly describe: (row: number) => string;
  readonly paint: OverviewPainter;
  readonly focus: RowRange;
  /** The row the view highlights (-1: none), marked in the gutter. */
  readonly highlighted: () => number;
  /** The lens moved (brush, click, keys). */
  readonly onFocus: (focus: RowRange) => void;
  /** A row was clicked. */
  readonly onPick: (row: number) => void;
  /** Enter: the view shows its detail of the lens. */
  readonly onExpand: () => void;
  /** Left and right of the detail's plot area in CSS pixels, to line the time axes up. */
  readonly area?: () => { readonly left: number; readonly right: number } | undefined;
}

/** The overview canvas, its hover tip and the line saying which rows the lens holds. */
export class RowOverview {
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly tip: HTMLElement;
  private readonly line: HTMLElement;
  private layout: OverviewLayout;
  private current: RowRange;
  /** The row a drag started on, and the pointer's page y there (CSS px). */
  private drag: { row: number; y: number; moved: boolean } | undefined;

  constructor(private readonly o: RowOverviewOptions) {
    this.current = clampRange(o.focus, o.groups.length);
    this.layout = overviewLayout(o.groups, window.devicePixelRatio || 1);
    this.canvas = el('canvas', {
      id: o.id,
      class: 'row-overview',
      tabindex: '0',
      role: 'img',
      'aria-label': `All ${o.groups.length} ${o.noun.toLowerCase()} compressed; drag or use the arrow keys to move the lens, Enter shows its rows, Escape there returns here`,
      'aria-describedby': `${o.id}-lens`,
    });
    this.tip = el('div', { id: `${o.id}-tip`, class: 'overview-tip', role: 'tooltip' });
    this.tip.hidden = true;
    this.line = el('p', { id: `${o.id}-lens`, class: 'note', 'aria-live': 'polite' });
    this.element = el(
      'div',
      { class: 'row-overview-box' },
      this.line,
      el('div', { class: 'row-overview-canvas' }, this.canvas, this.tip),
    );
    this.listen();
  }

  get focus(): RowRange {
    return this.current;
  }

  /** Moves the lens; `notify` tells the view (not when the view itself asked). */
  setFocus(range: RowRange, notify = true): void {
    const next = clampRange(range, this.layout.rows);
    const changed = next.start !== this.current.start || next.end !== this.current.end;
    this.current = next;
    this.draw();
    if (changed && notify) this.o.onFocus(next);
  }

  /** Keeps `row` inside the lens, moving it as little as possible; true if it moved. */
  reveal(row: number): boolean {
    const { start, end } = this.current;
    if (row >= start && row < end) return false;
    const size = end - start;
    this.setFocus(
      row < start ? { start: row, end: row + size } : { start: row - size + 1, end: row + 1 },
      false,
    );
    return true;
  }

  draw(): void {
    const dpr = window.devicePixelRatio || 1;
    if (dpr !== this.layout.dpr) this.layout = overviewLayout(this.o.groups, dpr);
    const layout = this.layout;
    const canvas = this.canvas;
    const width = Math.max(200, Math.round(canvas.parentElement?.clientWidth ?? 600));
    canvas.width = Math.round(width * dpr);
    canvas.height = layout.height;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${layout.height / dpr}px`;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const area = this.o.area?.();
    const left = Math.round((area?.left ?? OVERVIEW_GUTTER) * dpr);
    const right = Math.round(Math.min(width, area?.right ?? width) * dpr);
    this.o.paint(ctx, layout, left, right);
    this.drawGroups(ctx, left);
    this.drawLens(ctx, left, right);
    const d = canvas.dataset;
    d['rows'] = String(layout.rows);
    d['pitch'] = String(layout.pitch);
    d['cssPitch'] = String(layout.pitch / dpr);
    d['groups'] = String(layout.groups.length);
    d['focusStart'] = String(this.current.start);
    d['focusEnd'] = String(this.current.end);
    d['plotLeft'] = String(left / dpr);
    d['plotRight'] = String(right / dpr);
    d['rendered'] = 'true';
    this.line.textContent = this.lensText();
  }

  private lensText(): string {
    const { start, end } = this.current;
    return `${this.o.noun} ${start + 1}–${end} of ${this.layout.rows} shown in full below (${this.o.describe(start)} to ${this.o.describe(end - 1)}); the overview above holds all of them, ${this.layout.pitch === 1 ? 'one device pixel' : 'two device pixels'} each.`;
  }

  /** Group labels in the gutter where there is room, a tick at every group start. */
  private drawGroups(ctx: CanvasRenderingContext2D, left: number): void {
    const { groups, tops, dpr, pitch } = this.layout;
    const fg = themeColor('--vscode-foreground', '#cccccc');
    const grid = themeColor('--vscode-editorWidget-border', '#808080');
    ctx.font = `${Math.round(10 * dpr)}px ${themeColor('--vscode-font-family', 'sans-serif')}`;
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    let free = 0;
    for (const g of groups) {
      const top = tops[g.start]!;
      const bottom = tops[g.end - 1]! + pitch;
      ctx.fillStyle = grid;
      ctx.fillRect(left - 6 * dpr, top, 4 * dpr, Math.max(1, bottom - top - 1));
      if (top < free) continue;
      ctx.fillStyle = fg;
      ctx.fillText(`${g.label} (${g.end - g.start})`, 2 * dpr, top, left - 10 * dpr);
      free = top + 12 * dpr;
    }
  }

  /** The lens (the rows shown in full) outlined, the highlighted row marked in the gutter. */
  private drawLens(ctx: CanvasRenderingContext2D, left: number, right: number): void {
    const { tops, pitch, dpr } = this.layout;
    const { start, end } = this.current;
    const top = tops[start]! - dpr;
    const bottom = tops[end - 1]! + pitch + dpr;
    ctx.strokeStyle = themeColor('--vscode-focusBorder', '#007fd4');
    ctx.lineWidth = 2 * dpr;
    ctx.strokeRect(left - dpr, top, right - left + 2 * dpr, bottom - top);
    const row = this.o.highlighted();
    if (row < 0 || row >= this.layout.rows) return;
    const y = tops[row]! + pitch / 2;
    ctx.fillStyle = themeColor('--vscode-foreground', '#cccccc');
    ctx.beginPath();
    ctx.moveTo(left - 2 * dpr, y);
    ctx.lineTo(left - 8 * dpr, y - 4 * dpr);
    ctx.lineTo(left - 8 * dpr, y + 4 * dpr);
    ctx.fill();
  }

  /** The row under a pointer event (-1: none). */
  private rowOf(e: MouseEvent): number {
    const r = this.canvas.getBoundingClientRect();
    return rowAt(this.layout, Math.floor((e.clientY - r.top) * this.layout.dpr));
  }

  private hover(e: MouseEvent): void {
    const row = this.rowOf(e);
    this.canvas.dataset['hoverRow'] = String(row);
    if (row < 0) {
      this.tip.hidden = true;
      return;
    }
    const r = this.canvas.getBoundingClientRect();
    this.tip.textContent = this.o.describe(row);
    this.tip.hidden = false;
    this.tip.style.left = `${Math.min(r.width - 220, Math.max(0, e.clientX - r.left + 12))}px`;
    this.tip.style.top = `${e.clientY - r.top + 12}px`;
  }

  private listen(): void {
    const c = this.canvas;
    c.addEventListener('mousedown', e => {
      const row = this.rowOf(e);
      if (row >= 0) this.drag = { row, y: e.pageY, moved: false };
    });
    c.addEventListener('mousemove', e => {
      this.hover(e);
      const d = this.drag;
      if (!d || (!d.moved && Math.abs(e.pageY - d.y) < 3)) return;
      d.moved = true;
      const row = this.rowOf(e);
      if (row >= 0) this.setFocus(this.brushed(d.row, row), false);
    });
    c.addEventListener('mouseleave', () => {
      this.tip.hidden = true;
    });
    const up = () => {
      // A drawing replaced by a new one (theme, colouring) lets go of the window.
      if (!c.isConnected) return window.removeEventListener('mouseup', up);
      const d = this.drag;
      this.drag = undefined;
      if (!d) return;
      const { start, end } = this.current;
      if (!d.moved && (d.row < start || d.row >= end))
        this.setFocus(rangeAround(d.row, end - start, this.layout.rows), false);
      this.o.onFocus(this.current);
      if (!d.moved) this.o.onPick(d.row);
    };
    window.addEventListener('mouseup', up);
    c.addEventListener('keydown', e => this.onKey(e));
  }

  /** The rows between two brushed rows, at most `MAX_FOCUS` from the first. */
  private brushed(a: number, b: number): RowRange {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b) + 1;
    if (hi - lo <= MAX_FOCUS) return { start: lo, end: hi };
    return b >= a ? { start: a, end: a + MAX_FOCUS } : { start: a + 1 - MAX_FOCUS, end: a + 1 };
  }

  private onKey(e: KeyboardEvent): void {
    const { start, end } = this.current;
    const size = end - start;
    const move = (to: number) => () => this.setFocus({ start: to, end: to + size });
    const resize = (n: number) => () => {
      const s = Math.max(MIN_FOCUS, Math.min(MAX_FOCUS, n));
      this.setFocus({
        start: start + Math.floor((size - s) / 2),
        end: start + Math.floor((size - s) / 2) + s,
      });
    };
    runKey(e, {
      ArrowDown: move(start + 1),
      ArrowUp: move(start - 1),
      PageDown: move(start + size),
      PageUp: move(start - size),
      Home: move(0),
      End: move(this.layout.rows - size),
      '+': resize(size * 2),
      '=': resize(size * 2),
      '-': resize(Math.floor(size / 2)),
      Enter: () => this.o.onExpand(),
    });
  }
}
