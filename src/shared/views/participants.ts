/**
 * The participants overview of a test: per-user traffic, events and states, and a user × time
 * heatmap of the metric the user picks (`heatmapQuery`).
 */
import { command, event } from '../ipc';
import { oneOf } from './checks';

/** Seconds a user spent in each connection state. */
export interface StateShareVM {
  readonly connecting: number;
  readonly connected: number;
  readonly failed: number;
  readonly reconnecting: number;
}

export interface ParticipantVM {
  /** `S<session>-U<user>`. */
  readonly label: string;
  readonly session: string;
  readonly user: string;
  readonly role: 'publisher' | 'subscriber';
  /** NaN when unknown. */
  readonly batch: number;
  /** Events in the user's events.json. */
  readonly events: number;
  readonly bytesIn: { readonly audio: number; readonly video: number };
  readonly bytesOut: { readonly audio: number; readonly video: number };
  readonly states: StateShareVM;
}

export interface ParticipantsVM {
  readonly test: string;
  /** stats.json files with byte counters were found. */
  readonly hasQos: boolean;
  readonly users: readonly ParticipantVM[];
  /** Bytes over every user. */
  readonly traffic: {
    readonly inAudio: number;
    readonly inVideo: number;
    readonly outAudio: number;
    readonly outVideo: number;
  };
  /** Failure segments, and how many of them are the only failed user of their session / batch. */
  readonly failures: {
    readonly failures: number;
    readonly failedUsers: number;
    readonly sessions: number;
    readonly batches: number;
    readonly uniqueToSession: number;
    readonly uniqueToBatch: number;
  };
}

export type HeatmapMetricVM = 'bitrate' | 'jitter' | 'qoe' | 'state';

/** User × time: rows normalised to % (bitrate: of the row total; jitter, QoE: of the row maximum) or state codes. */
export interface HeatmapVM {
  readonly test: string;
  readonly metric: HeatmapMetricVM;
  readonly bins: number;
  readonly binSeconds: number;
  /** `user` indexes `ParticipantsVM.users`; values NaN = no data; state: 0 none, 1 connecting, 2 connected, 3 failed, 4 reconnecting. */
  readonly rows: readonly { readonly user: number; readonly values: readonly number[] }[];
  /** Users without any value for the metric (left out, as the notebook does). */
  readonly dropped: number;
}

const HEATMAP_METRICS: readonly HeatmapMetricVM[] = ['bitrate', 'jitter', 'qoe', 'state'];

export const participants = {
  name: 'participants',
  inbound: {
    heatmapQuery: command('heatmapQuery', m => {
      const metric = oneOf(HEATMAP_METRICS, m['metric']);
      return metric ? { metric } : undefined;
    }),
  },
  events: {
    participants: event('participants').carries<{ readonly participants: ParticipantsVM }>(),
    heatmap: event('heatmap').carries<{ readonly heatmap: HeatmapVM }>(),
  },
} as const;
