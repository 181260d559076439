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
import { groupBy } from '../../shared/arrays';
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
  if (kind !== 'qoe') return { start: r.start_time, end: r.end_time, kind, attempt: r.attempt };
  const { start_time: start, end_time: end, attempt, qoe, qoe_metric: metric } = r;
  return { start, end, kind, attempt, qoe, metric };
}

function byStart(a: SwimSegmentVM, b: SwimSegmentVM): number {
  return a.start - b.start || a.end - b.end;
}

function lane(s: SwimSegmentVM): string {
  return s.kind === 'qoe' ? `qoe:${s.metric ?? ''}` : 'base';
}

/** `segments` in `byStart` order (the array itself when it already is). */
function sortedByStart(segments: readonly SwimSegmentVM[]): readonly SwimSegmentVM[] {
  for (let i = 1; i < segments.length; i++)
    if (byStart(segments[i - 1]!, segments[i]!) > 0) return [...segments].sort(byStart);
  return segments;
}

/** The segments of each lane (`lane`), lanes in the order they first appear. */
function lanesOf(sorted: readonly SwimSegmentVM[]): SwimSegmentVM[][] {
  return [...groupBy(sorted, lane).values()];
}

/**
 * Consecutive segments of the same kind (and QoE metric) whose gap is at most `below` seconds,
 * one of them shorter than `below`, become one; a merged QoE value is the duration-weighted mean.
 * Connection segments and each metric's QoE segments are separate lanes (QoE is drawn over the
 * connected time), so only neighbours within a lane merge. `below` ≤ 0 returns the segments sorted.
 */
export function mergeSegments(segments: readonly SwimSegmentVM[], below: number): SwimSegmentVM[] {
  return mergeLanes(lanesOf(sortedByStart(segments)), below);
}

/** `mergeSegments` of a row already split into lanes. */
function mergeLanes(lanes: readonly (readonly SwimSegmentVM[])[], below: number): SwimSegmentVM[] {
  const out: SwimSegmentVM[] = [];
  for (const list of lanes) mergeLane(list, below, out);
  return out.sort(byStart);
}

/** How many segments `mergeLanes` would give, without building them. */
function mergedCount(lanes: readonly (readonly SwimSegmentVM[])[], below: number): number {
  let n = 0;
  for (const list of lanes) n += mergeLane(list, below, undefined);
  return n;
}

/**
 * One lane's runs of mergeable neighbours, each appended to `out` as one segment (`join` of the
 * run, left to right; a run of one is the segment itself). The run is accumulated in numbers and
 * becomes an object once, at its end: merging is the swimlane's hot loop at thousands of users.
 * Without `out` the runs are only counted. Returns the number of runs.
 */
function mergeLane(
  list: readonly SwimSegmentVM[],
  below: number,
  out: SwimSegmentVM[] | undefined,
): number {
  let runs = 0;
  let first: SwimSegmentVM | undefined;
  let n = 0;
  let start = 0;
  let end = 0;
  let attempt = 0;
  let qoe = NaN;
  let merged = 0;
  const flush = () => {
    if (!first) return;
    runs++;
    if (!out) return;
    if (n === 1) out.push(first);
    else if (first.kind !== 'qoe') out.push({ start, end, kind: first.kind, attempt, merged });
    else out.push({ start, end, kind: 'qoe', attempt, qoe, metric: first.metric, merged });
  };
  for (const s of list) {
    if (
      first &&
      below > 0 &&
      first.kind === s.kind &&
      s.start - end <= below &&
      (end - start < below || s.end - s.start < below)
    ) {
      if (first.kind === 'qoe') {
        const wa = end - start;
        const wb = s.end - s.start;
        const qb = s.qoe ?? NaN;
        qoe = wa + wb > 0 ? (qoe * wa + qb * wb) / (wa + wb) : (qoe + qb) / 2;
      }
      end = Math.max(end, s.end);
      attempt = s.attempt;
      merged += s.merged ?? 1;
      n++;
      continue;
    }
    flush();
    first = s;
    n = 1;
    start = s.start;
    end = s.end;
    attempt = s.attempt;
    qoe = s.qoe ?? NaN;
    merged = s.merged ?? 1;
  }
  flush();
  return runs;
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

  const lanes = built.map(r => lanesOf(r.segments));
  const { rows, mergeBelow } = fitBudget(
    built,
    r => r.segments.length,
    end - start,
    limits,
    below => built.map((r, i) => ({ ...r, segments: mergeLanes(lanes[i]!, below) })),
    below => lanes.reduce((n, l) => n + mergedCount(l, below), 0),
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
  const lanes = own.map(lanesOf);
  const { rows, mergeBelow } = fitBudget(
    own,
    r => r.length,
    range.end - range.start,
    limits,
    below => lanes.map(l => mergeLanes(l, below)),
    below => lanes.reduce((n, l) => n + mergedCount(l, below), 0),
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
    ...(root.data?.batches ? { batches: root.data.batches } : {}),
    logTimezone,
    ...(recordingDelaySeconds === undefined ? {} : { recordingDelaySeconds }),
  });
}
