/**
 * The controller's `report-<ts>.html` [HEAD] (`report.mustache`, OPENVIDU-REPORTING.md §1.1),
 * read by its structure: one `div#tab-tc-<N>` per test case, each with titled sections
 * (Summary, Configuration, Worker CPU Utilization, OpenVidu Platform Metrics, User Connections).
 * Sections are found by their title text, tables by rows and cells, so cosmetic template changes
 * do not break the reading. Numbers carry thousands separators and scaled units in the JVM's
 * locale (`NumberReader`: a separator before exactly three digits groups). The page's
 * dates (`yyyy-MM-dd HH:mm:ss`) have no zone: they are returned as wall-clock read as UTC and
 * the caller shifts them once the zone is known (`shiftScenarioTimes`).
 */
import { DiagnosticList, diagnostic, type Diagnostic } from '../model/diagnostic';
import {
  attr,
  cells,
  findAll,
  findFirst,
  hasClass,
  lineOf,
  ownText,
  parseHtml,
  tableRows,
  textOf,
  type HtmlElement,
  type HtmlNode,
} from './htmlDom';
import { parseDurationText, parseReportDate } from './javaDate';
import { latinText } from '../ingest/jvmLocale';
import { wallToUtc, type Zone } from '../../shared/zone';
import type { Source } from '../model/run';
import type {
  MetricSummary,
  ReportUser,
  RetryAttempt,
  ScenarioReport,
  WorkerCpu,
} from '../model/scenario';
import { NumberReader } from './numbers';

export interface ReportHtml {
  readonly scenarios: ScenarioReport[];
  readonly diagnostics: Diagnostic[];
}

/** Units of the platform metrics the controller queries (GrafanaPrometheusClient.QUERIES). */
export const PLATFORM_METRIC_UNITS: Readonly<Record<string, string>> = {
  participants: 'participants',
  rooms: 'rooms',
  tracks_published: 'tracks',
  tracks_subscribed: 'tracks',
  participant_join_rate: 'joins/s',
  bandwidth_in: 'bps',
  bandwidth_out: 'bps',
  packets_in: 'pkts/s',
  packets_out: 'pkts/s',
  packet_loss: '%',
  rtt_p95: 'ms',
  jitter_p95: 'ms',
  nack_rate: 'nacks/s',
  pli_rate: 'plis/s',
  quality_score: 'score',
  packet_out_of_order: '%',
  forward_latency_p95: 'ms',
};

const SPARK_HEIGHT = 36;

function sectionsOf(scope: HtmlNode): Map<string, HtmlElement> {
  const sections = new Map<string, HtmlElement>();
  for (const section of findAll(scope, e => hasClass(e, 'section'))) {
    const title = findFirst(section, e => hasClass(e, 'section-title'));
    if (!title) continue;
    const name = textOf(title)
      .replace(/\(\d[\d,.]*\s*total\)/i, '')
      .trim()
      .toLowerCase();
    if (!sections.has(name)) sections.set(name, section);
  }
  return sections;
}

function keyValueRows(
  section: HtmlElement | undefined,
): Map<string, { value: string; cell: HtmlElement }> {
  const map = new Map<string, { value: string; cell: HtmlElement }>();
  const table = section && findFirst(section, e => e.tagName === 'table');
  if (!table) return map;
  for (const row of tableRows(table)) {
    const [k, v] = cells(row);
    if (k && v) map.set(textOf(k).toLowerCase(), { value: textOf(v), cell: v });
  }
  return map;
}

function intOf(
  map: Map<string, { value: string; cell: HtmlElement }>,
  key: string,
  numbers: NumberReader,
): number | undefined {
  const entry = map.get(key);
  const n = entry === undefined ? undefined : numbers.number(entry.value, lineOf(entry.cell));
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

function percentOf(cell: HtmlElement, numbers: NumberReader): number | undefined {
  const text = textOf(findFirst(cell, e => hasClass(e, 'cpu-text')) ?? cell);
  return numbers.withUnit(text, lineOf(cell))?.value;
}

function workerCpu(
  section: HtmlElement | undefined,
  file: string,
  out: Diagnostic[],
  numbers: NumberReader,
): WorkerCpu[] {
  const table = section && findFirst(section, e => e.tagName === 'table');
  if (!table) return [];
  const rows: WorkerCpu[] = [];
  for (const row of tableRows(table)) {
    const c = cells(row);
    if (c.length < 3 || c[0]!.tagName === 'th') continue;
    const avg = percentOf(c[1]!, numbers);
    const max = percentOf(c[2]!, numbers);
    if (avg === undefined || max === undefined) {
      out.push(
        diagnostic(
          'warning',
          'report.badCpu',
          file,
          `Worker CPU row "${textOf(row).slice(0, 80)}" has no readable percentages; skipped.`,
          { line: lineOf(row) },
        ),
      );
      continue;
    }
    rows.push({ worker: textOf(c[0]!), avg, max, source: { file, line: lineOf(row) } });
  }
  return rows;
}

/** Undoes `buildSparklinePoints`: y = H − 2 − (v − min)/span·(H − 4). */
export function sparklineValues(
  points: string,
  min: number,
  max: number,
  height = SPARK_HEIGHT,
): number[] {
  const span = max - min === 0 ? 1 : max - min;
  const values: number[] = [];
  for (const pair of points.trim().split(/\s+/)) {
    const [, y] = pair.split(',').map(Number);
    if (y === undefined || !Number.isFinite(y)) continue;
    values.push(min + ((height - 2 - y) / (height - 4)) * span);
  }
  return values;
}

function platformMetrics(
  section: HtmlElement | undefined,
  file: string,
  out: Diagnostic[],
  numbers: NumberReader,
): MetricSummary[] {
  const table = section && findFirst(section, e => e.tagName === 'table');
  if (!table) return [];
  const metrics: MetricSummary[] = [];
  for (const row of tableRows(table)) {
    const c = cells(row);
    if (c.length < 4 || c[0]!.tagName === 'th') continue;
    const nameCell = c[0]!;
    const name = ownText(nameCell) || textOf(nameCell);
    const desc = findFirst(nameCell, e => hasClass(e, 'metric-desc'));
    const description = desc ? textOf(desc) : '';
    const [min, avg, max] = [c[1]!, c[2]!, c[3]!].map(x => numbers.withUnit(textOf(x), lineOf(x)));
    const unit = PLATFORM_METRIC_UNITS[name] ?? min?.unit ?? '';
    if (!min || !avg || !max) {
      out.push(
        diagnostic(
          'warning',
          'report.badMetric',
          file,
          `Platform metric "${name}" has an unreadable min/avg/max ("${textOf(row).slice(0, 100)}"); its summary is left out.`,
          { line: lineOf(row) },
        ),
      );
    }
    const polyline = c[4] && findFirst(c[4], e => e.tagName === 'polyline');
    const svg = c[4] && findFirst(c[4], e => e.tagName === 'svg');
    const height = Number(svg && attr(svg, 'height')) || SPARK_HEIGHT;
    const points = (polyline && attr(polyline, 'points')) ?? '';
    const sparkline =
      min && max && points.trim() !== ''
        ? sparklineValues(points, min.value, max.value, height)
        : undefined;
    metrics.push({
      name,
      description,
      unit,
      min: min?.value,
      avg: avg?.value,
      max: max?.value,
      sparkline,
      source: { file, line: lineOf(row) },
    });
  }
  return metrics;
}

function retryAttempts(detail: HtmlElement | undefined): RetryAttempt[] {
  const table = detail && findFirst(detail, e => e.tagName === 'table');
  if (!table) return [];
  return tableRows(table)
    .map(cells)
    .filter(c => c.length >= 3 && c[0]!.tagName === 'td')
    .map(c => ({
      attempt: Number(textOf(c[0]!)) || 0,
      error: parseReportDate(textOf(c[1]!), 0),
      reconnect: parseReportDate(textOf(c[2]!), 0),
    }));
}

function users(section: HtmlElement | undefined, numbers: NumberReader): ReportUser[] {
  const table = section && findFirst(section, e => e.tagName === 'table');
  if (!table) return [];
  const rows = tableRows(table);
  const byId = new Map(
    rows.flatMap(r => {
      const id = attr(r, 'id');
      return id === undefined ? [] : [[id, r] as const];
    }),
  );
  const out: ReportUser[] = [];
  for (const row of rows) {
    if (!hasClass(row, 'user-row')) continue;
    const c = cells(row).map(textOf);
    if (c.length < 5) continue;
    const retries = numbers.number(c[4]!, lineOf(row));
    out.push({
      user: c[0]!,
      session: c[1]!,
      role: c[2]!,
      join: parseReportDate(c[3]!, 0),
      retries: retries ?? 0,
      attempts: retryAttempts(byId.get(attr(row, 'data-detail-id') ?? '')),
    });
  }
  return out;
}

function scenarioOf(
  scope: HtmlNode,
  index: number,
  file: string,
  generated: number | undefined,
  label: string | undefined,
  out: Diagnostic[],
  numbers: NumberReader,
): ScenarioReport {
  const sections = sectionsOf(scope);
  const summary = keyValueRows(sections.get('summary'));
  const config = keyValueRows(sections.get('configuration'));
  const kibana = config.get('kibana dashboard');
  const link = kibana && findFirst(kibana.cell, e => e.tagName === 'a');
  const duration = summary.get('test duration')?.value;
  const source: Source = { file, line: lineOf(scope) };
  if (sections.size === 0) {
    out.push(
      diagnostic(
        'warning',
        'report.noSections',
        file,
        `Test case ${index} has no titled sections; nothing of it could be read.`,
        { line: lineOf(scope) },
      ),
    );
  }
  return {
    index,
    label,
    topology: config.get('session topology')?.value,
    participantsPerSession: config.get('participants per session')?.value,
    sessionsCreated: intOf(summary, 'sessions created', numbers),
    sessionsCompleted: intOf(summary, 'sessions completed', numbers),
    participantsCreated: intOf(summary, 'total participants', numbers),
    workersUsed: intOf(summary, 'workers used', numbers),
    usersPerWorker:
      intOf(summary, 'users per worker', numbers) ?? intOf(config, 'users per worker', numbers),
    stopReason: summary.get('stop reason')?.value,
    start: generated,
    reportedDurationSeconds: duration ? parseDurationText(duration) : undefined,
    kibanaUrl:
      (link && attr(link, 'href')) ??
      (kibana && /^https?:/.test(kibana.value) ? kibana.value : undefined),
    browserRecording: config.get('browser recording')?.value,
    openviduRecording: config.get('openvidu recording')?.value,
    userStarts: [],
    users: users(sections.get('user connections'), numbers),
    workerCpu: workerCpu(sections.get('worker cpu utilization'), file, out, numbers),
    platform: platformMetrics(sections.get('openvidu platform metrics'), file, out, numbers),
    sources: [source],
  };
}

function generatedAt(doc: HtmlNode): number | undefined {
  for (const item of findAll(doc, e => hasClass(e, 'meta-item'))) {
    const label = findFirst(item, e => hasClass(e, 'meta-label'));
    const value = findFirst(item, e => hasClass(e, 'meta-value'));
    if (label && value && textOf(label).toLowerCase() === 'generated')
      return parseReportDate(textOf(value), 0);
  }
  return undefined;
}

function tabLabels(doc: HtmlNode): Map<string, string> {
  const labels = new Map<string, string>();
  for (const button of findAll(
    doc,
    e => e.tagName === 'button' && attr(e, 'data-tab') !== undefined,
  )) {
    const label = findFirst(button, e => hasClass(e, 'tab-label'));
    labels.set(attr(button, 'data-tab')!, textOf(label ?? button));
  }
  return labels;
}

/**
 * The page the controller writes instead of its report when rendering it throws
 * (`HtmlReportGenerator.renderFallbackHtmlContent`, 525e2397, v4.1.0 on): the error, then every
 * test case's text report (`ResultReport.toString()`, as in results-<ts>.txt) in one
 * `<div class="report">`, from `line` of the file on.
 */
export interface FallbackReport {
  readonly error: string;
  readonly text: string;
  readonly line: number;
}

export function fallbackReport(html: string): FallbackReport | undefined {
  if (!html.includes('(Fallback)</title>') && !html.includes('Report rendering error:'))
    return undefined;
  const doc = parseHtml(html);
  const report = findFirst(doc, e => e.tagName === 'div' && hasClass(e, 'report'));
  if (!report) return undefined;
  const error = findFirst(doc, e => e.tagName === 'div' && hasClass(e, 'error'));
  const text = report.childNodes
    .map(c => (c.nodeName === '#text' ? (c as { value: string }).value : ''))
    .join('');
  const said = error ? textOf(error).replace(/^Report rendering error:\s*/, '') : '';
  return { error: said, text, line: lineOf(report) };
}

/** Parses a report page; never throws. */
export function parseReportHtml(html: string, file: string): ReportHtml {
  const diagnostics: Diagnostic[] = new DiagnosticList();
  const latin = latinText(html, file);
  diagnostics.push(...latin.diagnostics);
  const doc = parseHtml(latin.text);
  if (
    !/OpenVidu Load Test Report/i.test(
      textOf(findFirst(doc, e => e.tagName === 'title' || e.tagName === 'h1') ?? doc),
    )
  ) {
    diagnostics.push(
      diagnostic(
        'warning',
        'report.unknownPage',
        file,
        'The page does not say "OpenVidu Load Test Report"; reading it as one anyway.',
      ),
    );
  }
  const generated = generatedAt(doc);
  const labels = tabLabels(doc);
  const tabs = findAll(doc, e => /^tab-tc-\d+$/.test(attr(e, 'id') ?? ''));
  const scopes = tabs.length > 0 ? tabs : [doc];
  const numbers = new NumberReader(file);
  const scenarios = scopes.map((scope, i) => {
    const id = attr(scope, 'id')?.slice('tab-'.length);
    const index = id ? Number(id.slice('tc-'.length)) : i + 1;
    return scenarioOf(
      scope,
      index,
      file,
      i === 0 ? generated : undefined,
      id ? labels.get(id) : undefined,
      diagnostics,
      numbers,
    );
  });
  diagnostics.push(...numbers.diagnostics());
  if (
    scenarios.every(
      s => s.platform.length === 0 && s.users.length === 0 && s.sessionsCreated === undefined,
    )
  ) {
    diagnostics.push(
      diagnostic(
        'error',
        'report.empty',
        file,
        'No test case could be read from this report (no Summary, user or metric tables found).',
      ),
    );
    return { scenarios: [], diagnostics };
  }
  return { scenarios, diagnostics };
}

/** Turns every wall-clock time of a scenario read from the HTML into its instant in `zone`. */
export function shiftScenarioTimes(s: ScenarioReport, zone: Zone): ScenarioReport {
  const shift = (t: number | undefined): number | undefined =>
    t === undefined ? t : wallToUtc(zone, t);
  return {
    ...s,
    start: shift(s.start),
    users: s.users.map(u => ({
      ...u,
      join: shift(u.join),
      attempts: u.attempts.map(a => ({
        ...a,
        error: shift(a.error),
        reconnect: shift(a.reconnect),
      })),
    })),
  };
}
