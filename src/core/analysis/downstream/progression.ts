/**
 * The notebook's `process_events_df` (cell In [17]): how many publishers, subscribers, streams in
 * and streams out there are after each connection change, from the `connection_stats` rows.
 *
 * Notebook profile (B14), reproduced exactly: rows in frame order; `connected_users` is
 * re-created for every row, so a `connectionFail` never decrements and every
 * `connectionSuccess` row counts (interval + transition rows, both passes); subscribers are
 * `"0s" in name and int(user) > 3`.
 *
 * Default profile: one change per real state change. Rows are taken in time order (stable);
 * a user becomes connected at the start of a `connectionSuccess` segment when not connected,
 * and disconnected at the start of a `connectionFail` segment when connected; duplicated
 * rows (B8, B9) are therefore harmless. Subscribers come from the test's name (`<P>p-<S>s`).
 */
import type { ConnectionStatsRow, Profile } from '../types';
import { isSubscriber } from './roles';

export interface ProgressionPoint {
  readonly number: number;
  readonly user: string;
  readonly session: string;
  /** The row's `start_time` (seconds since the log's start line). */
  readonly timestamp: number;
}

export const PROGRESSION_KINDS = [
  'publishers',
  'subscribers',
  'streams_in',
  'streams_out',
] as const;
export type ProgressionKind = (typeof PROGRESSION_KINDS)[number];
export type Progression = Record<ProgressionKind, ProgressionPoint[]>;

interface Counts {
  publishers: number;
  subscribers: number;
  streams_in: number;
  streams_out: number;
  perSession: Map<string, { publishers: number; subscribers: number }>;
}

function sessionCounts(c: Counts, session: string): { publishers: number; subscribers: number } {
  let s = c.perSession.get(session);
  if (!s) {
    s = { publishers: 0, subscribers: 0 };
    c.perSession.set(session, s);
  }
  return s;
}

/** The notebook's update for one join (+1) or leave (−1) of a user, then one row per table. */
function applyChange(
  c: Counts,
  out: Progression,
  row: ConnectionStatsRow,
  subscriber: boolean,
  delta: 1 | -1,
): void {
  const s = sessionCounts(c, row.session);
  if (subscriber) {
    c.subscribers += delta;
    s.subscribers += delta;
  } else {
    c.publishers += delta;
    c.streams_in += 2 * delta;
    s.publishers += delta;
  }
  const p = s.publishers;
  c.streams_out = 2 * p * (p - 1) + 2 * s.subscribers * p;
  for (const kind of PROGRESSION_KINDS)
    out[kind].push({
      number: c[kind],
      user: row.user,
      session: row.session,
      timestamp: row.start_time,
    });
}

function emptyProgression(): Progression {
  return { publishers: [], subscribers: [], streams_in: [], streams_out: [] };
}

function newCounts(): Counts {
  return { publishers: 0, subscribers: 0, streams_in: 0, streams_out: 0, perSession: new Map() };
}

/** Frame order, no memory of who is connected (B14). */
function notebookProgression(test: string, rows: readonly ConnectionStatsRow[]): Progression {
  const out = emptyProgression();
  const c = newCounts();
  for (const row of rows) {
    // `connected_users = set()` for every row: a connectionFail row never finds its user.
    if (row.type === 'connectionSuccess')
      applyChange(c, out, row, isSubscriber(test, row.user, 'notebook'), 1);
  }
  return out;
}

/** Time order, one change per real connect/disconnect of a user. */
function stateProgression(test: string, rows: readonly ConnectionStatsRow[]): Progression {
  const out = emptyProgression();
  const c = newCounts();
  const connected = new Set<string>();
  const ordered = rows
    .map((row, i) => ({ row, i }))
    .filter(({ row }) => row.type === 'connectionSuccess' || row.type === 'connectionFail')
    .sort((a, b) => a.row.start_time - b.row.start_time || a.i - b.i);
  for (const { row } of ordered) {
    const key = row.full_user;
    const subscriber = isSubscriber(test, row.user, 'default');
    if (row.type === 'connectionSuccess' && !connected.has(key)) {
      connected.add(key);
      applyChange(c, out, row, subscriber, 1);
    } else if (row.type === 'connectionFail' && connected.has(key)) {
      connected.delete(key);
      applyChange(c, out, row, subscriber, -1);
    }
  }
  return out;
}

/** `process_events_df(index_list_name, connection_stats)` for one test's rows. */
export function processEventsDf(
  test: string,
  rows: readonly ConnectionStatsRow[],
  profile: Profile,
): Progression {
  return profile === 'notebook' ? notebookProgression(test, rows) : stateProgression(test, rows);
}
