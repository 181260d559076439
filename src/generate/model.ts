// The generator's plan: everything that will be written, computed without I/O. All instants are
// integer epoch milliseconds (UTC).
import type { GenerateOptions, TestSpec } from './options';

/** A user's role as the result files spell it (upper case), not the domain's `Role` of core/model. */
export type RoleInFile = 'PUBLISHER' | 'SUBSCRIBER';

/**
 * Why an attempt ended before the test did.
 * - `http`: the worker answered the creation request with an error (only `connectionStart` exists)
 * - `ice`: OpenVidu 2 `exception` ICE_CONNECTION_FAILED
 * - `disconnect`: OpenVidu 2 `sessionDisconnected` (networkDisconnect)
 * - `ice+disconnect`: both, so the controller counts two failures
 * - `lk-disconnect`: LiveKit `Reconnecting` (when connected) then `Disconnected`
 */
export type FailureCause = 'http' | 'ice' | 'disconnect' | 'ice+disconnect' | 'lk-disconnect';

/** One controller `Participant X in session Y failed N times` line and what triggered it. */
export interface FailureLine {
  /** Log time of the ERROR line. */
  at: number;
  /** The counter N (per participant-session, over the whole test). */
  attempts: number;
  /** What the controller received: a WebSocket event or an HTTP error from the worker. */
  via: 'exception' | 'sessionDisconnected' | 'Disconnected' | 'http';
  /** Time of the browser event that caused it (null for `http`). */
  eventAt: number | null;
}

export interface FailurePlan {
  /** First sign of the failure (browser event time, or the HTTP error time). */
  at: number;
  cause: FailureCause;
  lines: FailureLine[];
}

export interface ReconnectPlan {
  /** LiveKit `Reconnecting` / OpenVidu 2 `reconnecting`. */
  at: number;
  /**
   * `Reconnected`/`reconnected` when recovered; otherwise the end of the attempt
   * (LiveKit `Disconnected`, OpenVidu 2 `sessionDisconnected`).
   */
  endAt: number;
  recovered: boolean;
}

export interface AttemptPlan {
  index: number;
  /** Controller `Creating PUBLISHER 'UserN' …` line. */
  createdAt: number;
  /** Browser `connectionStart`. */
  startAt: number;
  /** Signalling connected: OV2 local `connectionCreated`, LiveKit `Connected`. */
  connectedAt: number | null;
  /**
   * The notebook's success marker: publishers OV2 `streamCreated-local` / LiveKit first
   * `LocalTrackPublished`; subscribers the first remote `streamCreated` / `TrackSubscribed`.
   */
  successAt: number | null;
  /** When the attempt's connection ended: its failure, or the end of the test. */
  endAt: number;
  /** True when the attempt failed before any media flowed. */
  early: boolean;
  failure: FailurePlan | null;
  /** Reconnections (recovered ones keep the attempt alive). */
  reconnects: ReconnectPlan[];
  /** OV2 connection id `con_…`. */
  connectionId: string;
  /** OV2 stream id `str_CAM_…_con_…` ('' for subscribers). */
  streamId: string;
  /** LiveKit participant SID `PA_…`. */
  sid: string;
}

export interface UserPlan {
  session: number;
  user: number;
  role: RoleInFile;
  /** 1-based position in (session, user) order: the notebook's `user_count`. */
  order: number;
  /** The notebook's batch number for this user. */
  batch: number;
  /** Index into TestPlan.workers. */
  worker: number;
  attempts: AttemptPlan[];
  /** Connected intervals [successAt, endAt] of the attempts that reached success. */
  intervals: [number, number][];
}

export interface QoeCut {
  cut_index: number;
  vmaf: number;
  visqol: number;
}

export interface QoePlan {
  session: number;
  /** User that recorded (the viewer). */
  recorder: number;
  /** Publisher being recorded. */
  recorded: number;
  cuts: QoeCut[];
}

export type LogLevel = 'INFO' | 'WARN' | 'ERROR';

export interface LogEntry {
  at: number;
  level: LogLevel;
  /** Fully-qualified Java logger; abbreviated when formatted. */
  logger: string;
  thread: string;
  message: string;
}

export interface CpuSeries {
  /** Time of values[0]; one value per `stepMs`. */
  startAt: number;
  stepMs: number;
  cpu: number[];
  memory: number[];
}

export interface CpuRow {
  at: number;
  cpu: number | null;
  memory: number | null;
}

export interface WorkerPlan {
  ip: string;
  name: string;
}

export interface TestPlan {
  spec: TestSpec;
  /** Position in the options' test list. */
  index: number;
  sessions: number;
  usersPerSession: number;
  startingParticipants: number;
  batchSize: number;
  pid: number;
  /** First log line (application start). */
  logStartAt: number;
  /** `Starting test with …` line. */
  testStartAt: number;
  /** Completion of the last batch (null if the test stopped before every user was created). */
  lastJoinAt: number | null;
  /** The controller stops the participants. */
  testEndAt: number;
  /** `Saved result in …` line. */
  savedAt: number;
  /** `Finished` line. */
  finishedAt: number;
  stopReason: string;
  users: UserPlan[];
  workers: WorkerPlan[];
  cpu: CpuSeries;
  cpuRows: CpuRow[];
  qoe: QoePlan[];
  log: LogEntry[];
  secrets: { openviduSecret: string; elasticsearchPassword: string };
  resultPath: string;
}

export interface RootPlan {
  options: GenerateOptions;
  tests: TestPlan[];
}
