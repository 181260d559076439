/**
 * Platform metrics exported from Elasticsearch (OPENVIDU-REPORTING.md §1.4.1, FORMATS.md §2.5):
 * - `loadtest-openvidu-metrics-*` documents `{@timestamp, metric, value, unit, source}`, one per
 *   30-s Prometheus step (participants, rooms, bandwidth, packet loss, RTT/jitter p95, quality…);
 * - `metricbeat-*` documents with `fields.node_role` (medianode, masternode, browseremulator),
 *   `host.name` and `system.cpu.total.norm.pct` / `system.memory.actual.used.pct` (0–1 fractions),
 *   which give CPU and memory per node.
 * Accepted shapes: NDJSON (one document per line, as `elasticdump` or a scroll export writes), a JSON
 * array, or a search response (`hits.hits[]._source`). Bad lines are reported and skipped.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { MetricSeries } from './model';
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

function documentsOf(text: string, file: string, out: Diagnostic[]): { doc: Doc; line?: number }[] {
  const trimmed = text.trimStart();
  if (
    trimmed.startsWith('[') ||
    (trimmed.startsWith('{') && /"hits"\s*:/.test(text.slice(0, 4096)))
  ) {
    try {
      const value: unknown = JSON.parse(text);
      const list = Array.isArray(value)
        ? value
        : ((pick(value as Doc, 'hits.hits') as unknown[]) ?? []);
      return list.map(d => ({ doc: ((d as Doc)._source as Doc) ?? (d as Doc) }));
    } catch (err) {
      out.push(
        diagnostic(
          'error',
          'metrics.json',
          file,
          `Not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
      return [];
    }
  }
  const docs: { doc: Doc; line?: number }[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      const value = JSON.parse(raw) as Doc;
      docs.push({ doc: (value._source as Doc) ?? value, line: i + 1 });
    } catch {
      out.push(
        diagnostic('warning', 'metrics.badLine', file, 'Line is not a JSON document; skipped.', {
          line: i + 1,
        }),
      );
    }
  });
  return docs;
}

function timeOf(doc: Doc): number | undefined {
  const t = pick(doc, '@timestamp');
  const ms = typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** Reads one exported file; never throws. */
export function parsePlatformDocs(text: string, file: string): PlatformDocs {
  const diagnostics: Diagnostic[] = [];
  const docs = documentsOf(text, file, diagnostics);
  const series = new Map<
    string,
    {
      name: string;
      unit: string;
      node?: string;
      role?: string;
      origin: 'elasticsearch' | 'metricbeat';
      points: { t: number; v: number }[];
    }
  >();
  const add = (
    key: string,
    init: () => {
      name: string;
      unit: string;
      node?: string;
      role?: string;
      origin: 'elasticsearch' | 'metricbeat';
    },
    t: number,
    v: number,
  ): void => {
    let s = series.get(key);
    if (!s) series.set(key, (s = { ...init(), points: [] }));
    s.points.push({ t, v });
  };
  let skipped = 0;
  for (const { doc, line } of docs) {
    const t = timeOf(doc);
    const metric = pick(doc, 'metric');
    const role = pick(doc, 'fields.node_role');
    if (t === undefined) {
      skipped++;
      if (skipped <= 5)
        diagnostics.push(
          diagnostic(
            'warning',
            'metrics.noTime',
            file,
            'Document without a readable @timestamp; skipped.',
            { line },
          ),
        );
      continue;
    }
    if (typeof metric === 'string') {
      const value = Number(pick(doc, 'value'));
      if (!Number.isFinite(value)) continue; // Prometheus NaN points are dropped by the controller too
      const unit = String(pick(doc, 'unit') ?? PLATFORM_METRIC_UNITS[metric] ?? '');
      add(`m:${metric}`, () => ({ name: metric, unit, origin: 'elasticsearch' }), t, value);
    } else if (typeof role === 'string') {
      const node = String(pick(doc, 'host.name') ?? pick(doc, 'agent.hostname') ?? role);
      const cpu = Number(pick(doc, 'system.cpu.total.norm.pct'));
      const mem = Number(
        pick(doc, 'system.memory.actual.used.pct') ?? pick(doc, 'system.memory.used.pct'),
      );
      if (Number.isFinite(cpu))
        add(
          `cpu:${role}:${node}`,
          () => ({ name: 'cpu', unit: '%', node, role, origin: 'metricbeat' }),
          t,
          cpu * 100,
        );
      if (Number.isFinite(mem))
        add(
          `mem:${role}:${node}`,
          () => ({ name: 'memory', unit: '%', node, role, origin: 'metricbeat' }),
          t,
          mem * 100,
        );
    } else {
      skipped++;
      if (skipped <= 5)
        diagnostics.push(
          diagnostic(
            'info',
            'metrics.unknownDoc',
            file,
            'Document is neither a platform metric (metric/value) nor a Metricbeat node document (fields.node_role); skipped.',
            { line },
          ),
        );
    }
  }
  if (skipped > 5)
    diagnostics.push(
      diagnostic('info', 'metrics.skipped', file, `${skipped} documents skipped in all.`),
    );
  return {
    series: [...series.values()].map(s => ({
      ...s,
      approximate: false,
      points: s.points.sort((a, b) => a.t - b.t),
    })),
    documents: docs.length,
    diagnostics,
  };
}
