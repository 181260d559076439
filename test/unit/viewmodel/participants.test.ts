import { describe, expect, it } from 'vitest';
import { QOS_TABLE_NAMES, type QosTable, type QosTables } from '../../../src/core/ingest/stats';
import {
  failureUniqueness,
  heatmapVM,
  normaliseRow,
  participantsVM,
  stateOf,
  userBytes,
} from '../../../src/core/viewmodel/participants';
import { row } from '../analysis-downstream/rows';

const TEST = 'loadtest-webrtc-2024-kurento-2p';

/** A table of `bytes`/`ssrc`/`timestamp`/`bitrate` columns with rows from sources. */
function table(
  rows: Array<{ source: number; ssrc: number; bytes: number; t?: number; bitrate?: number }>,
  column: string,
): QosTable {
  const n = rows.length;
  const f = (k: (r: (typeof rows)[number]) => number) => Float64Array.from(rows.map(k));
  return {
    rows: n,
    columns: [
      { name: column, kind: 'number', values: f(r => r.bytes) },
      { name: 'ssrc', kind: 'number', values: f(r => r.ssrc) },
      { name: 'timestamp', kind: 'number', values: f(r => r.t ?? NaN) },
      { name: 'bitrate', kind: 'number', values: f(r => r.bitrate ?? NaN) },
    ],
    source: Int32Array.from(rows.map(r => r.source)),
    element: new Int32Array(n),
    offset: new Float64Array(n),
    lossRatio: new Float64Array(n),
    packetsPerSecond: new Float64Array(n),
  };
}

function qos(tables: Partial<Record<(typeof QOS_TABLE_NAMES)[number], QosTable>>): QosTables {
  const empty = table([], 'bytesReceived');
  return {
    sources: [
      { file: 'a', user: 'User1', session: 'LoadTestSession1', bytes: 0 },
      { file: 'b', user: 'User2', session: 'LoadTestSession1', bytes: 0 },
    ],
    tables: Object.fromEntries(
      QOS_TABLE_NAMES.map(n => [n, tables[n] ?? empty]),
    ) as QosTables['tables'],
    networkScores: {
      rows: 0,
      source: new Int32Array(),
      element: new Int32Array(),
      time: new Float64Array(),
      inbound: new Float64Array(),
      outbound: new Float64Array(),
    },
    counts: {} as QosTables['counts'],
    diagnostics: [],
  };
}

describe('participants view model', () => {
  it('sums, per user, the largest cumulative byte count of each stream', () => {
    const q = qos({
      inbound_video: table(
        [
          { source: 0, ssrc: 11, bytes: 100 },
          { source: 0, ssrc: 11, bytes: 250 }, // cumulative: 250 for stream 11
          { source: 0, ssrc: 12, bytes: 40 },
          { source: 1, ssrc: 11, bytes: 7 }, // another user's stream with the same ssrc
        ],
        'bytesReceived',
      ),
      outbound_audio: table(
        [
          { source: 1, ssrc: 5, bytes: 30 },
          { source: 1, ssrc: 5, bytes: NaN },
        ],
        'bytesSent',
      ),
    });
    const bytes = userBytes(q);
    expect(bytes.get('1\u00001')).toEqual({
      'in/audio': 0,
      'in/video': 290,
      'out/audio': 0,
      'out/video': 0,
    });
    expect(bytes.get('1\u00002')).toEqual({
      'in/audio': 0,
      'in/video': 7,
      'out/audio': 30,
      'out/video': 0,
    });
  });

  it('names states: first-attempt starts connect, later starts reconnect', () => {
    expect(stateOf(row('connectionStart', { start: 0, end: 1 }))).toBe('connecting');
    expect(stateOf(row('connectionStart', { start: 0, end: 1, attempt: 2 }))).toBe('reconnecting');
    expect(stateOf(row('connectionStart', { start: 0, end: 1, attempt: NaN }))).toBe(
      'reconnecting',
    );
    expect(stateOf(row('connectionSuccess', { start: 0, end: 1 }))).toBe('connected');
    expect(stateOf(row('connectionFail', { start: 0, end: 1 }))).toBe('failed');
    expect(stateOf(row('QOE', { start: 0, end: 1 }))).toBeUndefined();
  });

  it('normalises a row to % of its total (the notebook) or of its maximum; an all-zero row is left out', () => {
    expect(normaliseRow([1, 3, NaN, 0], 'total')).toEqual([25, 75, NaN, 0]);
    expect(normaliseRow([1, 3, NaN, 0], 'max')).toEqual([33.33, 100, NaN, 0]);
    expect(normaliseRow([0, NaN], 'total')).toBeUndefined();
  });

  it('counts failures whose session or batch has no other failed user', () => {
    const fail = (user: number, session: number, start: number) => ({
      ...row('connectionFail', { start, end: start + 1, user, session, test: TEST }),
      batch: session === 3 ? 1 : 0,
    });
    // Session 1: users 1 and 2 fail (not unique); session 2: user 3 fails twice (unique, 2 failures);
    // session 3 (batch 1): user 5 fails once, alone in its session and its batch.
    const rows = [fail(1, 1, 0), fail(2, 1, 5), fail(3, 2, 1), fail(3, 2, 9), fail(5, 3, 2)];
    expect(failureUniqueness(rows)).toEqual({
      failures: 5,
      failedUsers: 4,
      sessions: 3,
      batches: 2,
      uniqueToSession: 3,
      uniqueToBatch: 1,
    });
  });

  it('gives each user its seconds per state and a state heatmap of the dominant state per bin', () => {
    const rows = [
      row('connectionStart', { start: 0, end: 1.5, user: 1, test: TEST }),
      row('connectionSuccess', { start: 1.5, end: 6, user: 1, test: TEST }),
      row('connectionFail', { start: 6, end: 7, user: 1, test: TEST }),
      row('connectionStart', { start: 7, end: 8, user: 1, attempt: 1, test: TEST }),
      row('connectionSuccess', { start: 8, end: 10, user: 1, attempt: 1, test: TEST }),
    ];
    const input = {
      test: TEST,
      duration: 10,
      users: [
        { session: 'LoadTestSession1', user: 'User1', role: 'publisher' as const, eventCount: 9 },
        { session: 'LoadTestSession1', user: 'User2', role: 'publisher' as const, eventCount: 4 },
      ],
      rows,
    };
    const vm = participantsVM(input);
    expect(vm.users.map(u => [u.label, u.events])).toEqual([
      ['S1-U1', 9],
      ['S1-U2', 4],
    ]);
    expect(vm.users[0]?.states).toEqual({
      connecting: 1.5,
      connected: 6.5,
      failed: 1,
      reconnecting: 1,
    });
    expect(vm.hasQos).toBe(false);
    const heat = heatmapVM(input, 'state');
    expect([heat.bins, heat.binSeconds]).toEqual([10, 1]);
    // 0–1 connecting; 1–2 half/half → connecting 0.5 vs connected 0.5: the first state listed wins ties.
    expect(heat.rows).toEqual([{ user: 0, values: [1, 1, 2, 2, 2, 2, 3, 4, 2, 2] }]);
    expect(heat.dropped).toBe(1);
  });

  it('places inbound bitrate reports on the test clock and normalises each row to its total', () => {
    const origin = 1_000_000;
    const q = qos({
      inbound_video: table(
        [
          { source: 0, ssrc: 1, bytes: 1, t: origin + 500, bitrate: 100 },
          { source: 0, ssrc: 1, bytes: 2, t: origin + 2500, bitrate: 300 },
          { source: 0, ssrc: 1, bytes: 3, t: origin + 2600, bitrate: 0 }, // ≤ 0: dropped
        ],
        'bytesReceived',
      ),
    });
    const input = {
      test: TEST,
      origin,
      duration: 4,
      users: [{ session: '1', user: '1', role: 'publisher' as const, eventCount: 0 }],
      rows: [],
      qos: q,
    };
    expect(heatmapVM(input, 'bitrate').rows).toEqual([{ user: 0, values: [25, 0, 75, 0] }]);
  });
});
