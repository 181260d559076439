/**
 * `dfs_final/<test>-medianode.csv`: `@timestamp,cpu,memory` exported from Metricbeat
 * (FORMATS.md §2.5), cpu and memory as 0–1 fractions. The notebook reads it with pandas and
 * drops missing values per column (`dropna` after dropping the other column), so a row with an
 * empty memory cell still counts for CPU.
 */
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { diagnostic, DiagnosticList, type Diagnostic } from '../model/diagnostic';
import type { NodeSeries } from '../model/test';
import { readFailure } from './readFailure';

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

/**
 * A number written with a decimal comma (`0,0329`): what a spreadsheet in a comma-decimal locale
 * (es, de, fr, it, pt…) writes when it saves the CSV again, with `;` between the cells. pandas
 * never writes one, and cpu and memory are 0–1 fractions, so the comma cannot be a thousands
 * separator.
 */
const DECIMAL_COMMA = /^\s*[+-]?\d*,\d+(?:[eE][+-]?\d+)?\s*$/;

interface CellHandlers {
  readonly onBad: () => void;
  readonly onDecimalComma: (cell: string) => void;
}

/**
 * A cell as a number: empty → NaN without complaint; a decimal comma → the number, reported once
 * per file by the caller; garbage → NaN with a diagnostic.
 */
function parseCell(cell: string | undefined, on: CellHandlers): number {
  if (cell === undefined || cell.trim() === '') return NaN;
  const value = Number(cell);
  if (Number.isFinite(value)) return value;
  if (DECIMAL_COMMA.test(cell)) {
    on.onDecimalComma(cell.trim());
    return Number(cell.replace(',', '.'));
  }
  on.onBad();
  return NaN;
}

type Column = (typeof REQUIRED)[number];

/** Takes the CSV's rows one at a time (from a string or a stream) and builds the series. */
class MedianodeRows {
  private index: Record<Column, number> | undefined;
  private line = 0;
  private naiveCount = 0;
  /** The first cell read with a decimal comma, its line, and how many there were. */
  private decimalComma: { cell: string; line: number; count: number } | undefined;
  private readonly time: number[] = [];
  private readonly cpu: number[] = [];
  private readonly memory: number[] = [];
  readonly diagnostics: Diagnostic[] = new DiagnosticList();

  constructor(private readonly file: string) {}

  /** One parsed row; every physical line counts, so line numbers stay right past empty lines. */
  row(row: string[]): void {
    this.line++;
    if (row.length === 1 && (row[0] ?? '').trim() === '') return;
    if (!this.index) this.header(row);
    else this.sample(row);
  }

  syntaxError(message: string): void {
    this.warn('csv.syntax', message);
  }

  private warn(code: string, message: string): void {
    this.diagnostics.push(diagnostic('warning', code, this.file, message, { line: this.line }));
  }

  private header(row: string[]): void {
    const columns = row.map(h => h.trim());
    this.index = Object.fromEntries(REQUIRED.map(name => [name, columns.indexOf(name)])) as Record<
      Column,
      number
    >;
    const missing = REQUIRED.filter(name => this.index?.[name] === -1);
    if (missing.length > 0) {
      const message = `Missing column(s) ${missing.join(', ')}; header is "${columns.join(',')}".`;
      this.diagnostics.push(
        diagnostic('error', 'csv.missingColumn', this.file, message, { line: this.line }),
      );
    }
  }

  private cell(row: string[], column: Column): number {
    const at = this.index?.[column] ?? -1;
    return at < 0
      ? NaN
      : parseCell(row[at], {
          onBad: () =>
            this.warn('csv.badNumber', `"${column}" is not a number; treated as missing.`),
          onDecimalComma: cell => this.sawDecimalComma(cell),
        });
  }

  private sawDecimalComma(cell: string): void {
    if (this.decimalComma) this.decimalComma.count++;
    else this.decimalComma = { cell, line: this.line, count: 1 };
  }

  /** One finding for all the decimal commas of the file, at the first one's line. */
  private reportDecimalComma(): void {
    const seen = this.decimalComma;
    if (!seen) return;
    const example = `"${seen.cell}" as ${seen.cell.replace(',', '.')}`;
    const message = `${seen.count.toLocaleString('en-US')} value(s) are written with a decimal comma, as a spreadsheet in a comma-decimal locale saves a CSV (pandas writes a point): read ${example}.`;
    this.diagnostics.push(
      diagnostic('info', 'csv.decimalComma', this.file, message, { line: seen.line }),
    );
  }

  private sample(row: string[]): void {
    const raw = row[this.index?.['@timestamp'] ?? -1] ?? '';
    const t = parseTime(raw);
    if (!Number.isFinite(t.time)) {
      this.warn('csv.badTimestamp', `Row has no valid @timestamp ("${raw}"); skipped.`);
      return;
    }
    if (t.naive) this.naiveCount++;
    this.time.push(t.time);
    this.cpu.push(this.cell(row, 'cpu'));
    this.memory.push(this.cell(row, 'memory'));
  }

  /**
   * pandas ends every row with a line end, the last one too: a file that ends without one was
   * probably cut (a copy or download interrupted), and its last row may hold part of a number
   * (`0.23` of `0.2331`). The row is kept; the finding says which.
   */
  endedWithoutLineEnd(): void {
    if (!this.index || this.time.length === 0) return;
    this.warn(
      'csv.noFinalLineEnd',
      'The file does not end with a line end, as pandas ends every row: it may be cut, and the values of this last row with it (kept as read).',
    );
  }

  finish(): MedianodeCsv {
    this.reportDecimalComma();
    if (this.naiveCount > 0) {
      const message = `${this.naiveCount} timestamp(s) have no time zone; read as UTC.`;
      this.diagnostics.push(diagnostic('info', 'csv.naiveTimestamp', this.file, message));
    }
    if (!this.index)
      this.diagnostics.push(
        diagnostic('error', 'csv.empty', this.file, 'The CSV is empty (no header).'),
      );
    return { series: sortSeries(this.time, this.cpu, this.memory), diagnostics: this.diagnostics };
  }
}

function stepTo(rows: MedianodeRows) {
  return (results: Papa.ParseStepResult<string[]>) => {
    rows.row(results.data);
    for (const err of results.errors) if (err.type !== 'Delimiter') rows.syntaxError(err.message);
  };
}

/** A text that does not end with a line end (an empty one does not count). */
const CUT_END = /[^\r\n]$/;

export function parseMedianodeCsv(text: string, file: string): MedianodeCsv {
  const rows = new MedianodeRows(file);
  Papa.parse<string[]>(text, { step: stepTo(rows) });
  if (CUT_END.test(text)) rows.endedWithoutLineEnd();
  return rows.finish();
}

/** Streams the CSV from disk (papaparse over a read stream); a read error becomes a diagnostic. */
export function readMedianodeCsv(file: string): Promise<MedianodeCsv> {
  const rows = new MedianodeRows(file);
  return new Promise(resolve => {
    const stream = createReadStream(file, { encoding: 'utf8' });
    let last = '';
    stream.on('data', (chunk: string | Buffer) => {
      if (chunk.length > 0) last = String(chunk).slice(-1);
    });
    stream.on('error', err => {
      rows.diagnostics.push(readFailure(file, err, 'CSV'));
      resolve(rows.finish());
    });
    Papa.parse<string[]>(stream as unknown as File, {
      step: stepTo(rows),
      complete: () => {
        if (CUT_END.test(last)) rows.endedWithoutLineEnd();
        resolve(rows.finish());
      },
    });
  });
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
