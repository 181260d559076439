/**
 * Reads a `connection_stats.csv` (the notebook's `dfs_aux/connection_stats.csv`, or ours) back
 * into rows, as the notebook's cell 16 does with `pd.read_csv`: empty cells are NaN, numbers are
 * parsed, `user`/`session` keep their integer text.
 */
import Papa from 'papaparse';
import {
  CONNECTION_STATS_COLUMNS,
  QOE_METRICS,
  SEGMENT_TYPES,
  type ConnectionStatsRow,
  type QoeMetric,
  type SegmentType,
} from '../analysis/types';

export interface ParsedConnectionStats {
  readonly rows: ConnectionStatsRow[];
  /** Problems found (missing columns, unknown types), one line each. */
  readonly problems: string[];
}

const SEGMENT_TYPE_SET: ReadonlySet<string> = new Set(SEGMENT_TYPES);
const QOE_METRIC_SET: ReadonlySet<string> = new Set(QOE_METRICS);

const num = (s: string | undefined): number => (s === undefined || s === '' ? NaN : Number(s));

/** `3.0` and `03` read back as the int64 pandas makes of them. */
const intText = (s: string | undefined): string =>
  s !== undefined && /^-?\d+(\.0*)?$/.test(s) ? String(Number(s)) : (s ?? '');

type ConnectionStatsColumn = (typeof CONNECTION_STATS_COLUMNS)[number];

/** One cell as the row holds it; undefined leaves an optional column (qoe, qoe_metric) out. */
function cellValue(column: ConnectionStatsColumn, text: string | undefined): unknown {
  switch (column) {
    case 'type':
      return text as SegmentType;
    case 'user':
    case 'session':
      return intText(text);
    case 'full_user':
    case 'index':
      return text ?? '';
    case 'qoe':
      return text === undefined || text === '' ? undefined : num(text);
    case 'qoe_metric':
      return text !== undefined && QOE_METRIC_SET.has(text) ? (text as QoeMetric) : undefined;
    default:
      return num(text);
  }
}

/** The row of a record, its keys in the notebook's column order. */
function toRow(r: Record<string, string>): ConnectionStatsRow {
  const row: Record<string, unknown> = {};
  for (const column of CONNECTION_STATS_COLUMNS) {
    const value = cellValue(column, r[column]);
    if (value !== undefined) row[column] = value;
  }
  return row as unknown as ConnectionStatsRow;
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
    if (!SEGMENT_TYPE_SET.has(r['type'] ?? '')) {
      problems.push(`line ${i + 2}: unknown type "${r['type'] ?? ''}", row skipped`);
      return;
    }
    rows.push(toRow(r));
  });
  return { rows, problems };
}
