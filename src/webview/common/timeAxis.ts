/**
 * The time axis every time view shares: relative time (seconds since the test start, the x
 * values of every view model) or wall clock (the view model's origin, epoch ms UTC, shown in the
 * log timezone the host resolved — the clock the controller log is written in), with a toggle.
 * Wall-clock ticks fall on round clock times (every 10 s, 1 min, 5 min…), not on round seconds
 * since the start. Pure formatting: no analysis, x values stay seconds since the start.
 */
import type { TimeZoneVM } from '../../shared/views/common';
import { fixedZone, ianaZone, offsetAt, type Zone } from '../../shared/zone';
import { el } from './dom';

export type TimeAxisMode = 'relative' | 'clock';

/** What a view model tells about its time: origin (epoch ms UTC) and the log's timezone. */
export interface TimeBase {
  readonly origin?: number;
  readonly timezone?: TimeZoneVM;
}

/** Wall clock needs an origin; without a resolved zone it is shown in UTC. */
export function canShowClock(base: TimeBase): boolean {
  return base.origin !== undefined && Number.isFinite(base.origin);
}

/** The mode actually drawn: wall clock falls back to relative time without an origin. */
export function effectiveMode(mode: TimeAxisMode, base: TimeBase): TimeAxisMode {
  return mode === 'clock' && canShowClock(base) ? 'clock' : 'relative';
}

/** The log's zone: its IANA name when it has one (each instant its own offset), else the offset. */
function zoneOf(base: TimeBase): Zone {
  const name = base.timezone?.name;
  const iana = name === undefined ? undefined : ianaZone(name);
  return iana ?? fixedZone(base.timezone?.offsetMinutes ?? 0);
}

/** Milliseconds to add to the instant `seconds` after the origin to read its wall clock. */
function offsetMs(base: TimeBase, seconds: number): number {
  return offsetAt(zoneOf(base), (base.origin ?? 0) + seconds * 1000) * 60_000;
}

/** `Europe/Madrid`, `UTC+02:00`, `UTC-05:30`, `UTC`. */
export function zoneText(base: TimeBase): string {
  const zone = zoneOf(base);
  if (zone.kind === 'iana') return zone.name;
  const minutes = zone.offsetMinutes;
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `UTC${minutes < 0 ? '-' : '+'}${hhmm}`;
}

/** The wall-clock `Date` whose UTC fields read as the log zone's local time. */
function shifted(base: TimeBase, seconds: number): Date {
  return new Date((base.origin ?? 0) + seconds * 1000 + offsetMs(base, seconds));
}

/** `HH:MM:SS` (or `HH:MM:SS.mmm` with `ms`) in the log timezone. */
export function formatClock(base: TimeBase, seconds: number, ms = false): string {
  const iso = shifted(base, seconds).toISOString();
  return iso.slice(11, ms ? 23 : 19);
}

/** `YYYY-MM-DD HH:MM:SS.mmm` in the log timezone. */
export function formatClockFull(base: TimeBase, seconds: number): string {
  const iso = shifted(base, seconds).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** Seconds since the start, two decimals: `12.50 s`. */
export function formatRelative(seconds: number): string {
  return `${seconds.toFixed(2)} s`;
}

/** An instant for tooltips and tables: relative time and, when known, the wall clock. */
export function formatInstant(base: TimeBase, seconds: number): string {
  if (!canShowClock(base)) return formatRelative(seconds);
  return `${formatRelative(seconds)} (${formatClock(base, seconds, true)} ${zoneText(base)})`;
}

export function axisTitle(mode: TimeAxisMode, base: TimeBase): string {
  return effectiveMode(mode, base) === 'clock'
    ? `Wall clock, log timezone ${base.timezone?.label ?? 'UTC'}`
    : 'Seconds since test start';
}

/** Clock steps in seconds, smallest first. */
const CLOCK_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];

/** The smallest clock step giving at most `maxTicks` ticks over `span` seconds. */
export function clockStep(span: number, maxTicks: number): number {
  for (const step of CLOCK_STEPS) if (span / step <= maxTicks) return step;
  return CLOCK_STEPS[CLOCK_STEPS.length - 1]!;
}

/**
 * Tick positions (seconds since the start) in [min, max] that fall on round wall-clock times of
 * the log timezone: multiples of `clockStep` of the local time of day.
 */
export function clockTicks(base: TimeBase, min: number, max: number, maxTicks = 8): number[] {
  if (!(max > min) || !canShowClock(base)) return [];
  const step = clockStep(max - min, maxTicks);
  const shift = ((base.origin ?? 0) + offsetMs(base, min)) / 1000; // local epoch s at t = 0 (offset at min)
  const first = Math.ceil((min + shift) / step) * step - shift;
  const out: number[] = [];
  for (let t = first; t <= max + 1e-9; t += step) out.push(t);
  return out;
}

/** A Chart.js scale, as far as the axis needs it (kept structural so any chart type fits). */
interface TickScale {
  min: number;
  max: number;
  ticks: { value: number }[];
}

/**
 * The x-scale options of a time axis in `mode`: title, tick labels and (wall clock) round clock
 * tick positions. Spread into a linear x scale's options; `color` is the theme's foreground.
 */
export function timeScaleOptions(mode: TimeAxisMode, base: TimeBase, color: string) {
  const clock = effectiveMode(mode, base) === 'clock';
  return {
    title: { display: true, text: axisTitle(mode, base), color },
    ticks: {
      color,
      callback: (value: number | string) => {
        const v = Number(value);
        if (!clock) return Number.isInteger(v) ? String(v) : v.toFixed(1);
        return formatClock(base, v);
      },
    },
    afterBuildTicks: (scale: TickScale) => {
      if (clock) scale.ticks = clockTicks(base, scale.min, scale.max).map(value => ({ value }));
    },
  };
}

/** A chart whose x scale options can be replaced (Chart.js `Chart` fits). */
interface ChartLike {
  options: { scales?: Record<string, unknown> };
  update(mode?: 'none'): void;
}

/** Switches a drawn chart's x axis to `mode`, keeping its range, colours and other options. */
export function setTimeAxis(chart: ChartLike, mode: TimeAxisMode, base: TimeBase, color: string) {
  const x = chart.options.scales?.['x'] as Record<string, unknown> | undefined;
  if (!x) return;
  Object.assign(x, timeScaleOptions(mode, base, color));
  chart.update('none');
}

/**
 * The toggle: a labelled select (keyboard operable as any select), "Wall clock" disabled when the
 * view model has no origin. `onChange` gets the new mode.
 */
export function timeAxisToggle(
  mode: TimeAxisMode,
  base: TimeBase,
  onChange: (mode: TimeAxisMode) => void,
): HTMLElement {
  const select = el('select', { id: 'time-axis', 'aria-label': 'Time axis' });
  const options: [TimeAxisMode, string][] = [
    ['relative', 'Relative (s)'],
    ['clock', `Wall clock (${zoneText(base)})`],
  ];
  for (const [value, text] of options) {
    const option = el('option', { value }, text);
    option.selected = value === effectiveMode(mode, base);
    if (value === 'clock' && !canShowClock(base)) {
      option.disabled = true;
      option.title = 'This test has no start time';
    }
    select.append(option);
  }
  select.addEventListener('change', () => onChange(select.value as TimeAxisMode));
  return el('label', {}, 'Time ', select);
}
