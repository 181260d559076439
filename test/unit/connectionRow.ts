/**
 * A hand-made `connection_stats` row for the unit tests: its type, user and session, start and
 * end (seconds); everything else neutral (attempt 0, batch 0, CPU NaN) unless `extra` sets it.
 */
import type { ConnectionStatsRow } from '../../src/core/analysis/types';

export function connectionRow(
  session: string,
  user: string,
  type: ConnectionStatsRow['type'],
  start: number,
  end: number,
  extra: Partial<ConnectionStatsRow> = {},
): ConnectionStatsRow {
  return {
    type,
    start_time: start,
    end_time: end,
    total_duration: end - start,
    attempt: 0,
    batch: 0,
    user,
    session,
    full_user: `${user}-${session}`,
    cpu_mean: NaN,
    cpu_start: NaN,
    cpu_end: NaN,
    cpu_median: NaN,
    cpu_max: NaN,
    cpu_min: NaN,
    index: 'kurento-2p',
    ...extra,
  };
}
