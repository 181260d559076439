/**
 * The run view's model: a run summary (src/core/runs/summary.ts) with its series, times made
 * relative to each scenario's start and files replaced by indexes the host can resolve, and
 * what the charts draw already computed (src/core/runs/loadCurves.ts): node CPU per role, each
 * degradation metric against the participants, the series shown as small multiples.
 */
import { basename, relative } from 'node:path';
import type {
  ScenarioComparisonVM,
  FleetSizingVM,
  RunSeriesVM,
  RunScenarioVM,
  RunViewVM,
} from '../../shared/views/run';
import { isWebLink, linkScheme } from '../../shared/webLink';
import { isShortRoom, seriesNamed, summarise, type FleetSizing } from '../runs/analysis';
import { COMPARED_METRICS, compareScenarios } from '../runs/compareScenarios';
import { meanPerRole, versusParticipants } from '../runs/loadCurves';
import type { RunData, ScenarioData } from '../runs/run';
import type { RunSummary, ScenarioSummary } from '../runs/summary';
import type { Evidence } from '../model/validity';
import { maxOf, minOf } from '../../shared/arrays';

/** The platform metrics the view labels, in the order it draws them as small multiples. */
const PLATFORM_LABELS: Readonly<Record<string, string>> = {
  participants: 'Participants',
  rooms: 'Rooms',
  tracks_published: 'Tracks published',
  tracks_subscribed: 'Tracks subscribed',
  bandwidth_in: 'Bandwidth in',
  bandwidth_out: 'Bandwidth out',
  packets_in: 'Packets in',
  packets_out: 'Packets out',
  packet_loss: 'Packet loss',
  rtt_p95: 'RTT p95',
  jitter_p95: 'Jitter p95',
  nack_rate: 'NACK rate',
  pli_rate: 'PLI rate',
  quality_score: 'Quality score',
  participant_join_rate: 'Join rate',
};

const SERIES_LABELS: Readonly<Record<string, string>> = {
  ...PLATFORM_LABELS,
  cpu: 'CPU',
  memory: 'Memory',
};

/** The degradation metrics the view offers below the load, in the order of its menu. */
const DEGRADATION = [
  'quality_score',
  'packet_loss',
  'rtt_p95',
  'jitter_p95',
  'nack_rate',
  'pli_rate',
];

const ROLE_LABELS: Readonly<Record<string, string>> = {
  medianode: 'media',
  masternode: 'master',
  browseremulator: 'worker',
};

/** Files referred to by the model, by index (the host opens `files[i]` inside the folder only). */
class FileIndex {
  readonly list: string[] = [];
  constructor(private readonly folder: string) {}
  of(file: string | undefined): number | undefined {
    if (!file) return undefined;
    const rel = relative(this.folder, file);
    if (rel.startsWith('..')) return undefined;
    const at = this.list.indexOf(rel);
    if (at >= 0) return at;
    this.list.push(rel);
    return this.list.length - 1;
  }
}

function where(
  files: FileIndex,
  e: { file?: string; line?: number; index?: number },
): string | undefined {
  const i = files.of(e.file);
  if (i === undefined) return undefined;
  return `${files.list[i]}${e.line !== undefined ? `:${e.line}` : ''}${e.index !== undefined ? ` [${e.index}]` : ''}`;
}

function evidenceVM(files: FileIndex, e: Evidence) {
  return {
    text: e.text,
    file: files.of(e.file),
    line: e.line,
    index: e.index,
    where: where(files, e),
  };
}

export function perUserNotice(s: ScenarioSummary): string | undefined {
  if (!s.roomLevel) return undefined;
  return `This run used browser: ${s.browser ?? 'emulated'} (lk load-test): its workers write no per-user events.json or stats.json (the files are []), so the connection progression, the QoS/QoE time series, the participants overview and the statistics have nothing to show. The report's users are synthetic: every user of a room shares its chunk's start time and CPU sample. This view shows what the run does measure: room geometry, per-chunk health errors, participants and platform metrics over time.`;
}

function roleLabel(role: string | undefined): string | undefined {
  return role ? (ROLE_LABELS[role] ?? role) : undefined;
}

function seriesVM(s: ScenarioData, origin: number): RunSeriesVM[] {
  return s.series.map(x => {
    const role = roleLabel(x.role);
    const base = SERIES_LABELS[x.name] ?? x.name;
    return {
      id: x.node ? `${x.name}:${x.node}` : x.name,
      name: x.name,
      label: x.node ? `${base} ${x.node}${role ? ` (${role})` : ''}` : base,
      roleLabel: role,
      unit: x.unit,
      node: x.node,
      role: x.role,
      origin: x.origin,
      approximate: x.approximate,
      points: x.points.map(p => [(p.t - origin) / 1000, p.v] as const),
    };
  });
}

/** The series drawn as small multiples: the labelled platform metrics, then media/master memory. */
export function smallMultiples(series: readonly RunSeriesVM[]): string[] {
  const platform = Object.keys(PLATFORM_LABELS).filter(name =>
    series.some(x => x.name === name && !x.node),
  );
  const memory = series.filter(x => x.node && x.name === 'memory' && x.role !== 'browseremulator');
  return [...platform, ...memory.map(x => x.id)];
}

/** Node CPU averaged per role (src/core/runs/loadCurves.ts), labelled with its node count. */
export function cpuByRole(s: ScenarioData, origin: number): RunSeriesVM[] {
  return meanPerRole(s.series, 'cpu', origin).map(g => {
    const first = g.nodes[0]!;
    const role = roleLabel(g.role);
    const count = g.nodes.length > 1 ? ` (mean of ${g.nodes.length} nodes)` : '';
    return {
      id: `cpu@${g.role ?? ''}`,
      name: 'cpu',
      label: `CPU ${role ?? ''}${count}`,
      roleLabel: role,
      unit: first.unit,
      role: g.role,
      origin: first.origin,
      approximate: g.nodes.some(x => x.approximate),
      points: g.points,
    };
  });
}

/** The degradation metrics the scenario has, each against the participants on the platform. */
export function degradation(s: ScenarioData, origin: number): RunScenarioVM['degradation'] {
  return DEGRADATION.filter(name => seriesNamed(s, name)).map(name => ({
    name,
    versusLoad: versusParticipants(s, name, origin),
  }));
}

/** Most retried users shown; the rest are counted. */
export const MAX_RETRIED_USERS = 200;

/** The report's users that needed retries, most retried first, times relative to `origin`. */
export function retriedUsers(r: ScenarioData['report'], origin: number): RunScenarioVM['retried'] {
  const rel = (t: number | undefined) => (t === undefined ? undefined : (t - origin) / 1000);
  const all = r.users
    .filter(u => u.retries > 0)
    .sort((a, b) => b.retries - a.retries || (a.join ?? 0) - (b.join ?? 0));
  return {
    total: all.length,
    listed: r.users.length,
    users: all.slice(0, MAX_RETRIED_USERS).map(u => ({
      user: u.user,
      session: u.session,
      role: u.role,
      join: rel(u.join),
      retries: u.retries,
      attempts: u.attempts.map(a => ({
        attempt: a.attempt,
        error: rel(a.error),
        reconnect: rel(a.reconnect),
      })),
    })),
  };
}

const LINK_NAMES: Readonly<Record<keyof RunScenarioVM['links'], string>> = {
  kibanaReported: 'Kibana dashboard',
  kibanaTrue: 'Kibana dashboard (true window)',
  grafana: 'Grafana Explore',
};

/**
 * The scenario's links the view may render: http/https only (src/shared/webLink.ts); any other
 * scheme (`javascript:`, `vscode://`, `file:`) is dropped and a note says which and why.
 */
export function webLinks(links: RunScenarioVM['links']): {
  links: RunScenarioVM['links'];
  linkNotes: string[];
} {
  const kept: { -readonly [K in keyof RunScenarioVM['links']]: string } = {};
  const linkNotes: string[] = [];
  for (const key of Object.keys(LINK_NAMES) as Array<keyof RunScenarioVM['links']>) {
    const href = links[key];
    if (href === undefined) continue;
    if (isWebLink(href)) kept[key] = href;
    else
      linkNotes.push(
        `${LINK_NAMES[key]} link not shown: its scheme is ${linkScheme(href)}, only http and https links are opened.`,
      );
  }
  return { links: kept, linkNotes };
}

/** The sizing advice in words (the CLI's JSON keeps the whole `FleetSizing`). */
export function sizingVM(z: FleetSizing): FleetSizingVM {
  const need =
    z.workersNeeded === undefined
      ? ''
      : ` ${z.target} participants need ${z.workersNeeded} workers${z.minimumWorkersForRooms ? ` (emulated mode: one worker per room, ${z.minimumWorkersForRooms} rooms)` : ''}.`;
  return {
    text: `${z.participantsPerWorker.toFixed(1)} participants per worker at ${z.workerCpuMax.toFixed(1)} % worker CPU (max) → about ${z.participantsPerWorkerAtTarget} per worker at ${z.targetCpu} %.${need}`,
    basis: z.basis,
    target: z.target,
  };
}

function scenarioVM(files: FileIndex, data: ScenarioData, s: ScenarioSummary): RunScenarioVM {
  const times = [data.windowStart, ...data.series.flatMap(x => x.points.map(p => p.t))].filter(
    (t): t is number => t !== undefined,
  );
  const origin = data.windowStart ?? (times.length ? minOf(times) : 0);
  const end = data.windowEnd ?? (times.length ? maxOf(times) : origin);
  const rel = (t: number) => (t - origin) / 1000;
  const peak = seriesNamed(data, 'participants');
  const series = seriesVM(data, origin);
  return {
    index: s.index,
    name: s.name,
    label: s.label,
    browser: s.browser,
    roomLevel: s.roomLevel,
    perUserNotice: perUserNotice(s),
    verdict: s.validity.verdict,
    checks: s.validity.checks.map(c => ({
      cls: c.cls,
      title: c.title,
      status: c.status,
      summary: c.summary,
      evidence: c.evidence.map(e => evidenceVM(files, e)),
    })),
    origin,
    extent: [0, Math.max(1, rel(end))],
    stop: s.stop,
    duration: s.duration && {
      seconds: s.duration.seconds,
      reportedSeconds: s.duration.reportedSeconds,
      lastLeaveFrom: s.duration.lastLeaveFrom,
      firstJoin: rel(s.duration.firstJoin),
      lastLeave: rel(s.duration.lastLeave),
    },
    steady: s.steady && {
      start: rel(s.steady.start),
      end: rel(s.steady.end),
      basis: s.steady.basis,
      rampUp: s.steady.rampUpSeconds,
      coolDown: s.steady.coolDownSeconds,
    },
    participants: {
      created: s.participantsCreated,
      expected: s.geometry.participantsExpected,
      peak: summarise(peak?.points ?? [])?.max,
      from: s.participantsFrom,
    },
    sessions: s.sessions,
    workers: s.workersUsed,
    headlines: s.headlines.map(h => ({
      name: h.name,
      unit: h.unit,
      wholeMean: h.whole.mean,
      steadyMean: h.steady?.mean,
      max: h.whole.max,
    })),
    geometry: {
      perRoom: s.geometry.geometry?.perRoom,
      roomsExpected: s.geometry.roomsExpected,
      observedFrom: s.geometry.observedFrom,
      rooms: s.geometry.rooms.map(r => ({
        room: r.room,
        expected: r.expected,
        observed: r.observed,
        short: isShortRoom(r),
        errors: r.errors,
        reasons: r.reasons.join(', '),
      })),
    },
    healthErrors: s.healthErrors.map(e => ({
      at: e.t === undefined ? undefined : rel(e.t),
      room: e.room,
      identity: e.identity,
      event: e.event,
      reason: e.reason,
      file: files.of(e.at.file) ?? -1,
      index: e.at.index,
    })),
    retried: retriedUsers(data.report, origin),
    series,
    smallMultiples: smallMultiples(series),
    cpuByRole: cpuByRole(data, origin),
    degradation: degradation(data, origin),
    sizing: s.sizing && sizingVM(s.sizing),
    ...webLinks(s.links),
  };
}

const COMPARED_LABELS: Readonly<Record<string, string>> = {
  participants: 'Participants (peak)',
  quality_score: 'Quality score',
  packet_loss: 'Packet loss',
  rtt_p95: 'RTT p95',
  jitter_p95: 'Jitter p95',
  'cpu medianode': 'Media node CPU',
  bandwidth_out: 'Bandwidth out',
};

function scenarioComparisonVM(summary: RunSummary, includeInvalid: boolean): ScenarioComparisonVM {
  const c = compareScenarios(
    summary.scenarios.map(s => ({ run: summary.id, summary: s })),
    { includeInvalid },
  );
  return {
    metrics: COMPARED_METRICS.map(m => COMPARED_LABELS[m] ?? m),
    rows: c.rows.map(r => ({
      scenario: r.scenario,
      verdict: r.verdict,
      baseline: r.baseline,
      cells: COMPARED_METRICS.map(m => r.cells[m]!),
    })),
    excluded: c.excluded.map(e => ({ scenario: e.scenario, reason: e.reason })),
  };
}

export function runViewVM(run: RunData, summary: RunSummary): RunViewVM {
  const files = new FileIndex(run.folder);
  for (const f of [
    run.files.report,
    run.files.results,
    run.files.config,
    run.files.log,
    ...run.files.metrics,
  ])
    files.of(f);
  const scenarios = summary.scenarios.map((s, i) => scenarioVM(files, run.scenarios[i]!, s));
  const zone = summary.htmlZone;
  return {
    id: run.id,
    folder: basename(run.folder),
    verdict: summary.verdict,
    files: files.list,
    perUserUsers: run.perUserStats?.users,
    zone: {
      offsetMinutes: zone.offsetMinutes,
      name: run.htmlZone.kind === 'iana' ? run.htmlZone.name : undefined,
      label: `${zone.zone} (${zone.from})`,
    },
    htmlZone: `${zone.zone} (${zone.from}: ${zone.why})`,
    scenarios,
    comparison: {
      valid: scenarioComparisonVM(summary, false),
      all: scenarioComparisonVM(summary, true),
    },
    config: summary.config.map(r => ({ path: r.path, value: r.value, defaulted: r.defaulted })),
    diagnostics: summary.diagnostics.map(d => ({
      severity: d.severity,
      message: d.message,
      where: where(files, d) ?? basename(d.file),
      file: files.of(d.file),
      line: d.line,
    })),
  };
}
