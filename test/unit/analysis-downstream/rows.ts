// Hand-made connection_stats rows for the downstream tests.
import type { ConnectionStatsRow, QoeMetric, SegmentType } from '../../../src/core/analysis/types';

export interface RowSpec {
  readonly start: number;
  readonly end: number;
  readonly user?: number;
  readonly session?: number;
  readonly attempt?: number;
  readonly cpu?: number;
  readonly qoe?: number;
  readonly metric?: QoeMetric;
  readonly test?: string;
  readonly duration?: number;
}

export function row(type: SegmentType, s: RowSpec): ConnectionStatsRow {
  const user = String(s.user ?? 1);
  const session = String(s.session ?? 1);
  const cpu = s.cpu ?? 0.5;
  return {
    type,
    start_time: s.start,
    end_time: s.end,
    total_duration: s.duration ?? s.end - s.start,
    attempt: s.attempt ?? 0,
    batch: 0,
    user,
    session,
    full_user: `${user}-${session}`,
    cpu_mean: cpu,
    cpu_start: cpu,
    cpu_end: cpu,
    cpu_median: cpu,
    cpu_max: cpu,
    cpu_min: cpu,
    ...(type === 'QOE' ? { qoe: s.qoe ?? NaN, qoe_metric: s.metric ?? 'vmaf' } : {}),
    index: s.test ?? 'loadtest-webrtc-2024-pion-3p-10s',
  };
}
