/**
 * Reads a `connection_stats.csv` (the notebook's `dfs_aux/connection_stats.csv`, or ours) back
 * into rows, as the notebook's cell 16 does with `pd.read_csv`: empty cells are NaN, numbers are
 * parsed, `user`/`session` keep their integer text.
 */
import Papa from 'papaparse';
import {
  CONNECTION_STATS_COLUMNS,
  type ConnectionStatsRow,
  type QoeMetric,
  type SegmentType,
} from '../analysis/types';

export interface ParsedConnectionStats {
  readonly rows: ConnectionStatsRow[];
  /** Problems found (missing columns, unknown types), one line each. */
  readonly problems: string[];
}

const SEGMENT_TYPES = new Set<SegmentType>([
  'connectionStart',
  'connectionSuccess',
  'connectionFail',
  'QOE',
]);

const num = (s: string | undefined): number => (s === undefined || s === '' ? NaN : Number(s));

/** `3.0` and `03` read back as the int64 pandas makes of them. */
const intText = (s: string | undefined): string =>
  s !== undefined && /^-?\d+(\.0*)?$/.test(s) ? String(Number(s)) : (s ?? '');

/** The cells of `names` read as numbers (empty: NaN), keyed by column. */
function numbers<K extends string>(
  r: Record<string, string>,
  names: readonly K[],
): Record<K, number> {
  return Object.fromEntries(names.map(n => [n, num(r[n])])) as Record<K, number>;
}

const TIMING_COLUMNS = ['start_time', 'end_time', 'total_duration', 'attempt', 'batch'] as const;
const CPU_COLUMNS = [
  'cpu_mean',
  'cpu_start',
  'cpu_end',
  'cpu_median',
  'cpu_max',
  'cpu_min',
] as const;

function toRow(r: Record<string, string>): ConnectionStatsRow {
  const metric = r['qoe_metric'];
  return {
    type: r['type'] as SegmentType,
    ...numbers(r, TIMING_COLUMNS),
    user: intText(r['user']),
    session: intText(r['session']),
    full_user: r['full_user'] ?? '',
    ...numbers(r, CPU_COLUMNS),
    ...(r['qoe'] !== undefined && r['qoe'] !== '' ? { qoe: num(r['qoe']) } : {}),
    ...(metric === 'vmaf' || metric === 'visqol' ? { qoe_metric: metric as QoeMetric } : {}),
    index: r['index'] ?? '',
  };
}

export function parseConnectionStatsCsv(text: string): ParsedConnectionStats {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const fields = parsed.meta.fields ?? [];
  const problems: string[] = [];
  const missing = CONNECTION_STATS_COLUMNS.filter(
    c => c !== 'qoe' && c !== 'qoe_metric' && !fields.includes(c),
  );
  if (missing.length) problems.push(`missing column(s): ${missing.join(', ')}`);
  for (const e of parsed.errors.slice(0, 5))
    problems.push(`line ${(e.row ?? 0) + 2}: ${e.message}`);
  if (missing.length) return { rows: [], problems };
  const rows: ConnectionStatsRow[] = [];
  parsed.data.forEach((r, i) => {
    if (!SEGMENT_TYPES.has(r['type'] as SegmentType)) {
      problems.push(`line ${i + 2}: unknown type "${r['type'] ?? ''}", row skipped`);
      return;
    }
    rows.push(toRow(r));
  });
  return { rows, problems };
}
