/**
 * The connection-progression swimlane (the notebook's `draw_cons_plot`) as a view model: one row
 * per user, grouped by session, with the `connection_stats` segments of the user and the media
 * node's CPU and memory. Decimated here, in the host, so that what a webview receives stays
 * bounded whatever the test size:
 *  - rows beyond `maxRows` are not sent (`totalRows` says how many there are);
 *  - when the segments exceed `maxSegments`, consecutive segments of the same kind closer than a
 *    pixel-equivalent duration are merged (QoE values averaged by duration), the duration
 *    doubling until the budget holds; segments of different kinds are never merged, so a failure
 *    never disappears into a neighbour (rows are dropped from the end as a last resort);
 *  - CPU and memory keep the minimum and maximum sample of each time bucket.
 */
import type { RootSummary } from '../analysis/rootSummary';
import {
  connectionStatsRows,
  type ConnectionStatsResult,
} from '../analysis/segments/connectionStats';
import {
  QOE_METRICS,
  type ConnectionStatsRow,
  type Profile,
  type SegmentType,
} from '../analysis/types';
import type { TestSummary } from '../analysis/testSummary';
import { isPublisherByName } from '../analysis/testSummary';
import type { TimezoneSetting } from '../ingest/timezone';
import { naturalCompare, numberText } from '../source/naming';
import type { Point, TimeZoneVM } from '../../shared/views/common';
import type {
  SwimKind,
  SwimlaneVM,
  SwimRowVM,
  SwimSegmentsVM,
  SwimSegmentVM,
} from '../../shared/views/swimlane';
import type { TimeRange } from '../../shared/views/checks';
import { fitBudget } from './budget';
import { qoeRanges, variantsWithRanges, type ColourRanges } from './swimlaneQos';
import { nodeSeriesVM, timezoneVM } from './overview';

/** A user the swimlane has a row for, with its numbers as `connection_stats` writes them. */
export interface SwimUser {
  readonly session: string;
  readonly user: string;
  readonly role: 'publisher' | 'subscriber';
}

export interface SwimlaneInput {
  readonly test: string;
  readonly origin?: number;
  /** The controller log's timezone as resolved, for wall-clock axes. */
  readonly timezone?: TimeZoneVM;
  /** Seconds from the test start to its end, when known. */
  readonly duration?: number;
  /** Every user of the test (users without a `connection_stats` row get an empty row). */
  readonly users: readonly SwimUser[];
  /** The test's `connection_stats` rows (default profile). */
  readonly rows: readonly ConnectionStatsRow[];
  readonly cpu: readonly Point[];
  readonly memory: readonly Point[];
  /** The test has a stats folder: QoS colourings can be asked for. */
  readonly hasStats?: boolean;
}

export interface SwimlaneLimits {
  readonly maxRows: number;
  readonly maxSegments: number;
  /** CPU and memory points each. */
  readonly maxPoints: number;
  /** Width in pixels the merge duration is derived from (window ÷ pixels). */
  readonly pixels: number;
}

/** About 4 MB of JSON in the worst case (≈ 90 bytes a segment). */
export const SWIMLANE_LIMITS: SwimlaneLimits = {
  maxRows: 2000,
  maxSegments: 40_000,
  maxPoints: 2000,
  pixels: 2000,
};

const KIND: Record<SegmentType, SwimKind> = {
  connectionStart: 'start',
  connectionSuccess: 'connected',
  connectionFail: 'failure',
  QOE: 'qoe',
};

function userKey(session: string, user: string): string {
  return `${session}\u0000${user}`;
}

/** Session then user, numbers compared as numbers. */
function compareUsers(a: SwimUser, b: SwimUser): number {
  return naturalCompare(a.session, b.session) || naturalCompare(a.user, b.user);
}

function segmentOf(r: ConnectionStatsRow): SwimSegmentVM {
  const kind = KIND[r.type];
  const base = { start: r.start_time, end: r.end_time, kind, attempt: r.attempt };
  if (kind !== 'qoe') return base;
  return { ...base, qoe: r.qoe, metric: r.qoe_metric };
}

function byStart(a: SwimSegmentVM, b: SwimSegmentVM): number {
  return a.start - b.start || a.end - b.end;
}

function lane(s: SwimSegmentVM): string {
  return s.kind === 'qoe' ? `qoe:${s.metric ?? ''}` : 'base';
}

/**
 * Consecutive segments of the same kind (and QoE metric) whose gap is at most `below` seconds,
 * one of them shorter than `below`, become one; a merged QoE value is the duration-weighted mean.
 * Connection segments and each metric's QoE segments are separate lanes (QoE is drawn over the
 * connected time), so only neighbours within a lane merge. `below` ≤ 0 returns the segments sorted.
 */
export function mergeSegments(segments: readonly SwimSegmentVM[], below: number): SwimSegmentVM[] {
  const lanes = new Map<string, SwimSegmentVM[]>();
  for (const s of [...segments].sort(byStart)) {
    const list = lanes.get(lane(s)) ?? [];
    list.push(s);
    lanes.set(lane(s), list);
  }
  const out: SwimSegmentVM[] = [];
  for (const list of lanes.values()) {
    let prev: SwimSegmentVM | undefined;
    for (const s of list) {
      const short = (x: SwimSegmentVM) => x.end - x.start < below;
      if (
        prev &&
        below > 0 &&
        prev.kind === s.kind &&
        s.start - prev.end <= below &&
        (short(prev) || short(s))
      ) {
        prev = join(prev, s);
        out[out.length - 1] = prev;
        continue;
      }
      out.push(s);
      prev = s;
    }
  }
  return out.sort(byStart);
}

function join(a: SwimSegmentVM, b: SwimSegmentVM): SwimSegmentVM {
  const merged = (a.merged ?? 1) + (b.merged ?? 1);
  const joined = { start: a.start, end: Math.max(a.end, b.end), kind: a.kind, attempt: b.attempt };
  if (a.kind !== 'qoe') return { ...joined, merged };
  const wa = a.end - a.start;
  const wb = b.end - b.start;
  const qa = a.qoe ?? NaN;
  const qb = b.qoe ?? NaN;
  const qoe = wa + wb > 0 ? (qa * wa + qb * wb) / (wa + wb) : (qa + qb) / 2;
  return { ...joined, qoe, metric: a.metric, merged };
}

/**
 * At most `maxPoints` points: the series cut into `maxPoints / 2` equal time buckets, keeping the
 * lowest and the highest sample of each (in time order), so peaks and dips survive.
 */
export function minMaxDecimate(points: readonly Point[], maxPoints: number): Point[] {
  if (points.length <= maxPoints) return [...points];
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const t0 = points[0]![0];
  const span = points[points.length - 1]![0] - t0 || 1;
  const out: Point[] = [];
  let i = 0;
  for (let b = 0; b < buckets && i < points.length; b++) {
    const limit = t0 + (span * (b + 1)) / buckets;
    let lo: number | undefined;
    let hi: number | undefined;
    for (; i < points.length && (points[i]![0] < limit || b === buckets - 1); i++) {
      if (lo === undefined || points[i]![1] < points[lo]![1]) lo = i;
      if (hi === undefined || points[i]![1] > points[hi]![1]) hi = i;
    }
    if (lo === undefined || hi === undefined) continue;
    if (lo === hi) out.push(points[lo]!);
    else out.push(points[Math.min(lo, hi)]!, points[Math.max(lo, hi)]!);
  }
  return out;
}

/** First connection start of each batch, batches in order. */
function batchStarts(rows: readonly ConnectionStatsRow[]): { batch: number; start: number }[] {
  const first = new Map<number, number>();
  for (const r of rows) {
    if (r.type !== 'connectionStart' || !Number.isFinite(r.batch)) continue;
    const seen = first.get(r.batch);
    if (seen === undefined || r.start_time < seen) first.set(r.batch, r.start_time);
  }
  return [...first.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([batch, start]) => ({ batch, start }));
}

export function swimlaneVM(
  input: SwimlaneInput,
  limits: SwimlaneLimits = SWIMLANE_LIMITS,
  colours: ColourRanges = {},
): SwimlaneVM {
  const byUser = new Map<string, ConnectionStatsRow[]>();
  for (const r of input.rows) {
    const k = userKey(r.session, r.user);
    const list = byUser.get(k);
    if (list) list.push(r);
    else byUser.set(k, [r]);
  }
  const users = new Map(input.users.map(u => [userKey(u.session, u.user), u]));
  for (const r of input.rows) {
    const k = userKey(r.session, r.user);
    if (!users.has(k)) {
      const role = isPublisherByName(r.index, r.user) ? 'publisher' : 'subscriber';
      users.set(k, { session: r.session, user: r.user, role });
    }
  }
  const ordered = [...users.values()].sort(compareUsers);
  const built: SwimRowVM[] = ordered.slice(0, limits.maxRows).map(u => {
    const own = byUser.get(userKey(u.session, u.user)) ?? [];
    return {
      session: u.session,
      user: u.user,
      label: `S${u.session}-U${u.user}`,
      role: u.role,
      failed: own.some(r => r.type === 'connectionFail'),
      batch: own[0]?.batch ?? NaN,
      segments: own.map(segmentOf).sort(byStart),
    };
  });

  let start = 0;
  let end = input.duration ?? 0;
  for (const r of input.rows) {
    if (r.start_time < start) start = r.start_time;
    if (r.end_time > end) end = r.end_time;
  }

  const { rows, mergeBelow } = fitBudget(
    built,
    r => r.segments.length,
    end - start,
    limits,
    below => built.map(r => ({ ...r, segments: mergeSegments(r.segments, below) })),
  );

  const metrics = QOE_METRICS.filter(m =>
    input.rows.some(r => r.type === 'QOE' && r.qoe_metric === m),
  );
  return {
    test: input.test,
    origin: input.origin,
    timezone: input.timezone,
    window: [start, end],
    rows,
    totalRows: ordered.length,
    batches: batchStarts(input.rows),
    cpu: minMaxDecimate(input.cpu, limits.maxPoints),
    memory: minMaxDecimate(input.memory, limits.maxPoints),
    metrics,
    mergeBelow,
    qosVariants: input.hasStats ? variantsWithRanges(colours.qos) : [],
    qoeRanges: qoeRanges(colours.qoe),
  };
}

/**
 * The segments of the view model's rows that overlap `range`, from the unmerged rows of `input`,
 * merged only as far as the budget needs for the range's span (zooming in gets finer data).
 */
export function swimlaneSegmentsVM(
  input: SwimlaneInput,
  vm: Pick<SwimlaneVM, 'rows'>,
  range: TimeRange,
  limits: SwimlaneLimits = SWIMLANE_LIMITS,
): SwimSegmentsVM {
  const byUser = new Map<string, SwimSegmentVM[]>();
  for (const r of input.rows) {
    if (r.end_time < range.start || r.start_time > range.end) continue;
    const k = userKey(r.session, r.user);
    const list = byUser.get(k);
    if (list) list.push(segmentOf(r));
    else byUser.set(k, [segmentOf(r)]);
  }
  const own = vm.rows.map(r => (byUser.get(userKey(r.session, r.user)) ?? []).sort(byStart));
  const { rows, mergeBelow } = fitBudget(
    own,
    r => r.length,
    range.end - range.start,
    limits,
    below => own.map(r => mergeSegments(r, below)),
  );
  return { range, mergeBelow, rows: vm.rows.map((_, i) => rows[i] ?? []) };
}

/** The swimlane's input from a test summary and its `connection_stats` rows. */
export function swimlaneInput(
  summary: TestSummary,
  rows: readonly ConnectionStatsRow[],
): SwimlaneInput {
  const users: SwimUser[] = summary.sessions.flatMap(s =>
    s.users.map(u => ({ session: numberText(u.session), user: numberText(u.user), role: u.role })),
  );
  const node = nodeSeriesVM(summary);
  return {
    test: summary.name,
    origin: summary.start,
    timezone: timezoneVM(summary),
    duration: summary.durationSeconds,
    users,
    rows,
    cpu: node?.cpu ?? [],
    memory: node?.memory ?? [],
    hasStats: summary.location.statsDir !== undefined,
  };
}

/**
 * The `connection_stats` rows of one test in a profile (the default one unless asked), from the
 * root's kept ingest (no file is read again); undefined when the test is unknown or the summary
 * kept no data.
 */
export function testConnectionStats(
  root: RootSummary,
  test: string,
  logTimezone: TimezoneSetting,
  profile: Profile = 'default',
  recordingDelaySeconds?: number,
): ConnectionStatsResult | undefined {
  const data = root.data?.tests.find(t => t.location.name === test);
  if (!data) return undefined;
  return connectionStatsRows(data, profile, {
    batch: root.data?.batches?.tests.get(test),
    logTimezone,
    ...(recordingDelaySeconds === undefined ? {} : { recordingDelaySeconds }),
  });
}
