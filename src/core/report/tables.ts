/**
 * The analyze output tables with the notebook's column names, column order and row order, and
 * the pandas dtype of each column (which decides how a number is written: see ../format/pandasText.ts).
 */
import type {
  BandStats,
  BasicsRow,
  ComparisonRow,
  ProgressionPoint,
  QoePoint,
} from '../analysis/downstream';
import type { ConnectionStatsRow } from '../analysis/types';
import {
  cellText,
  linesCsv,
  rowLine,
  toCsv,
  unparse,
  type CellKind,
  type CsvColumn,
  type CsvMode,
} from './csv';
import { pyFloat, pyStr } from '../format/pandasText';

const col = <Row>(name: string, kind: CellKind, get: (r: Row) => unknown): CsvColumn<Row> => ({
  name,
  kind,
  get,
});

/** `connection_stats.csv`: the notebook's dtypes (user/session written as the integers they are). */
export const CONNECTION_STATS_CSV: readonly CsvColumn<ConnectionStatsRow>[] = [
  col('type', 'str', r => r.type),
  col('start_time', 'float', r => r.start_time),
  col('end_time', 'float', r => r.end_time),
  col('total_duration', 'float', r => r.total_duration),
  col('attempt', 'float', r => r.attempt),
  col('batch', 'int', r => r.batch),
  col('user', 'str', r => r.user),
  col('session', 'str', r => r.session),
  col('full_user', 'str', r => r.full_user),
  col('cpu_mean', 'float', r => r.cpu_mean),
  col('cpu_start', 'float', r => r.cpu_start),
  col('cpu_end', 'float', r => r.cpu_end),
  col('cpu_median', 'float', r => r.cpu_median),
  col('cpu_max', 'float', r => r.cpu_max),
  col('cpu_min', 'float', r => r.cpu_min),
  col('qoe', 'float', r => r.qoe ?? NaN),
  col('qoe_metric', 'str', r => r.qoe_metric),
  col('index', 'str', r => r.index),
];

/**
 * connection_stats.csv of any rows of one analysis, each row's line formatted once: the root's
 * file and every test's hold the same lines (a test's file is its rows of the root's).
 */
export class ConnectionStatsCsv {
  private readonly lines = new WeakMap<ConnectionStatsRow, string>();

  constructor(readonly mode: CsvMode = 'pandas') {}

  csv(rows: readonly ConnectionStatsRow[]): string {
    return linesCsv(
      CONNECTION_STATS_CSV,
      rows.map(r => this.line(r)),
    );
  }

  private line(r: ConnectionStatsRow): string {
    let line = this.lines.get(r);
    if (line === undefined) {
      line = rowLine(CONNECTION_STATS_CSV, r, this.mode);
      this.lines.set(r, line);
    }
    return line;
  }
}

export const connectionStatsCsv = (
  rows: readonly ConnectionStatsRow[],
  mode: CsvMode = 'pandas',
): string => toCsv(CONNECTION_STATS_CSV, rows, mode);

const PROGRESSION_CSV: readonly CsvColumn<ProgressionPoint>[] = [
  col('number', 'int', p => p.number),
  col('user', 'str', p => p.user),
  col('session', 'str', p => p.session),
  col('timestamp', 'float', p => p.timestamp),
];

/** `pd.DataFrame(list_of_dicts)`: no rows means no columns either. */
export const progressionCsv = (
  points: readonly ProgressionPoint[],
  mode: CsvMode = 'pandas',
): string => (points.length ? toCsv(PROGRESSION_CSV, points, mode) : unparse([], []));

const QOE_PROGRESSION_CSV: readonly CsvColumn<QoePoint>[] = [
  col('time_group', 'float', p => p.time_group),
  col('qoe', 'float', p => p.qoe),
];

export const qoeProgressionCsv = (points: readonly QoePoint[], mode: CsvMode = 'pandas'): string =>
  toCsv(QOE_PROGRESSION_CSV, points, mode);

/** `cpu_start_durations_df`: `threshold`, then `median/mean/min/max/std <label>`. */
export function cpuThresholdsCsv(
  label: string,
  table: readonly BandStats[],
  mode: CsvMode = 'pandas',
): string {
  return toCsv(
    [
      col<BandStats>('threshold', 'str', b => b.threshold),
      col<BandStats>(`median ${label}`, 'float', b => b.median),
      col<BandStats>(`mean ${label}`, 'float', b => b.mean),
      col<BandStats>(`min ${label}`, 'float', b => b.min),
      col<BandStats>(`max ${label}`, 'float', b => b.max),
      col<BandStats>(`std ${label}`, 'float', b => b.std),
    ],
    table,
    mode,
  );
}

/** Integer-valued keys of the notebook's dicts (Python ints → int64 columns). */
const INT_KEYS = new Set(['len(X)', 'len(Y)', 'len(outliers(X))', 'len(outliers(Y))']);
const INT_FIELDS = new Set(['statistic_sign']);

function kindOf(key: string, value: unknown): CellKind {
  if (typeof value === 'string') return 'str';
  const field = key.slice(key.lastIndexOf(' ') + 1);
  return INT_KEYS.has(key) || INT_FIELDS.has(field) ? 'int' : 'float';
}

/** Python's `str()` of a list of floats (the Anderson-Darling critical values). */
const pyList = (values: readonly unknown[]): string =>
  `[${values.map(v => (typeof v === 'number' ? pyFloat(v) : typeof v === 'string' ? pyStr(v) : String(v))).join(', ')}]`;

/** One row's cells, nested result objects flattened to `"<key> <field>"`. */
function flattenRow(
  row: Readonly<Record<string, unknown>>,
  mode: CsvMode,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(row)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [field, v] of Object.entries(value as Record<string, unknown>)) {
        const name = `${key} ${field}`;
        out.push([name, Array.isArray(v) ? pyList(v) : cellText(kindOf(name, v), v, mode)]);
      }
    } else out.push([key, cellText(kindOf(key, value), value, mode)]);
  }
  return out;
}

/** A list of dicts as `pd.DataFrame(rows).to_csv(index=False)`: columns in order of first appearance. */
export function recordsCsv(
  rows: readonly Readonly<Record<string, unknown>>[],
  mode: CsvMode = 'pandas',
): string {
  const header: string[] = [];
  const index = new Map<string, number>();
  const flat = rows.map(r => flattenRow(r, mode));
  for (const cells of flat)
    for (const [name] of cells)
      if (!index.has(name)) {
        index.set(name, header.length);
        header.push(name);
      }
  const body = flat.map(cells => {
    const line = header.map(() => '');
    for (const [name, text] of cells) line[index.get(name) as number] = text;
    return line;
  });
  return unparse(header, body);
}

export const basicsCsv = (rows: readonly BasicsRow[], mode: CsvMode = 'pandas'): string =>
  recordsCsv(rows, mode);
export const comparisonsCsv = (rows: readonly ComparisonRow[], mode: CsvMode = 'pandas'): string =>
  recordsCsv(rows, mode);

/** JSON text with NaN and ±Infinity as null (strict JSON). */
export function jsonText(value: unknown): string {
  return (
    JSON.stringify(
      value,
      (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
      2,
    ) + '\n'
  );
}
