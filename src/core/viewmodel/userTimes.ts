/**
 * A user's connection times from the analysis' `connection_stats` rows, for the Results view's
 * tooltip: how long each connection start took (and whether it connected), the time connected and
 * the failed connections. Rows of one user in `start_time` order; QoE rows are ignored.
 */
import type { ConnectionStatsRow } from '../analysis/types';

export interface ConnectionAttempt {
  /** Seconds since the test start. */
  readonly at: number;
  /** Seconds from the start of the connection to its success or failure. */
  readonly seconds: number;
  /** The attempt number the analysis gives the start (0 before any failure). */
  readonly attempt: number;
  readonly connected: boolean;
}

export interface UserTimes {
  readonly attempts: readonly ConnectionAttempt[];
  /** Seconds connected in total, and in how many connected segments. */
  readonly connectedSeconds: number;
  readonly connectedSegments: number;
  readonly failedConnections: number;
}

/** The rows of the user `session`/`user` (numbers as the notebook writes them). */
export function rowsOfUser(
  rows: readonly ConnectionStatsRow[],
  session: string,
  user: string,
): ConnectionStatsRow[] {
  return rows
    .filter(r => r.session === session && r.user === user && r.type !== 'QOE')
    .sort((a, b) => a.start_time - b.start_time);
}

/**
 * Each connection start is followed by the segment it led to: a success (connected) or a
 * failure; a start with nothing after it (the test ended) is listed as not connected.
 */
export function userTimes(own: readonly ConnectionStatsRow[]): UserTimes {
  const attempts: ConnectionAttempt[] = [];
  let connectedSeconds = 0;
  let connectedSegments = 0;
  let failedConnections = 0;
  own.forEach((r, i) => {
    if (r.type === 'connectionSuccess') {
      connectedSeconds += r.total_duration;
      connectedSegments++;
    } else if (r.type === 'connectionFail') failedConnections++;
    else if (r.type === 'connectionStart')
      attempts.push({
        at: r.start_time,
        seconds: r.total_duration,
        attempt: r.attempt,
        connected: own[i + 1]?.type === 'connectionSuccess',
      });
  });
  return { attempts, connectedSeconds, connectedSegments, failedConnections };
}
