// Ground truth of a generated root (the `--truth` file): what the plan decided, so tests can derive
// expected answers without parsing the generated files.
import type { RootPlan, TestPlan } from './model';
import { pastKnee, pastSecond, type Degradation } from './options';
import { QOE_CPU_ONSET, VISQOL_BASE, VISQOL_SHARE, VMAF_BASE, connectedAt } from './qoe';
import { isoUtc } from './time';
import { maxOf } from '../shared/arrays';

const iso = (v: number | null): string | null =>
  v === null || !Number.isFinite(v) ? null : isoUtc(v);

/** First instant the CPU series reaches each threshold (null if never). */
export function cpuCrossings(
  test: TestPlan,
  thresholds = [0.8, 0.9, 0.95],
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const th of thresholds) {
    const i = test.cpu.cpu.findIndex(v => v > th);
    out[String(th)] = i < 0 ? null : isoUtc(test.cpu.startAt + i * test.cpu.stepMs);
  }
  return out;
}

interface Crossing {
  at: number;
  users: number;
  cpu: number;
  secondsFromTestStart: number;
}

/**
 * Users connected (the notebook's success → end intervals) at every second of the CPU series, and
 * the first second the degradation's knee (and its second change point) is reached.
 */
export function loadTruth(
  test: TestPlan,
  degradation: Degradation | null,
): Record<string, unknown> {
  let maxConnected = 0;
  let knee: Crossing | null = null;
  let second: Crossing | null = null;
  test.cpu.cpu.forEach((cpu, i) => {
    const at = test.cpu.startAt + i * test.cpu.stepMs;
    if (at < test.testStartAt || at > test.testEndAt) return;
    const users = connectedAt(test.users, at);
    maxConnected = Math.max(maxConnected, users);
    const here = { at, users, cpu, secondsFromTestStart: (at - test.testStartAt) / 1000 };
    if (knee === null && pastKnee(degradation, users, cpu)) knee = here;
    if (second === null && pastSecond(degradation, users, cpu)) second = here;
  });
  const k = knee as Crossing | null;
  const k2 = second as Crossing | null;
  return {
    maxConnected,
    degradation:
      degradation === null
        ? null
        : {
            ...degradation,
            reached: k !== null,
            kneeAt: k === null ? null : isoUtc(k.at),
            kneeSecondsFromTestStart: k?.secondsFromTestStart ?? null,
            usersAtKnee: k?.users ?? null,
            cpuAtKnee: k?.cpu ?? null,
            secondReached: k2 !== null,
            secondAt: k2 === null ? null : isoUtc(k2.at),
            usersAtSecond: k2?.users ?? null,
            cpuAtSecond: k2?.cpu ?? null,
          },
  };
}

export function testTruth(
  test: TestPlan,
  degradation: Degradation | null = null,
): Record<string, unknown> {
  return {
    name: test.spec.name,
    server: test.spec.server,
    family: test.spec.family,
    publishersPerSession: test.spec.publishers,
    subscribersPerSession: test.spec.subscribers,
    sessions: test.sessions,
    startingParticipants: test.startingParticipants,
    batchSize: test.batchSize,
    logStart: iso(test.logStartAt),
    testStart: iso(test.testStartAt),
    lastJoin: iso(test.lastJoinAt),
    testEnd: iso(test.testEndAt),
    saved: iso(test.savedAt),
    finished: iso(test.finishedAt),
    stopReason: test.stopReason,
    cpuMax: maxOf(test.cpu.cpu),
    cpuCrossings: cpuCrossings(test),
    cpuRows: test.cpuRows.length,
    ...loadTruth(test, degradation),
    workers: test.workers,
    users: test.users.map(u => ({
      session: u.session,
      user: u.user,
      fullUser: `${u.user}-${u.session}`,
      role: u.role,
      order: u.order,
      batch: u.batch,
      worker: u.worker,
      attempts: u.attempts.map(a => ({
        index: a.index,
        created: iso(a.createdAt),
        start: iso(a.startAt),
        connected: iso(a.connectedAt),
        success: iso(a.successAt),
        end: iso(a.endAt),
        early: a.early,
        failure: a.failure && {
          at: iso(a.failure.at),
          cause: a.failure.cause,
          lines: a.failure.lines.map(l => ({
            at: iso(l.at),
            attempts: l.attempts,
            via: l.via,
            eventAt: iso(l.eventAt),
          })),
        },
        reconnects: a.reconnects.map(r => ({
          at: iso(r.at),
          end: iso(r.endAt),
          recovered: r.recovered,
        })),
        connectionId: a.connectionId,
        streamId: a.streamId,
        sid: a.sid,
      })),
      intervals: u.intervals.map(([s, e]) => [iso(s), iso(e)]),
    })),
    failureLines: test.users.flatMap(u =>
      u.attempts.flatMap(a =>
        (a.failure?.lines ?? []).map(l => ({
          user: u.user,
          session: u.session,
          attempts: l.attempts,
          at: iso(l.at),
        })),
      ),
    ),
    qoe: test.qoe.map(q => ({
      session: q.session,
      recorder: q.recorder,
      recorded: q.recorded,
      cuts: q.cuts.length,
      maxCutIndex: maxOf(q.cuts.map(c => c.cut_index)),
      meanVmaf: q.cuts.reduce((s, c) => s + c.vmaf, 0) / q.cuts.length,
      meanVisqol: q.cuts.reduce((s, c) => s + c.visqol, 0) / q.cuts.length,
    })),
  };
}

export function truthSummary(plan: RootPlan): Record<string, unknown> {
  return {
    generator: 'loadtest-lens generate',
    options: plan.options,
    qoeModel: {
      vmafBase: VMAF_BASE,
      visqolBase: VISQOL_BASE,
      visqolShare: VISQOL_SHARE,
      cpuOnset: QOE_CPU_ONSET,
    },
    tests: plan.tests.map(t => testTruth(t, plan.options.degradation)),
  };
}
