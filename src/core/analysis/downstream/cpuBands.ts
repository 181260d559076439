/**
 * The notebook's `calculate_connection_data` (cell In [21]): the metric's median, mean, min, max
 * and sample std in eight CPU bands, plus the rows of each band (which `get_cases` compares).
 *
 * B16: three labels do not say what their filter does. The notebook profile keeps its labels;
 * the default profile keeps the filters (so every number is the same) and labels them as they
 * are implemented. The notebook's "Full test" filter is `total_duration == total_duration`,
 * which drops rows whose duration is NaN; the default keeps every row.
 */
import { describe } from '../../stats';
import type { ConnectionStatsRow, Profile, QoeMetric, SegmentType } from '../types';

export type BandKey =
  'all' | 'lt80' | 'lt90' | 'lt95' | 'from80to90' | 'from90' | 'from90to95' | 'from95';

interface Band {
  readonly key: BandKey;
  readonly notebookLabel: string;
  readonly label: string;
  readonly test: (cpu: number) => boolean;
}

/**
 * The band [lo, hi) of the median CPU (an undefined end is open), labelled by what it filters;
 * `notebookLabel` where the notebook's label says otherwise (B16). NaN fails both comparisons.
 */
function band(
  key: BandKey,
  lo: number | undefined,
  hi: number | undefined,
  notebookLabel?: string,
): Band {
  const label = `${lo === undefined ? '' : `${lo} <= `}Median CPU${hi === undefined ? '' : ` < ${hi}`}`;
  return {
    key,
    notebookLabel: notebookLabel ?? label,
    label,
    test: c => (lo === undefined || c >= lo) && (hi === undefined || c < hi),
  };
}

/** In the notebook's order. NaN `cpu_median` fails every comparison, as in pandas. */
export const BANDS: readonly Band[] = [
  { key: 'all', notebookLabel: 'Full test', label: 'Full test', test: () => true },
  band('lt80', undefined, 0.8),
  band('lt90', undefined, 0.9),
  band('lt95', undefined, 0.95),
  band('from80to90', 0.8, 0.9),
  band('from90', 0.9, undefined, '0.9 <= Median CPU <= 1'),
  band('from90to95', 0.9, 0.95, '0.9 < Median CPU <= 0.95'),
  band('from95', 0.95, undefined, '0.95 < Median CPU'),
];

/** One row of `cpu_start_durations_df`. */
export interface BandStats {
  readonly threshold: string;
  readonly median: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly std: number;
  /** Rows in the band (NaN metric values included). */
  readonly n: number;
}

/**
 * The fields of a connection_stats row that a comparison section reads (`calculateConnectionData`,
 * `getCases`): all a section task sends to a worker.
 */
export type SectionRow = Pick<
  ConnectionStatsRow,
  'type' | 'qoe_metric' | 'cpu_median' | 'total_duration' | 'qoe' | 'full_user'
>;

export interface ConnectionData {
  /** The metric's label in the column names (`VMAF`, `connection start duration (seconds)`). */
  readonly label: string;
  readonly table: BandStats[];
  /** Rows of each band, sorted by `cpu_median` (stable; NaN last). */
  readonly bands: Record<BandKey, SectionRow[]>;
}

export type MetricColumn = 'qoe' | 'total_duration';

export interface ConnectionDataInput {
  readonly type: SegmentType;
  readonly metric: MetricColumn;
  readonly label: string;
  readonly qoeMetric?: QoeMetric;
}

function byCpuMedian(a: SectionRow, b: SectionRow): number {
  const x = a.cpu_median;
  const y = b.cpu_median;
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
  if (Number.isNaN(y)) return -1;
  return x - y;
}

export function metricValue(row: SectionRow, metric: MetricColumn): number {
  const v = row[metric];
  return typeof v === 'number' ? v : NaN;
}

export function bandStats(threshold: string, values: number[]): BandStats {
  const d = describe(values);
  return {
    threshold,
    median: d.median,
    mean: d.mean,
    min: d.min,
    max: d.max,
    std: d.std,
    n: values.length,
  };
}

/** `calculate_connection_data(connection_type, connection_stats, metric_to_check, label, qoe_metric)`. */
/** Whether `calculateConnectionData` reads row `r` (the segment type, and for QoE the metric). */
export function selectsRow(
  input: Pick<ConnectionDataInput, 'type' | 'qoeMetric'>,
  r: SectionRow,
): boolean {
  return r.type === input.type && (input.type !== 'QOE' || r.qoe_metric === input.qoeMetric);
}

export function calculateConnectionData(
  rows: readonly SectionRow[],
  input: ConnectionDataInput,
  profile: Profile,
): ConnectionData {
  const selected = rows.filter(r => selectsRow(input, r)).sort(byCpuMedian);
  const bands = {} as Record<BandKey, SectionRow[]>;
  const table: BandStats[] = [];
  for (const band of BANDS) {
    const inBand = selected.filter(r =>
      band.key === 'all'
        ? profile === 'default' || r.total_duration === r.total_duration
        : band.test(r.cpu_median),
    );
    bands[band.key] = inBand;
    const label = profile === 'notebook' ? band.notebookLabel : band.label;
    table.push(
      bandStats(
        label,
        inBand.map(r => metricValue(r, input.metric)),
      ),
    );
  }
  return { label: input.label, table, bands };
}
