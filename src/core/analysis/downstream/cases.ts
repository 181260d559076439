/**
 * The notebook's `get_cases` (cell In [19]): the two CPU comparisons of a section, built from
 * the bands of `calculate_connection_data`.
 */
import {
  metricValue,
  type BandKey,
  type ConnectionData,
  type MetricColumn,
  type SectionRow,
} from './cpuBands';

export interface ComparisonCase {
  readonly X: string;
  readonly Y: string;
  readonly metric: string;
  readonly 'len(X)': number;
  readonly 'len(Y)': number;
  readonly XSeries: number[];
  readonly YSeries: number[];
  readonly XSeriesCPU: number[];
  readonly YSeriesCPU: number[];
  /** `full_user` of each value (not in the notebook's cases: for the views' tooltips). */
  readonly XUsers: string[];
  readonly YUsers: string[];
}

const CASES: ReadonlyArray<{ X: string; Y: string; x: BandKey; y: BandKey }> = [
  { X: 'CPU < 0.9', Y: 'CPU >= 0.9', x: 'lt90', y: 'from90' },
  { X: 'CPU < 0.95', Y: 'CPU >= 0.95', x: 'lt95', y: 'from95' },
];

const cpuOf = (rows: readonly SectionRow[]): number[] => rows.map(r => r.cpu_median);
const usersOf = (rows: readonly SectionRow[]): string[] => rows.map(r => r.full_user);

/** A case from the rows of its two groups: their metric values, CPU medians and users. */
export function caseOf(
  labels: { readonly X: string; readonly Y: string; readonly metric: string },
  x: readonly SectionRow[],
  y: readonly SectionRow[],
  metric: MetricColumn,
): ComparisonCase {
  return {
    ...labels,
    'len(X)': x.length,
    'len(Y)': y.length,
    XSeries: x.map(r => metricValue(r, metric)),
    YSeries: y.map(r => metricValue(r, metric)),
    XSeriesCPU: cpuOf(x),
    YSeriesCPU: cpuOf(y),
    XUsers: usersOf(x),
    YUsers: usersOf(y),
  };
}

/** `get_cases(connection_stats, con_type, label, qoe_metric)` given its bands. */
export function getCases(
  data: ConnectionData,
  metric: MetricColumn,
  qoe: boolean,
): ComparisonCase[] {
  return CASES.map(c =>
    caseOf(
      { X: c.X, Y: c.Y, metric: qoe ? data.label : 'Total duration (s)' },
      data.bands[c.x],
      data.bands[c.y],
      metric,
    ),
  );
}
