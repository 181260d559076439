/**
 * Colours of the swimlane: the notebook's (`draw_cons_plot`), so the chart reads as users know
 * it — magenta connection start, indigo connected, red failure, QoE on the ramp
 * black → orange → yellow → green → darkblue (matplotlib's LinearSegmentedColormap over
 * `colors_list`, evenly spaced, on the notebook's 0–5 scale = the stored 0–1 values).
 */
import type { QoeMetricVM, QosVariantVM, SwimKind } from '../../shared/views/swimlane';

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

/** What the swimlane draws: the segment kinds, retries (starts after a failure) and QoS. */
export type DrawKind = SwimKind | 'retry' | 'qos';

export const KIND_LABELS: Record<DrawKind, string> = {
  start: 'Connection start',
  retry: 'Retry (connection start after a failure)',
  connected: 'Connected (stream created/playing, no QoE)',
  failure: 'Failed connection',
  qoe: 'QoE',
  qos: 'QoS',
};

function hex(c: Rgb): string {
  return `#${c.map(v => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Colour of a stored QoE value (0–1; NaN grey) on a ramp from `range[0]` (worst) to `range[1]`
 * (best), in stored units, clamped beyond (default: the whole scale, as the notebook).
 */
export function qoeColor(
  value: number | undefined,
  range: readonly [number, number] = [0, 1],
): string {
  if (value === undefined || Number.isNaN(value)) return '#808080';
  const [lo, hi] = range;
  const x = Math.min(1, Math.max(0, (value - lo) / (hi - lo))) * (RAMP.length - 1);
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

/** The inverse of `qoeDisplay`: a value on the users' scale as stored (0–1). */
export function qoeStored(metric: QoeMetricVM, shown: number): number {
  return metric === 'vmaf' ? shown / 100 : (shown - 1) / 4;
}

/** The ramp of a metric in stored units, from the view model's range on the users' scale. */
export function qoeRampOf(
  metric: QoeMetricVM,
  shown: readonly [number, number] | undefined,
): readonly [number, number] {
  return shown ? [qoeStored(metric, shown[0]), qoeStored(metric, shown[1])] : [0, 1];
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

/** Legend ticks of the ramp, in the metric's own units (its colour range, else the full scale). */
export function rampTicks(metric: QoeMetricVM, shown?: readonly [number, number]): string[] {
  const [lo, hi] = qoeRampOf(metric, shown);
  return [0, 0.25, 0.5, 0.75, 1].map(f =>
    String(Number(qoeDisplay(metric, lo + (hi - lo) * f).toPrecision(4))),
  );
}

/** Colour of a QoS value on its variant's ramp (the notebook's Normalize(vmin, vmax), clipped). */
export function qosColor(variant: QosVariantVM, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '#808080';
  const [lo, hi] = variant.range;
  const x = (value - lo) / (hi - lo);
  return qoeColor(variant.higherIsBetter ? x : 1 - x);
}

/** Scale factor and unit users read a QoS value in: ms, kbit/s, %. */
const QOS_UNITS: Record<QosVariantVM['unit'], { factor: number; unit: string }> = {
  seconds: { factor: 1000, unit: 'ms' },
  bitsPerSecond: { factor: 1 / 1000, unit: 'kbit/s' },
  share: { factor: 100, unit: '%' },
};

export function qosDisplay(variant: QosVariantVM, value: number): number {
  return value * QOS_UNITS[variant.unit].factor;
}

export function qosUnit(variant: QosVariantVM): string {
  return QOS_UNITS[variant.unit].unit;
}

const QOS_NAMES: Record<QosVariantVM['metric'], string> = {
  rtt: 'RTT',
  jitter: 'Jitter',
  loss: 'Packet loss',
  bitrate: 'Bitrate',
};

/** `Jitter, inbound video`. */
export function qosLabel(variant: QosVariantVM): string {
  return `${QOS_NAMES[variant.metric]}, ${variant.direction} ${variant.media}`;
}

/** `Jitter 12.5 ms`. */
export function qosText(variant: QosVariantVM, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return `${QOS_NAMES[variant.metric]} n/a`;
  const shown = qosDisplay(variant, value);
  return `${QOS_NAMES[variant.metric]} ${shown.toFixed(shown < 10 ? 2 : 1)} ${qosUnit(variant)}`;
}

/** Legend ticks of a QoS ramp, low to high, in the unit users read. */
export function qosTicks(variant: QosVariantVM): string[] {
  const [lo, hi] = variant.range;
  return [0, 0.25, 0.5, 0.75, 1].map(f => {
    const v = qosDisplay(variant, lo + (hi - lo) * f);
    return String(Math.round(v * 100) / 100);
  });
}
