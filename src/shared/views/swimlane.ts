/**
 * The connection progression (swimlane) of a test: rows of users, QoS colouring of a variant
 * over a range, finer segments of a zoomed range, a user's QoS figures and the load knees.
 */
import { command, event } from '../ipc';
import { isName, parseRangeOrNull, parseTimeRange, userParams } from './checks';
import type { KneeMetric } from '../loadResults';
import type { Point, TimeZoneVM } from './common';

/** What a swimlane segment shows: the notebook's magenta, indigo, red and QoE-coloured bars. */
export type SwimKind = 'start' | 'connected' | 'failure' | 'qoe';

/** The QoE metrics of the cuts files (FORMATS.md §3), stored 0–1. */
export type QoeMetricVM = 'vmaf' | 'visqol';

export interface SwimSegmentVM {
  /** Seconds since the test start. */
  readonly start: number;
  readonly end: number;
  readonly kind: SwimKind;
  /** `failed N times` count in force (0 before any failure). */
  readonly attempt: number;
  /** QoE segments: the averaged value, 0–1 as stored (VMAF ÷ 100, (MOS − 1) ÷ 4). */
  readonly qoe?: number;
  readonly metric?: QoeMetricVM;
  /** How many `connection_stats` rows this segment stands for, when the host merged short ones. */
  readonly merged?: number;
}

export interface SwimRowVM {
  /** Session and user numbers as the notebook writes them (`"1"`, `"3"`). */
  readonly session: string;
  readonly user: string;
  /** `S<session>-U<user>`. */
  readonly label: string;
  readonly role: 'publisher' | 'subscriber';
  /** At least one failure segment. */
  readonly failed: boolean;
  /** The user's batch (NaN without batches.json). */
  readonly batch: number;
  readonly segments: readonly SwimSegmentVM[];
}

export interface SwimlaneVM {
  readonly test: string;
  /** Epoch ms of the test start, origin of every time in this model (undefined without one). */
  readonly origin?: number;
  /** The log's timezone, for the wall-clock axis. */
  readonly timezone?: TimeZoneVM;
  /** Start and end of the drawn time range, seconds since origin. */
  readonly window: readonly [number, number];
  readonly rows: readonly SwimRowVM[];
  /** Users of the test; more than `rows.length` when the host capped the rows drawn. */
  readonly totalRows: number;
  /** Start of each batch: its first connection start. */
  readonly batches: readonly { readonly batch: number; readonly start: number }[];
  /** Media-node CPU and memory (0–1), min/max-decimated on the host. */
  readonly cpu: readonly Point[];
  readonly memory: readonly Point[];
  /** QoE metrics present in the segments. */
  readonly metrics: readonly QoeMetricVM[];
  /** Segments shorter than this (seconds) may have been merged with their neighbours; 0 = none. */
  readonly mergeBelow: number;
  /** QoS colourings the host can compute (empty when the test has no stats folder). */
  readonly qosVariants?: readonly QosVariantVM[];
  /**
   * QoE colour ramp per metric on the users' scales (VMAF 0–100, ViSQOL MOS 1–5): `[worst, best]`
   * (setting `qoeColorRanges`); absent = the full scale, as the notebook colours.
   */
  readonly qoeRanges?: Readonly<Record<QoeMetricVM, readonly [number, number]>>;
}

/** One QoS variant over one user's reports (finite values only; units of `QosVariantVM.unit`). */
export interface UserQosFigureVM {
  /** `QosVariantVM.key`. */
  readonly variant: string;
  readonly n: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** The QoS figures of one user for the swimlane's detail panel. */
export interface UserQosVM {
  readonly test: string;
  readonly session: string;
  readonly user: string;
  /** Variants with at least one value, in `QOS_VARIANTS` order; empty without stats. */
  readonly figures: readonly UserQosFigureVM[];
}

/** A load knee of the test on the swimlane's time axis (src/core/viewmodel/swimlaneKnees.ts). */
export interface SwimKneeVM {
  readonly metric: KneeMetric;
  readonly load: 'users' | 'cpu';
  /** The knee: users connected, or CPU 0–1. */
  readonly value: number;
  /** Its 95 % bootstrap interval (null when not computable). */
  readonly low: number | null;
  readonly high: number | null;
  /** Seconds since the test start at which the load first reaches the knee. */
  readonly time: number;
  readonly label: string;
}

/** The QoS metrics the swimlane can colour connected time by. */
export type SwimQosMetricVM = 'rtt' | 'jitter' | 'loss' | 'bitrate';

/** A QoS colouring of the swimlane (the notebook's `draw_cons_plot_qos` variants). */
export interface QosVariantVM {
  /** `<direction>/<metric>/<media>`, e.g. `outbound/rtt/video`. */
  readonly key: string;
  /** What the user receives (inbound) or sends (outbound). */
  readonly direction: 'inbound' | 'outbound';
  readonly metric: SwimQosMetricVM;
  readonly media: 'audio' | 'video';
  /** Unit of the values: seconds, bits per second, or a share 0–1. */
  readonly unit: 'seconds' | 'bitsPerSecond' | 'share';
  /** Values at the two ends of the colour ramp (the notebook's vmin, vmax); clamped beyond. */
  readonly range: readonly [number, number];
  /** Bitrate: high is good (ramp black → darkblue); RTT, jitter, loss: low is good. */
  readonly higherIsBetter: boolean;
  /** Table and column the values come from, e.g. `remote_inbound_video.roundTripTime`. */
  readonly source: string;
}

/** The QoS colouring of the swimlane's rows over a time range. */
export interface SwimQosVM {
  readonly variant: string;
  /** Seconds since the test start this covers; null = the whole test. */
  readonly range: { readonly start: number; readonly end: number } | null;
  /** Intervals were merged within buckets of this many seconds; 0 = the 1 s intervals as is. */
  readonly mergeBelow: number;
  /** Per swimlane row, in its order: `[start, end, value, start, end, value, …]`. */
  readonly rows: readonly (readonly number[])[];
  /** Why there is nothing to draw (no stats.json files, no such reports). */
  readonly empty?: string;
}

/** Segments of the swimlane's rows over a time range, merged less than the whole test's. */
export interface SwimSegmentsVM {
  readonly range: { readonly start: number; readonly end: number };
  readonly mergeBelow: number;
  /** Per swimlane row, in its order: the segments overlapping the range. */
  readonly rows: readonly (readonly SwimSegmentVM[])[];
}

/** `<direction>/<metric>/<media>` of a swimlane QoS variant. */
const QOS_VARIANT_KEY = /^(inbound|outbound)\/(rtt|jitter|loss|bitrate)\/(audio|video)$/;

function qosQuery(m: Readonly<Record<string, unknown>>) {
  const { test, variant } = m;
  const range = parseRangeOrNull(m['range']);
  if (!isName(test) || typeof variant !== 'string' || !QOS_VARIANT_KEY.test(variant))
    return undefined;
  return range === undefined ? undefined : { test, variant, range };
}

function segmentsQuery(m: Readonly<Record<string, unknown>>) {
  const range = parseTimeRange(m['range']);
  return isName(m['test']) && range ? { test: m['test'], range } : undefined;
}

function failureQuery(m: Readonly<Record<string, unknown>>) {
  const user = userParams(m);
  const at = m['at'];
  return user && typeof at === 'number' && Number.isFinite(at) ? { ...user, at } : undefined;
}

export const swimlane = {
  name: 'swimlane',
  inbound: {
    /** Open a user's events.json (session and user numbers as in its row). */
    openUserEvents: command('openUserEvents', userParams),
    /** The QoS figures of a user (session and user numbers as in its row). */
    swimlaneUserQos: command('swimlaneUserQos', userParams),
    /** Colour by QoS `variant` (a `QosVariantVM.key`) over `range` (null = all). */
    swimlaneQos: command('swimlaneQos', qosQuery),
    /** The segments of `range`, unmerged as far as the budget allows. */
    swimlaneSegments: command('swimlaneSegments', segmentsQuery),
    /** Open the controller log at the failure of a user nearest `at` (epoch ms). */
    openFailureLog: command('openFailureLog', failureQuery),
  },
  events: {
    swimlane: event('swimlane').carries<{ readonly swimlane: SwimlaneVM }>(),
    swimlaneQos: event('swimlaneQos').carries<{ readonly qos: SwimQosVM }>(),
    /** The test's load knees, computed after the rows are drawn. */
    swimlaneKnees: event('swimlaneKnees').carries<{
      readonly test: string;
      readonly knees: readonly SwimKneeVM[];
    }>(),
    /** Highlight the row of a user and open its details (Results view → chart). */
    revealUser: event('revealUser').carries<{ readonly session: string; readonly user: string }>(),
    swimlaneUserQos: event('swimlaneUserQos').carries<{ readonly userQos: UserQosVM }>(),
    swimlaneSegments: event('swimlaneSegments').carries<{ readonly segments: SwimSegmentsVM }>(),
  },
} as const;
