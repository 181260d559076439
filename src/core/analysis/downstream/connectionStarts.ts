/**
 * Which `connectionStart` rows the connection-start sections keep: the notebook's
 * `remove_no_connections` and both versions of `remove_no_connections_subs` (B10).
 *
 * Notebook profile, exactly:
 * - `remove_no_connections`: keep a start when *any* `connectionSuccess` row of the same
 *   `full_user` has the same `attempt` (NaN never equal) and a later `start_time`. Interval
 *   success rows always have attempt 0, so a failed first attempt is kept when the user
 *   connected later.
 * - `remove_no_connections_subs`: drop starts of the other role (`user > 3` for publishers,
 *   `user <= 3` for subscribers); keep a start when the *first row in frame order* among the
 *   rows still present with the same `full_user`, same `attempt` and a later `start_time` is a
 *   `connectionSuccess`. Rows are dropped one by one while iterating, so a start dropped earlier
 *   is no longer seen by the starts after it.
 *
 * Default profile: a start is kept when the user's next connection segment in time (start,
 * success or fail; QOE rows are not connection segments) is a `connectionSuccess`, i.e. that
 * attempt connected. Roles come from the test's name.
 */
import type { ConnectionStatsRow, Profile } from '../types';
import { isSubscriber } from './roles';

/** Which group of users a filter keeps (plural: a group, not one user's `Role`). */
export type RoleGroup = 'publishers' | 'subscribers';

/** Row positions grouped by `full_user`, in frame order. */
function byUser(rows: readonly ConnectionStatsRow[]): Map<string, number[]> {
  const users = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const list = users.get(r.full_user);
    if (list) list.push(i);
    else users.set(r.full_user, [i]);
  });
  return users;
}

/** pandas `==` on floats: NaN equals nothing. */
const sameAttempt = (a: number, b: number): boolean => a === b;

function notebookRemoveNoConnections(rows: readonly ConnectionStatsRow[]): ConnectionStatsRow[] {
  const users = byUser(rows);
  return rows.filter(row => {
    if (row.type !== 'connectionStart') return true;
    const same = users.get(row.full_user) ?? [];
    return same.some(j => {
      const o = rows[j] as ConnectionStatsRow;
      return (
        o.type === 'connectionSuccess' &&
        sameAttempt(o.attempt, row.attempt) &&
        o.start_time > row.start_time
      );
    });
  });
}

/** Whether each start row connected: the next connection segment of its user is a success. */
function followedBySuccess(rows: readonly ConnectionStatsRow[]): boolean[] {
  const result = rows.map(() => false);
  for (const positions of byUser(rows).values()) {
    const segments = positions.filter(i => (rows[i] as ConnectionStatsRow).type !== 'QOE');
    for (const i of segments) {
      const row = rows[i] as ConnectionStatsRow;
      if (row.type !== 'connectionStart') continue;
      let next: ConnectionStatsRow | undefined;
      for (const j of segments) {
        const o = rows[j] as ConnectionStatsRow;
        if (o.start_time <= row.start_time) continue;
        const better =
          !next ||
          o.start_time < next.start_time ||
          (o.start_time === next.start_time && o.type === 'connectionSuccess');
        if (better) next = o;
      }
      result[i] = next?.type === 'connectionSuccess';
    }
  }
  return result;
}

function defaultKeep(
  rows: readonly ConnectionStatsRow[],
  keepStart: (row: ConnectionStatsRow) => boolean,
): ConnectionStatsRow[] {
  const connected = followedBySuccess(rows);
  return rows.filter((r, i) => r.type !== 'connectionStart' || (connected[i] && keepStart(r)));
}

/** `remove_no_connections(connection_stats)` for one test's rows. */
export function removeNoConnections(
  rows: readonly ConnectionStatsRow[],
  profile: Profile,
): ConnectionStatsRow[] {
  return profile === 'notebook' ? notebookRemoveNoConnections(rows) : defaultKeep(rows, () => true);
}

function notebookRemoveNoConnectionsSubs(
  rows: readonly ConnectionStatsRow[],
  role: RoleGroup,
): ConnectionStatsRow[] {
  const users = byUser(rows);
  const dropped = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    if (row.type !== 'connectionStart') return;
    const user = Math.trunc(Number(row.user));
    const otherRole = role === 'publishers' ? user > 3 : user <= 3;
    if (otherRole) {
      dropped[i] = 1;
      return;
    }
    const first = (users.get(row.full_user) ?? []).find(j => {
      const o = rows[j] as ConnectionStatsRow;
      return !dropped[j] && sameAttempt(o.attempt, row.attempt) && o.start_time > row.start_time;
    });
    if (first === undefined || (rows[first] as ConnectionStatsRow).type !== 'connectionSuccess')
      dropped[i] = 1;
  });
  return rows.filter((_, i) => !dropped[i]);
}

/** `remove_no_connections_subs(connection_stats)`: the publishers cell, or the subscribers cell. */
export function removeNoConnectionsSubs(
  test: string,
  rows: readonly ConnectionStatsRow[],
  role: RoleGroup,
  profile: Profile,
): ConnectionStatsRow[] {
  if (profile === 'notebook') return notebookRemoveNoConnectionsSubs(rows, role);
  return defaultKeep(rows, r => isSubscriber(test, r.user, 'default') === (role === 'subscribers'));
}
