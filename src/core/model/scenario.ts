/**
 * A test case (scenario) of a controller run as the reports and the YAML configuration describe
 * it: its counts, users and their retries, workers' CPU, platform metrics and OpenVidu nodes.
 * The scenario's loaded data and validity are built in core/runs (run.ts, validity.ts).
 */
import type { Source } from './run';

export interface MetricSummary {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  readonly min?: number;
  readonly avg?: number;
  readonly max?: number;
  /** The sparkline's values (de-normalised), in sample order, when the report had one. */
  readonly sparkline?: readonly number[];
  readonly source: Source;
}

export interface WorkerCpu {
  readonly worker: string;
  readonly avg: number;
  readonly max: number;
  readonly source: Source;
}

export interface RetryAttempt {
  readonly attempt: number;
  readonly error?: number;
  readonly reconnect?: number;
}

export interface ReportUser {
  readonly user: string;
  readonly session: string;
  readonly role: string;
  readonly join?: number;
  readonly retries: number;
  readonly attempts: readonly RetryAttempt[];
}

export interface UserStart {
  readonly t: number;
  readonly session: string;
  readonly user: string;
  readonly source: Source;
}

/** An OpenVidu node's CPU and memory over the test case ([FB] text report `OpenVidu nodes resource usage:`). */
export interface NodeUsage {
  readonly name: string;
  readonly role: string;
  readonly cpuAvg: number;
  readonly cpuMax: number;
  readonly memAvg: number;
  readonly memMax: number;
  readonly samples?: number;
  readonly containers: readonly {
    readonly name: string;
    readonly cpuAvgCores: number;
    readonly cpuMaxCores: number;
    readonly memAvgMb: number;
  }[];
  readonly source: Source;
}

/** One test case (one element of a test case's `participants`) as the reports describe it. */
export interface ScenarioReport {
  /** 1-based position in the run. */
  readonly index: number;
  readonly label?: string;
  readonly topology?: string;
  readonly participantsPerSession?: string;
  readonly sessionsCreated?: number;
  readonly sessionsCompleted?: number;
  readonly participantsCreated?: number;
  readonly workersUsed?: number;
  readonly usersPerWorker?: number;
  readonly stopReason?: string;
  /** Start of the test case (text report header, else the HTML "Generated" of a one-case run). */
  readonly start?: number;
  /** The tool's duration: start → report time + secondsBetweenTestCases + 10 s (padded). */
  readonly reportedDurationSeconds?: number;
  readonly kibanaUrl?: string;
  readonly bucket?: string;
  readonly browserRecording?: string;
  readonly openviduRecording?: string;
  readonly userStarts: readonly UserStart[];
  readonly users: readonly ReportUser[];
  readonly workerCpu: readonly WorkerCpu[];
  readonly platform: readonly MetricSummary[];
  /** [FB] node and container usage, when the text report has it. */
  readonly nodes?: readonly NodeUsage[];
  /** [FB] `Recordings:` lines, as written. */
  readonly recordings?: readonly {
    readonly text: string;
    readonly started: boolean;
    readonly source: Source;
  }[];
  readonly sources: readonly Source[];
}

/** A test case of the YAML configuration, one per `participants` element. */
export interface ScenarioConfig {
  readonly topology: string;
  readonly participants: string;
  readonly sessions: number | 'infinite';
  readonly browser: string;
  readonly simulcast: boolean;
  readonly resolution?: string;
  readonly videoCodec?: string;
  readonly description?: string;
  readonly startingParticipants: number;
}
