/**
 * Types of the stats.json ingest results. Everything is plain objects, arrays and typed arrays,
 * so a result built in a `worker_threads` worker can be posted (and its arrays transferred).
 * docs/ingest-stats.md describes the layout.
 */
import type { Diagnostic } from '../../model/diagnostic';
import type { ColumnTable } from './columns';

/** The notebook's `separate_stats` tables, in its order (`dfs_stats_processed/<test>_<name>.csv`). */
export const QOS_TABLE_NAMES = [
  'inbound_audio',
  'inbound_video',
  'outbound_audio',
  'outbound_video',
  'remote_inbound_audio',
  'remote_inbound_video',
  'remote_outbound_audio',
  'remote_outbound_video',
] as const;

export type QosTableName = (typeof QOS_TABLE_NAMES)[number];

/**
 * One table: `columns` are exactly the notebook's CSV columns in its order (the RTCStats report
 * fields, then `user`, `session`, `peerId`, and `packetLoss` where the notebook computes it).
 * The other arrays are ours, one value per row, and never go to the notebook's CSV.
 */
export interface QosTable extends ColumnTable {
  /** Index into `QosTables.sources` of the stats.json the row comes from. */
  readonly source: Int32Array;
  /** Index of the row's element in that file's top-level array. */
  readonly element: Int32Array;
  /** Byte offset of that element in the file (to open it at the entry). */
  readonly offset: Float64Array;
  /** Our loss ratio (0–1), NaN where it cannot be known; see docs/ingest-stats.md. */
  readonly lossRatio: Float64Array;
  /** `packetRate / 8`: webrtc-stats computes packetRate like a bitrate (×8 quirk). */
  readonly packetsPerSecond: Float64Array;
}

/** webrtc-issue-detector network scores (`{inbound, outbound, statsSamples}` items). */
export interface NetworkScores {
  readonly rows: number;
  readonly source: Int32Array;
  readonly element: Int32Array;
  /** The element's top-level `timestamp` / `@timestamp`, epoch ms; NaN when absent. */
  readonly time: Float64Array;
  /** MOS 1–5; NaN when the item has none (subscribers have no outbound score). */
  readonly inbound: Float64Array;
  readonly outbound: Float64Array;
}

export interface StatsSource {
  readonly file: string;
  /** The `user` / `session` written in the rows (the notebook uses the directory names). */
  readonly user: string;
  readonly session: string;
  readonly bytes: number;
}

export interface StatsCounts {
  /** Top-level elements parsed. */
  elements: number;
  /** Top-level elements that were not valid JSON and were skipped. */
  invalidElements: number;
  /** `event: "stats"` items. */
  statsItems: number;
  /** Other timeline items, by `event`. */
  timelineEvents: Record<string, number>;
  /** webrtc-issue-detector issues, by `reason`. */
  issues: Record<string, number>;
  /** webrtc-issue-detector network-score items. */
  networkScores: number;
  /** Items that are none of the three known kinds. */
  unknownItems: number;
  /** Rows in each table (after de-duplication). */
  rows: Record<QosTableName, number>;
  /** Rows dropped as LiveKit duplicates (same report id and timestamp for the same user). */
  duplicateRows: number;
  /** Rows where the notebook's packetLoss formula raises (C6/B15): only one of packetsSent/packetsReceived, or a zero/non-numeric operand. */
  packetLossUncomputable: number;
  /** Entries of an inbound/outbound list that are not objects. */
  badReports: number;
}

/** Per-file or merged per-test stats tables. */
export interface QosTables {
  readonly sources: StatsSource[];
  readonly tables: Record<QosTableName, QosTable>;
  readonly networkScores: NetworkScores;
  readonly counts: StatsCounts;
  readonly diagnostics: Diagnostic[];
}

/** The result of one stats.json: `sources` has exactly one entry. */
export type StatsFileResult = QosTables;

export function emptyCounts(): StatsCounts {
  const rows = Object.fromEntries(QOS_TABLE_NAMES.map(n => [n, 0])) as Record<QosTableName, number>;
  return {
    elements: 0,
    invalidElements: 0,
    statsItems: 0,
    timelineEvents: Object.create(null) as Record<string, number>,
    issues: Object.create(null) as Record<string, number>,
    networkScores: 0,
    unknownItems: 0,
    rows,
    duplicateRows: 0,
    packetLossUncomputable: 0,
    badReports: 0,
  };
}

export function bump(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

function addRecord(into: Record<string, number>, from: Record<string, number>): void {
  for (const key of Object.keys(from)) bump(into, key, from[key] as number);
}

/** The counts of several files (or users) added up. */
export function sumCounts(parts: readonly StatsCounts[]): StatsCounts {
  const total = emptyCounts();
  for (const c of parts) {
    total.elements += c.elements;
    total.invalidElements += c.invalidElements;
    total.statsItems += c.statsItems;
    total.networkScores += c.networkScores;
    total.unknownItems += c.unknownItems;
    total.duplicateRows += c.duplicateRows;
    total.packetLossUncomputable += c.packetLossUncomputable;
    total.badReports += c.badReports;
    addRecord(total.timelineEvents, c.timelineEvents);
    addRecord(total.issues, c.issues);
    addRecord(total.rows, c.rows);
  }
  return total;
}
