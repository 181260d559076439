/**
 * Per-user results → per-test tables: rows of each part one after another (the caller chooses
 * the order, e.g. the notebook's directory scan order), columns the union in order of first
 * appearance, `source` re-based onto the merged `sources`. Typed arrays are concatenated.
 */
import { concatFloat64, concatInt32, concatTables } from './concat';
import { QOS_TABLE_NAMES, sumCounts } from './model';
import type { NetworkScores, QosTable, QosTableName, QosTables } from './model';

/** `source` arrays of the parts, each shifted by the number of sources before its part. */
function rebasedSources(
  parts: readonly { source: Int32Array }[],
  bases: readonly number[],
): Int32Array {
  return concatInt32(
    parts.map((p, k) => {
      const base = bases[k] as number;
      return base === 0 ? p.source : p.source.map(s => s + base);
    }),
  );
}

function mergeTable(tables: readonly QosTable[], bases: readonly number[]): QosTable {
  const { rows, columns } = concatTables(tables);
  return {
    rows,
    columns,
    source: rebasedSources(tables, bases),
    element: concatInt32(tables.map(t => t.element)),
    offset: concatFloat64(tables.map(t => t.offset)),
    lossRatio: concatFloat64(tables.map(t => t.lossRatio)),
    packetsPerSecond: concatFloat64(tables.map(t => t.packetsPerSecond)),
  };
}

function mergeScores(scores: readonly NetworkScores[], bases: readonly number[]): NetworkScores {
  return {
    rows: scores.reduce((n, s) => n + s.rows, 0),
    source: rebasedSources(scores, bases),
    element: concatInt32(scores.map(s => s.element)),
    time: concatFloat64(scores.map(s => s.time)),
    inbound: concatFloat64(scores.map(s => s.inbound)),
    outbound: concatFloat64(scores.map(s => s.outbound)),
  };
}

/**
 * Merges per-file (or already merged) results into one set of tables. With `consume`, each
 * part's table is dropped from the part as soon as it is copied, so its memory can be reclaimed
 * while the next table merges: the peak is then about one set of tables, not two. Only for
 * parts nobody else holds.
 */
export function mergeQosTables(
  parts: readonly QosTables[],
  options: { consume?: boolean } = {},
): QosTables {
  const bases: number[] = [];
  let n = 0;
  for (const p of parts) {
    bases.push(n);
    n += p.sources.length;
  }
  const tables = {} as Record<QosTableName, QosTable>;
  for (const name of QOS_TABLE_NAMES) {
    tables[name] = mergeTable(
      parts.map(p => p.tables[name]),
      bases,
    );
    if (options.consume)
      for (const p of parts) delete (p.tables as Partial<Record<QosTableName, QosTable>>)[name];
  }
  return {
    sources: parts.flatMap(p => p.sources),
    tables,
    networkScores: mergeScores(
      parts.map(p => p.networkScores),
      bases,
    ),
    counts: sumCounts(parts.map(p => p.counts)),
    diagnostics: parts.flatMap(p => p.diagnostics),
  };
}

/** Every typed array of `t`; each owns its buffer. */
function typedArraysOf(t: QosTables): ArrayBufferView[] {
  const arrays: ArrayBufferView[] = [];
  for (const name of QOS_TABLE_NAMES) {
    const table = t.tables[name];
    for (const c of table.columns) arrays.push('values' in c ? c.values : c.ids);
    arrays.push(table.source, table.element, table.offset, table.lossRatio, table.packetsPerSecond);
  }
  const s = t.networkScores;
  arrays.push(s.source, s.element, s.time, s.inbound, s.outbound);
  return arrays;
}

/**
 * The buffers of every typed array in `t`, for `postMessage(t, transferList)` from a worker:
 * each array owns its buffer, so none is listed twice.
 */
export function transferables(t: QosTables): ArrayBuffer[] {
  return [...new Set(typedArraysOf(t).map(a => a.buffer as ArrayBuffer))];
}

/** Bytes held by the typed arrays of `t` (what the tables cost in memory, dictionaries aside). */
export function qosTableBytes(t: QosTables): number {
  return typedArraysOf(t).reduce((n, a) => n + a.byteLength, 0);
}
