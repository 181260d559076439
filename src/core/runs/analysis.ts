/**
 * What a scenario of today's run says once read: the expected room geometry against the observed
 * one, the steady-state window (ramp-up and cool-down cut off the participants curve), the true
 * test duration (first join → last leave, not the tool's padded window), the stop reason
 * classified, headline figures on the whole window and on the steady one, fleet sizing and links
 * to the exact Kibana / Grafana window.
 */
import type { RunConfig } from './configYaml';
import type { MetricPoint, MetricSeries } from '../model/run';
import type { ScenarioConfig, ScenarioReport } from '../model/scenario';
import type { ScenarioData } from './run';
import { maxOf, minOf, pushAll } from '../../shared/arrays';

export interface Geometry {
  readonly publishers: number;
  readonly subscribers: number;
  readonly perRoom: number;
}

/** Publishers and subscribers per session as a config writes them: `8` → 8 + 0, `3:10` → 3 + 10; undefined if unreadable. */
export function sessionShape(
  participants: string | undefined,
): { readonly publishers: number; readonly subscribers: number } | undefined {
  const m = /^\s*(\d+)\s*(?::\s*(\d+)\s*)?$/.exec(participants ?? '');
  if (!m) return undefined;
  return { publishers: Number(m[1]), subscribers: m[2] === undefined ? 0 : Number(m[2]) };
}

/** Participants per room a topology asks for: `N:N` "P" → P; `N:M`/`TEACHING` "P:S" → P + S. */
export function expectedGeometry(
  topology: string | undefined,
  participants: string | undefined,
): Geometry | undefined {
  const shape = sessionShape(participants);
  if (!shape) return undefined;
  const { publishers: p, subscribers: s } = shape;
  const t = (topology ?? 'N:N').toUpperCase();
  // N:N rooms have publishers only, whatever the participants text says after a colon.
  if (t === 'N:N' || t === 'ONE_SESSION_NXN') return { publishers: p, subscribers: 0, perRoom: p };
  return { publishers: p, subscribers: s, perRoom: p + s };
}

export interface RoomRow {
  readonly room: string;
  readonly expected: number;
  readonly observed: number;
  /** Health errors (errors.json) reported for this room. */
  readonly errors: number;
  readonly reasons: readonly string[];
}

/** A room with fewer participants than the topology asks for. */
export function isShortRoom(r: RoomRow): boolean {
  return r.observed < r.expected;
}

export interface RoomGeometry {
  readonly geometry?: Geometry;
  /** Rooms the configuration asked for (null = `infinite`). */
  readonly roomsExpected: number | null;
  readonly participantsExpected: number | null;
  readonly rooms: readonly RoomRow[];
  /** Where the observed counts come from. */
  readonly observedFrom: 'report users' | 'text report start times' | 'none';
}

function isOneSession(topology: string | undefined): boolean {
  return /^ONE_SESSION/i.test(topology ?? '');
}

export function roomGeometry(s: ScenarioData): RoomGeometry {
  const r = s.report;
  const topology = r.topology ?? s.config?.topology;
  const geometry = expectedGeometry(topology, r.participantsPerSession ?? s.config?.participants);
  const configured = s.config?.sessions;
  const roomsExpected = isOneSession(topology)
    ? 1
    : typeof configured === 'number'
      ? configured
      : (r.sessionsCreated ?? null);
  const participantsExpected =
    geometry && roomsExpected !== null ? geometry.perRoom * roomsExpected : null;
  const counts = new Map<string, number>();
  const observedFrom =
    r.users.length > 0
      ? 'report users'
      : r.userStarts.length > 0
        ? 'text report start times'
        : 'none';
  for (const u of r.users.length > 0 ? r.users : r.userStarts)
    counts.set(u.session, (counts.get(u.session) ?? 0) + 1);
  for (const e of s.healthErrors) if (!counts.has(e.room)) counts.set(e.room, 0);
  const rooms = [...counts.entries()]
    .sort((a, b) => a[0].localeCompare(b[0], undefined, { numeric: true }))
    .map(([room, observed]) => {
      const errs = s.healthErrors.filter(e => e.room === room);
      return {
        room,
        expected: geometry?.perRoom ?? 0,
        observed,
        errors: errs.length,
        reasons: [...new Set(errs.map(e => e.reason))],
      };
    });
  return { geometry, roomsExpected, participantsExpected, rooms, observedFrom };
}

export function seriesNamed(s: ScenarioData, name: string): MetricSeries | undefined {
  return s.series.find(x => x.name === name && x.node === undefined);
}

/** The participants curve: the platform's, else the cumulative joins of the reports. */
export function participantsCurve(s: ScenarioData): {
  points: MetricPoint[];
  from: 'platform' | 'joins' | 'none';
} {
  const platform = seriesNamed(s, 'participants');
  if (platform && platform.points.length > 1)
    return { points: [...platform.points], from: 'platform' };
  const joins = (
    s.report.users.length > 0 ? s.report.users.map(u => u.join) : s.report.userStarts.map(u => u.t)
  )
    .filter((t): t is number => t !== undefined)
    .sort((a, b) => a - b);
  if (joins.length === 0) return { points: [], from: 'none' };
  return { points: joins.map((t, i) => ({ t, v: i + 1 })), from: 'joins' };
}

export interface SteadyWindow {
  readonly start: number;
  readonly end: number;
  /** How it was found. */
  readonly basis: 'detected' | 'estimated' | 'user';
  readonly rampUpSeconds: number;
  readonly coolDownSeconds: number;
  readonly level: number;
}

/** Padding the controller adds after the report time: secondsBetweenTestCases + 10 s. */
export function paddingSeconds(config: RunConfig | undefined): number {
  return (config?.secondsBetweenTestCases ?? 0) + 10;
}

/**
 * The window where the participants curve holds ≥ 95 % of its peak: ramp-up ends at the first
 * sample reaching that level, cool-down starts after the last one. Needs two samples on the
 * plateau. Without a platform curve the joins give the ramp-up end and the report time (padded
 * end − padding) the cool-down start, marked `estimated`.
 */
export function steadyWindow(
  s: ScenarioData,
  config: RunConfig | undefined,
  user?: { from: number; to: number },
): SteadyWindow | undefined {
  const origin = s.windowStart;
  const end = s.windowEnd;
  if (user && origin !== undefined) {
    const start = origin + user.from * 1000;
    const stop = origin + user.to * 1000;
    if (stop > start)
      return {
        start,
        end: stop,
        basis: 'user',
        rampUpSeconds: user.from,
        coolDownSeconds: end !== undefined ? (end - stop) / 1000 : 0,
        level: NaN,
      };
  }
  const { points, from } = participantsCurve(s);
  if (points.length === 0) return undefined;
  const peak = maxOf(points.map(p => p.v));
  if (!(peak > 0)) return undefined;
  const level = 0.95 * peak;
  const first = points.findIndex(p => p.v >= level);
  let last = -1;
  for (let i = points.length - 1; i >= 0; i--)
    if (points[i]!.v >= level) {
      last = i;
      break;
    }
  const t0 = origin ?? points[0]!.t;
  if (from === 'platform') {
    if (last <= first) return undefined;
    const start = points[first]!.t;
    const stop = points[last]!.t;
    return {
      start,
      end: stop,
      basis: 'detected',
      rampUpSeconds: (start - t0) / 1000,
      coolDownSeconds: ((end ?? stop) - stop) / 1000,
      level,
    };
  }
  const start = points[points.length - 1]!.t;
  const reportTime = end !== undefined ? end - paddingSeconds(config) * 1000 : undefined;
  if (reportTime === undefined || reportTime <= start) return undefined;
  return {
    start,
    end: reportTime,
    basis: 'estimated',
    rampUpSeconds: (start - t0) / 1000,
    coolDownSeconds: paddingSeconds(config),
    level,
  };
}

export interface TrueDuration {
  readonly firstJoin: number;
  readonly lastLeave: number;
  readonly seconds: number;
  readonly lastLeaveFrom: 'platform participants' | 'controller log' | 'report time (estimated)';
  readonly reportedSeconds?: number;
}

export function trueDuration(
  s: ScenarioData,
  config: RunConfig | undefined,
): TrueDuration | undefined {
  const r = s.report;
  const platform = seriesNamed(s, 'participants');
  const joins = [
    ...r.users.map(u => u.join),
    ...r.userStarts.map(u => u.t),
    ...s.connections.map(c => c.t),
    platform?.points.find(p => p.v > 0)?.t,
  ].filter((t): t is number => t !== undefined);
  if (joins.length === 0) return undefined;
  const firstJoin = minOf(joins);
  let lastLeave: number | undefined;
  let lastLeaveFrom: TrueDuration['lastLeaveFrom'] = 'platform participants';
  if (platform) {
    const lastUp = platform.points.reduce((at, p, i) => (p.v > 0 ? i : at), -1);
    if (lastUp >= 0) lastLeave = (platform.points[lastUp + 1] ?? platform.points[lastUp]!).t;
  }
  if (lastLeave === undefined) {
    const bye = s.log
      .filter(
        l =>
          /Participants disconnected|Deleting all participants/.test(l.message) &&
          l.t !== undefined,
      )
      .map(l => l.t!);
    if (bye.length > 0) {
      lastLeave = maxOf(bye);
      lastLeaveFrom = 'controller log';
    }
  }
  if (lastLeave === undefined && s.windowEnd !== undefined) {
    lastLeave = s.windowEnd - paddingSeconds(config) * 1000;
    lastLeaveFrom = 'report time (estimated)';
  }
  if (lastLeave === undefined || lastLeave < firstJoin) return undefined;
  return {
    firstJoin,
    lastLeave,
    seconds: (lastLeave - firstJoin) / 1000,
    lastLeaveFrom,
    reportedSeconds: r.reportedDurationSeconds,
  };
}

export type StopClass =
  | 'finished'
  | 'participantErrors'
  | 'workerCapacity'
  | 'workerFailure'
  | 'configuration'
  | 'unexpected'
  | 'unknown';

export interface StopReason {
  readonly text: string;
  readonly kind: StopClass;
  /** One sentence for a user: what it means for the measurement. */
  readonly meaning: string;
}

const STOP_RULES: readonly [RegExp, StopClass, string][] = [
  [
    /^test finished/i,
    'finished',
    'The controller ran the test case to its end. Check the validity verdict: it says "finished" even when the platform refused participants.',
  ],
  [
    /max participant errors|failed after \d+ retries|failed to reconnect|failed \d+ times/i,
    'participantErrors',
    'Participants kept failing: a load result if the platform was the cause, a set-up problem if the errors are TLS, ICE or signalling.',
  ],
  [
    /no more workers/i,
    'workerCapacity',
    'The load generator ran out of workers before reaching the configured load: the run measured the fleet, not the platform.',
  ],
  [
    /no response from worker|load-test chunk|null response|worker/i,
    'workerFailure',
    'A worker failed or stopped answering: part of the load was never applied.',
  ],
  [
    /requires a livekit platform configuration|configuration/i,
    'configuration',
    'The configuration was rejected: no load was applied.',
  ],
  [/unexpected error/i, 'unexpected', 'The controller crashed: the test case ended early.'],
];

export function classifyStopReason(text: string | undefined): StopReason | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  for (const [re, kind, meaning] of STOP_RULES) if (re.test(text)) return { text, kind, meaning };
  return {
    text,
    kind: 'unknown',
    meaning: 'A stop reason Load Test Lens does not know; read it as written.',
  };
}

export interface Headline {
  readonly name: string;
  readonly unit: string;
  readonly whole: { readonly mean: number; readonly max: number; readonly n: number };
  readonly steady?: { readonly mean: number; readonly max: number; readonly n: number };
}

/** Mean, max and count of a series' points; undefined without points. */
export function summarise(
  points: readonly MetricPoint[],
): { mean: number; max: number; n: number } | undefined {
  if (points.length === 0) return undefined;
  let sum = 0;
  let max = -Infinity;
  for (const p of points) {
    sum += p.v;
    max = Math.max(max, p.v);
  }
  return { mean: sum / points.length, max, n: points.length };
}

/** The points inside a window (both ends included); all of them without a window. */
export function pointsIn(
  points: readonly MetricPoint[],
  w: { start: number; end: number } | undefined,
): readonly MetricPoint[] {
  return w ? points.filter(p => p.t >= w.start && p.t <= w.end) : points;
}

/** Mean and max of every platform series and of node CPU per role, whole window and steady window. */
export function headlines(s: ScenarioData, steady: SteadyWindow | undefined): Headline[] {
  const groups = new Map<string, { unit: string; points: MetricPoint[] }>();
  for (const series of s.series) {
    const key =
      series.node === undefined ? series.name : `${series.name} ${series.role ?? series.node}`;
    const g = groups.get(key) ?? { unit: series.unit, points: [] };
    pushAll(g.points, series.points);
    groups.set(key, g);
  }
  const out: Headline[] = [];
  for (const [name, g] of groups) {
    const whole = summarise(g.points);
    if (!whole) continue;
    const inSteady = steady ? pointsIn(g.points, steady) : [];
    out.push({ name, unit: g.unit, whole, steady: summarise(inSteady) });
  }
  return out;
}

/** Worker-fleet sizing advice: what a worker carries now and at a target CPU. */
export interface FleetSizing {
  readonly participantsPerWorker: number;
  readonly workerCpuMax: number;
  readonly workerCpuAvg: number;
  /** CPU % one participant costs a worker (from the max, so the advice errs on the safe side). */
  readonly cpuPerParticipant: number;
  readonly targetCpu: number;
  readonly participantsPerWorkerAtTarget: number;
  readonly target?: number;
  readonly workersNeeded?: number;
  readonly minimumWorkersForRooms?: number;
  readonly basis: string;
}

/**
 * Workers needed for `target` participants: a worker carries `targetCpu / cpuPerParticipant`
 * participants, cpuPerParticipant = max worker CPU ÷ participants per worker measured. In
 * emulated mode each room is one `lk load-test` chunk on one worker, so rooms ≤ workers too.
 */
export function fleetSizing(
  r: ScenarioReport,
  c: ScenarioConfig | undefined,
  target?: number,
  targetCpu = 80,
): FleetSizing | undefined {
  const all = r.workerCpu.find(w => /all workers/i.test(w.worker));
  const rows = r.workerCpu.filter(w => !/all workers/i.test(w.worker));
  const workers = r.workersUsed ?? rows.length;
  const participants = r.participantsCreated ?? r.users.length;
  if (!workers || !participants) return undefined;
  const max = all?.max ?? Math.max(0, ...rows.map(w => w.max));
  const avg = all?.avg ?? (rows.length ? rows.reduce((a, w) => a + w.avg, 0) / rows.length : 0);
  if (!(max > 0)) return undefined;
  const ppw = participants / workers;
  const cpuPerParticipant = max / ppw;
  const atTarget = Math.max(1, Math.floor(targetCpu / cpuPerParticipant));
  const geometry = expectedGeometry(
    r.topology ?? c?.topology,
    r.participantsPerSession ?? c?.participants,
  );
  const emulated = (c?.browser ?? '').includes('emulated');
  const roomsForTarget =
    target !== undefined && geometry ? Math.ceil(target / geometry.perRoom) : undefined;
  const workersNeeded =
    target !== undefined
      ? Math.max(Math.ceil(target / atTarget), emulated && roomsForTarget ? roomsForTarget : 0)
      : undefined;
  return {
    participantsPerWorker: ppw,
    workerCpuMax: max,
    workerCpuAvg: avg,
    cpuPerParticipant,
    targetCpu,
    participantsPerWorkerAtTarget: atTarget,
    target,
    workersNeeded,
    minimumWorkersForRooms: emulated ? roomsForTarget : undefined,
    basis: `${participants} participants on ${workers} workers, worker CPU max ${max.toFixed(1)} % (sampled when participants were created)`,
  };
}

export interface DeepLinks {
  readonly kibanaReported?: string;
  /** The reported Kibana link with its window set to the true test window. */
  readonly kibanaTrue?: string;
  readonly grafana?: string;
}

const KIBANA_TIME = /time:\(from:'[^']*',to:'[^']*'\)/;

export function deepLinks(
  s: ScenarioData,
  config: RunConfig | undefined,
  duration: TrueDuration | undefined,
  datasourceUid = 'openvidu-prometheus',
): DeepLinks {
  const reported = s.report.kibanaUrl;
  const iso = (t: number): string => new Date(t).toISOString();
  const kibanaTrue =
    reported && duration && KIBANA_TIME.test(reported)
      ? reported.replace(
          KIBANA_TIME,
          `time:(from:'${iso(duration.firstJoin)}',to:'${iso(duration.lastLeave)}')`,
        )
      : undefined;
  const host = config?.grafanaHost?.replace(/\/+$/, '');
  const from = duration?.firstJoin ?? s.windowStart;
  const to = duration?.lastLeave ?? s.windowEnd;
  const grafana =
    host && from !== undefined && to !== undefined
      ? `${host}/explore?left=${encodeURIComponent(JSON.stringify({ datasource: datasourceUid, queries: [{ refId: 'A', expr: 'sum(livekit_participant_total)' }], range: { from: String(from), to: String(to) } }))}`
      : undefined;
  return { kibanaReported: reported, kibanaTrue, grafana };
}
