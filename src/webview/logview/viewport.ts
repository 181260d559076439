/**
 * Arithmetic of the virtualised log view, kept free of the DOM so it can be tested: blocks of
 * lines, which blocks to keep, and the mapping between the scroll position and the first
 * visible line (scaled when the file has more lines than a browser can make pixels tall).
 */

/** Lines per block the view asks the host for. */
export const LOG_BLOCK = 200;

/** The 0-based block holding line `n` (1-based). */
export function blockOf(n: number): number {
  return Math.floor((n - 1) / LOG_BLOCK);
}

/**
 * Blocks to drop so that at most `max` stay, the farthest from `centre` first. With
 * `returnDropped` false, the blocks kept instead.
 */
export function blocksToKeep(
  blocks: readonly number[],
  centre: number,
  max: number,
  returnDropped: boolean,
): number[] {
  const byDistance = [...blocks].sort(
    (a, b) => Math.abs(a - centre) - Math.abs(b - centre) || a - b,
  );
  return returnDropped ? byDistance.slice(max) : byDistance.slice(0, max);
}

/** The geometry both mappings share: the last possible first line and the scroll range. */
export interface ScrollGeometry {
  readonly lines: number;
  readonly visible: number;
  /** Height of the scrolled content (px), capped for huge files. */
  readonly spacer: number;
  /** Height of the scroller's viewport (px). */
  readonly viewport: number;
}

function extent(g: ScrollGeometry): { lastTop: number; range: number } {
  return { lastTop: Math.max(1, g.lines - g.visible + 1), range: g.spacer - g.viewport };
}

/** The first visible line for a scroll offset. */
export function topForScroll(scrollTop: number, g: ScrollGeometry): number {
  const { lastTop, range } = extent(g);
  if (range <= 0) return 1;
  return Math.max(1, Math.min(lastTop, 1 + Math.round((scrollTop / range) * (lastTop - 1))));
}

/** The scroll offset that shows line `top` first (inverse of topForScroll). */
export function scrollForTop(top: number, g: ScrollGeometry): number {
  const { lastTop, range } = extent(g);
  if (range <= 0 || lastTop === 1) return 0;
  return ((top - 1) / (lastTop - 1)) * range;
}
