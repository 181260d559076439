/** Formatting shared by the CLI and the webviews. */

/** `754.2` → `12m 34s`; undefined → `—`. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.round(seconds);
  const m = Math.floor(total / 60);
  return `${m}m ${String(total - m * 60).padStart(2, '0')}s`;
}

/**
 * A platform metric with its unit, as the run view and `loadtest-lens run` print it: bit rates
 * scaled to kbit/s, Mbit/s or Gbit/s; other values with 2, 1 or 0 decimals by magnitude.
 */
export function formatWithUnit(v: number, unit: string): string {
  if (unit === 'bps') {
    const abs = Math.abs(v);
    if (abs >= 1e9) return `${(v / 1e9).toFixed(2)} Gbit/s`;
    if (abs >= 1e6) return `${(v / 1e6).toFixed(2)} Mbit/s`;
    if (abs >= 1e3) return `${(v / 1e3).toFixed(1)} kbit/s`;
    return `${v.toFixed(0)} bit/s`;
  }
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)}${unit === '%' ? ' %' : unit ? ` ${unit}` : ''}`;
}

/** ` (+1.2 ms)` / ` (−3 %)`: a difference against a baseline, with its unit. */
export function formatDelta(delta: number, unit: string): string {
  return ` (${delta >= 0 ? '+' : '−'}${formatWithUnit(Math.abs(delta), unit)})`;
}

/** `1 user`, `2 users`: a count and its noun, plural but for one. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `a, b, c and 4 more`: the first `max` names, then how many others. */
export function firstNames(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** A count, or `—` where the source cannot tell (the log alone names no connections from 2024). */
export function countOrUnknown(n: number, known: boolean): string {
  return known ? String(n) : '—';
}
