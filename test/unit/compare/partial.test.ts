// Aborted and partial runs, capacity on any scale, the config diff and who fails across runs
// (issue 21, items 4, 5, 7 and 9). Expected answers come from the generator's truth (users
// started, stop reason, QoE model), from hand-built logs and failure points, never from the code
// under test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompare } from '../../../src/cli/compare';
import {
  DEFAULT_CONFIG,
  DEFAULT_LOAD_CONFIG,
  configDiff,
  crossRun,
  decide,
  metricSpec,
  relativeCapacity,
  testContinuous,
  type Comparison,
  type VerdictDocument,
} from '../../../src/core/compare';
import { parseControllerLogText } from '../../../src/core/ingest/controllerLog';
import { runProgress, type CompareTest } from '../../../src/core/compare';
import { defaultOptions, type Degradation } from '../../../src/generate/options';
import { planRoot } from '../../../src/generate/plan';
import { truthSummary } from '../../../src/generate/truth';
import { writeRoot } from '../../../src/generate/writer';
import type { RootPlan } from '../../../src/generate/model';
import { InlineRunner } from '../../../src/core/pipeline/runner';

const TEST = 'loadtest-webrtc-2024-kurento-2p';
const SESSIONS = 40;

async function root(
  dir: string,
  seed: string,
  over: {
    retryMode?: boolean;
    retryTimes?: number;
    failureRate?: number;
    degradation?: Degradation | null;
  },
): Promise<RootPlan> {
  const plan = planRoot({
    ...defaultOptions(),
    seed,
    tests: [TEST],
    sessionsByTest: { [TEST]: SESSIONS },
    capacityScale: 8,
    stats: false,
    degradation: null,
    ...over,
  });
  await writeRoot(plan, dir);
  return plan;
}

interface UserTruth {
  attempts: Array<{ failure: unknown }>;
}
interface TestTruth {
  sessions: number;
  publishersPerSession: number;
  subscribersPerSession: number;
  batchSize: number;
  stopReason: string;
  users: UserTruth[];
}

function truthOf(plan: RootPlan): { test: TestTruth; vmafBase: number } {
  const t = truthSummary(plan) as unknown as { tests: TestTruth[]; qoeModel: { vmafBase: number } };
  return { test: t.tests[0] as TestTruth, vmafBase: t.qoeModel.vmafBase };
}

async function compare(b: string, c: string, load = DEFAULT_LOAD_CONFIG): Promise<Comparison> {
  const doc = (await runCompare(
    { baseline: b, candidate: c, out: '', config: DEFAULT_CONFIG, load },
    new InlineRunner(),
  )) as VerdictDocument;
  expect(typeof doc).toBe('object');
  return doc.comparisons[0] as Comparison;
}

const started = (t: TestTruth): number => t.users.filter(u => u.attempts.length > 0).length;
const failed = (t: TestTruth): number =>
  t.users.filter(u => u.attempts.some(a => a.failure !== null)).length;

describe('an aborted candidate (no retry mode: its first failure stops it)', () => {
  let dir: string;
  let base: RootPlan;
  let cand: RootPlan;
  let c: Comparison;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'llens-partial-'));
    base = await root(join(dir, 'base'), 'abb', {});
    cand = await root(join(dir, 'cand'), 'abb', { retryMode: false });
    c = await compare(join(dir, 'base'), join(dir, 'cand'));
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is a generated pair where the candidate stopped early and the baseline did not', () => {
    const b = truthOf(base).test;
    const t = truthOf(cand).test;
    expect(b.stopReason).toBe('Test finished');
    expect(t.stopReason).not.toBe('Test finished');
    expect(started(t)).toBeLessThan(t.users.length);
  });

  it('says users started against planned, and the stop reason from the log', () => {
    const t = truthOf(cand).test;
    const planned = t.sessions * (t.publishersPerSession + t.subscribersPerSession);
    expect(c.progress.candidate.planned).toBe(planned);
    expect(c.progress.candidate.started).toBe(started(t));
    expect(c.progress.candidate.stoppedEarly).toBe(true);
    expect(c.progress.candidate.stopReason).toContain(t.stopReason);
    expect(c.progress.baseline).toMatchObject({ planned, started: planned, stoppedEarly: false });
    expect(c.progress.baseline.stopReason).toBeNull();
    const w = c.comparability.find(x => x.code === 'stoppedEarly');
    expect(w?.candidate).toContain(`${started(t)} of ${planned} users started`);
  });

  it('compares users reached: fewer, a regression that fails the run', () => {
    const v = c.overall.find(x => x.metric === 'usersReached');
    expect(v).toMatchObject({
      baseline: started(truthOf(base).test),
      candidate: started(truthOf(cand).test),
      verdict: 'regressed',
      beyondThreshold: true,
    });
  });

  it('counts the failure rate over the users that started, and does not call it improved', () => {
    const t = truthOf(cand).test;
    const v = c.overall.find(x => x.metric === 'failureRate');
    expect(v?.n[1]).toBe(started(t));
    expect(v?.candidate).toBeCloseTo(failed(t) / started(t), 12);
    expect(v?.verdict).not.toBe('improved');
  });

  it('gives "no data" to the metrics neither side has (no stats.json), not "underpowered"', () => {
    for (const m of ['rtt', 'jitter', 'packetLoss', 'bitrate'])
      expect(c.overall.find(x => x.metric === m)?.verdict).toBe('no data');
  });

  it('lists the parameter that differs: retry mode only in the baseline', () => {
    expect(c.configDiff).toEqual([
      {
        section: '',
        key: 'Controller started in RETRY MODE',
        baseline: '',
        candidate: null,
      },
    ]);
  });
});

describe('a run stopped in retry mode (the log does not print its retry times)', () => {
  let dir: string;
  let cand: RootPlan;
  let c: Comparison;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'llens-retry-'));
    await root(join(dir, 'base'), 'rty', {});
    cand = await root(join(dir, 'cand'), 'rty', { retryTimes: 2, failureRate: 6 });
    c = await compare(join(dir, 'base'), join(dir, 'cand'));
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('names the first line with the most failures as the probable stop', () => {
    const t = truthOf(cand).test;
    // The generator stopped it when a user's failures reached 2 (its truth says which).
    expect(t.stopReason).toMatch(/failed 2 times$/);
    expect(started(t)).toBeLessThan(t.users.length);
    expect(c.progress.candidate.stoppedEarly).toBe(true);
    expect(c.progress.candidate.stopReason).toContain(`probably ${t.stopReason} (log line `);
    expect(c.progress.candidate.stopReason).toContain('retry times the log does not print');
  });
});

describe('relative capacity of a run that never reaches the absolute limit', () => {
  const DEG: Degradation = { on: 'users', at: 30, qoeSlope: 0.01, failureFactor: 1 };
  let dir: string;
  let plan: RootPlan;
  let c: Comparison;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'llens-relcap-'));
    plan = await root(join(dir, 'deg'), 'relcap', { degradation: DEG });
    // VMAF 95 is above the QoE model's light-load VMAF (93): never reached, on this scale.
    c = await compare(join(dir, 'deg'), join(dir, 'deg'), {
      ...DEFAULT_LOAD_CONFIG,
      capacityVmaf: 95,
    });
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the absolute statement says only that the limit is never reached', () => {
    expect(c.load.baseline.capacity?.users ?? null).toBeNull();
  });

  it('finds the load where VMAF falls 5 points below its light-load level, within one batch', () => {
    const { test, vmafBase } = truthOf(plan);
    const r = c.load.baseline.relativeCapacity;
    // Truth: median VMAF = 100·(vmafBase − slope·(u − at)) past the knee, so the level − 5 is
    // crossed past at + 5 / (100·slope) users.
    const expected = DEG.at + 5 / (100 * DEG.qoeSlope);
    expect(r?.lightLevel).toBeGreaterThan(100 * vmafBase - 1.5);
    expect(r?.lightLevel).toBeLessThan(100 * vmafBase + 1.5);
    expect(r?.censored).toBe(false);
    expect(Math.abs((r?.users as number) - expected)).toBeLessThanOrEqual(test.batchSize);
    expect(r?.low).toBeLessThanOrEqual(r?.users as number);
    expect(r?.high).toBeGreaterThanOrEqual(r?.users as number);
    expect(r?.statement).toContain('5 points below its light-load level');
  });
});

describe('relative capacity on hand-built observations', () => {
  // 40 segments per user count 1..60; VMAF 90 up to 40 users, then −2 per user: the level 90 − 5
  // = 85 holds up to 42 users (86) and is lost at 43 (84).
  const obs = Array.from({ length: 60 }, (_, i) => i + 1).flatMap(u =>
    Array.from({ length: 40 }, () => ({ users: u, value: u <= 40 ? 90 : 90 - 2 * (u - 40) })),
  );
  it('gives 42 users, an exact interval and the light-load level 90', () => {
    const r = relativeCapacity(obs, 5, { resamples: 50, seed: 1 });
    expect(r).toMatchObject({ lightLevel: 90, threshold: 85, users: 42, low: 42, high: 42 });
    expect(r?.censored).toBe(false);
  });
  it('is a lower bound when the level never falls', () => {
    const flat = obs.map(o => ({ users: o.users, value: 70 }));
    expect(relativeCapacity(flat, 5, { resamples: 10, seed: 1 })).toMatchObject({
      users: 60,
      censored: true,
    });
  });
  it('is null with too few segments', () => {
    expect(relativeCapacity(obs.slice(0, 19), 5, { resamples: 10, seed: 1 })).toBeNull();
  });
});

describe('"no data" against "underpowered"', () => {
  it('no observation on one side: no data; one observation: underpowered', () => {
    const rtt = metricSpec('rtt');
    const [none, one] = decide(
      [
        testContinuous(rtt, [], [1, 2, 3], DEFAULT_CONFIG),
        testContinuous(rtt, [1], [1, 2, 3], DEFAULT_CONFIG),
      ],
      DEFAULT_CONFIG,
    );
    expect(none?.verdict).toBe('no data');
    expect(one?.verdict).toBe('underpowered');
  });
});

const BLOCK = (batch: number, retry: string | null, url: string): string =>
  [
    '2024-06-20 12:00:00.100  INFO 1 --- [           main] i.o.loadtest.LoadTestApplication         : Started LoadTestApplication in 2.1 seconds',
    '-------- Load Test Parameters --------',
    `OpenVidu URL:            ${url}`,
    'OpenVidu SECRET:         MY_SECRET',
    'Seconds between users:     5',
    ...(retry ? [retry] : []),
    '--- MISCELANEOUS PARAMETERS ---',
    `Maximum number of in flight requests (batch):  ${batch}`,
    '--------------------------------------',
    '2024-06-20 12:00:05.000  INFO 1 --- [           main] i.o.l.controller.LoadTestController      : Starting test with N:N session typology',
    '2024-06-20 12:00:05.002  INFO 1 --- [           main] i.o.l.controller.LoadTestController      : The number of session that will be created are 40',
    `2024-06-20 12:00:05.003  INFO 1 --- [           main] i.o.l.controller.LoadTestController      : Each session will be composed by ${batch === 4 ? 2 : 3} USERS. All of them will be PUBLISHERS`,
  ].join('\n');

describe('config diff of two controller logs', () => {
  it('lists the changed, added and removed parameters, secrets never', () => {
    const a = parseControllerLogText(
      BLOCK(4, 'Controller started in RETRY MODE', 'https://a.example.com'),
      'a.log',
    );
    const b = parseControllerLogText(BLOCK(8, null, 'https://a.example.com'), 'b.log');
    expect(a.topology).toMatchObject({ sessions: 40, usersPerSession: 2 });
    expect(configDiff(a, b)).toEqual([
      {
        section: '',
        key: 'Controller started in RETRY MODE',
        baseline: '',
        candidate: null,
      },
      {
        section: 'MISCELANEOUS PARAMETERS',
        key: 'Maximum number of in flight requests (batch)',
        baseline: '4',
        candidate: '8',
      },
      { section: 'topology (log)', key: 'Users per session', baseline: '2', candidate: '3' },
    ]);
  });
});

describe('who fails across runs', () => {
  const p = (session: string, user: string, cause: 'ice' | 'disconnected' | 'exception') => ({
    session,
    user,
    cause,
  });
  it('splits users, causes and (user, cause) pairs three ways with the unique share', () => {
    const base = [
      p('S1', 'User1', 'ice'),
      p('S1', 'User2', 'ice'),
      p('S2', 'User1', 'disconnected'),
    ];
    const cand = [p('S1', 'User1', 'ice'), p('S2', 'User1', 'ice'), p('S3', 'User2', 'exception')];
    const x = crossRun(base, cand);
    expect(x.users).toEqual({
      both: ['S1/User1', 'S2/User1'],
      onlyBaseline: ['S1/User2'],
      onlyCandidate: ['S3/User2'],
      union: 4,
      uniquePercent: 50,
    });
    expect(x.causes).toMatchObject({
      both: ['ice'],
      onlyBaseline: ['disconnected'],
      onlyCandidate: ['exception'],
    });
    expect(x.userCauses).toMatchObject({
      both: ['S1/User1: ice'],
      onlyBaseline: ['S1/User2: ice', 'S2/User1: disconnected'],
      onlyCandidate: ['S2/User1: ice', 'S3/User2: exception'],
      union: 5,
      uniquePercent: 80,
    });
  });
  it('has no share when nobody failed', () => {
    expect(crossRun([], []).users.uniquePercent).toBeNull();
  });
});

describe('progress from a hand-built log', () => {
  const L = (t: string, level: string, m: string): string =>
    `2024-06-20 12:00:${t}  ${level} 1 --- [           main] i.o.l.controller.LoadTestController      : ${m}`;
  const log = (sessions: string, end: boolean): string =>
    [
      '-------- Load Test Parameters --------',
      'Seconds between users:     5',
      '--------------------------------------',
      L('05.000', ' INFO', 'Starting test with N:N session typology'),
      L('05.001', ' INFO', `The number of session that will be created are ${sessions}`),
      L(
        '05.002',
        ' INFO',
        'Each session will be composed by 2 USERS. All of them will be PUBLISHERS',
      ),
      L('06.000', ' INFO', "Creating PUBLISHER 'User1' in session LoadTestSession1"),
      L('07.000', ' INFO', "Creating PUBLISHER 'User2' in session LoadTestSession1"),
      L('08.000', 'ERROR', 'Participant User2 in session LoadTestSession1 failed 1 times'),
      ...(end ? [L('09.000', ' INFO', 'Saved result in a /tmp/results.txt')] : []),
    ].join('\n');
  // A logs-only test: the summary counts the 2 users the log created.
  const test = (text: string): CompareTest =>
    ({
      summary: { sessions: [], userCount: 2 },
      data: { log: parseControllerLogText(text, 't.log') },
    }) as unknown as CompareTest;

  it('2 of 4 planned users, stopped by the first failure without retry mode', () => {
    const p = runProgress(test(log('2', true)), 2);
    expect(p).toMatchObject({ planned: 4, started: 2, stoppedEarly: true });
    expect(p.stopReason).toMatch(
      /^Participant User2 in session LoadTestSession1 failed 1 times \(log line 9, no retry mode\)$/,
    );
  });
  it('retry mode and fewer users than planned: the most-failed line, as the probable stop', () => {
    const retried = log('2', true).replace(
      'Seconds between users:     5',
      'Seconds between users:     5\nController started in RETRY MODE',
    );
    const p = runProgress(test(retried), 2);
    expect(p.stoppedEarly).toBe(true);
    expect(p.stopReason).toBe(
      'probably Participant User2 in session LoadTestSession1 failed 1 times (log line 10, the most; retry mode, whose retry times the log does not print)',
    );
  });
  it("2026: the controller's own 'Max participant errors reached' line is the stop", () => {
    // BrowserEmulatorClient.recordError (d6a49f73 l.205), logged right after the failure line.
    const stamped = (
      m: string,
      level = ' INFO',
      logger = 'i.o.l.s.c.LoadTestParticipantOrchestrator',
    ) =>
      `2026-07-29T10:00:05.000+02:00 ${level} 1 --- [           main] ${logger.padEnd(40)} : ${m}`;
    const text = [
      stamped(
        '-------- Load Test Parameters --------',
        ' INFO',
        'i.o.loadtest.config.LoadTestConfig',
      ),
      stamped('Controller started in RETRY MODE', ' INFO', 'i.o.loadtest.config.LoadTestConfig'),
      stamped(
        'Test will stop after 1 participant(s) with errors',
        ' INFO',
        'i.o.loadtest.config.LoadTestConfig',
      ),
      stamped(
        'Starting test with N:N session topology',
        ' INFO',
        'i.o.l.s.c.LoadTestTopologyOrchestrator',
      ),
      stamped(
        'The number of session that will be created are 2',
        ' INFO',
        'i.o.l.s.c.LoadTestTopologyOrchestrator',
      ),
      stamped(
        'Each session will be composed by 2 USERS. All of them will be PUBLISHERS',
        ' INFO',
        'i.o.l.s.c.LoadTestTopologyOrchestrator',
      ),
      stamped("Creating PUBLISHER 'User1' in session LoadTestSession1"),
      stamped("Creating PUBLISHER 'User2' in session LoadTestSession1"),
      stamped(
        'Participant User2 in session LoadTestSession1 failed 1 times',
        'ERROR',
        'i.o.l.services.BrowserEmulatorClient',
      ),
      stamped(
        'Max participant errors reached: 1/1',
        'ERROR',
        'i.o.l.services.BrowserEmulatorClient',
      ),
      stamped(
        'Saved result in /opt/loadtest/results/results-2026-07-29-10-00-00.txt',
        ' INFO',
        'i.o.l.utils.ResultExporter',
      ),
    ].join('\n');
    const parsed = parseControllerLogText(text, 't.log');
    expect(parsed.errorLimit).toEqual({ reached: 1, max: 1, line: 10 });
    expect(parsed.config.map(e => e.key)).toEqual([
      'Controller started in RETRY MODE',
      'Test will stop after 1 participant(s) with errors',
    ]);
    const p = runProgress(test(text), 2);
    expect(p).toMatchObject({ planned: 4, started: 2, stoppedEarly: true });
    expect(p.stopReason).toBe('Max participant errors reached: 1/1 (log line 10)');
  });
  it('infinite sessions: the failure stop is said, but is how such a test ends', () => {
    const p = runProgress(test(log('infinite', true)), 2);
    expect(p).toMatchObject({ planned: null, started: 2, stoppedEarly: false });
    expect(p.stopReason).toContain('failed 1 times');
  });
});
