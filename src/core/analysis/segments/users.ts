/**
 * Cells 3 and 11: which users the analysis sees, in which order, and with which pandas labels.
 */
import { userFolderName, type UserData } from '../../ingest/ingestRoot';
import { trailingNumber } from '../../source/naming';
import type { NotebookUser } from './model';

/**
 * Directory scan order of a test's users as `"<sessionDir>/<userDir>"`. The notebook lists
 * folders with `os.scandir` (file-system order); our ingest sorts them. Only the pandas labels
 * of B5 depend on it.
 */
export type ScanOrder = readonly string[];

/** Users in scan order: the given order first, then any others in ingest (natural) order. */
function inScanOrder(users: readonly UserData[], order: ScanOrder | undefined): UserData[] {
  if (!order) return [...users];
  const rank = new Map(order.map((k, i) => [k, i]));
  const at = (u: UserData) => rank.get(userFolderName(u)) ?? Infinity;
  return users
    .map((u, i) => ({ u, i }))
    .sort((a, b) => at(a.u) - at(b.u) || a.i - b.i)
    .map(x => x.u);
}

/** Length of the user's events.json array as far as the ingest saw it (skipped elements included). */
function arrayLength(u: UserData): number {
  let n = 0;
  for (const e of u.events?.events ?? []) n = Math.max(n, e.index + 1);
  return n;
}

/**
 * `process_user_data` + the `events_df.sort_values(["session", "user", "timestamp"])` of cell
 * 11: one entry per user with at least one event, numbers taken from the folder names
 * (`User3` → 3), in (session, user) order, with the pandas label of the user's first event.
 * Users whose folder names carry no number are left out (the notebook's `int()` would raise).
 */
export function processUserData(
  users: readonly UserData[],
  scanOrder?: ScanOrder,
): { users: NotebookUser[]; unnumbered: UserData[] } {
  const out: NotebookUser[] = [];
  const unnumbered: UserData[] = [];
  let labelBase = 0;
  for (const u of inScanOrder(users, scanOrder)) {
    const events = u.events?.events ?? [];
    const base = labelBase;
    labelBase += arrayLength(u);
    if (events.length === 0) continue;
    const user = trailingNumber(u.location.dirName);
    const session = trailingNumber(u.sessionDir);
    if (user === undefined || session === undefined) {
      unnumbered.push(u);
      continue;
    }
    out.push({ user, session, fullUser: `${user}-${session}`, events, labelBase: base });
  }
  out.sort((a, b) => a.session - b.session || a.user - b.user);
  return { users: out, unnumbered };
}

/** First and last event time over all users (`events_df["timestamp"].min()/max()`). */
export function eventSpan(users: readonly NotebookUser[]): { first?: number; last?: number } {
  let first: number | undefined;
  let last: number | undefined;
  for (const u of users) {
    const a = u.events[0]?.time;
    const b = u.events[u.events.length - 1]?.time;
    if (a !== undefined && (first === undefined || a < first)) first = a;
    if (b !== undefined && (last === undefined || b > last)) last = b;
  }
  return { first, last };
}
