/**
 * Is this run a valid measurement of the platform? Every scenario of a run gets a verdict —
 * valid, suspect or invalid — built from checks, each with its evidence (OPENVIDU-REPORTING.md
 * §2 gate.py, §4 gaps). A check passes, flags the run as suspect, invalidates it, or is skipped
 * because the data it needs is absent (and says which).
 */
import type { RunConfig } from './configYaml';
import {
  classifyStopReason,
  isShortRoom,
  pointsIn,
  roomGeometry,
  seriesNamed,
  steadyWindow,
  summarise,
  type RoomGeometry,
  type SteadyWindow,
} from './analysis';
import type { MetricPoint, MetricSeries } from '../model/run';
import type { InputKind, MissingInput, ScenarioData } from './run';
import type {
  Check,
  CheckStatus,
  Evidence,
  Validity,
  ValidityClass,
  ValidityReport,
} from '../model/validity';
import { plural } from '../../shared/format';

export const VALIDITY_CLASSES: readonly ValidityClass[] = [
  'environment',
  'generatorSaturation',
  'refusedWhileFinished',
  'geometry',
  'noForwarding',
  'zeroCounters',
  'hostWideCpu',
  'stopReason',
];

const TITLES: Record<ValidityClass, string> = {
  environment: 'Environment or set-up failures',
  generatorSaturation: 'Load generator saturation',
  refusedWhileFinished: 'Participants refused while the test "finished"',
  geometry: 'Expected vs observed room geometry',
  noForwarding: 'Media forwarded by the SFU',
  zeroCounters: 'Counters that stay zero',
  hostWideCpu: 'Host-wide CPU instead of the container’s',
  stopReason: 'Stop reason',
};

function check(
  cls: ValidityClass,
  status: CheckStatus,
  summary: string,
  evidence: Evidence[] = [],
): Check {
  return { cls, title: TITLES[cls], status, summary, evidence: evidence.slice(0, 20) };
}

const ENVIRONMENT: readonly [RegExp, string][] = [
  [
    /certificate|x509|tls handshake|ssl error|self[- ]signed|unknown authority/i,
    'TLS / certificate',
  ],
  [
    /\bice\b|ice candidate|ice connection|turnc? error|fail(ed)? to refresh permissions/i,
    'ICE / TURN',
  ],
  [
    /signal(l)?ing[^\n]{0,60}(timeout|timed out|closed|failed)|could not establish signal/i,
    'signalling',
  ],
  [/no connection to (the )?(openvidu |livekit )?server/i, 'no connection to server'],
];

function environmentKind(text: string): string | undefined {
  return ENVIRONMENT.find(([re]) => re.test(text))?.[1];
}

const TIMEOUT = /timed? ?out|timeout|SocketTimeoutException|no response from worker/i;

function environmentCheck(
  s: ScenarioData,
  steady: SteadyWindow | undefined,
  geometry: RoomGeometry,
): Check {
  const hits: { t?: number; room?: string; ev: Evidence }[] = [];
  for (const e of s.healthErrors) {
    const kind = environmentKind(`${e.reason}\n${e.logs ?? ''}`);
    if (kind)
      hits.push({
        t: e.t,
        room: e.room,
        ev: {
          text: `${kind}: ${e.event} ${e.reason} in room ${e.room}${e.logs ? ` — ${e.logs.split('\n').find(l => environmentKind(l)) ?? ''}` : ''}`.trim(),
          file: e.at.file,
          index: e.at.index,
        },
      });
  }
  for (const l of s.log) {
    const kind = l.level === 'ERROR' || l.level === 'WARN' ? environmentKind(l.message) : undefined;
    if (kind)
      hits.push({
        t: l.t,
        ev: { text: `${kind}: ${l.message.slice(0, 200)}`, file: s.logFile, line: l.line },
      });
  }
  const stop = s.report.stopReason;
  if (stop && environmentKind(stop))
    hits.push({ ev: { text: `stop reason: ${stop}`, ...s.report.sources[0] } });
  if (hits.length === 0 && !s.logFile && s.healthErrors.length === 0 && !stop)
    return check(
      'environment',
      'skipped',
      'No controller log, no errors.json entry and no stop reason: set-up failures cannot be checked.',
    );
  if (hits.length === 0)
    return check(
      'environment',
      'pass',
      'No TLS, ICE, signalling or "no connection to server" failure in errors.json, the controller log or the stop reason.',
    );
  // Set-up failures show from the start; failures only past the ramp-up may be the load's.
  const rampEnd = steady?.start;
  const rooms = geometry.rooms.length;
  const badRooms = new Set(hits.map(h => h.room).filter(Boolean)).size;
  const early = hits.some(h => h.t === undefined || rampEnd === undefined || h.t <= rampEnd);
  const widespread = rooms > 0 && badRooms / rooms >= 0.5;
  const status = early || widespread ? 'invalid' : 'suspect';
  const summary =
    status === 'invalid'
      ? `${hits.length} set-up failure${hits.length > 1 ? 's' : ''} (${[...new Set(hits.map(h => h.ev.text.split(':')[0]))].join(', ')}) ${early ? 'during the ramp-up' : `in ${badRooms} of ${rooms} rooms`}: the environment failed, not the platform under load.`
      : `${hits.length} connectivity failure${hits.length > 1 ? 's' : ''} only at full load: possibly the load's, check them.`;
  return check(
    'environment',
    status,
    summary,
    hits.map(h => h.ev),
  );
}

function generatorCheck(s: ScenarioData): Check {
  const rows = s.report.workerCpu;
  const all = rows.find(w => /all workers/i.test(w.worker));
  const evidence: Evidence[] = [];
  let status: CheckStatus = 'pass';
  for (const w of rows) {
    if (w.max >= 90)
      evidence.push({
        text: `${w.worker}: CPU max ${w.max.toFixed(1)} %, average ${w.avg.toFixed(1)} %`,
        ...w.source,
      });
  }
  if (evidence.length > 0) status = 'suspect';
  if (all && all.avg >= 80) status = 'invalid';
  const workerSeries = s.series.filter(x => x.name === 'cpu' && x.role === 'browseremulator');
  for (const w of workerSeries) {
    const hot = w.points.filter(p => p.v >= 90).length;
    if (hot >= 2) {
      status = 'invalid';
      evidence.push({
        text: `${w.node}: CPU ≥ 90 % in ${hot} of ${w.points.length} Metricbeat samples`,
      });
    }
  }
  const timeouts = s.log.filter(
    l =>
      (l.level === 'ERROR' || l.level === 'WARN') &&
      TIMEOUT.test(l.message) &&
      !environmentKind(l.message),
  );
  if (timeouts.length > 0) {
    status = 'invalid';
    evidence.unshift(
      ...timeouts.map(l => ({
        text: `request timeout: ${l.message.slice(0, 200)}`,
        file: s.logFile,
        line: l.line,
      })),
    );
  }
  if (rows.length === 0 && workerSeries.length === 0 && timeouts.length === 0) {
    return check(
      'generatorSaturation',
      'skipped',
      s.logFile
        ? 'No worker CPU (report table or Metricbeat browseremulator): the load generator’s CPU cannot be checked (the controller log shows no request timeout).'
        : 'No worker CPU (report table or Metricbeat browseremulator) and no controller log: the load generator cannot be checked.',
    );
  }
  const summary =
    status === 'invalid'
      ? 'The load generator was saturated (worker CPU near 100 % or request timeouts): the knee you see is the generator’s, not the platform’s.'
      : status === 'suspect'
        ? 'A worker peaked at ≥ 90 % CPU: the generator was close to its limit; the figures near the peak load may be the generator’s.'
        : `Workers stayed below 90 % CPU${all ? ` (all workers: average ${all.avg.toFixed(1)} %, max ${all.max.toFixed(1)} %)` : ''} and no request timed out.`;
  return check('generatorSaturation', status, summary, evidence);
}

function peak(series: MetricSeries | undefined): number | undefined {
  return summarise(series?.points ?? [])?.max;
}

function refusedCheck(s: ScenarioData, geometry: RoomGeometry): Check {
  const stop = classifyStopReason(s.report.stopReason);
  if (stop?.kind !== 'finished')
    return check(
      'refusedWhileFinished',
      'skipped',
      'The test case did not report "Test finished"; see the stop reason.',
    );
  const expected = geometry.participantsExpected;
  const platformPeak = peak(seriesNamed(s, 'participants'));
  const aborted = s.healthErrors.filter(e =>
    /participant_connection_aborted|participant_left|refused|rejected/i.test(e.reason),
  );
  const evidence: Evidence[] = aborted.map(e => ({
    text: `${e.event} ${e.reason} (room ${e.room})`,
    file: e.at.file,
    index: e.at.index,
  }));
  if (expected === null || platformPeak === undefined) {
    if (aborted.length > 0)
      return check(
        'refusedWhileFinished',
        'invalid',
        `The test reported "Test finished" while ${aborted.length} participant connection${aborted.length > 1 ? 's were' : ' was'} aborted by the platform.`,
        evidence,
      );
    return check(
      'refusedWhileFinished',
      'skipped',
      expected === null
        ? 'The expected participants are unknown (sessions: infinite, or no topology).'
        : 'No platform participants metric to compare with the expected participants.',
    );
  }
  if (platformPeak + 0.5 < expected) {
    const m = seriesNamed(s, 'participants')!;
    evidence.unshift({
      text: `platform participants peaked at ${platformPeak} (${m.origin === 'sparkline' ? 'report sparkline' : 'Elasticsearch'}), the topology expects ${expected}`,
    });
    return check(
      'refusedWhileFinished',
      'invalid',
      `The test reported "Test finished" but the platform never held more than ${platformPeak} of the ${expected} participants: ${expected - platformPeak} were refused or dropped.`,
      evidence,
    );
  }
  if (aborted.length > 0)
    return check(
      'refusedWhileFinished',
      'suspect',
      `The platform reached ${platformPeak} of ${expected} participants, but ${aborted.length} connection${aborted.length > 1 ? 's were' : ' was'} aborted on the way.`,
      evidence,
    );
  return check(
    'refusedWhileFinished',
    'pass',
    `The platform held ${platformPeak} participants; the topology expects ${expected}.`,
  );
}

function geometryCheck(s: ScenarioData, g: RoomGeometry): Check {
  if (!g.geometry)
    return check(
      'geometry',
      'skipped',
      'The participants per session are unknown: no geometry to check.',
    );
  if (g.observedFrom === 'none')
    return check(
      'geometry',
      'skipped',
      'Neither report lists users: the observed geometry is unknown.',
    );
  const evidence: Evidence[] = [];
  const short = g.rooms.filter(isShortRoom);
  const over = g.rooms.filter(r => r.observed > r.expected);
  for (const r of [...short, ...over])
    evidence.push({
      text: `${r.room}: ${r.observed} of ${r.expected} participants${r.reasons.length ? ` (${r.reasons.join(', ')})` : ''}`,
    });
  const missingRooms = g.roomsExpected !== null ? g.roomsExpected - g.rooms.length : 0;
  if (missingRooms > 0)
    evidence.push({
      text: `${missingRooms} of ${g.roomsExpected} rooms never appear in the reports`,
    });
  // More rooms than expected: the load applied exceeds the load configured (and labelled).
  const surplus = g.roomsExpected !== null ? g.rooms.slice(g.roomsExpected) : [];
  if (surplus.length > 0)
    evidence.push({
      text: `${g.rooms.length} rooms where ${g.roomsExpected} are expected: ${surplus.length} more (${surplus
        .slice(0, 5)
        .map(r => r.room)
        .join(', ')}${surplus.length > 5 ? ', …' : ''})`,
    });
  const created = s.report.sessionsCreated;
  const completed = s.report.sessionsCompleted;
  const oneSession = /^ONE_SESSION/i.test(s.report.topology ?? s.config?.topology ?? '');
  if (!oneSession && created !== undefined && completed !== undefined && completed < created) {
    evidence.push({
      text: `sessions completed ${completed} of ${created} created`,
      ...s.report.sources[0],
    });
  }
  if (evidence.length === 0)
    return check(
      'geometry',
      'pass',
      `Every room has its ${plural(g.geometry.perRoom, 'participant')} (${plural(g.rooms.length, 'room')}, from the ${g.observedFrom}).`,
    );
  const status =
    short.length > 0 || missingRooms > 0 || surplus.length > 0 || (completed ?? 0) < (created ?? 0)
      ? 'invalid'
      : 'suspect';
  return check(
    'geometry',
    status,
    surplus.length > 0 && short.length === 0 && over.length === 0
      ? `More rooms than the ${g.roomsExpected} expected: the load applied is not the load configured.`
      : `The rooms do not have the geometry the topology asks for (${g.geometry.perRoom} per room): the load applied is not the load configured.`,
    evidence,
  );
}

function meanIn(series: MetricSeries | undefined, w: SteadyWindow | undefined): number | undefined {
  return series && summarise(pointsIn(series.points, w))?.mean;
}

function allZero(series: MetricSeries | undefined): boolean {
  return !!series && series.points.length > 0 && series.points.every(p => p.v === 0);
}

function forwardingCheck(s: ScenarioData, w: SteadyWindow | undefined): Check {
  if (s.config?.simulcast)
    return check(
      'noForwarding',
      'skipped',
      'Simulcast is on: the forwarded bitrate depends on the layers chosen, so fan-out is not checked.',
    );
  const pub = meanIn(seriesNamed(s, 'tracks_published'), w);
  const sub = meanIn(seriesNamed(s, 'tracks_subscribed'), w);
  const pair = (inName: string, outName: string) => ({
    inS: seriesNamed(s, inName),
    outS: seriesNamed(s, outName),
  });
  const traffic = [pair('bandwidth_in', 'bandwidth_out'), pair('packets_in', 'packets_out')].find(
    p => p.inS && p.outS && !allZero(p.inS),
  );
  if (pub === undefined || sub === undefined || !traffic)
    return check(
      'noForwarding',
      'skipped',
      'Needs tracks published/subscribed and non-zero traffic in and out (bandwidth or packets) from the platform metrics.',
    );
  const inV = meanIn(traffic.inS, w) ?? 0;
  const outV = meanIn(traffic.outS, w) ?? 0;
  if (sub <= 0 || pub <= 0 || inV <= 0)
    return check(
      'noForwarding',
      'skipped',
      'No track was subscribed or nothing came in during the steady window.',
    );
  const expected = sub / pub;
  const observed = outV / inV;
  const text = `${traffic.inS!.name}/${traffic.outS!.name}: out/in ${observed.toFixed(2)}× while tracks subscribed/published is ${expected.toFixed(2)}×`;
  if (observed < 0.4 * expected - 1e-9)
    return check(
      'noForwarding',
      'invalid',
      `Tracks are subscribed but the SFU forwards little media (out/in ${observed.toFixed(2)}× against the ${expected.toFixed(2)}× fan-out): subscribers received no real load.`,
      [{ text }],
    );
  return check(
    'noForwarding',
    'pass',
    `The SFU forwards media: out/in ${observed.toFixed(2)}× for a ${expected.toFixed(2)}× fan-out.`,
    [{ text }],
  );
}

const MUST_MOVE = [
  'tracks_published',
  'tracks_subscribed',
  'bandwidth_in',
  'bandwidth_out',
  'packets_in',
  'packets_out',
  'rtt_p95',
  'jitter_p95',
];

function zeroCheck(s: ScenarioData): Check {
  const loaded = (peak(seriesNamed(s, 'participants')) ?? s.report.participantsCreated ?? 0) > 0;
  const present = s.series.filter(x => MUST_MOVE.includes(x.name) || x.name === 'cpu');
  if (!loaded || present.length === 0)
    return check('zeroCounters', 'skipped', 'No platform counters (or no participants) to check.');
  const zero = present.filter(allZero);
  if (zero.length === 0)
    return check(
      'zeroCounters',
      'pass',
      `None of the ${present.length} traffic, track and CPU series stays at zero.`,
    );
  return check(
    'zeroCounters',
    'suspect',
    `${zero.length} series stay at zero while participants are connected: the platform does not export them (mediasoup exports only part of LiveKit’s metrics); figures built on them are meaningless.`,
    zero.map(z => ({
      text: `${z.name}${z.node ? ` (${z.node})` : ''}: 0 in all ${z.points.length} samples`,
    })),
  );
}

/** The point of a time-sorted series closest to t, within `tolerance` ms. */
export function nearest(
  points: readonly MetricPoint[],
  t: number,
  tolerance: number,
): MetricPoint | undefined {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  const candidates = [points[lo - 1], points[lo]].filter((p): p is MetricPoint => p !== undefined);
  const best = candidates.sort((x, y) => Math.abs(x.t - t) - Math.abs(y.t - t))[0];
  return best && Math.abs(best.t - t) <= tolerance ? best : undefined;
}

/** [FB] text report: a media and a master node whose average and max CPU agree within 0.1 point. */
function hostWideFromReport(s: ScenarioData): Evidence[] {
  const nodes = s.report.nodes ?? [];
  const media = nodes.filter(n => n.role === 'medianode');
  const master = nodes.filter(n => n.role === 'masternode');
  return media.flatMap(a =>
    master
      .filter(b => Math.abs(a.cpuAvg - b.cpuAvg) < 0.1 && Math.abs(a.cpuMax - b.cpuMax) < 0.1)
      .map(b => ({
        text: `${a.name} (media) CPU avg ${a.cpuAvg.toFixed(2)} %, max ${a.cpuMax.toFixed(2)} % and ${b.name} (master) avg ${b.cpuAvg.toFixed(2)} %, max ${b.cpuMax.toFixed(2)} %: the same host`,
        ...a.source,
      })),
  );
}

/** Metricbeat: media and master series that read the same CPU, or one host in both roles. */
function hostWideFromSeries(s: ScenarioData): Evidence[] {
  const media = s.series.filter(x => x.name === 'cpu' && x.role === 'medianode');
  const master = s.series.filter(x => x.name === 'cpu' && x.role === 'masternode');
  const evidence: Evidence[] = [];
  for (const a of media) {
    for (const b of master) {
      if (a.node === b.node) {
        evidence.push({
          text: `${a.node} reports both the media and the master role: its CPU is the whole host’s`,
        });
        continue;
      }
      const pairs = a.points.map(p => ({ p, q: nearest(b.points, p.t, 5_000) })).filter(x => x.q);
      const same = pairs.filter(x => Math.abs(x.p.v - x.q!.v) < 1).length;
      if (pairs.length >= 5 && same / pairs.length >= 0.9) {
        const mid = pairs[Math.floor(pairs.length / 2)]!;
        evidence.push({
          text: `${a.node} (media) and ${b.node} (master) read the same CPU in ${same} of ${pairs.length} samples, e.g. ${mid.p.v.toFixed(2)} % and ${mid.q!.v.toFixed(2)} %`,
        });
      }
    }
  }
  return evidence;
}

function hostWideCheck(s: ScenarioData): Check {
  const hasSeries =
    s.series.some(x => x.name === 'cpu' && x.role === 'medianode') &&
    s.series.some(x => x.name === 'cpu' && x.role === 'masternode');
  const roles = new Set((s.report.nodes ?? []).map(n => n.role));
  const hasReport = roles.has('medianode') && roles.has('masternode');
  if (!hasSeries && !hasReport)
    return check(
      'hostWideCpu',
      'skipped',
      'Needs the CPU of a media node and a master node (Metricbeat export, or the text report’s node lines).',
    );
  const evidence = [...hostWideFromSeries(s), ...hostWideFromReport(s)];
  if (evidence.length === 0)
    return check(
      'hostWideCpu',
      'pass',
      'Media and master node CPU differ: they are separate machines or containers.',
    );
  return check(
    'hostWideCpu',
    'suspect',
    'The node CPU is host-wide (the nodes share one machine): it cannot attribute load to the SFU; measure the container’s CPU.',
    evidence,
  );
}

function stopCheck(s: ScenarioData, env: Check): Check {
  const stop = classifyStopReason(s.report.stopReason);
  if (!stop) return check('stopReason', 'skipped', 'Neither report gives a stop reason.');
  const ev = [{ text: stop.text, ...s.report.sources[0] }];
  switch (stop.kind) {
    case 'finished':
      return check('stopReason', 'pass', stop.meaning, ev);
    case 'participantErrors':
      return check(
        'stopReason',
        env.status === 'invalid' ? 'invalid' : 'pass',
        env.status === 'invalid'
          ? 'Participants failed because of the environment (see above), not the load.'
          : stop.meaning,
        ev,
      );
    case 'unknown':
      return check('stopReason', 'suspect', stop.meaning, ev);
    default:
      return check('stopReason', 'invalid', stop.meaning, ev);
  }
}

/** The inputs each check reads: a skipped check names those that exist but could not be read. */
const NEEDS: Record<ValidityClass, readonly InputKind[]> = {
  environment: ['log', 'emulator', 'report'],
  generatorSaturation: ['metrics', 'report', 'log'],
  refusedWhileFinished: ['metrics', 'report', 'emulator'],
  geometry: ['report', 'config', 'emulator'],
  noForwarding: ['metrics'],
  zeroCounters: ['metrics'],
  hostWideCpu: ['metrics', 'report'],
  stopReason: ['report'],
};

/**
 * A check skipped for lack of data says which of its inputs were there but unreadable (a too
 * large export, a FIFO…): the data is not absent, it could not be read.
 */
function withUnreadable(c: Check, missing: readonly MissingInput[]): Check {
  if (c.status !== 'skipped') return c;
  const relevant = missing.filter(m => NEEDS[c.cls].includes(m.kind));
  if (relevant.length === 0) return c;
  const files = relevant.map(m => m.file.split(/[\\/]/).pop() ?? m.file);
  return {
    ...c,
    summary: `${c.summary} ${files.length === 1 ? `${files[0]} exists but could not be read` : `${files.length} files exist but could not be read (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''})`}: see the evidence.`,
    evidence: [...relevant.map(m => ({ text: m.reason, file: m.file })), ...c.evidence].slice(
      0,
      20,
    ),
  };
}

const RANK: Record<CheckStatus, number> = { skipped: 0, pass: 0, suspect: 1, invalid: 2 };

export function validityOf(checks: readonly Check[]): Validity {
  const worst = Math.max(0, ...checks.map(c => RANK[c.status]));
  return worst === 2 ? 'invalid' : worst === 1 ? 'suspect' : 'valid';
}

export function assessValidity(
  s: ScenarioData,
  config: RunConfig | undefined,
  steady?: SteadyWindow,
  geometry: RoomGeometry = roomGeometry(s),
): ValidityReport {
  const w = steady ?? steadyWindow(s, config);
  const env = environmentCheck(s, w, geometry);
  const checks = [
    env,
    generatorCheck(s),
    refusedCheck(s, geometry),
    geometryCheck(s, geometry),
    forwardingCheck(s, w),
    zeroCheck(s),
    hostWideCheck(s),
    stopCheck(s, env),
  ].map(c => withUnreadable(c, s.missing ?? []));
  return { verdict: validityOf(checks), checks };
}
