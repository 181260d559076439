/**
 * Platform metrics exported from Elasticsearch (OPENVIDU-REPORTING.md §1.4.1, FORMATS.md §2.5):
 * - `loadtest-openvidu-metrics-*` documents `{@timestamp, metric, value, unit, source}`, one per
 *   30-s Prometheus step (participants, rooms, bandwidth, packet loss, RTT/jitter p95, quality…);
 * - `metricbeat-*` documents with `fields.node_role` (medianode, masternode, browseremulator),
 *   `host.name` and `system.cpu.total.norm.pct` / `system.memory.actual.used.pct` (0–1 fractions),
 *   which give CPU and memory per node.
 * Accepted shapes: NDJSON (one document per line, as `elasticdump` or a scroll export writes), a JSON
 * array, or a search response (`hits.hits[]._source`). Bad lines are reported and skipped.
 *
 * A file is streamed line by line when it is NDJSON (a 560 MiB Metricbeat export is longer than
 * the longest string V8 can hold): memory holds one chunk, one line and the points read. A JSON
 * array or search response must be parsed whole; over `WHOLE_FILE_CAP.jsonExport` it is skipped
 * with a diagnostic that says to export NDJSON instead.
 */
import { DiagnosticList, diagnostic, type Diagnostic } from '../model/diagnostic';
import { decodeUtf8 } from '../ingest/readFile';
import {
  openRegularFile,
  streamLines,
  tooLarge,
  WHOLE_FILE_CAP,
  type StreamOptions,
} from './folderFile';
import type { MetricSeries } from '../model/run';
import { PLATFORM_METRIC_UNITS } from './reportHtml';

export interface PlatformDocs {
  readonly series: MetricSeries[];
  readonly documents: number;
  readonly diagnostics: Diagnostic[];
}

type Doc = Record<string, unknown>;

/** `a.b.c` from nested objects or from a flat `"a.b.c"` key (both occur in exports). */
export function pick(doc: Doc, path: string): unknown {
  if (path in doc) return doc[path];
  let cur: unknown = doc;
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const obj = cur as Doc;
    const rest = parts.slice(i).join('.');
    if (rest in obj) return obj[rest];
    cur = obj[parts[i]!];
  }
  return cur;
}

function timeOf(doc: Doc): number | undefined {
  const t = pick(doc, '@timestamp');
  const ms = typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

type Origin = 'elasticsearch' | 'metricbeat';

interface SeriesHead {
  name: string;
  unit: string;
  node?: string;
  role?: string;
  origin: Origin;
}

/** Documents in, series out: the same for a whole text and for a stream of lines. */
class DocsReader {
  readonly diagnostics: Diagnostic[] = new DiagnosticList();
  private readonly series = new Map<string, SeriesHead & { points: { t: number; v: number }[] }>();
  private documents = 0;
  private skipped = 0;

  constructor(private readonly file: string) {}

  private add(key: string, init: () => SeriesHead, t: number, v: number): void {
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { ...init(), points: [] }));
    s.points.push({ t, v });
  }

  private skip(severity: 'warning' | 'info', code: string, message: string, line?: number): void {
    this.skipped++;
    if (this.skipped <= 5)
      this.diagnostics.push(diagnostic(severity, code, this.file, message, { line }));
  }

  /** One NDJSON line; blank lines are nothing. */
  line(raw: string, line: number): void {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      this.diagnostics.push(
        diagnostic(
          'warning',
          'metrics.badLine',
          this.file,
          'Line is not a JSON document; skipped.',
          {
            line,
          },
        ),
      );
      return;
    }
    this.document(value, line);
  }

  /** One element of a JSON array, one hit of a search response, or one NDJSON document. */
  document(value: unknown, line?: number): void {
    if (value === null || typeof value !== 'object') {
      this.skip('warning', 'metrics.notObject', 'Document is not a JSON object; skipped.', line);
      return;
    }
    this.documents++;
    const doc = ((value as Doc)._source as Doc) ?? (value as Doc);
    const t = timeOf(doc);
    const metric = pick(doc, 'metric');
    const role = pick(doc, 'fields.node_role');
    if (t === undefined) {
      this.skip(
        'warning',
        'metrics.noTime',
        'Document without a readable @timestamp; skipped.',
        line,
      );
    } else if (typeof metric === 'string') {
      const value = Number(pick(doc, 'value'));
      if (!Number.isFinite(value)) return; // Prometheus NaN points are dropped by the controller too
      const unit = String(pick(doc, 'unit') ?? PLATFORM_METRIC_UNITS[metric] ?? '');
      this.add(`m:${metric}`, () => ({ name: metric, unit, origin: 'elasticsearch' }), t, value);
    } else if (typeof role === 'string') {
      const node = String(pick(doc, 'host.name') ?? pick(doc, 'agent.hostname') ?? role);
      const cpu = Number(pick(doc, 'system.cpu.total.norm.pct'));
      const mem = Number(
        pick(doc, 'system.memory.actual.used.pct') ?? pick(doc, 'system.memory.used.pct'),
      );
      const head = (name: string): SeriesHead => ({
        name,
        unit: '%',
        node,
        role,
        origin: 'metricbeat',
      });
      if (Number.isFinite(cpu)) this.add(`cpu:${role}:${node}`, () => head('cpu'), t, cpu * 100);
      if (Number.isFinite(mem)) this.add(`mem:${role}:${node}`, () => head('memory'), t, mem * 100);
    } else {
      this.skip(
        'info',
        'metrics.unknownDoc',
        'Document is neither a platform metric (metric/value) nor a Metricbeat node document (fields.node_role); skipped.',
        line,
      );
    }
  }

  /** A whole JSON array or search response. */
  whole(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.diagnostics.push(
        diagnostic(
          'error',
          'metrics.json',
          this.file,
          `Not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
      return;
    }
    const hits = Array.isArray(value) ? value : pick(value as Doc, 'hits.hits');
    if (!Array.isArray(hits)) {
      this.diagnostics.push(
        diagnostic(
          'error',
          'metrics.shape',
          this.file,
          'Neither a JSON array nor a search response with hits.hits[]; nothing read.',
        ),
      );
      return;
    }
    for (const d of hits) this.document(d);
  }

  finish(): PlatformDocs {
    if (this.skipped > 5)
      this.diagnostics.push(
        diagnostic(
          'info',
          'metrics.skipped',
          this.file,
          `${this.skipped} documents skipped in all.`,
        ),
      );
    return {
      series: [...this.series.values()].map(s => ({
        ...s,
        approximate: false,
        points: s.points.sort((a, b) => a.t - b.t),
      })),
      documents: this.documents,
      diagnostics: this.diagnostics,
    };
  }
}

/** A JSON array or a search response (parsed whole), else NDJSON (read line by line). */
function isWholeJson(head: string): boolean {
  const trimmed = head.replace(/^\ufeff/, '').trimStart();
  return trimmed.startsWith('[') || (trimmed.startsWith('{') && /"hits"\s*:/.test(head));
}

/** Reads one exported text; never throws. */
export function parsePlatformDocs(text: string, file: string): PlatformDocs {
  const reader = new DocsReader(file);
  if (isWholeJson(text.slice(0, 4096))) reader.whole(text);
  else {
    let line = 0;
    for (const raw of text.split(/\r?\n/)) reader.line(raw, ++line);
  }
  return reader.finish();
}

export interface ReadDocsOptions extends StreamOptions {
  /** Largest JSON array / search response read whole (default `WHOLE_FILE_CAP.jsonExport`). */
  readonly maxWholeBytes?: number;
}

/**
 * Reads one export file of a run folder; never throws. NDJSON is streamed (bounded memory);
 * `readable` is false when the file could not be read at all (not a regular file, too large,
 * not JSON) — what it would have given is then missing, and the checks that need it say so.
 */
export async function readPlatformDocsFile(
  file: string,
  options: ReadDocsOptions = {},
): Promise<PlatformDocs & { readable: boolean }> {
  const opened = await openRegularFile(file);
  if ('diagnostic' in opened)
    return { series: [], documents: 0, diagnostics: [opened.diagnostic], readable: false };
  const { handle, size } = opened;
  const reader = new DocsReader(file);
  try {
    const headBytes = Buffer.alloc(Math.min(size, 4096));
    const { bytesRead } = await handle.read(headBytes, 0, headBytes.length, 0);
    const head = headBytes.subarray(0, bytesRead).toString('utf8');
    if (isWholeJson(head)) {
      const cap = options.maxWholeBytes ?? WHOLE_FILE_CAP.jsonExport;
      if (size > cap) {
        const d = tooLarge(file, size, cap, 'a JSON-array or search-response export (read whole)');
        const message = `${d.message} Export it as NDJSON (one document per line, e.g. elasticdump or a scroll export), which is read line by line at any size.`;
        return { series: [], documents: 0, diagnostics: [{ ...d, message }], readable: false };
      }
      const buffer = Buffer.alloc(size);
      let filled = 0;
      for (let n = 1; n > 0 && filled < size; filled += n)
        n = (await handle.read(buffer, filled, size - filled, filled)).bytesRead;
      const { text, diagnostics } = decodeUtf8(buffer.subarray(0, filled), file);
      reader.diagnostics.push(...diagnostics);
      reader.whole(text);
      const r = reader.finish();
      return { ...r, readable: !r.diagnostics.some(d => d.severity === 'error') };
    }
    const complete = await streamLines(
      handle,
      file,
      (line, n) => reader.line(line, n),
      reader.diagnostics,
      options,
    );
    return { ...reader.finish(), readable: complete };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
