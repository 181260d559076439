/**
 * `readStatsFile`: one user's stats.json → the notebook's eight QoS tables (columnar), the
 * network scores, counts and diagnostics, streamed (never the whole file as one string).
 */
import { forEachJsonArrayBatch, type JsonArrayStreamOptions } from './arrayStream';
import type { StatsFileResult } from './model';
import { QosBuilder, type QosBuilderOptions } from './qosTables';

export interface ReadStatsOptions extends QosBuilderOptions, JsonArrayStreamOptions {}

export async function readStatsFile(
  file: string,
  options: ReadStatsOptions = {},
): Promise<StatsFileResult> {
  const builder = new QosBuilder(file, options);
  const end = await forEachJsonArrayBatch(
    file,
    batch => {
      const { values, indexes, offsets } = batch;
      for (let k = 0; k < values.length; k++)
        builder.addElement(values[k], indexes[k] as number, offsets[k] as number);
    },
    options,
  );
  const tables = builder.finishTables();
  const counts = builder.counts;
  counts.invalidElements = end.positions - end.elements;
  return {
    sources: [{ file, user: builder.user, session: builder.session, bytes: end.bytes }],
    tables,
    networkScores: builder.finishScores(),
    counts,
    diagnostics: [...end.diagnostics, ...builder.sink.finish()],
  };
}
