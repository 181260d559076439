/** Formatting shared by the CLI and the webviews. */

/** `754.2` → `12m 34s`; undefined → `—`. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.round(seconds);
  const m = Math.floor(total / 60);
  return `${m}m ${String(total - m * 60).padStart(2, '0')}s`;
}
