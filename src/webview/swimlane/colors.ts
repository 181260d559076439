/**
 * Colours of the swimlane: the notebook's (`draw_cons_plot`), so the chart reads as users know
 * it — magenta connection start, indigo connected, red failure, QoE on the ramp
 * black → orange → yellow → green → darkblue (matplotlib's LinearSegmentedColormap over
 * `colors_list`, evenly spaced, on the notebook's 0–5 scale = the stored 0–1 values).
 */
import type { QoeMetricVM, SwimKind } from '../../shared/viewModel';

type Rgb = readonly [number, number, number];

/** matplotlib's named colours of `colors_list`. */
const RAMP: readonly Rgb[] = [
  [0, 0, 0], // black
  [255, 165, 0], // orange
  [255, 255, 0], // yellow
  [0, 128, 0], // green
  [0, 0, 139], // darkblue
];

export const KIND_COLORS: Record<Exclude<SwimKind, 'qoe'>, string> = {
  start: '#ff00ff', // magenta
  connected: '#4b0082', // indigo
  failure: '#ff0000', // red
};

export const KIND_LABELS: Record<SwimKind, string> = {
  start: 'Connection start',
  connected: 'Connected (stream created/playing, no QoE)',
  failure: 'Failed connection',
  qoe: 'QoE',
};

function hex(c: Rgb): string {
  return `#${c.map(v => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** Colour of a stored QoE value (0–1; clamped; NaN grey). */
export function qoeColor(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '#808080';
  const x = Math.min(1, Math.max(0, value)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const a = RAMP[i] as Rgb;
  const b = RAMP[i + 1] as Rgb;
  return hex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

/** A stored value on the scale users know: VMAF 0–100, ViSQOL MOS 1–5 (FORMATS.md §3). */
export function qoeDisplay(metric: QoeMetricVM, value: number): number {
  return metric === 'vmaf' ? value * 100 : 1 + value * 4;
}

export function qoeText(metric: QoeMetricVM, value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  return metric === 'vmaf'
    ? `VMAF ${qoeDisplay(metric, value).toFixed(1)}`
    : `ViSQOL MOS ${qoeDisplay(metric, value).toFixed(2)}`;
}

export const METRIC_LABELS: Record<QoeMetricVM, string> = {
  vmaf: 'VMAF (0–100)',
  visqol: 'ViSQOL MOS (1–5)',
};

/** Legend ticks of the ramp, in the metric's own units. */
export function rampTicks(metric: QoeMetricVM): string[] {
  return [0, 0.25, 0.5, 0.75, 1].map(v => String(qoeDisplay(metric, v)));
}
