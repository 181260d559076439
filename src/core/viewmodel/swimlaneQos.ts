/**
 * The swimlane's QoS colouring (the notebook's `draw_cons_plot_qos`): each user's connected time
 * coloured by a QoS metric averaged over 1 s intervals (`avgQosIntervals`, default profile) of
 * one of the `separate_stats` tables, on the notebook's colour ramps and ranges:
 *  - round-trip time, remote-inbound video: 0–0.5 s, darkblue (good) → black;
 *  - jitter, inbound video and audio: 0–0.1 s, darkblue → black;
 *  - bitrate, inbound and outbound: video 0–1.5 Mbit/s, audio 0–64 kbit/s, black → darkblue.
 * The notebook has no packet-loss variant; ours uses `lossRatio` (docs/ingest-stats.md) on
 * 0–10 %, low good, and the other media/direction pairs take the same metric's range.
 * Values keep the tables' units (seconds, bit/s, loss share 0–1); the webview shows them in
 * ms, kbit/s and %. The intervals are merged on the host to a budget, like the segments.
 */
import { avgQosIntervals } from '../analysis/downstream/qos';
import {
  isNumberColumn,
  numberAt,
  type QosTable,
  type QosTableName,
  type QosTables,
} from '../ingest/stats';
import { trailingNumber } from '../source/naming';
import type { TimeRange } from '../../shared/views/checks';
import type {
  QoeMetricVM,
  QosVariantVM,
  SwimlaneVM,
  SwimQosMetricVM,
  SwimQosVM,
  UserQosFigureVM,
  UserQosVM,
} from '../../shared/views/swimlane';
import { fitBudget, type BudgetLimits } from './budget';

type Media = 'audio' | 'video';
type Direction = QosVariantVM['direction'];

interface MetricSpec {
  readonly unit: QosVariantVM['unit'];
  readonly higherIsBetter: boolean;
  /** Table prefix per direction (`_audio` / `_video` appended); absent = not offered. */
  readonly table: Partial<Record<Direction, 'inbound' | 'outbound' | 'remote_inbound'>>;
  /** A CSV column of the table, or our per-row loss ratio. */
  readonly column: string;
  readonly range: Record<Media, readonly [number, number]>;
}

/**
 * Outbound jitter, RTT and loss are the receiver's remote-inbound-rtp reports of what the user
 * sends (inbound-rtp reports carry no round-trip time).
 */
const METRICS: Record<SwimQosMetricVM, MetricSpec> = {
  rtt: {
    unit: 'seconds',
    higherIsBetter: false,
    table: { outbound: 'remote_inbound' },
    column: 'roundTripTime',
    range: { video: [0, 0.5], audio: [0, 0.5] },
  },
  jitter: {
    unit: 'seconds',
    higherIsBetter: false,
    table: { inbound: 'inbound', outbound: 'remote_inbound' },
    column: 'jitter',
    range: { video: [0, 0.1], audio: [0, 0.1] },
  },
  loss: {
    unit: 'share',
    higherIsBetter: false,
    table: { inbound: 'inbound', outbound: 'remote_inbound' },
    column: 'lossRatio',
    range: { video: [0, 0.1], audio: [0, 0.1] },
  },
  bitrate: {
    unit: 'bitsPerSecond',
    higherIsBetter: true,
    table: { inbound: 'inbound', outbound: 'outbound' },
    column: 'bitrate',
    range: { video: [0, 1_500_000], audio: [0, 64_000] },
  },
};

const MEDIA: readonly Media[] = ['video', 'audio'];
const DIRECTIONS: readonly Direction[] = ['inbound', 'outbound'];

/** Every QoS colouring the swimlane offers, in menu order. */
export const QOS_VARIANTS: readonly QosVariantVM[] = (
  Object.entries(METRICS) as [SwimQosMetricVM, MetricSpec][]
).flatMap(([metric, spec]) =>
  DIRECTIONS.flatMap(direction =>
    MEDIA.flatMap(media => {
      const prefix = spec.table[direction];
      if (!prefix) return [];
      return [
        {
          key: `${direction}/${metric}/${media}`,
          direction,
          metric,
          media,
          unit: spec.unit,
          range: spec.range[media],
          higherIsBetter: spec.higherIsBetter,
          source: `${prefix}_${media}.${spec.column}`,
        },
      ];
    }),
  ),
);

/** Colour ranges the user set (settings `qosColorRanges`, `qoeColorRanges`), on users' scales. */
export interface ColourRanges {
  /** Per setting key (`jitterMs`, `roundTripTimeMs` in ms; `packetLossPercent` in %). */
  readonly qos?: Readonly<Record<string, { readonly good: number; readonly bad: number }>>;
  /** VMAF 0–100, ViSQOL MOS 1–5. */
  readonly qoe?: Readonly<
    Partial<Record<QoeMetricVM, { readonly min: number; readonly max: number }>>
  >;
}

/** The setting of each metric and how many of its units make one unit of the tables. */
const QOS_SETTINGS: Partial<
  Record<SwimQosMetricVM, { readonly key: string; readonly per: number }>
> = {
  rtt: { key: 'roundTripTimeMs', per: 1000 },
  jitter: { key: 'jitterMs', per: 1000 },
  loss: { key: 'packetLossPercent', per: 100 },
};

/**
 * The variants with the user's ranges: `good` (best colour) to `bad` (worst colour), converted to
 * the tables' units; bitrate and metrics without a setting keep the notebook's range.
 */
export function variantsWithRanges(qos: ColourRanges['qos'] = {}): QosVariantVM[] {
  return QOS_VARIANTS.map(v => {
    const setting = QOS_SETTINGS[v.metric];
    const r = setting && qos[setting.key];
    return r ? { ...v, range: [r.good / setting.per, r.bad / setting.per] as const } : v;
  });
}

/** The QoE ramps on the users' scales: the settings' ranges, else the full scales. */
export function qoeRanges(
  qoe: ColourRanges['qoe'] = {},
): Record<QoeMetricVM, readonly [number, number]> {
  const range = (m: QoeMetricVM, full: readonly [number, number]) => {
    const r = qoe[m];
    return r && r.min < r.max ? ([r.min, r.max] as const) : full;
  };
  return { vmaf: range('vmaf', [0, 100]), visqol: range('visqol', [1, 5]) };
}

export function qosVariant(key: string): QosVariantVM | undefined {
  return QOS_VARIANTS.find(v => v.key === key);
}

function tableOf(variant: QosVariantVM): { name: QosTableName; column: string } {
  const [name, column] = variant.source.split('.') as [QosTableName, string];
  return { name, column };
}

/** A reader of `column`'s numbers (NaN where missing), or undefined without such a column. */
function numbers(table: QosTable, column: string): ((row: number) => number) | undefined {
  if (column === 'lossRatio') return r => table.lossRatio[r]!;
  const col = table.columns.find(c => c.name === column);
  return col && isNumberColumn(col) ? r => numberAt(col, r) : undefined;
}

function rowKey(session: string | number | undefined, user: string | number | undefined): string {
  return `${session ?? ''}\u0000${user ?? ''}`;
}

/**
 * Each user's 1 s intervals of the variant's metric ([start, end, value] triples flattened, in
 * seconds since `origin` epoch ms), keyed by session and user number; undefined when the table
 * has no such column or no timestamps.
 */
export function userQosIntervals(
  tables: QosTables,
  variant: QosVariantVM,
  origin: number,
): Map<string, Float64Array> | undefined {
  const { name, column } = tableOf(variant);
  const table = tables.tables[name];
  const values = numbers(table, column);
  const stamps = numbers(table, 'timestamp');
  if (!values || !stamps || table.rows === 0) return undefined;
  const bySource = new Map<number, number[]>();
  for (let i = 0; i < table.rows; i++) {
    const list = bySource.get(table.source[i]!);
    if (list) list.push(i);
    else bySource.set(table.source[i]!, [i]);
  }
  const out = new Map<string, Float64Array>();
  for (const [source, rows] of bySource) {
    const s = tables.sources[source];
    if (!s) continue;
    const times = rows.map(i => (stamps(i) - origin) / 1000);
    const intervals = avgQosIntervals(
      times,
      rows.map(i => values(i)),
      column,
      'default',
    );
    const flat = new Float64Array(intervals.length * 3);
    intervals.forEach((iv, k) => flat.set([iv.start, iv.end, iv.value], k * 3));
    out.set(rowKey(trailingNumber(s.session), trailingNumber(s.user)), flat);
  }
  return out;
}

/**
 * Intervals within one `below`-second bucket (counted from `t0`) that follow each other without
 * a gap become one, valued by the duration-weighted mean; gaps (no report, disconnection) stay
 * gaps. `below` ≤ 0 returns the intervals as they are.
 */
export function bucketIntervals(flat: ArrayLike<number>, below: number, t0: number): number[] {
  const out: number[] = [];
  bucketRuns(flat, below, t0, out);
  return out;
}

/**
 * `bucketIntervals`' runs, appended to `out` as `[start, end, value]` each (without `out` only
 * counted; the budget's search counts, and only the merge that fits is built). Returns the runs.
 */
function bucketRuns(
  flat: ArrayLike<number>,
  below: number,
  t0: number,
  out: number[] | undefined,
): number {
  let runs = 0;
  let bucket = NaN;
  let weight = 0;
  let [start, end, value] = [NaN, NaN, NaN];
  for (let i = 0; i + 2 < flat.length; i += 3) {
    const s = flat[i]!;
    const e = flat[i + 1]!;
    const v = flat[i + 2]!;
    const b = below > 0 ? Math.floor((s - t0) / below) : NaN;
    if (below > 0 && b === bucket && runs > 0 && s - end <= 1e-9) {
      const w = e - s;
      value = (value * weight + v * w) / (weight + w || 1);
      end = Math.max(end, e);
      weight += w;
      continue;
    }
    if (runs > 0) out?.push(start, end, value);
    runs++;
    [start, end, value] = [s, e, v];
    bucket = b;
    weight = e - s;
  }
  if (runs > 0) out?.push(start, end, value);
  return runs;
}

/** The triples of `flat` that overlap `range` (all of them for null). */
function overlapping(flat: Float64Array, range: TimeRange | null): Float64Array {
  if (!range) return flat;
  const keep: number[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3)
    if (flat[i + 1]! >= range.start && flat[i]! <= range.end)
      keep.push(flat[i]!, flat[i + 1]!, flat[i + 2]!);
  return Float64Array.from(keep);
}

/**
 * The QoS colouring of the swimlane's rows for `range` (null: the whole test): each row's
 * intervals overlapping the range, merged within time buckets until all rows fit
 * `limits.maxSegments` intervals.
 */
export function swimQosVM(
  vm: Pick<SwimlaneVM, 'rows' | 'window'>,
  variant: QosVariantVM,
  intervals: Map<string, Float64Array> | undefined,
  range: TimeRange | null,
  limits: BudgetLimits,
): SwimQosVM {
  const base = { variant: variant.key, range };
  if (!intervals)
    return {
      ...base,
      mergeBelow: 0,
      rows: vm.rows.map(() => []),
      empty: `No ${variant.source} values in this test's stats.json files.`,
    };
  const own = vm.rows.map(r =>
    overlapping(intervals.get(rowKey(r.session, r.user)) ?? new Float64Array(), range),
  );
  const [t0, t1] = range ? [range.start, range.end] : vm.window;
  const { rows, mergeBelow } = fitBudget(
    own.map(f => Array.from(f)),
    f => f.length / 3,
    t1 - t0,
    limits,
    below => own.map(f => bucketIntervals(f, below, t0)),
    below => own.reduce((n, f) => n + bucketRuns(f, below, t0, undefined), 0),
  );
  return { ...base, mergeBelow, rows: vm.rows.map((_, i) => rows[i] ?? []) };
}

/** Count, mean, min and max of the finite values of `values` over the rows of `sources`. */
function figuresOf(
  table: QosTable,
  values: (row: number) => number,
  sources: ReadonlySet<number>,
): Omit<UserQosFigureVM, 'variant'> | undefined {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < table.rows; i++) {
    if (!sources.has(table.source[i]!)) continue;
    const v = values(i);
    if (!Number.isFinite(v)) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return n > 0 ? { n, mean: sum / n, min, max } : undefined;
}

/**
 * The detail panel's QoS figures of one user (session and user numbers as in its swimlane row):
 * for every variant, the count, mean, min and max of the values its stats.json reports hold —
 * the reports exist only while the user is connected, so these are its connected time's figures.
 */
export function userQosVM(
  tables: QosTables | undefined,
  test: string,
  session: string,
  user: string,
): UserQosVM {
  const base = { test, session, user };
  if (!tables) return { ...base, figures: [] };
  const key = rowKey(session, user);
  const sources = new Set<number>();
  tables.sources.forEach((s, i) => {
    if (rowKey(trailingNumber(s.session), trailingNumber(s.user)) === key) sources.add(i);
  });
  const figures = QOS_VARIANTS.flatMap(variant => {
    const { name, column } = tableOf(variant);
    const table = tables.tables[name];
    const values = numbers(table, column);
    const f = values && sources.size > 0 ? figuresOf(table, values, sources) : undefined;
    return f ? [{ variant: variant.key, ...f }] : [];
  });
  return { ...base, figures };
}
