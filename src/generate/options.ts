// Options of the sample generator and the topology read from a test name.

export type Generation = '2024' | 'current';
export type Family = 'ov2' | 'livekit';
export type MediaServer = 'kurento' | 'mediasoup' | 'pion';

export interface GenerateOptions {
  /** Any string; hashed into the PRNG state. */
  seed: string;
  /** File formats: the 2024 tool (notebook data) or the current (HEAD) tool. */
  format: Generation;
  /** Test names; media server and topology are read from each name. */
  tests: string[];
  /** Sessions per test; null = about 24 users per test. */
  sessions: number | null;
  /** Per-test session counts (`--tests name:N`), over `sessions`. */
  sessionsByTest: Record<string, number>;
  /** Day the first test runs on, YYYY-MM-DD (UTC). */
  baseDate: string;
  /** Offset of the controller's local time, `+02:00`. */
  logTz: string;
  /** Seconds the test holds after the last user joined (SECONDS_TO_WAIT_BEFORE_TEST_FINISHED). */
  holdSeconds: number;
  /** SECONDS_TO_WAIT_BETWEEN_PARTICIPANTS (between batches). */
  secondsBetweenParticipants: number;
  /** Users launched concurrently at the start; null = one session's worth. */
  startingParticipants: number | null;
  /** BATCHES_MAX_REQUESTS; null = 4. */
  batchSize: number | null;
  retryMode: boolean;
  retryTimes: number;
  /** Multiplier of the failure probabilities (0 = no failures). */
  failureRate: number;
  /** Write stats.json files. */
  stats: boolean;
  /** Seconds between stats.json elements (webrtc-stats sendInterval). */
  statsInterval: number;
  /** Seconds between getStats polls (one stats item per peer connection per poll). */
  statsPoll: number;
  /** Only the first N sessions of each test get a stats.json (null = all). */
  statsSessions: number | null;
  /**
   * LiveKit shares one subscriber PC; webrtc-stats registers it once per remote SID, so its
   * reports repeat under every remote peerId. Limit that to the first N remote peers (null = all).
   */
  livekitStatsPeers: number | null;
  /** Seconds between media-node CPU samples. */
  cpuInterval: number;
  /** Multiplies each media server's capacity (streams at 100 % CPU). */
  capacityScale: number;
  /** Write QoE _cuts.json files. */
  qoe: boolean;
  /** USERS_PER_WORKER (manual allocation). */
  usersPerWorker: number;
  /** Probability of an empty cpu / memory cell in the medianode CSV. */
  cpuGapRate: number;
  /** A degradation past a known load (a regressed candidate with a known knee), or none. */
  degradation: Degradation | null;
}

/**
 * A candidate that gets worse past a known load: from the knee on, every QoE cut loses
 * `qoeSlope` of VMAF (0..1 scale; ViSQOL loses 0.6 of it, as the CPU model does) per unit of load
 * beyond the knee plus `qoeStep` at once (a change of level), both failure probabilities are
 * multiplied by `failureFactor` and the connection's setup (connectionStart → success) by
 * `connectionFactor`. An optional `second` change point further up adds its own slope and step.
 * The load is the users connected to the media node (the notebook's success → end intervals) or
 * the node's CPU (0..1); a unit of load is one user, or 0.01 of CPU.
 */
export interface Degradation {
  on: 'users' | 'cpu';
  /** The knee: degradation applies while the load is ≥ this. */
  at: number;
  qoeSlope: number;
  failureFactor: number;
  /** VMAF (0..1) lost at once past the knee (default 0). */
  qoeStep?: number;
  /** Connection setup time × this past the knee (default 1). */
  connectionFactor?: number;
  /** A second change point (same load), further up, or none. */
  second?: SecondChange | null;
}

export interface SecondChange {
  /** Applies while the load is ≥ this (> the first knee). */
  at: number;
  /** VMAF (0..1) lost per unit of load beyond `at`, on top of the first change. */
  qoeSlope: number;
  /** VMAF (0..1) lost at once past `at`. */
  qoeStep: number;
}

/** The load of a degradation at an instant: users, or CPU (0..1). */
function loadOf(d: Degradation, users: number, cpu: number): number {
  return d.on === 'users' ? users : cpu;
}

/** Units of load beyond `at` (0 below it): users, or hundredths of CPU. */
function excess(d: Degradation, at: number, users: number, cpu: number): number {
  const beyond = Math.max(0, loadOf(d, users, cpu) - at);
  return d.on === 'users' ? beyond : beyond * 100;
}

/** Units of load beyond the knee (0 below it): users, or hundredths of CPU. */
export function loadExcess(d: Degradation, users: number, cpu: number): number {
  return excess(d, d.at, users, cpu);
}

/** True while the load is at or past the knee. */
export function pastKnee(d: Degradation | null, users: number, cpu: number): boolean {
  return d !== null && loadOf(d, users, cpu) >= d.at;
}

/** True while the load is at or past the second change point. */
export function pastSecond(d: Degradation | null, users: number, cpu: number): boolean {
  return !!d?.second && loadOf(d, users, cpu) >= d.second.at;
}

/** VMAF (0..1) a degradation takes from a cut at this load: slopes and steps of both changes. */
export function qoePenalty(d: Degradation, users: number, cpu: number): number {
  const first = pastKnee(d, users, cpu)
    ? d.qoeSlope * loadExcess(d, users, cpu) + (d.qoeStep ?? 0)
    : 0;
  const s = d.second;
  const second =
    s && pastSecond(d, users, cpu) ? s.qoeSlope * excess(d, s.at, users, cpu) + s.qoeStep : 0;
  return first + second;
}

export const DEFAULT_TESTS_2024 = [
  'loadtest-webrtc-2024-kurento-2p',
  'loadtest-webrtc-2024-mediasoup-3p-10s',
  'loadtest-webrtc-2024-pion-8p',
];

export const DEFAULT_TESTS_CURRENT = [
  'loadtest-webrtc-2026-kurento-2p',
  'loadtest-webrtc-2026-mediasoup-3p-10s',
  'loadtest-webrtc-2026-pion-8p',
];

export const DEFAULT_BASE_DATE: Record<Generation, string> = {
  '2024': '2024-06-20',
  current: '2026-07-01',
};

export function defaultOptions(format: Generation = '2024'): GenerateOptions {
  return {
    seed: 'loadtest-lens',
    format,
    tests: format === '2024' ? [...DEFAULT_TESTS_2024] : [...DEFAULT_TESTS_CURRENT],
    sessions: null,
    sessionsByTest: {},
    baseDate: DEFAULT_BASE_DATE[format],
    logTz: '+02:00',
    holdSeconds: 60,
    secondsBetweenParticipants: 5,
    startingParticipants: null,
    batchSize: null,
    retryMode: true,
    retryTimes: 5,
    failureRate: 1,
    stats: true,
    statsInterval: 2,
    statsPoll: 1,
    statsSessions: null,
    livekitStatsPeers: null,
    cpuInterval: 5,
    capacityScale: 1,
    qoe: true,
    usersPerWorker: 10,
    cpuGapRate: 0.004,
    degradation: null,
  };
}

export interface TestSpec {
  name: string;
  server: MediaServer;
  family: Family;
  publishers: number;
  subscribers: number;
}

/**
 * Reads the media server and the topology from a test name: `<P>p` publishers per session and an
 * optional `<S>s` subscribers per session, e.g. `loadtest-webrtc-2024-mediasoup-3p-10s`.
 * Kurento and mediasoup run on OpenVidu 2; pion is OpenVidu 3 / LiveKit.
 */
export function parseTestName(name: string): TestSpec {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new Error(`test name "${name}" may only use letters, digits, ".", "_" and "-"`);
  }
  const parts = name.toLowerCase().split('-');
  const server = (['kurento', 'mediasoup', 'pion'] as const).find(s => parts.includes(s));
  if (!server)
    throw new Error(`test name "${name}" names no media server (kurento, mediasoup or pion)`);
  const pub = parts.map(p => /^(\d+)p$/.exec(p)).find(m => m !== null);
  if (!pub) throw new Error(`test name "${name}" has no "<P>p" publishers token`);
  const sub = parts.map(p => /^(\d+)s$/.exec(p)).find(m => m !== null);
  const publishers = Number(pub[1]);
  const subscribers = sub ? Number(sub[1]) : 0;
  if (publishers < 1) throw new Error(`test name "${name}": at least one publisher per session`);
  const spec: TestSpec = {
    name,
    server,
    family: server === 'pion' ? 'livekit' : 'ov2',
    publishers,
    subscribers,
  };
  const conflict = notebookRoleConflict(spec);
  if (conflict) throw new Error(conflict);
  return spec;
}

/** The notebook's is_publisher: every user of an `8p` test, otherwise user ≤ 3. */
export function notebookIsPublisher(testName: string, user: number): boolean {
  return testName.includes('8p') || user <= 3;
}

/**
 * The notebook decides roles from the name alone; a topology it would misread (e.g. `5p`, or
 * `2p-10s`) gives data it cannot analyse, so the generator refuses it.
 */
function notebookRoleConflict(spec: TestSpec): string | null {
  const total = spec.publishers + spec.subscribers;
  for (let user = 1; user <= total; user++) {
    const isPublisher = user <= spec.publishers;
    if (notebookIsPublisher(spec.name, user) !== isPublisher) {
      return (
        `test name "${spec.name}": the notebook's is_publisher ("8p" in name, else user <= 3) ` +
        `would call User${user} a ${isPublisher ? 'subscriber' : 'publisher'}; ` +
        'use 1p/2p/3p, 8p, or 3p-<S>s'
      );
    }
  }
  return null;
}

export function validateOptions(o: GenerateOptions): string[] {
  const errors: string[] = [];
  const positive = (v: number, name: string): void => {
    if (!(Number.isFinite(v) && v > 0)) errors.push(`${name} must be a positive number`);
  };
  if (o.tests.length === 0) errors.push('at least one test is needed');
  if (new Set(o.tests).size !== o.tests.length) errors.push('test names must be unique');
  for (const t of o.tests) {
    try {
      parseTestName(t);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  if (o.sessions !== null && !(Number.isInteger(o.sessions) && o.sessions >= 1)) {
    errors.push('sessions must be an integer >= 1');
  }
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(o.baseDate) ||
    Number.isNaN(Date.parse(`${o.baseDate}T00:00:00Z`))
  ) {
    errors.push('base date must be YYYY-MM-DD');
  }
  if (!/^[+-]\d{2}:\d{2}$/.test(o.logTz)) errors.push('log timezone must look like +02:00');
  positive(o.holdSeconds, 'hold seconds');
  if (!(o.secondsBetweenParticipants >= 0))
    errors.push('seconds between participants must be >= 0');
  if (
    o.startingParticipants !== null &&
    !(Number.isInteger(o.startingParticipants) && o.startingParticipants >= 0)
  ) {
    errors.push('starting participants must be an integer >= 0');
  }
  if (o.batchSize !== null && !(Number.isInteger(o.batchSize) && o.batchSize >= 1)) {
    errors.push('batch size must be an integer >= 1');
  }
  if (!(Number.isInteger(o.retryTimes) && o.retryTimes >= 1))
    errors.push('retry times must be an integer >= 1');
  if (!(o.failureRate >= 0)) errors.push('failure rate must be >= 0');
  positive(o.statsInterval, 'stats interval');
  positive(o.statsPoll, 'stats poll');
  if (o.statsPoll > o.statsInterval) errors.push('stats poll must not exceed the stats interval');
  if (o.statsSessions !== null && !(Number.isInteger(o.statsSessions) && o.statsSessions >= 0)) {
    errors.push('stats sessions must be an integer >= 0');
  }
  positive(o.cpuInterval, 'cpu interval');
  positive(o.capacityScale, 'capacity scale');
  if (!(Number.isInteger(o.usersPerWorker) && o.usersPerWorker >= 1)) {
    errors.push('users per worker must be an integer >= 1');
  }
  if (!(o.cpuGapRate >= 0 && o.cpuGapRate < 1)) errors.push('cpu gap rate must be in [0, 1)');
  if (o.degradation) errors.push(...degradationErrors(o.degradation));
  return errors;
}

function degradationErrors(d: Degradation): string[] {
  const errors: string[] = [];
  if (Number.isNaN(d.at)) return ['a degradation needs its knee (--degrade-at users:N or cpu:C)'];
  if (d.on === 'users' && !(Number.isInteger(d.at) && d.at >= 1))
    errors.push('degradation knee in users must be an integer >= 1');
  if (d.on === 'cpu' && !(d.at > 0 && d.at < 1))
    errors.push('degradation knee in CPU must be in (0, 1)');
  if (!(d.qoeSlope >= 0 && d.qoeSlope <= 1)) errors.push('degradation QoE slope must be in [0, 1]');
  if (!(d.failureFactor >= 0 && Number.isFinite(d.failureFactor)))
    errors.push('degradation failure factor must be >= 0');
  const step = d.qoeStep ?? 0;
  if (!(step >= 0 && step <= 1)) errors.push('degradation QoE step must be in [0, 1]');
  const cf = d.connectionFactor ?? 1;
  if (!(cf > 0 && Number.isFinite(cf))) errors.push('degradation connection factor must be > 0');
  if (d.second) errors.push(...secondErrors(d, d.second));
  return errors;
}

function secondErrors(d: Degradation, s: SecondChange): string[] {
  const errors: string[] = [];
  if (Number.isNaN(s.at)) return ['a second change needs its load (--degrade-second N or C)'];
  if (!(s.at > d.at)) errors.push('the second change point must be above the knee');
  if (d.on === 'users' && !Number.isInteger(s.at))
    errors.push('second change point in users must be an integer');
  if (d.on === 'cpu' && !(s.at < 1)) errors.push('second change point in CPU must be below 1');
  if (!(s.qoeSlope >= 0 && s.qoeSlope <= 1))
    errors.push('second change QoE slope must be in [0, 1]');
  if (!(s.qoeStep >= 0 && s.qoeStep <= 1)) errors.push('second change QoE step must be in [0, 1]');
  if (s.qoeSlope === 0 && s.qoeStep === 0)
    errors.push('a second change needs a QoE slope or step (--degrade-second-qoe/-step)');
  return errors;
}
