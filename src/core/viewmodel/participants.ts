/**
 * The participants overview: the second notebook's per-device overviews applied to the users of a
 * load test. Per user: bytes received and sent (from stats.json), events, and the time spent
 * connecting, connected, failed and reconnecting (connection_stats); a user × time heatmap of a
 * metric normalised per row as the notebook does (each row as % of its own total, rows without
 * any value left out); the traffic split audio/video and in/out; and how many failures are unique
 * to one session or one batch (the notebook's "unique to this device" counts).
 *
 * - Bytes: `bytesReceived` / `bytesSent` are cumulative per stream, so a user's bytes are the sum
 *   over its streams (`ssrc`, else the report `id`) of the largest value seen.
 * - States: connecting = a start of the first attempt, reconnecting = a start after a failure
 *   (attempt ≠ 0), connected = success segments, failed = failure segments; seconds per state.
 * - Heatmap: bitrate = sum of the user's inbound bitrate reports per bin, as % of the row's sum
 *   (the notebook's rule); jitter and QoE are not additive, so each row is % of its maximum;
 *   state = the state holding most of the bin.
 */
import { isNumberColumn, numberAt, type QosTable, type QosTables } from '../ingest/stats';
import type { ConnectionStatsRow } from '../analysis/types';
import { qosValues } from '../analysis/downstream/qosSeries';
import { naturalCompare, trailingNumber } from '../source/naming';
import type {
  HeatmapMetricVM,
  HeatmapVM,
  ParticipantsVM,
  ParticipantVM,
  StateShareVM,
} from '../../shared/views/participants';

/** Time bins of a heatmap row at most. */
export const HEATMAP_BINS = 60;

export interface ParticipantUser {
  readonly session: string;
  readonly user: string;
  readonly role: 'publisher' | 'subscriber';
  readonly eventCount: number;
}

/** The input of a test from its summary, connection_stats rows and QoS tables. */
export function participantsInput(
  test: {
    readonly name: string;
    readonly start?: number;
    readonly durationSeconds?: number;
    readonly sessions: readonly { readonly users: readonly ParticipantUser[] }[];
  },
  rows: readonly ConnectionStatsRow[],
  qos: QosTables | undefined,
): ParticipantsInput {
  return {
    test: test.name,
    ...(test.start === undefined ? {} : { origin: test.start }),
    ...(test.durationSeconds === undefined ? {} : { duration: test.durationSeconds }),
    users: test.sessions.flatMap(s => s.users),
    rows,
    ...(qos ? { qos } : {}),
  };
}

export interface ParticipantsInput {
  readonly test: string;
  /** Epoch ms of the test start (QoS timestamps are placed on this clock). */
  readonly origin?: number;
  readonly duration?: number;
  readonly users: readonly ParticipantUser[];
  readonly rows: readonly ConnectionStatsRow[];
  readonly qos?: QosTables;
}

/** `"3"` for `User3`, `u3` or `3`. */
function num(name: string): string {
  const n = trailingNumber(name);
  return n === undefined ? name : String(n);
}

function key(session: string, user: string): string {
  return `${num(session)}\u0000${num(user)}`;
}

const EMPTY_STATE = (): StateShareVM => ({
  connecting: 0,
  connected: 0,
  failed: 0,
  reconnecting: 0,
});

export type StateName = keyof StateShareVM;

/** The state a connection_stats row stands for; undefined for QoE rows. */
export function stateOf(r: ConnectionStatsRow): StateName | undefined {
  switch (r.type) {
    case 'connectionStart':
      return r.attempt === 0 ? 'connecting' : 'reconnecting';
    case 'connectionSuccess':
      return 'connected';
    case 'connectionFail':
      return 'failed';
    default:
      return undefined;
  }
}

function textValue(table: QosTable, name: string, r: number): string | undefined {
  const col = table.columns.find(c => c.name === name);
  if (!col) return undefined;
  if (isNumberColumn(col)) {
    const v = numberAt(col, r);
    return Number.isNaN(v) ? undefined : String(v);
  }
  const id = col.ids[r] as number;
  return col.dict[id];
}

type Media = 'audio' | 'video';
type Direction = 'in' | 'out';

const BYTE_TABLES: ReadonlyArray<readonly [Direction, Media, string, string]> = [
  ['in', 'audio', 'inbound_audio', 'bytesReceived'],
  ['in', 'video', 'inbound_video', 'bytesReceived'],
  ['out', 'audio', 'outbound_audio', 'bytesSent'],
  ['out', 'video', 'outbound_video', 'bytesSent'],
];

/** The user key of each source file of the tables. */
function sourceKeys(qos: QosTables): string[] {
  return qos.sources.map(s => key(s.session, s.user));
}

/** Bytes per user key, direction and media: the sum over streams of each stream's largest count. */
export function userBytes(qos: QosTables): Map<string, Record<`${Direction}/${Media}`, number>> {
  const keys = sourceKeys(qos);
  const out = new Map<string, Record<`${Direction}/${Media}`, number>>();
  for (const [direction, media, name, column] of BYTE_TABLES) {
    const table = qos.tables[name as keyof QosTables['tables']];
    const values = qosValues(table, { column });
    if (!values) continue;
    const streams = new Map<string, number>();
    for (let r = 0; r < table.rows; r++) {
      const v = values[r] as number;
      if (Number.isNaN(v)) continue;
      const user = keys[table.source[r] as number] ?? '';
      const stream = textValue(table, 'ssrc', r) ?? textValue(table, 'id', r) ?? '';
      const k = `${user}\u0001${stream}`;
      if (!(streams.get(k)! >= v)) streams.set(k, v);
    }
    for (const [k, v] of streams) {
      const user = k.slice(0, k.indexOf('\u0001'));
      let rec = out.get(user);
      if (!rec)
        out.set(user, (rec = { 'in/audio': 0, 'in/video': 0, 'out/audio': 0, 'out/video': 0 }));
      rec[`${direction}/${media}`] += v;
    }
  }
  return out;
}

function statesByUser(rows: readonly ConnectionStatsRow[]): Map<string, StateShareVM> {
  const out = new Map<string, StateShareVM>();
  for (const r of rows) {
    const s = stateOf(r);
    if (!s) continue;
    const k = key(r.session, r.user);
    const rec = (out.get(k) ?? EMPTY_STATE()) as Record<StateName, number>;
    rec[s] += Math.max(0, r.end_time - r.start_time);
    out.set(k, rec);
  }
  return out;
}

function batchesByUser(rows: readonly ConnectionStatsRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows)
    if (!out.has(key(r.session, r.user))) out.set(key(r.session, r.user), r.batch);
  return out;
}

/** Failures (failure segments) whose session, or batch, has no other failed user. */
export function failureUniqueness(rows: readonly ConnectionStatsRow[]): ParticipantsVM['failures'] {
  const fails = rows.filter(r => r.type === 'connectionFail');
  const usersIn = (group: (r: ConnectionStatsRow) => string) => {
    const m = new Map<string, Set<string>>();
    for (const r of fails) {
      const g = group(r);
      const set = m.get(g) ?? new Set<string>();
      set.add(key(r.session, r.user));
      m.set(g, set);
    }
    return m;
  };
  const bySession = usersIn(r => num(r.session));
  const byBatch = usersIn(r => String(r.batch));
  const unique = (m: Map<string, Set<string>>, g: (r: ConnectionStatsRow) => string) =>
    fails.filter(r => m.get(g(r))?.size === 1).length;
  return {
    failures: fails.length,
    failedUsers: new Set(fails.map(r => key(r.session, r.user))).size,
    sessions: bySession.size,
    batches: byBatch.size,
    uniqueToSession: unique(bySession, r => num(r.session)),
    uniqueToBatch: unique(byBatch, r => String(r.batch)),
  };
}

function compareUsers(a: ParticipantUser, b: ParticipantUser): number {
  return naturalCompare(num(a.session), num(b.session)) || naturalCompare(num(a.user), num(b.user));
}

/** Every user of the test (also users only seen in connection_stats), in session/user order. */
function allUsers(input: ParticipantsInput): ParticipantUser[] {
  const users = new Map(input.users.map(u => [key(u.session, u.user), u]));
  for (const r of input.rows)
    if (!users.has(key(r.session, r.user)))
      users.set(key(r.session, r.user), {
        session: r.session,
        user: r.user,
        role: 'publisher',
        eventCount: 0,
      });
  return [...users.values()].sort(compareUsers);
}

/** Seconds from the test start to the last thing seen (rows, QoS) or the test's duration. */
function windowEnd(input: ParticipantsInput): number {
  let end = input.duration ?? 0;
  for (const r of input.rows) if (r.end_time > end) end = r.end_time;
  return end;
}

export function participantsVM(input: ParticipantsInput): ParticipantsVM {
  const users = allUsers(input);
  const bytes = input.qos ? userBytes(input.qos) : new Map();
  const states = statesByUser(input.rows);
  const batches = batchesByUser(input.rows);
  const participants: ParticipantVM[] = users.map(u => {
    const k = key(u.session, u.user);
    const b = bytes.get(k);
    return {
      label: `S${num(u.session)}-U${num(u.user)}`,
      session: num(u.session),
      user: num(u.user),
      role: u.role,
      batch: batches.get(k) ?? NaN,
      events: u.eventCount,
      bytesIn: { audio: b?.['in/audio'] ?? 0, video: b?.['in/video'] ?? 0 },
      bytesOut: { audio: b?.['out/audio'] ?? 0, video: b?.['out/video'] ?? 0 },
      states: states.get(k) ?? EMPTY_STATE(),
    };
  });
  const sum = (f: (p: ParticipantVM) => number) => participants.reduce((s, p) => s + f(p), 0);
  return {
    test: input.test,
    hasQos: input.qos !== undefined && bytes.size > 0,
    users: participants,
    traffic: {
      inAudio: sum(p => p.bytesIn.audio),
      inVideo: sum(p => p.bytesIn.video),
      outAudio: sum(p => p.bytesOut.audio),
      outVideo: sum(p => p.bytesOut.video),
    },
    failures: failureUniqueness(input.rows),
  };
}

/* ---------- heatmap ---------- */

interface Grid {
  readonly bins: number;
  readonly binSeconds: number;
}

function gridOf(input: ParticipantsInput): Grid {
  const end = Math.max(windowEnd(input), 1);
  const bins = Math.max(1, Math.min(HEATMAP_BINS, Math.ceil(end)));
  return { bins, binSeconds: end / bins };
}

function binOf(seconds: number, g: Grid): number {
  return Math.min(g.bins - 1, Math.max(0, Math.floor(seconds / g.binSeconds)));
}

/** Adds `value × overlap` of [start, end) to each bin it covers (and the overlap to `weight`). */
function spread(
  sums: Float64Array,
  weight: Float64Array,
  start: number,
  end: number,
  value: number,
  g: Grid,
): void {
  if (!(end > start)) return;
  for (let b = binOf(start, g); b <= binOf(end, g); b++) {
    const lo = Math.max(start, b * g.binSeconds);
    const hi = Math.min(end, (b + 1) * g.binSeconds);
    if (hi <= lo) continue;
    sums[b] = (sums[b] as number) + value * (hi - lo);
    weight[b] = (weight[b] as number) + (hi - lo);
  }
}

const STATE_CODES: Record<StateName, number> = {
  connecting: 1,
  connected: 2,
  failed: 3,
  reconnecting: 4,
};

function stateRows(
  input: ParticipantsInput,
  g: Grid,
  index: Map<string, number>,
): Map<number, number[]> {
  const per = new Map<number, Record<StateName, Float64Array>>();
  for (const r of input.rows) {
    const s = stateOf(r);
    const i = index.get(key(r.session, r.user));
    if (!s || i === undefined) continue;
    let rec = per.get(i);
    if (!rec) {
      rec = {
        connecting: new Float64Array(g.bins),
        connected: new Float64Array(g.bins),
        failed: new Float64Array(g.bins),
        reconnecting: new Float64Array(g.bins),
      };
      per.set(i, rec);
    }
    spread(rec[s], new Float64Array(g.bins), r.start_time, r.end_time, 1, g);
  }
  const out = new Map<number, number[]>();
  for (const [i, rec] of per) {
    const codes: number[] = [];
    for (let b = 0; b < g.bins; b++) {
      let best: StateName | undefined;
      for (const s of Object.keys(STATE_CODES) as StateName[])
        if (
          (rec[s][b] as number) > 0 &&
          (!best || (rec[s][b] as number) > (rec[best][b] as number))
        )
          best = s;
      codes.push(best ? STATE_CODES[best] : 0);
    }
    out.set(i, codes);
  }
  return out;
}

function qoeRows(
  input: ParticipantsInput,
  g: Grid,
  index: Map<string, number>,
): Map<number, Float64Array> {
  const sums = new Map<number, [Float64Array, Float64Array]>();
  for (const r of input.rows) {
    const i = index.get(key(r.session, r.user));
    if (
      r.type !== 'QOE' ||
      r.qoe_metric !== 'vmaf' ||
      i === undefined ||
      Number.isNaN(r.qoe ?? NaN)
    )
      continue;
    let acc = sums.get(i);
    if (!acc) sums.set(i, (acc = [new Float64Array(g.bins), new Float64Array(g.bins)]));
    spread(acc[0], acc[1], r.start_time, r.end_time, r.qoe as number, g);
  }
  const out = new Map<number, Float64Array>();
  for (const [i, [s, w]] of sums)
    out.set(
      i,
      s.map((v, b) => ((w[b] as number) > 0 ? v / (w[b] as number) : NaN)),
    );
  return out;
}

/** Per user index: sum (bitrate) or mean (jitter) of the inbound reports in each bin. */
function qosRows(
  input: ParticipantsInput,
  g: Grid,
  index: Map<string, number>,
  metric: 'bitrate' | 'jitter',
): Map<number, Float64Array> {
  const qos = input.qos;
  const out = new Map<number, [Float64Array, Float64Array]>();
  if (!qos) return new Map();
  const keys = sourceKeys(qos);
  const origin = input.origin ?? 0;
  for (const name of ['inbound_audio', 'inbound_video'] as const) {
    const table = qos.tables[name];
    const values = qosValues(table, { column: metric });
    const times = qosValues(table, { column: 'timestamp' });
    if (!values || !times) continue;
    for (let r = 0; r < table.rows; r++) {
      const v = values[r] as number;
      const t = times[r] as number;
      const i = index.get(keys[table.source[r] as number] ?? '');
      if (i === undefined || Number.isNaN(v) || Number.isNaN(t) || (metric === 'bitrate' && v <= 0))
        continue;
      let acc = out.get(i);
      if (!acc) out.set(i, (acc = [new Float64Array(g.bins), new Float64Array(g.bins)]));
      const b = binOf((t - origin) / 1000, g);
      acc[0][b] = (acc[0][b] as number) + v;
      acc[1][b] = (acc[1][b] as number) + 1;
    }
  }
  const res = new Map<number, Float64Array>();
  for (const [i, [s, n]] of out)
    res.set(
      i,
      metric === 'bitrate'
        ? s
        : s.map((v, b) => ((n[b] as number) > 0 ? v / (n[b] as number) : NaN)),
    );
  return res;
}

/** The notebook's row normalisation: each value as % of the row's total (or of its maximum). */
export function normaliseRow(values: ArrayLike<number>, by: 'total' | 'max'): number[] | undefined {
  let ref = 0;
  for (let b = 0; b < values.length; b++) {
    const v = values[b] as number;
    if (Number.isNaN(v)) continue;
    ref = by === 'total' ? ref + v : Math.max(ref, v);
  }
  if (!(ref > 0)) return undefined;
  return Array.from(values, v => (Number.isNaN(v) ? NaN : Math.round((10000 * v) / ref) / 100));
}

export function heatmapVM(input: ParticipantsInput, metric: HeatmapMetricVM): HeatmapVM {
  const users = allUsers(input);
  const index = new Map(users.map((u, i) => [key(u.session, u.user), i]));
  const g = gridOf(input);
  const rows: HeatmapVM['rows'][number][] = [];
  if (metric === 'state') {
    for (const [i, codes] of stateRows(input, g, index)) rows.push({ user: i, values: codes });
  } else {
    const raw = metric === 'qoe' ? qoeRows(input, g, index) : qosRows(input, g, index, metric);
    for (const [i, values] of raw) {
      const norm = normaliseRow(values, metric === 'bitrate' ? 'total' : 'max');
      if (norm) rows.push({ user: i, values: norm });
    }
  }
  rows.sort((a, b) => a.user - b.user);
  return {
    test: input.test,
    metric,
    bins: g.bins,
    binSeconds: g.binSeconds,
    rows,
    dropped: users.length - rows.length,
  };
}
