/**
 * How the time-series panel writes values: every value with its unit (tooltips, axis ticks, the
 * data table). Times are written by the shared time axis (../common/timeAxis.ts).
 */
import type { SeriesUnit } from '../../shared/views/timeSeries';

function trimmed(v: number, digits: number): string {
  return Number(v.toFixed(digits)).toString();
}

/** `1234567` bit/s → `1.23 Mbit/s (1234567 bit/s)` in full, `1.23 Mbit/s` short. */
function scaled(v: number, unit: string, full: boolean): string {
  const abs = Math.abs(v);
  const [div, prefix] = abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'k'] : [1, ''];
  const short = `${trimmed(v / div, 2)} ${prefix}${unit}`;
  return full && div > 1 ? `${short} (${trimmed(v, 1)} ${unit})` : short;
}

/** A value as users read it; `full` adds the exact figure where the short form rounds. */
export function formatValue(unit: SeriesUnit, v: number | null, full = true): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  switch (unit) {
    case 'count':
      return trimmed(v, 2);
    case 'vmaf':
      return `VMAF ${trimmed(v, full ? 2 : 0)}`;
    case 'mos':
      return `MOS ${trimmed(v, full ? 3 : 1)}`;
    case 'share':
      return `${trimmed(v * 100, full ? 1 : 0)}%`;
    case 'lossShare':
      return `${trimmed(v * 100, full ? 3 : 1)}% lost`;
    case 'bitsPerSecond':
      return scaled(v, 'bit/s', full);
    case 'packetsPerSecond':
      return `${trimmed(v, full ? 2 : 0)} packets/s`;
    case 'seconds':
      return full
        ? `${trimmed(v * 1000, 2)} ms (${trimmed(v, 5)} s)`
        : `${trimmed(v * 1000, 0)} ms`;
  }
}
