// One test per NOTEBOOK-QUIRKS item handled in cells 11–15: the notebook profile reproduces it,
// the default profile corrects it. Inputs are tiny and every expectation is derived by hand.
import { describe, expect, it } from 'vitest';
import {
  buildCombinedLiveKit,
  buildCombinedOpenVidu2,
  connectionStatsRows,
  isPublisher,
  liveKitPublications,
  processUserData,
  type FailureRow,
} from '../../../src/core/analysis/segments';
import { at, log, node, testData, user } from './fixtures';
import { BATCHES, ov2Scenario } from './scenario';

const only = (u: ReturnType<typeof user>) => processUserData([u]).users[0]!;
const kinds = (rows: ReadonlyArray<{ event: string; time: number }>) =>
  rows.map(r => [r.event, (r.time - at(0)) / 1000]);

describe('B2 hard-coded +02:00', () => {
  // The same scenario with the log written in UTC (+00:00): the notebook reads it as +02:00, so
  // the log start moves 2 h earlier (every time gains 7200 s) and the failure at 30 s falls
  // outside [first event, last event] and is lost. The default infers +00:00 from the events.
  const utcLog = { start: 0, end: 100, failures: [[30, 2, 1, 1]] as const, offsetHours: 0 };
  it('notebook: times shifted by 7200 s, failure dropped', () => {
    const { rows } = connectionStatsRows(ov2Scenario({ log: utcLog }), 'notebook', {
      batches: BATCHES,
    });
    expect(rows.find(r => r.type === 'connectionStart')?.start_time).toBe(7201);
    expect(rows.some(r => r.type === 'connectionFail')).toBe(false);
  });
  it('default: the log zone inferred, failure kept', () => {
    const { rows } = connectionStatsRows(ov2Scenario({ log: utcLog }), 'default', {
      batches: BATCHES,
    });
    expect(rows.find(r => r.type === 'connectionStart')?.start_time).toBe(1);
    expect(rows.filter(r => r.type === 'connectionFail').map(r => r.start_time)).toEqual([30]);
  });
});

describe('B3 two test durations', () => {
  // Last CPU sample at 60 s → intervals end at min(100, 60 + 10) = 70; the notebook's last
  // transition still runs to the uncapped 100; the default ends both at 70.
  const cpu = [
    [5, 0.2],
    [20, 0.4],
    [40, 0.6],
    [60, 0.8],
  ] as const;
  it('notebook: interval to 70, last transition to 100', () => {
    const { rows } = connectionStatsRows(ov2Scenario({ cpu }), 'notebook', { batches: BATCHES });
    expect(rows[0]).toMatchObject({ type: 'connectionSuccess', start_time: 3, end_time: 70 });
    expect(rows[5]).toMatchObject({ type: 'connectionSuccess', start_time: 3, end_time: 100 });
  });
  it('default: both end at 70', () => {
    const { rows } = connectionStatsRows(ov2Scenario({ cpu }), 'default', { batches: BATCHES });
    expect(rows[1]).toMatchObject({ type: 'connectionSuccess', start_time: 3, end_time: 70 });
  });
});

describe('B4 prev_row_event carried from one LiveKit user to the next', () => {
  // pion-2p: users 4 and 5 are subscribers by the notebook's rule. User4 ends on TrackSubscribed;
  // User5's events.json starts with TrackSubscribed (no connectionStart).
  const u4 = only(
    user(1, 4, [
      [1, 'connectionStart'],
      [3, 'TrackSubscribed-remote'],
    ]),
  );
  const u5 = only(
    user(1, 5, [
      [5, 'TrackSubscribed-remote'],
      [9, 'Disconnected'],
    ]),
  );
  it('notebook: User5 loses its first success row', () => {
    const prev = buildCombinedLiveKit('notebook', u4, false, [], '').prev;
    expect(prev).toBe('TrackSubscribed-remote');
    expect(buildCombinedLiveKit('notebook', u5, false, [], prev).rows).toEqual([]);
  });
  it('default: every user starts afresh', () => {
    const rows = buildCombinedLiveKit('default', u5, false, [], 'TrackSubscribed-remote').rows;
    expect(kinds(rows)).toEqual([['TrackSubscribed-remote', 5]]);
  });
});

describe('B5 drop by pandas label', () => {
  // User1 is scanned first, so its events have labels 0, 1, 2; the third failure line of the
  // test (label 2) is User1's. Dropping streamPlaying-local (label 2) drops that failure too.
  const u1 = only(
    user(1, 1, [
      [1, 'connectionStart'],
      [3, 'streamCreated-local'],
      [4, 'streamPlaying-local'],
    ]),
  );
  const failure: FailureRow = { fullUser: '1-1', attempts: 1, time: at(20), label: 2 };
  it('notebook: the failure row goes with the dropped success row', () => {
    const rows = buildCombinedOpenVidu2('notebook', u1, true, [failure]);
    expect(kinds(rows)).toEqual([
      ['connectionStart', 1],
      ['streamCreated-local', 3],
    ]);
  });
  it('default: only the repeated success row goes', () => {
    const rows = buildCombinedOpenVidu2('default', u1, true, [failure]);
    expect(kinds(rows)).toEqual([
      ['connectionStart', 1],
      ['streamCreated-local', 3],
      ['connectionFail', 20],
    ]);
  });
});

describe('B6 iloc[::2] pairing of LocalTrackPublished', () => {
  // Attempt 1 publishes audio only (2 s) and fails; attempt 2 publishes audio (8) and video (9).
  const u = only(
    user(1, 1, [
      [1, 'connectionStart'],
      [2, 'LocalTrackPublished-local'],
      [7, 'connectionStart'],
      [8, 'LocalTrackPublished-local'],
      [9, 'LocalTrackPublished-local'],
    ]),
  );
  it('notebook: 1st and 3rd publication (2 s, then the video at 9 s)', () => {
    expect(liveKitPublications('notebook', u).map(e => (e.time - at(0)) / 1000)).toEqual([2, 9]);
  });
  it('default: the second publication of each attempt (attempt 1 never fully connected)', () => {
    expect(liveKitPublications('default', u).map(e => (e.time - at(0)) / 1000)).toEqual([9]);
  });
});

describe('B7 LiveKit reconnections and de-duplication', () => {
  const u = only(
    user(1, 1, [
      [1, 'connectionStart'],
      [2, 'LocalTrackPublished-local'],
      [3, 'LocalTrackPublished-local'],
      [6, 'SignalReconnecting'],
      [8, 'Reconnecting'],
    ]),
  );
  it('notebook: SignalReconnecting counts as a failure (substring match)', () => {
    const rows = buildCombinedLiveKit('notebook', u, true, [], '').rows;
    expect(kinds(rows)).toEqual([
      ['connectionStart', 1],
      ['LocalTrackPublished-local', 2],
      ['connectionFail', 6],
      ['connectionFail', 8],
    ]);
    expect(rows.every(r => r.event !== 'connectionFail' || Number.isNaN(r.attempts))).toBe(true);
  });
  it('default: only Reconnecting; the attempt keeps the last controller count', () => {
    const rows = buildCombinedLiveKit('default', u, true, [], '').rows;
    expect(kinds(rows)).toEqual([
      ['connectionStart', 1],
      ['LocalTrackPublished-local', 3],
      ['connectionFail', 8],
    ]);
  });
  it('attempt after a reconnection: NaN in the notebook, the previous count by default', () => {
    const t = testData('loadtest-webrtc-2024-pion-2p', {
      users: [
        user(1, 1, [
          [1, 'connectionStart'],
          [2, 'LocalTrackPublished-local'],
          [3, 'LocalTrackPublished-local'],
          [8, 'Reconnecting'],
        ]),
      ],
      log: log({ start: 0, end: 20, failures: [[0.5, 9, 9, 1]] }),
      node: node([
        [0, 0.1],
        [10, 0.2],
      ]),
    });
    const last = (p: 'notebook' | 'default') => connectionStatsRows(t, p).rows.at(-1)?.attempt;
    expect(last('notebook')).toBeNaN();
    expect(last('default')).toBe(0);
  });
});

describe('B17 ties in the time sort', () => {
  // A connectionStart and a failure at the same millisecond keep concat order (starts first) in
  // both profiles: pandas' quicksort happens to be stable for small frames, not in general.
  it('keeps concat order on ties', () => {
    const u = only(user(1, 1, [[5, 'connectionStart']]));
    const f: FailureRow = { fullUser: '1-1', attempts: 1, time: at(5), label: 7 };
    for (const p of ['notebook', 'default'] as const)
      expect(kinds(buildCombinedOpenVidu2(p, u, true, [f]))).toEqual([
        ['connectionStart', 5],
        ['connectionFail', 5],
      ]);
  });
});

describe('B18 roles by name', () => {
  // kurento-2p, User4 published (streamCreated-local): a subscriber for the notebook.
  const u4 = only(
    user(1, 4, [
      [1, 'connectionStart'],
      [2, 'accessAllowed-local'],
      [3, 'streamCreated-local'],
    ]),
  );
  it('notebook: user > 3 outside 8p tests is a subscriber', () => {
    expect(isPublisher('notebook', 'loadtest-webrtc-2024-kurento-2p', u4)).toBe(false);
    expect(isPublisher('notebook', 'loadtest-webrtc-2024-kurento-8p', u4)).toBe(true);
  });
  it('default: its own publish events make it a publisher', () => {
    expect(isPublisher('default', 'loadtest-webrtc-2024-kurento-2p', u4)).toBe(true);
    const sub = only(
      user(1, 1, [
        [1, 'connectionStart'],
        [3, 'streamCreated-remote'],
      ]),
    );
    expect(isPublisher('default', 'loadtest-webrtc-2024-kurento-8p', sub)).toBe(false);
  });
});
