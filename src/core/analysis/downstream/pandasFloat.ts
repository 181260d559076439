/**
 * The notebook's cell 16 reads `connection_stats.csv` back with `pd.read_csv`, whose default
 * float converter (pandas ≥ 1.2 "high", `precise_xstrtod` in pandas/_libs/src/parser/tokenizer.c)
 * is not correctly rounded: it accumulates up to 17 digits in a double and scales by a table of
 * powers of ten, so a value can come back 1 ulp away from what `to_csv` wrote. That moves ties
 * in the rank tests (Mann–Whitney U by 0.5, Kruskal–Wallis, Fligner, Anderson–Darling). The
 * notebook profile reproduces it: every float goes through `repr` and this converter.
 */
import { CONNECTION_STATS_COLUMNS, type ConnectionStatsRow } from '../types';
import { pyFloat } from '../../format/pandasText';

const POW10: number[] = Array.from({ length: 309 }, (_, k) => Number(`1e${k}`));

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** pandas' `precise_xstrtod` on a complete cell (decimal '.', no thousands separator). */
export function pandasParseFloat(text: string): number {
  let p = 0;
  while (text.charCodeAt(p) === 32) p++;
  let negative = false;
  if (text[p] === '-' || text[p] === '+') negative = text[p++] === '-';
  let num = 0;
  let exponent = 0;
  let digits = 0;
  let decimals = 0;
  const MAX = 17;
  while (isDigit(text.charCodeAt(p))) {
    if (digits < MAX) {
      num = num * 10 + (text.charCodeAt(p) - 48);
      digits++;
    } else exponent++;
    p++;
  }
  if (text[p] === '.') {
    p++;
    while (digits < MAX && isDigit(text.charCodeAt(p))) {
      num = num * 10 + (text.charCodeAt(p) - 48);
      digits++;
      decimals++;
      p++;
    }
    while (isDigit(text.charCodeAt(p))) p++;
    exponent -= decimals;
  }
  if (digits === 0) return Number(text); // inf, nan: pandas' own handling, rare
  if (negative) num = -num;
  if (text[p] === 'e' || text[p] === 'E') {
    p++;
    let expNegative = false;
    if (text[p] === '-' || text[p] === '+') expNegative = text[p++] === '-';
    let n = 0;
    let nd = 0;
    while (nd < MAX && isDigit(text.charCodeAt(p))) {
      n = n * 10 + (text.charCodeAt(p) - 48);
      nd++;
      p++;
    }
    exponent += expNegative ? -n : n;
  }
  if (exponent > 308) return negative ? -Infinity : Infinity;
  if (exponent > 0) return num * (POW10[exponent] as number);
  if (exponent < -308) {
    if (exponent < -616) return 0;
    return num / (POW10[-308 - exponent] as number) / (POW10[308] as number);
  }
  return num / (POW10[-exponent] as number);
}

/**
 * `read_csv(to_csv(x))` for one float64 value. Where `repr(x)` has at most 15 digits in plain
 * notation (an integer below 1e15, or a text of at most 16 characters without an exponent), the
 * converter's accumulated digits are an exact integer and its one division by an exact power of
 * ten is correctly rounded, so it gives `x` back: only longer texts are parsed.
 */
export function csvRoundTrip(x: number): number {
  if (!Number.isFinite(x) || (Number.isInteger(x) && Math.abs(x) < 1e15)) return x;
  const text = pyFloat(x);
  return text.length <= 16 && !text.includes('e') ? x : pandasParseFloat(text);
}

/** Columns pandas does not read as float64: text, and `batch` (int64). */
const NOT_FLOAT = new Set<string>([
  'type',
  'batch',
  'user',
  'session',
  'full_user',
  'qoe_metric',
  'index',
]);

/** The columns of a row that hold numbers. */
type NumberColumn = {
  [K in keyof ConnectionStatsRow]-?: ConnectionStatsRow[K] extends number | undefined ? K : never;
}[keyof ConnectionStatsRow];

/** The float64 columns of connection_stats, which cell 16 reads back through the converter. */
const FLOAT_COLUMNS = CONNECTION_STATS_COLUMNS.filter((c): c is NumberColumn => !NOT_FLOAT.has(c));

/** One row as cell 16 sees it: the row itself when no value moves (most rows), else a copy. */
function readRowBack(r: ConnectionStatsRow): ConnectionStatsRow {
  let copy: Record<string, unknown> | undefined;
  for (const column of FLOAT_COLUMNS) {
    const x = r[column];
    if (x === undefined) continue;
    const back = csvRoundTrip(x);
    if (Object.is(back, x)) continue;
    copy ??= { ...r };
    copy[column] = back;
  }
  return (copy as ConnectionStatsRow | undefined) ?? r;
}

/** The rows as the notebook's cell 16 sees them after writing and reading the CSV. */
export function readBackAsPandas(rows: readonly ConnectionStatsRow[]): ConnectionStatsRow[] {
  return rows.map(readRowBack);
}
