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

function toRow(r: Record<string, string>): ConnectionStatsRow {
  const metric = r['qoe_metric'];
  return {
    type: r['type'] as SegmentType,
    start_time: num(r['start_time']),
    end_time: num(r['end_time']),
    total_duration: num(r['total_duration']),
    attempt: num(r['attempt']),
    batch: num(r['batch']),
    user: intText(r['user']),
    session: intText(r['session']),
    full_user: r['full_user'] ?? '',
    cpu_mean: num(r['cpu_mean']),
    cpu_start: num(r['cpu_start']),
    cpu_end: num(r['cpu_end']),
    cpu_median: num(r['cpu_median']),
    cpu_max: num(r['cpu_max']),
    cpu_min: num(r['cpu_min']),
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
