/**
 * Cell 11: each user's `combined` frame — connection starts, success markers and failures in
 * time order, consecutive successes collapsed — in its OpenVidu 2 and LiveKit branches.
 */
import { familyOfEvent, type UserEvent } from '../../ingest/events';
import type { EventFamily } from '../../model/test';
import type { Profile } from '../types';
import type { CombinedRow, FailureRow, NotebookUser } from './model';

/** Events by which a user's own page shows it published (roles from events, default profile). */
const OWN_PUBLISH_EVENTS = new Set([
  'connectedPublisher',
  'accessAllowed-local',
  'streamCreated-local',
  'LocalTrackPublished-local',
]);

/** `is_publisher`: every user of an `8p` test, otherwise user ≤ 3 (B18); default: own publish events. */
export function isPublisher(profile: Profile, testName: string, user: NotebookUser): boolean {
  if (profile === 'notebook') return testName.includes('8p') || user.user <= 3;
  return user.events.some(e => OWN_PUBLISH_EVENTS.has(e.key));
}

/** OpenVidu 2 when `"kurento"`/`"mediasoup"` is in the name (B18); default: the events tell, then the name. */
export function eventFamily(
  profile: Profile,
  testName: string,
  users: readonly NotebookUser[],
): EventFamily {
  const byName: EventFamily =
    testName.includes('kurento') || testName.includes('mediasoup') ? 'openvidu2' : 'livekit';
  if (profile === 'notebook') return byName;
  for (const u of users) {
    for (const e of u.events) {
      const f = familyOfEvent(e.event);
      if (f) return f;
    }
  }
  return byName;
}

function eventRow(u: NotebookUser, e: UserEvent): CombinedRow {
  return {
    event: e.key,
    time: e.time,
    attempts: NaN,
    label: u.labelBase + e.index,
    source: 'event',
  };
}

function failureRows(failures: readonly FailureRow[]): CombinedRow[] {
  return failures.map(f => ({
    event: 'connectionFail',
    time: f.time,
    attempts: f.attempts,
    label: f.label,
    source: 'failure',
  }));
}

/** `pd.concat(parts).sort_values(by="timestamp")`: a stable sort keeps concat order on ties (B17). */
function concatSorted(parts: readonly CombinedRow[][]): CombinedRow[] {
  return parts.flat().sort((a, b) => a.time - b.time);
}

/** Whether a `combined` event marks a connection in the de-duplication loop of each branch (B7). */
export type ConnectedTest = (event: string) => boolean;

export const isOpenVidu2Connected: ConnectedTest = e =>
  e.startsWith('streamCreated') || e.startsWith('streamPlaying');
export const isLiveKitConnected: ConnectedTest = e => e.startsWith('TrackSubscribed');

/**
 * The de-duplication loop of cell 11: a success row right after a success row goes. The
 * notebook drops by pandas label (`combined.drop(r)`), which also removes any failure row sharing
 * the label (B5); the default profile removes that one row. `prev` is the event before the first
 * row (`prev_row_event`); the last row's event is returned for the next user (B4).
 */
export function dropRepeatedSuccesses(
  profile: Profile,
  rows: readonly CombinedRow[],
  isConnected: ConnectedTest,
  prev: string,
): { rows: CombinedRow[]; prev: string } {
  const droppedLabels = new Set<number>();
  const droppedRows = new Set<number>();
  let prevEvent = prev;
  rows.forEach((row, i) => {
    if (isConnected(prevEvent) && isConnected(row.event)) {
      droppedLabels.add(row.label);
      droppedRows.add(i);
    }
    prevEvent = row.event;
  });
  const kept =
    profile === 'notebook'
      ? rows.filter(r => !droppedLabels.has(r.label))
      : rows.filter((_, i) => !droppedRows.has(i));
  return { rows: kept, prev: prevEvent };
}

/** The OpenVidu 2 branch: publishers' own `streamCreated/Playing-local`, subscribers' any. */
export function buildCombinedOpenVidu2(
  profile: Profile,
  user: NotebookUser,
  publisher: boolean,
  failures: readonly FailureRow[],
): CombinedRow[] {
  const pick = (test: (key: string) => boolean) =>
    user.events.filter(e => test(e.key)).map(e => eventRow(user, e));
  const starts = pick(k => k === 'connectionStart');
  const created = publisher
    ? pick(k => k === 'streamCreated-local')
    : pick(k => k.startsWith('streamCreated'));
  const playing = publisher
    ? pick(k => k === 'streamPlaying-local')
    : pick(k => k.startsWith('streamPlaying'));
  const combined = concatSorted([starts, created, playing, failureRows(failures)]);
  // The OpenVidu 2 branch resets prev_row_event for every user.
  return dropRepeatedSuccesses(profile, combined, isOpenVidu2Connected, '').rows;
}

/**
 * LiveKit publishers' success rows. Notebook: every other `LocalTrackPublished-local` of the
 * whole user (`iloc[::2]`, B6), so an attempt that published one track shifts the pairing of the
 * next. Default: per attempt (events after each `connectionStart`), its second publication —
 * audio and video both out; an attempt with fewer never fully connected.
 */
export function liveKitPublications(profile: Profile, user: NotebookUser): UserEvent[] {
  const published = user.events.filter(e => e.key === 'LocalTrackPublished-local');
  if (profile === 'notebook') return published.filter((_, i) => i % 2 === 0);
  const out: UserEvent[] = [];
  let inAttempt = 0;
  for (const e of user.events) {
    if (e.key === 'connectionStart') inAttempt = 0;
    else if (e.key === 'LocalTrackPublished-local' && ++inAttempt === 2) out.push(e);
  }
  return out;
}

/** LiveKit reconnections: `str.contains("Reconnecting")` (so `SignalReconnecting` too, B7); default: exactly `Reconnecting`. */
export function isReconnecting(profile: Profile, key: string): boolean {
  return profile === 'notebook' ? key.includes('Reconnecting') : key === 'Reconnecting';
}

/**
 * The LiveKit branch. `prev` is `prev_row_event` as the previous user left it: the notebook
 * never resets it in this branch (B4); the default profile starts every user from `""`.
 */
export function buildCombinedLiveKit(
  profile: Profile,
  user: NotebookUser,
  publisher: boolean,
  failures: readonly FailureRow[],
  prev: string,
): { rows: CombinedRow[]; prev: string } {
  const starts = user.events.filter(e => e.key === 'connectionStart').map(e => eventRow(user, e));
  const reconnecting = user.events
    .filter(e => isReconnecting(profile, e.key))
    .map(e => ({ ...eventRow(user, e), event: 'connectionFail', source: 'reconnecting' as const }));
  const successes = (
    publisher
      ? liveKitPublications(profile, user)
      : user.events.filter(e => e.key.startsWith('TrackSubscribed'))
  ).map(e => eventRow(user, e));
  const combined = concatSorted([starts, successes, [...failureRows(failures), ...reconnecting]]);
  const start = profile === 'notebook' ? prev : '';
  return dropRepeatedSuccesses(profile, combined, isLiveKitConnected, start);
}

/** The user's failure lines inside `[from, to]` (the notebook: first and last event, B3). */
export function userFailures(
  failures: readonly FailureRow[],
  fullUser: string,
  from: number,
  to: number,
): FailureRow[] {
  return failures.filter(f => f.fullUser === fullUser && f.time >= from && f.time <= to);
}
