/**
 * What a run of today's openvidu-loadtest leaves behind (FORMATS.md §1.2.3, §2.4, §4.2;
 * OPENVIDU-REPORTING.md §1): the controller's `report-<ts>.html` and `results-<ts>.txt`, the
 * YAML configuration, the browser-emulator's `errors.json` / `connections.json`, and platform
 * metrics exported from Elasticsearch (`loadtest-openvidu-metrics-*`, `metricbeat-*`).
 * Times are epoch milliseconds (UTC); CPU and loss are percentages.
 */

export interface Source {
  readonly file: string;
  readonly line?: number;
}

export interface MetricPoint {
  readonly t: number;
  readonly v: number;
}

export type SeriesOrigin = 'elasticsearch' | 'metricbeat' | 'sparkline';

export interface MetricSeries {
  /** Platform metric name (`participants`, `quality_score` …) or `cpu` / `memory` for nodes. */
  readonly name: string;
  readonly unit: string;
  /** Node host name, for per-node series (metricbeat). */
  readonly node?: string;
  /** `medianode`, `masternode`, `browseremulator` (metricbeat `fields.node_role`). */
  readonly role?: string;
  readonly origin: SeriesOrigin;
  /** True when the times are estimated (a sparkline has no time axis). */
  readonly approximate: boolean;
  readonly points: readonly MetricPoint[];
}

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

export interface HealthError {
  readonly event: string;
  readonly source?: string;
  readonly reason: string;
  readonly room: string;
  /** The chunk (`lk load-test` run id) or participant the error names. */
  readonly identity: string;
  readonly t?: number;
  readonly logs?: string;
  readonly at: Source & { readonly index: number };
}

export interface ConnectionRecord {
  readonly t: number;
  readonly streams?: number;
  readonly worker?: string;
  readonly participant: string;
  readonly session: string;
}

export interface LogRecord {
  readonly t?: number;
  readonly level: string;
  readonly message: string;
  readonly line: number;
  /** The line's time had no offset: it was read in the run's zone. */
  readonly local?: boolean;
}
