/**
 * Plans a run of today's openvidu-loadtest in `emulated` mode: one `lk load-test` chunk per
 * room, launched `secondsBetweenSessions` apart on workers in turn; participants join at 2/s;
 * the load is held, the report is built, everyone leaves, and the controller pads its window.
 * Platform metrics follow from the participants on the platform; trips bend that timeline so
 * the run fails one validity class in a known way.
 */
import { Rng } from '../prng';
import type { RoomPlan, ScenarioPlan, RunTruth } from './model';
import type { RunGenOptions } from './options';

export const JOIN_PER_SECOND = 2;
export const PROMETHEUS_STEP_MS = 30_000;
export const METRICBEAT_STEP_MS = 10_000;

export function roomShape(
  topology: string,
  participants: string,
): { perRoom: number; publishers: number } {
  const [p, s] = participants.split(':').map(Number);
  if (topology === 'N:M' && s !== undefined) return { perRoom: p! + s, publishers: p! };
  return { perRoom: p!, publishers: p! };
}

export function workerName(i: number): string {
  return `https://10.0.1.${11 + i}:5000`;
}

export interface RunPlan {
  readonly options: RunGenOptions;
  readonly runId: string;
  readonly scenarios: readonly ScenarioPlan[];
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `yyyy-MM-dd_HH-mm-ss` in the controller's zone (DataIO.generateTimestamp). */
export function runTimestamp(epochMs: number, offsetMinutes: number): string {
  const d = new Date(epochMs + offsetMinutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}_${pad(d.getUTCHours())}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}`;
}

export function planRun(options: RunGenOptions): RunPlan {
  const rng = new Rng(options.seed);
  const trips = new Set(options.trips);
  let t = Date.parse(options.start);
  let session = 0;
  const scenarios: ScenarioPlan[] = [];
  options.scenarios.forEach((participants, k) => {
    const { perRoom, publishers } = roomShape(options.topology, participants);
    const start = t;
    const outOfWorkers = trips.has('stopReason');
    const roomsLaunched = outOfWorkers
      ? Math.max(1, Math.ceil(options.sessions / 2))
      : options.sessions;
    const rooms: RoomPlan[] = [];
    for (let r = 0; r < roomsLaunched; r++) {
      session++;
      const launch = start + 2000 + r * options.secondsBetweenSessions * 1000;
      const shortRoom = trips.has('geometry') && r === roomsLaunched - 1;
      const brokenRoom = trips.has('environment') && r === 0;
      const recorded = shortRoom ? Math.max(1, perRoom - 2) : perRoom;
      const hosted = (r + 1) * perRoom;
      const baseCpu = 12 + (45 * hosted) / (options.workers * 40);
      const workerCpu = trips.has('generatorSaturation')
        ? 93 + rng.range(0, 6.5)
        : Math.min(75, baseCpu + rng.range(-2, 2));
      rooms.push({
        session: `LoadTestSession${session}`,
        identity: `loadtest-LoadTestSession${session}-${launch}`,
        worker: workerName(r % options.workers),
        launch,
        recorded,
        connected: brokenRoom ? 0 : recorded,
        publishers: Math.min(publishers, recorded),
        workerCpu,
      });
    }
    const lastLaunch = rooms[rooms.length - 1]!.launch;
    // 2 joins per second from launch: the room's n-th participant joins (n − 1) / 2 s after it.
    const fullAt = lastLaunch + ((perRoom - 1) / JOIN_PER_SECOND) * 1000;
    const reportAt = Math.ceil((fullAt + options.holdSeconds * 1000) / 1000) * 1000;
    const lastLeave = reportAt + 5000;
    const paddedEnd = reportAt + (options.secondsBetweenTestCases + 10) * 1000;
    const expected = roomsLaunched * perRoom;
    const platformCap = trips.has('refusedWhileFinished')
      ? Math.max(1, Math.floor(expected * 0.7))
      : expected;
    scenarios.push({
      index: k + 1,
      participants,
      perRoom,
      publishersPerRoom: publishers,
      start,
      reportAt,
      paddedEnd,
      lastLeave,
      fullAt,
      rooms,
      sessionsCreated: roomsLaunched,
      sessionsCompleted: trips.has('geometry') ? roomsLaunched - 1 : roomsLaunched,
      stopReason: outOfWorkers ? 'No more workers available' : 'Test finished',
      platformCap,
    });
    // The controller sleeps secondsBetweenTestCases after the report, then cleans up (~5 s).
    t = reportAt + (options.secondsBetweenTestCases + 5) * 1000;
  });
  return {
    options,
    runId: runTimestamp(Date.parse(options.start), options.zone.offsetMinutes),
    scenarios,
  };
}

/** Participants of a room on the platform at time t (2 joins per second from launch, all gone at lastLeave). */
export function roomParticipants(room: RoomPlan, s: ScenarioPlan, t: number): number {
  if (t < room.launch || t >= s.lastLeave) return 0;
  return Math.min(room.connected, Math.floor(((t - room.launch) / 1000) * JOIN_PER_SECOND) + 1);
}

export function platformParticipants(s: ScenarioPlan, t: number): number {
  const sum = s.rooms.reduce((a, r) => a + roomParticipants(r, s, t), 0);
  return Math.min(sum, s.platformCap);
}

export function truthOf(plan: RunPlan): RunTruth {
  return {
    runId: plan.runId,
    trips: plan.options.trips,
    factors: { ...plan.options.factors },
    scenarios: plan.scenarios.map(s => ({
      index: s.index,
      expectedParticipants: s.perRoom * s.sessionsCreated,
      start: s.start,
      platformPeak: Math.max(
        ...sampleTimes(s, PROMETHEUS_STEP_MS).map(t => platformParticipants(s, t)),
      ),
      firstJoin: s.rooms[0]!.launch,
      lastLeave: s.lastLeave,
      fullAt: s.fullAt,
      reportAt: s.reportAt,
      paddedEnd: s.paddedEnd,
      stopReason: s.stopReason,
    })),
  };
}

/** Prometheus query_range sample times: start, start + step, … ≤ padded end. */
export function sampleTimes(s: ScenarioPlan, step: number): number[] {
  const times: number[] = [];
  for (let t = s.start; t <= s.paddedEnd; t += step) times.push(t);
  return times;
}
