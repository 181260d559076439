/**
 * The notebook's QoS plot cell ("for type in types: for direction in directions: …"): per time
 * group, the mean of a metric across every user's reports, with its minimum and maximum (the
 * `fill_between` band), from the `separate_stats` tables.
 *
 * The notebook groups each table on its own clock: seconds since the table's first timestamp,
 * `round(x, 0)`. Here every table is grouped on the test's clock, whole seconds since the test
 * start (`floor`, bins [s, s + 1) labelled s, as `avgQosIntervals`' default profile), so the QoS
 * charts line up with the progression, QoE and CPU of the same test. Missing values are skipped;
 * bitrates and packet rates ≤ 0 (a report's first sample, which has no predecessor) are dropped,
 * as the notebook's `avg_qos_intervals` does.
 */
import {
  isNumberColumn,
  numberAt,
  type QosTable,
  type QosTableName,
  type QosTables,
} from '../../ingest/stats';

/** Columnar groups, x ascending (seconds since the origin). */
export interface TimeGroups {
  readonly xs: Float64Array;
  readonly mean: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly n: Float64Array;
  /** With `sources`: the source (stats.json) of each second's lowest and highest value. */
  readonly minSource?: Int32Array;
  readonly maxSource?: Int32Array;
}

interface Acc {
  sum: number;
  n: number;
  min: number;
  max: number;
  minSource: number;
  maxSource: number;
}

/** What `secondGroups` groups: its arguments, passed on to the helpers as one. */
interface Samples {
  readonly times: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly origin: number;
  readonly positiveOnly: boolean;
  readonly sources: ArrayLike<number> | undefined;
  /** Rows with both a time and a value slot. */
  readonly rows: number;
}

/**
 * The whole second since `origin` of row `i`, or NaN when the row is skipped: a NaN time or value,
 * or with `positiveOnly` a value ≤ 0. Every grouping loop below reads its rows through this.
 */
function sampleSecond(s: Samples, i: number): number {
  const v = s.values[i] as number;
  const t = s.times[i] as number;
  if (Number.isNaN(v) || Number.isNaN(t) || (s.positiveOnly && v <= 0)) return NaN;
  return Math.floor((t - s.origin) / 1000);
}

/** Index range of the seconds with a sample; undefined when there is none. */
function secondSpan(samples: Samples): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < samples.rows; i++) {
    const s = sampleSecond(samples, i);
    if (Number.isNaN(s)) continue;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  return hi >= lo ? [lo, hi] : undefined;
}

/**
 * Mean, minimum and maximum of `values` per whole second of `times` (epoch ms) since `origin`
 * (epoch ms). NaN times or values are skipped, and with `positiveOnly` values ≤ 0 too. One
 * accumulator per second of the span (two passes over typed arrays: millions of reports a second).
 */
export function secondGroups(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  origin: number,
  positiveOnly: boolean,
  sources?: ArrayLike<number>,
): TimeGroups {
  const rows = Math.min(times.length, values.length);
  const samples: Samples = { times, values, origin, positiveOnly, sources, rows };
  const span = secondSpan(samples);
  // A span far beyond the samples (a stray timestamp years away) would waste memory: fall back.
  if (span && span[1] - span[0] >= Math.max(1 << 20, 4 * rows)) return sparseGroups(samples);
  const [lo, hi] = span ?? [0, -1];
  const width = hi - lo + 1;
  const sum = new Float64Array(width);
  const n = new Float64Array(width);
  const min = new Float64Array(width).fill(Infinity);
  const max = new Float64Array(width).fill(-Infinity);
  const minSource = new Int32Array(sources ? width : 0);
  const maxSource = new Int32Array(sources ? width : 0);
  for (let i = 0; i < rows; i++) {
    const second = sampleSecond(samples, i);
    if (Number.isNaN(second)) continue;
    const k = second - lo;
    const v = values[i] as number;
    sum[k] = (sum[k] as number) + v;
    n[k] = (n[k] as number) + 1;
    if (v < (min[k] as number)) {
      min[k] = v;
      if (sources) minSource[k] = sources[i] as number;
    }
    if (v > (max[k] as number)) {
      max[k] = v;
      if (sources) maxSource[k] = sources[i] as number;
    }
  }
  const kept: number[] = [];
  for (let k = 0; k < width; k++) if ((n[k] as number) > 0) kept.push(k);
  const acc = kept.map((k): Acc => ({
    sum: sum[k] as number,
    n: n[k] as number,
    min: min[k] as number,
    max: max[k] as number,
    minSource: minSource[k] ?? 0,
    maxSource: maxSource[k] ?? 0,
  }));
  return groupsOf(
    kept.map(k => k + lo),
    acc,
    sources !== undefined,
  );
}

/** The groups of seconds `xs` (ascending) from their accumulators. */
function groupsOf(xs: readonly number[], acc: readonly Acc[], withSources: boolean): TimeGroups {
  return {
    xs: Float64Array.from(xs),
    mean: Float64Array.from(acc, g => g.sum / g.n),
    min: Float64Array.from(acc, g => g.min),
    max: Float64Array.from(acc, g => g.max),
    n: Float64Array.from(acc, g => g.n),
    ...(withSources
      ? {
          minSource: Int32Array.from(acc, g => g.minSource),
          maxSource: Int32Array.from(acc, g => g.maxSource),
        }
      : {}),
  };
}

/** `secondGroups` with a map of seconds, for spans much wider than the samples. */
function sparseGroups(samples: Samples): TimeGroups {
  const { values, sources } = samples;
  const groups = new Map<number, Acc>();
  for (let i = 0; i < samples.rows; i++) {
    const s = sampleSecond(samples, i);
    if (Number.isNaN(s)) continue;
    const v = values[i] as number;
    const src = sources ? (sources[i] as number) : 0;
    const g = groups.get(s);
    if (!g) groups.set(s, { sum: v, n: 1, min: v, max: v, minSource: src, maxSource: src });
    else {
      g.sum += v;
      g.n++;
      if (v < g.min) [g.min, g.minSource] = [v, src];
      if (v > g.max) [g.max, g.maxSource] = [v, src];
    }
  }
  const keys = [...groups.keys()].sort((a, b) => a - b);
  return groupsOf(
    keys,
    keys.map(k => groups.get(k) as Acc),
    sources !== undefined,
  );
}

/** Where a QoS metric's values are: a CSV column of the table, or one of our per-row arrays. */
export type QosValueSource = 'lossRatio' | 'packetsPerSecond' | { readonly column: string };

/**
 * The values of `source` in `table` (NaN where missing, whatever the column's narrow storage),
 * or undefined when the table has no such numbers.
 */
export function qosValues(table: QosTable, source: QosValueSource): Float64Array | undefined {
  if (table.rows === 0) return undefined;
  if (source === 'lossRatio') return table.lossRatio;
  if (source === 'packetsPerSecond') return table.packetsPerSecond;
  const col = table.columns.find(c => c.name === source.column);
  if (!col || !isNumberColumn(col)) return undefined;
  if (col.values instanceof Float64Array) return col.values; // missing is NaN already
  const out = new Float64Array(table.rows);
  for (let r = 0; r < table.rows; r++) out[r] = numberAt(col, r);
  return out;
}

/** The groups of one metric of one table, or undefined without a timestamp or the metric. */
export function qosTableGroups(
  tables: QosTables,
  name: QosTableName,
  source: QosValueSource,
  origin: number,
  positiveOnly: boolean,
): TimeGroups | undefined {
  const table = tables.tables[name];
  const values = qosValues(table, source);
  const times = qosValues(table, { column: 'timestamp' });
  if (!values || !times) return undefined;
  const groups = secondGroups(times, values, origin, positiveOnly, table.source);
  return groups.xs.length > 0 ? groups : undefined;
}

/** Earliest report timestamp (epoch ms) over every table; the origin when a test has no start. */
export function firstQosTimestamp(tables: QosTables): number | undefined {
  let first: number | undefined;
  for (const table of Object.values(tables.tables)) {
    const times = qosValues(table, { column: 'timestamp' });
    for (const t of times ?? [])
      if (!Number.isNaN(t) && (first === undefined || t < first)) first = t;
  }
  return first;
}
