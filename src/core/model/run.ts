/**
 * A controller run (one output folder of today's openvidu-loadtest; its test cases are in
 * scenario.ts). What a run leaves behind (FORMATS.md §1.2.3, §2.4, §4.2;
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

/** The kinds of file a run folder holds. */
export type InputKind = 'report' | 'config' | 'log' | 'metrics' | 'emulator';

/** A file of the run folder that exists but could not be read (not regular, too large, invalid). */
export interface MissingInput {
  readonly kind: InputKind;
  readonly file: string;
  readonly reason: string;
}
