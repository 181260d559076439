/**
 * PNG and CSV export for every chart view. The webview cannot write files: it renders the bytes
 * (PNG of the chart canvases on the theme's background, CSV of the data it drew) and sends them
 * to the host in an `exportFile` request; the host validates it, asks where to save with a save
 * dialog and writes only there (src/extension/exportSave.ts), and answers where it was saved.
 */
import type { ExportFile, ExportFormat, ExportResult } from '../../shared/views/common';
import { csvLines } from '../../shared/csv';
import { spreadsheetSafe } from '../../shared/spreadsheet';
import { el } from './dom';

/** A CSV cell: numbers are written in full precision, NaN/undefined as an empty cell. */
export type CsvCell = string | number | undefined;

function cellText(cell: CsvCell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return spreadsheetSafe(cell);
}

/** RFC 4180 CSV (CRLF line ends) with a header line, quoted as `analyze` quotes its files. */
export function csvText(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return csvLines(
    header,
    rows.map(r => r.map(cellText)),
    '\r\n',
  );
}

/** A file name from user strings (a test name): only `[A-Za-z0-9._ -]`, at most 100 characters. */
export function exportName(parts: readonly string[], format: ExportFormat): string {
  const stem = parts
    .join('-')
    .replace(/[^A-Za-z0-9._ -]+/g, '_')
    .replace(/^[.\s]+/, '')
    .slice(0, 100);
  return `${stem || 'chart'}.${format}`;
}

/**
 * The canvases stacked top to bottom on `background` (charts are transparent; a PNG of them alone
 * would lose its background in other viewers), at the canvases' device-pixel size, as base64.
 */
export function canvasesPng(canvases: readonly HTMLCanvasElement[], background: string): string {
  const width = Math.max(1, ...canvases.map(c => c.width));
  const height = Math.max(
    1,
    canvases.reduce((h, c) => h + c.height, 0),
  );
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  if (ctx) {
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, width, height);
    let y = 0;
    for (const c of canvases) {
      ctx.drawImage(c, 0, y);
      y += c.height;
    }
  }
  return out.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}

export interface ExportSource {
  readonly test: () => string | undefined;
  /** File-name parts besides the test (e.g. the view and variant), per format. */
  readonly nameParts: (format: ExportFormat) => readonly string[];
  readonly canvases: () => readonly HTMLCanvasElement[];
  readonly background: () => string;
  /** Header and rows of the drawn data. */
  readonly csv: () => { header: readonly string[]; rows: readonly (readonly CsvCell[])[] };
  /** Sends the export to the host; settles with its answer. */
  readonly request: (file: ExportFile) => Promise<ExportResult>;
}

/** The export of `format` for what the view draws now, or undefined (no test). */
export function exportMessage(source: ExportSource, format: ExportFormat): ExportFile | undefined {
  const test = source.test();
  if (test === undefined) return undefined;
  const name = exportName([test, ...source.nameParts(format)], format);
  if (format === 'png') {
    const data = canvasesPng(source.canvases(), source.background());
    return { test, format, name, data };
  }
  const { header, rows } = source.csv();
  return { test, format, name, data: csvText(header, rows) };
}

/** "Export PNG" and "Export CSV" buttons, with a live status line for the host's answer. */
export function exportButtons(source: ExportSource): HTMLElement {
  const button = (format: ExportFormat, text: string) => {
    const b = el('button', { id: `export-${format}`, type: 'button' }, text);
    b.addEventListener('click', () => {
      const message = exportMessage(source, format);
      if (!message) return;
      setExportStatus(`Saving ${format.toUpperCase()}…`);
      source.request(message).then(
        result => setExportStatus(result.message),
        (err: unknown) => setExportStatus(`Could not save: ${String(err)}`),
      );
    });
    return b;
  };
  return el(
    'span',
    { class: 'export-actions' },
    button('png', 'Export PNG'),
    button('csv', 'Export CSV'),
    el('span', { id: 'export-status', class: 'note', role: 'status', 'aria-live': 'polite' }),
  );
}

export function setExportStatus(text: string): void {
  const status = document.getElementById('export-status');
  if (status) status.textContent = text;
}
