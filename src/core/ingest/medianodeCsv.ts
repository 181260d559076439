/**
 * `dfs_final/<test>-medianode.csv`: `@timestamp,cpu,memory` exported from Metricbeat
 * (FORMATS.md §2.5), cpu and memory as 0–1 fractions. The notebook reads it with pandas and
 * drops missing values per column (`dropna` after dropping the other column), so a row with an
 * empty memory cell still counts for CPU.
 */
import Papa from 'papaparse';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { NodeSeries } from '../model/types';

export interface MedianodeCsv {
  readonly series: NodeSeries;
  readonly diagnostics: Diagnostic[];
}

const REQUIRED = ['@timestamp', 'cpu', 'memory'] as const;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses an ISO timestamp; one without a zone is read as UTC (`naive` tells the caller). */
function parseTime(text: string): { time: number; naive: boolean } {
  const trimmed = text.trim();
  const naive = trimmed !== '' && !HAS_ZONE.test(trimmed);
  const iso = naive ? `${trimmed.replace(' ', 'T')}Z` : trimmed;
  return { time: Date.parse(iso), naive };
}

/** A cell as a number: empty → NaN without complaint; garbage → NaN with a diagnostic. */
function parseCell(cell: string | undefined, onBad: () => void): number {
  if (cell === undefined || cell.trim() === '') return NaN;
  const value = Number(cell);
  if (!Number.isFinite(value)) {
    onBad();
    return NaN;
  }
  return value;
}

export function parseMedianodeCsv(text: string, file: string): MedianodeCsv {
  const diagnostics: Diagnostic[] = [];
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [header = [], ...rows] = parsed.data;
  const columns = header.map(h => h.trim());
  const index = Object.fromEntries(REQUIRED.map(name => [name, columns.indexOf(name)])) as Record<
    (typeof REQUIRED)[number],
    number
  >;
  const missing = REQUIRED.filter(name => index[name] < 0);
  if (missing.length > 0) {
    diagnostics.push(
      diagnostic(
        'error',
        'csv.missingColumn',
        file,
        `Missing column(s) ${missing.join(', ')}; header is "${columns.join(',')}".`,
        {
          line: 1,
        },
      ),
    );
  }
  const time: number[] = [];
  const cpu: number[] = [];
  const memory: number[] = [];
  let naiveCount = 0;
  rows.forEach((row, i) => {
    const line = i + 2;
    const t = parseTime(row[index['@timestamp']] ?? '');
    if (!Number.isFinite(t.time)) {
      diagnostics.push(
        diagnostic(
          'warning',
          'csv.badTimestamp',
          file,
          `Row has no valid @timestamp ("${row[index['@timestamp']] ?? ''}"); skipped.`,
          { line },
        ),
      );
      return;
    }
    if (t.naive) naiveCount++;
    const bad = (column: string) => () =>
      diagnostics.push(
        diagnostic(
          'warning',
          'csv.badNumber',
          file,
          `"${column}" is not a number; treated as missing.`,
          { line },
        ),
      );
    time.push(t.time);
    cpu.push(index.cpu < 0 ? NaN : parseCell(row[index.cpu], bad('cpu')));
    memory.push(index.memory < 0 ? NaN : parseCell(row[index.memory], bad('memory')));
  });
  if (naiveCount > 0) {
    diagnostics.push(
      diagnostic(
        'info',
        'csv.naiveTimestamp',
        file,
        `${naiveCount} timestamp(s) have no time zone; read as UTC.`,
      ),
    );
  }
  for (const err of parsed.errors) {
    if (err.type === 'Delimiter') continue;
    diagnostics.push(
      diagnostic('warning', 'csv.syntax', file, err.message, { line: (err.row ?? 0) + 2 }),
    );
  }
  return { series: sortSeries(time, cpu, memory), diagnostics };
}

/** Rows sorted by time (exports are not guaranteed to be ordered), as typed arrays. */
function sortSeries(time: number[], cpu: number[], memory: number[]): NodeSeries {
  const order = time.map((_, i) => i).sort((a, b) => (time[a] as number) - (time[b] as number));
  return {
    time: Float64Array.from(order, i => time[i] as number),
    cpu: Float64Array.from(order, i => cpu[i] as number),
    memory: Float64Array.from(order, i => memory[i] as number),
  };
}
