/**
 * How the time-series panel writes values and times: every value with its unit (tooltips, axis
 * ticks, the data table), times as seconds since the test start or as UTC wall-clock time.
 */
import type { SeriesUnit } from '../../shared/viewModel';

export type TimeMode = 'relative' | 'wallclock';

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

const pad = (n: number) => String(n).padStart(2, '0');

/** Seconds since the test start as `m:ss` (or `h:mm:ss`), negative with a sign. */
export function relativeTime(seconds: number, precise = false): string {
  const sign = seconds < 0 ? '−' : '';
  const abs = Math.abs(seconds);
  const whole = Math.floor(abs);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const frac = precise && abs !== whole ? (abs - whole).toFixed(3).slice(1) : '';
  return h > 0 ? `${sign}${h}:${pad(m)}:${pad(s)}${frac}` : `${sign}${m}:${pad(s)}${frac}`;
}

/** Wall-clock time (UTC) of `seconds` after `origin` (epoch ms). */
export function wallClock(origin: number, seconds: number, precise = false): string {
  const d = new Date(origin + seconds * 1000);
  const text = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return precise ? `${text}.${String(d.getUTCMilliseconds()).padStart(3, '0')}` : text;
}

export function formatTime(
  mode: TimeMode,
  origin: number | undefined,
  seconds: number,
  precise = false,
): string {
  return mode === 'wallclock' && origin !== undefined
    ? wallClock(origin, seconds, precise)
    : relativeTime(seconds, precise);
}

export function timeTitle(mode: TimeMode, origin: number | undefined): string {
  if (mode === 'wallclock' && origin !== undefined)
    return `Time of day (UTC), test started ${new Date(origin).toISOString().slice(0, 19).replace('T', ' ')}`;
  return 'Time since test start (m:ss)';
}
