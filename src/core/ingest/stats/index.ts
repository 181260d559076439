// stats.json ingest: streamed JSON-array reader, notebook QoS tables (columnar), merging.
export {
  JsonArraySplitter,
  MAX_ELEMENT_BYTES,
  forEachJsonArrayBatch,
  streamJsonArray,
  type JsonArrayBatch,
  type JsonArrayEnd,
  type JsonArrayStreamOptions,
} from './arrayStream';
export { idAt, isNumberColumn, numberAt } from './columns';
export type { Column, ColumnKind, ColumnTable, NumberColumn, TextColumn } from './columns';
export { concatTables } from './concat';
export { type IdArray, type NumberArray } from './narrow';
export { mergeQosTables, qosTableBytes, transferables } from './merge';
export {
  QOS_TABLE_NAMES,
  sumCounts,
  type NetworkScores,
  type QosTable,
  type QosTableName,
  type QosTables,
  type StatsCounts,
  type StatsFileResult,
  type StatsSource,
} from './model';
export { qosInRun } from './select';
export { QosBuilder, type QosBuilderOptions } from './qosTables';
export { readStatsFile, type ReadStatsOptions } from './statsFile';
