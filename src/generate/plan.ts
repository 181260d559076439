// planRoot: simulates every test second by second (controller batches, browsers connecting,
// media-node CPU, failures and retries) and returns everything the writer will put on disk.
import type { GenerateOptions, TestSpec } from './options';
import { parseTestName, pastKnee, validateOptions } from './options';
import type {
  AttemptPlan,
  FailureCause,
  FailureLine,
  LogEntry,
  RootPlan,
  TestPlan,
  UserPlan,
  WorkerPlan,
} from './model';
import { CpuModel, SERVER_CAPACITY, sampleCpuRows, sessionStreams } from './cpu';
import { failureEvent, sessionName, userName } from './failures';
import { isPresent, remoteLink } from './links';
import { planQoe } from './qoe';
import { Rng } from './prng';
import { LOGGERS, creationLines, failureLogLines, startupLines, testHeaderLines } from './log';
import { pushAll } from '../shared/arrays';

const MINUTE = 60_000;

export function planRoot(options: GenerateOptions): RootPlan {
  const errors = validateOptions(options);
  if (errors.length > 0) throw new Error(`invalid generator options: ${errors.join('; ')}`);
  const tests: TestPlan[] = [];
  let cursor = Date.parse(`${options.baseDate}T10:00:00.000Z`);
  options.tests.forEach((name, index) => {
    const test = planTest(options, parseTestName(name), index, cursor);
    tests.push(test);
    cursor = Math.ceil((test.finishedAt + 15 * MINUTE) / (15 * MINUTE)) * 15 * MINUTE;
  });
  return { options, tests };
}

/** The notebook's batch number of the n-th user (1-based, in (session, user) order). */
export function batchOf(order: number, starting: number, batchSize: number): number {
  return order <= starting ? 0 : Math.floor((order - starting - 1) / batchSize) + 1;
}

export function defaultSessions(spec: TestSpec): number {
  return Math.max(1, Math.round(24 / (spec.publishers + spec.subscribers)));
}

function buildUsers(
  spec: TestSpec,
  sessions: number,
  starting: number,
  batchSize: number,
  perWorker: number,
): UserPlan[] {
  const perSession = spec.publishers + spec.subscribers;
  const users: UserPlan[] = [];
  for (let s = 1; s <= sessions; s++) {
    for (let u = 1; u <= perSession; u++) {
      const order = users.length + 1;
      users.push({
        session: s,
        user: u,
        role: u <= spec.publishers ? 'PUBLISHER' : 'SUBSCRIBER',
        order,
        batch: batchOf(order, starting, batchSize),
        worker: Math.floor((order - 1) / perWorker),
        attempts: [],
        intervals: [],
      });
    }
  }
  return users;
}

function buildWorkers(count: number, rng: Rng): WorkerPlan[] {
  const subnet = rng.int(16, 31);
  return Array.from({ length: count }, (_, w) => ({
    ip: `172.${subnet}.${rng.int(0, 63)}.${10 + w * 3 + rng.int(0, 2)}`,
    name: `worker_${rng.uuid()}`,
  }));
}

/** Per-second hazard of losing an established connection at a given CPU. */
export function failureHazard(cpu: number, rate: number): number {
  const over = Math.max(0, cpu - 0.75) / 0.25;
  return rate * (0.00003 + 0.0035 * over * over);
}

/** Probability that an attempt fails before any media flows. */
export function earlyFailureProbability(cpu: number, rate: number): number {
  return Math.min(0.6, rate * (0.012 + (0.22 * Math.max(0, cpu - 0.8)) / 0.2));
}

interface UserState {
  plan: UserPlan;
  current: AttemptPlan | null;
  /** Planned failure of an attempt that never gets media. */
  earlyCause: FailureCause | null;
  earlyAt: number;
  /** Hazard applies from this instant (after success, after a recovered reconnection). */
  hazardFrom: number;
  retryAt: number | null;
  failures: number;
}

class TestSimulation {
  readonly rng: Rng;
  readonly log: LogEntry[] = [];
  /** Controller lines written at a future instant; dropped if the test stops before them. */
  private scheduled: LogEntry[] = [];
  readonly states: UserState[];
  readonly workers: WorkerPlan[];
  private groups: number[][] = [];
  private nextGroup = 0;
  private nextLaunchAt: number;
  testEndAt: number | null = null;
  lastJoinAt: number | null = null;
  stopReason = 'Test finished';
  private stopped = false;
  private closed = false;
  readonly capacity: number;
  /** Multiplier of the failure probabilities in the current second (options × degradation). */
  private rate: number;
  /** Multiplier of the connection setup time in the current second (the degradation's). */
  private setupFactor = 1;

  constructor(
    readonly options: GenerateOptions,
    readonly spec: TestSpec,
    readonly users: UserPlan[],
    readonly testStartAt: number,
    workerCount: number,
  ) {
    this.rng = new Rng(options.seed).fork('test', spec.name);
    this.workers = buildWorkers(workerCount, this.rng.fork('workers'));
    this.states = users.map(plan => ({
      plan,
      current: null,
      earlyCause: null,
      earlyAt: 0,
      hazardFrom: Infinity,
      retryAt: null,
      failures: 0,
    }));
    const byBatch = new Map<number, number[]>();
    users.forEach((u, i) => byBatch.set(u.batch, [...(byBatch.get(u.batch) ?? []), i]));
    this.groups = [...byBatch.keys()].sort((a, b) => a - b).map(k => byBatch.get(k) ?? []);
    this.nextLaunchAt = testStartAt + 150;
    this.capacity = SERVER_CAPACITY[spec.server] * options.capacityScale;
    this.rate = options.failureRate;
  }

  get done(): boolean {
    return this.closed;
  }

  private emit(entry: LogEntry): void {
    this.log.push(entry);
  }

  /** Streams, connecting and connected users at instant t, from the attempts' current state. */
  load(t: number): { streams: number; connecting: number; connected: number } {
    const pubs = new Map<number, number>();
    const present = new Map<number, number>();
    let connecting = 0;
    for (const st of this.states) {
      const a = st.current;
      if (!a || a.endAt <= t || a.startAt > t) continue;
      const s = st.plan.session;
      if (a.early || a.connectedAt === null || a.connectedAt > t) {
        connecting++;
        continue;
      }
      present.set(s, (present.get(s) ?? 0) + 1);
      if (st.plan.role === 'PUBLISHER' && a.successAt !== null && a.successAt <= t) {
        pubs.set(s, (pubs.get(s) ?? 0) + 1);
      }
    }
    let streams = 0;
    let connected = 0;
    for (const [s, n] of present) {
      streams += sessionStreams(pubs.get(s) ?? 0, n);
      connected += n;
    }
    return { streams, connecting, connected };
  }

  /** One simulated second [t, t + 1 s) at the given CPU with `connected` users on the node. */
  step(t: number, cpu: number, connected: number): void {
    const d = this.options.degradation;
    const past = pastKnee(d, connected, cpu);
    this.rate = this.options.failureRate * (past ? (d?.failureFactor ?? 1) : 1);
    this.setupFactor = past ? (d?.connectionFactor ?? 1) : 1;
    this.flushScheduled(t + 1000);
    while (!this.stopped && this.nextGroup < this.groups.length && this.nextLaunchAt < t + 1000) {
      this.launchGroup(this.nextLaunchAt, cpu);
    }
    for (const st of this.states) this.stepUser(st, t, cpu);
    if (this.testEndAt !== null && !this.closed && t + 1000 > this.testEndAt)
      this.close(this.testEndAt);
  }

  private flushScheduled(until: number): void {
    const due = this.scheduled.filter(e => e.at < until);
    if (due.length === 0) return;
    this.scheduled = this.scheduled.filter(e => e.at >= until);
    pushAll(this.log, due);
  }

  private launchGroup(at: number, cpu: number): void {
    const group = this.groups[this.nextGroup] ?? [];
    this.nextGroup++;
    let completion = at;
    let when = at;
    for (const i of group) {
      const st = this.states[i];
      if (!st) continue;
      if (st.plan.user === 1) {
        this.emit(
          this.entry(
            when,
            'INFO',
            'controller',
            `Starting session '${sessionName(st.plan.session)}'`,
          ),
        );
        when += this.rng.int(1, 4);
      }
      const done = this.startAttempt(st, when, cpu);
      completion = Math.max(completion, done);
      when += this.rng.int(15, 90);
    }
    completion += this.rng.int(5, 60);
    const lastOfSession = group
      .map(i => this.states[i]?.plan)
      .filter(
        (u): u is UserPlan =>
          u !== undefined && u.user === this.spec.publishers + this.spec.subscribers,
      );
    for (const u of lastOfSession) {
      this.scheduled.push(
        this.entry(
          completion,
          'INFO',
          'controller',
          `Session number ${u.session} has been succesfully created `,
        ),
      );
    }
    if (this.nextGroup < this.groups.length) {
      const wait = this.options.secondsBetweenParticipants;
      this.scheduled.push(
        this.entry(
          completion + 1,
          'INFO',
          'sleeper',
          `Waiting ${wait} seconds because of time between participants`,
        ),
      );
      this.nextLaunchAt = completion + 2 + wait * 1000;
    } else {
      this.lastJoinAt = completion;
      const hold = this.options.holdSeconds;
      this.scheduled.push(
        this.entry(
          completion + 1,
          'INFO',
          'sleeper',
          `Waiting ${hold} seconds because of time before test finished`,
        ),
      );
      this.testEndAt = completion + 2 + hold * 1000;
    }
  }

  entry(
    at: number,
    level: LogEntry['level'],
    logger: keyof typeof LOGGERS,
    message: string,
    thread = 'main',
  ): LogEntry {
    return { at, level, logger: LOGGERS[logger](this.options.format), thread, message };
  }

  /** Starts an attempt created at `createdAt`; returns when its creation request completes. */
  private startAttempt(st: UserState, createdAt: number, cpu: number): number {
    const u = st.plan;
    const index = u.attempts.length;
    const r = this.rng.fork('attempt', u.session, u.user, index);
    const worker = this.workers[u.worker];
    const thread = index === 0 ? 'main' : wsThread(u.worker);
    for (const line of creationLines(u, worker?.ip ?? '127.0.0.1')) {
      this.emit(this.entry(createdAt + line.offset, 'INFO', line.logger, line.message, thread));
    }
    const startAt = Math.round(createdAt + (index === 0 ? r.range(600, 1800) : r.range(400, 1200)));
    const connectionId = `con_${r.chars(10)}`;
    const attempt: AttemptPlan = {
      index,
      createdAt,
      startAt,
      connectedAt: null,
      successAt: null,
      endAt: Infinity,
      early: false,
      failure: null,
      reconnects: [],
      connectionId,
      streamId: u.role === 'PUBLISHER' ? `str_CAM_${r.chars(4)}_${connectionId}` : '',
      sid: `PA_${r.chars(12)}`,
    };
    u.attempts.push(attempt);
    st.current = attempt;
    st.retryAt = null;
    st.earlyCause = null;
    const setup = (r.range(300, 900) + 2500 * cpu ** 4) * this.setupFactor;
    const ov2 = this.spec.family === 'ov2';
    if (r.chance(earlyFailureProbability(cpu, this.rate))) {
      attempt.early = true;
      const http = r.chance(0.4);
      st.earlyCause = http ? 'http' : ov2 ? 'ice' : 'lk-disconnect';
      if (st.earlyCause === 'ice') attempt.connectedAt = Math.round(startAt + setup);
      st.earlyAt = Math.round(
        st.earlyCause === 'http'
          ? startAt + r.range(300, 2500)
          : (attempt.connectedAt ?? startAt) + r.range(5000, 15000),
      );
      st.hazardFrom = Infinity;
      return st.earlyAt;
    }
    attempt.connectedAt = Math.round(startAt + setup);
    if (u.role === 'PUBLISHER') {
      attempt.successAt = Math.round(
        attempt.connectedAt + (r.range(250, 800) + 1500 * cpu ** 4) * this.setupFactor,
      );
      st.hazardFrom = attempt.successAt + 1000;
      return attempt.successAt + r.int(60, 250);
    }
    st.hazardFrom = attempt.connectedAt + 1000;
    return attempt.connectedAt + r.int(100, 300);
  }

  private stepUser(st: UserState, t: number, cpu: number): void {
    const a = st.current;
    if (this.closed) return;
    if (st.retryAt !== null && st.retryAt < t + 1000) {
      if (!this.stopped) this.startAttempt(st, st.retryAt, cpu);
      else st.retryAt = null;
      return;
    }
    if (!a || a.endAt !== Infinity) return;
    if (st.earlyCause !== null) {
      if (st.earlyAt < t + 1000) this.fail(st, a, st.earlyAt, st.earlyCause);
      return;
    }
    if (st.hazardFrom > t || !this.rng.chance(failureHazard(cpu, this.rate))) return;
    const at = Math.max(st.hazardFrom, Math.round(t + this.rng.range(0, 999)));
    const lk = this.spec.family === 'livekit';
    const r = this.rng.fork(
      'reconnect',
      st.plan.session,
      st.plan.user,
      a.index,
      a.reconnects.length,
    );
    // a network blip the browser recovers from: no controller failure line
    if (r.chance(lk ? 0.55 : 0.3)) {
      const endAt = Math.round(at + r.range(900, 6000));
      a.reconnects.push({ at, endAt, recovered: true });
      st.hazardFrom = endAt + 2000;
      return;
    }
    if (lk) {
      this.fail(st, a, at, 'lk-disconnect');
      return;
    }
    const roll = this.rng.next();
    this.fail(st, a, at, roll < 0.5 ? 'ice' : roll < 0.7 ? 'disconnect' : 'ice+disconnect');
  }

  /** A failure: browser events, controller lines, then a retry or the end of the test. */
  private fail(st: UserState, a: AttemptPlan, at: number, cause: FailureCause): void {
    const u = st.plan;
    const r = this.rng.fork('failure', u.session, u.user, a.index);
    st.earlyCause = null;
    a.endAt = at;
    const vias: { via: FailureLine['via']; eventAt: number | null }[] = [];
    if (cause === 'http') vias.push({ via: 'http', eventAt: null });
    if (cause === 'ice' || cause === 'ice+disconnect') vias.push({ via: 'exception', eventAt: at });
    if (cause === 'disconnect') {
      // openvidu-browser tries to reconnect first, then gives up with sessionDisconnected
      const endAt = Math.round(at + r.range(2000, 8000));
      a.reconnects.push({ at, endAt, recovered: false });
      vias.push({ via: 'sessionDisconnected', eventAt: endAt });
    }
    if (cause === 'ice+disconnect')
      vias.push({ via: 'sessionDisconnected', eventAt: Math.round(at + r.range(3000, 8000)) });
    if (cause === 'lk-disconnect') {
      if (a.connectedAt !== null) {
        const endAt = Math.round(at + r.range(2000, 10000));
        a.reconnects.push({ at, endAt, recovered: false });
        vias.push({ via: 'Disconnected', eventAt: endAt });
      } else {
        vias.push({ via: 'Disconnected', eventAt: at });
      }
    }
    const lines: FailureLine[] = [];
    const worker = this.workers[u.worker]?.ip ?? '127.0.0.1';
    for (const v of vias) {
      st.failures++;
      const lineAt = v.eventAt === null ? at + r.int(2, 9) : v.eventAt + r.int(15, 180);
      const line: FailureLine = {
        at: lineAt,
        attempts: st.failures,
        via: v.via,
        eventAt: v.eventAt,
      };
      lines.push(line);
      const event = failureEvent(u, a, line);
      for (const l of failureLogLines(
        u,
        line,
        worker,
        event === null ? null : JSON.stringify(event),
        r,
      )) {
        this.emit(
          this.entry(
            lineAt + l.offset,
            l.level,
            l.logger,
            l.message,
            l.logger === 'client' && v.via === 'http' ? 'main' : wsThread(u.worker),
          ),
        );
      }
    }
    a.failure = { at, cause, lines };
    const last = lines[lines.length - 1]?.at ?? at;
    if (this.options.retryMode && st.failures < this.options.retryTimes) {
      st.retryAt = Math.round(last + r.range(800, 2500));
    } else if (!this.stopped) {
      this.stopped = true;
      this.stopReason = `Participant ${userName(u.user)} in session ${sessionName(u.session)} failed ${st.failures} times`;
      const end = last + 1000;
      this.scheduled = this.scheduled.filter(e => e.at < end);
      if (this.testEndAt === null || this.testEndAt > end) this.testEndAt = end;
    }
  }

  /** The controller deletes every participant: open attempts end, pending retries are dropped. */
  private close(at: number): void {
    this.closed = true;
    this.scheduled = this.scheduled.filter(e => e.at < at);
    pushAll(this.log, this.scheduled);
    this.scheduled = [];
    for (const st of this.states) {
      st.retryAt = null;
      const a = st.current;
      if (!a || a.endAt !== Infinity) continue;
      a.endAt = Math.round(at + st.plan.worker * 180 + this.rng.range(50, 400));
      if (a.connectedAt !== null && a.connectedAt >= a.endAt) a.connectedAt = null;
      if (a.successAt !== null && a.successAt >= a.endAt) a.successAt = null;
      if (st.earlyCause !== null) a.early = true;
      st.earlyCause = null;
    }
  }
}

function wsThread(worker: number): string {
  return `WebSocketConnectReadThread-${21 + worker}`;
}

/** Subscribers succeed with their first remote stream; then every user's connected intervals. */
function finishUsers(options: GenerateOptions, spec: TestSpec, users: UserPlan[]): void {
  const bySession = new Map<number, UserPlan[]>();
  for (const u of users) bySession.set(u.session, [...(bySession.get(u.session) ?? []), u]);
  for (const u of users) {
    if (u.role !== 'SUBSCRIBER') continue;
    for (const a of u.attempts) {
      if (!isPresent(a)) continue;
      let first: number | null = null;
      for (const p of bySession.get(u.session) ?? []) {
        if (p.role !== 'PUBLISHER') continue;
        for (const b of p.attempts) {
          const link = remoteLink(options.seed, spec.name, spec.family, u, a, p, b);
          if (link && link.mediaAt !== null && (first === null || link.mediaAt < first))
            first = link.mediaAt;
        }
      }
      a.successAt = first;
    }
  }
  for (const u of users) {
    u.intervals = u.attempts
      .filter(a => a.successAt !== null && !a.early && a.successAt < a.endAt)
      .map(a => [a.successAt as number, a.endAt]);
  }
}

function planTest(
  options: GenerateOptions,
  spec: TestSpec,
  index: number,
  logStartAt: number,
): TestPlan {
  const perSession = spec.publishers + spec.subscribers;
  const sessions = options.sessionsByTest[spec.name] ?? options.sessions ?? defaultSessions(spec);
  const total = sessions * perSession;
  const starting = Math.min(options.startingParticipants ?? perSession, total);
  const batchSize = options.batchSize ?? 4;
  const users = buildUsers(spec, sessions, starting, batchSize, options.usersPerWorker);
  const rng = new Rng(options.seed).fork('test-meta', spec.name);
  const pid = options.format === '2024' ? rng.int(1200, 64000) : 1;
  const secrets = {
    openviduSecret: `MY_SECRET_${rng.chars(8)}`,
    elasticsearchPassword: `es-${rng.chars(14)}`,
  };
  const workerCount = Math.ceil(total / options.usersPerWorker);
  const startup = startupLines(options.format, pid, rng);
  const testStartAt = logStartAt + startup.testStartOffset + workerCount * 120;
  const sim = new TestSimulation(options, spec, users, testStartAt, workerCount);
  for (const l of startup.lines)
    sim.log.push(sim.entry(logStartAt + l.offset, 'INFO', l.logger, l.message));
  sim.workers.forEach((w, i) => {
    const at = logStartAt + startup.testStartOffset + i * 120;
    sim.log.push(sim.entry(at, 'INFO', 'client', `Pinging to ${w.ip} ...`));
    sim.log.push(sim.entry(at + 40, 'INFO', 'client', `Ping success. Response ${w.ip}`));
    sim.log.push(sim.entry(at + 85, 'INFO', 'websocket', 'Websocket connected', wsThread(i)));
  });
  for (const l of testHeaderLines(options.format, spec, sessions)) {
    sim.log.push(sim.entry(testStartAt + l.offset, 'INFO', 'controller', l.message));
  }
  const cpuModel = new CpuModel(logStartAt - MINUTE, new Rng(options.seed).fork('cpu', spec.name));
  for (let t = cpuModel.series.startAt; ; t += 1000) {
    const { streams, connecting, connected } =
      t >= testStartAt ? sim.load(t) : { streams: 0, connecting: 0, connected: 0 };
    const cpu = cpuModel.step(streams, connecting, sim.capacity);
    if (t >= testStartAt && !sim.done) sim.step(t, cpu, connected);
    if (sim.done && sim.testEndAt !== null && t > sim.testEndAt + 50_000) break;
  }
  const testEndAt = sim.testEndAt ?? testStartAt;
  sim.workers.forEach((w, i) => {
    sim.log.push(
      sim.entry(
        testEndAt + 5 + i * 180,
        'INFO',
        'client',
        `Deleting all participants from worker ${w.ip}`,
      ),
    );
  });
  const disconnectedAt = testEndAt + sim.workers.length * 180 + 420;
  sim.log.push(sim.entry(disconnectedAt, 'INFO', 'client', 'Participants disconnected'));
  const savedAt = disconnectedAt + rng.int(900, 2600);
  const finishedAt = savedAt + rng.int(150, 900);
  const resultPath =
    options.format === '2024'
      ? '/opt/openvidu-loadtest/results.txt'
      : `/opt/openvidu-loadtest/results/results-${new Date(testStartAt).toISOString().slice(0, 19).replace(/[-:T]/g, '')}.txt`;
  sim.log.push(
    sim.entry(
      savedAt,
      'INFO',
      'results',
      options.format === '2024'
        ? `Saved result in a ${resultPath}`
        : `Saved result in ${resultPath}`,
    ),
  );
  sim.log.push(sim.entry(finishedAt, 'INFO', 'app', 'Finished'));
  finishUsers(options, spec, users);
  const cpuRows = sampleCpuRows(
    cpuModel.series,
    logStartAt - 30_000,
    finishedAt + 30_000,
    options.cpuInterval,
    options.cpuGapRate,
    new Rng(options.seed).fork('cpu-rows', spec.name),
  );
  const qoe = options.qoe
    ? planQoe(
        spec.server,
        users,
        cpuModel.series,
        new Rng(options.seed).fork('qoe', spec.name),
        options.degradation,
      )
    : [];
  const log = sim.log
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.at - y.e.at || x.i - y.i)
    .map(x => x.e);
  return {
    spec,
    index,
    sessions,
    usersPerSession: perSession,
    startingParticipants: starting,
    batchSize,
    pid,
    logStartAt,
    testStartAt,
    lastJoinAt: sim.lastJoinAt,
    testEndAt,
    savedAt,
    finishedAt,
    stopReason: sim.stopReason,
    users,
    workers: sim.workers,
    cpu: cpuModel.series,
    cpuRows,
    qoe,
    log,
    secrets,
    resultPath,
  };
}
