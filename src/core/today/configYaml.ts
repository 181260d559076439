/**
 * The controller's YAML configuration [HEAD] (FORMATS.md §4.2, `schema/openvidu-loadtest-schema.json`).
 * Read into the effective configuration: the file's values over the schema's defaults, every
 * secret redacted as it is read (`platform.apiSecret`, `*.password`, `storage.secretKey` …), and
 * the test cases expanded one per `participants` element — each is a separate scenario of the run.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { isSecretKey, REDACTED } from '../ingest/configBlock';
import type { ScenarioConfig } from './model';

export interface ConfigRow {
  /** Dotted path, `testcases[0].browser`. */
  readonly path: string;
  /** The value as text, `REDACTED` for secrets. */
  readonly value: string;
  /** True when the file did not set it and the schema's default applies. */
  readonly defaulted: boolean;
  readonly line?: number;
}

export interface RunConfig {
  readonly file: string;
  readonly rows: readonly ConfigRow[];
  readonly scenarios: readonly ScenarioConfig[];
  readonly secondsBetweenTestCases: number;
  readonly secondsBetweenSessions: number;
  readonly secondsBeforeTestFinished: number;
  readonly kibanaHost?: string;
  readonly grafanaHost?: string;
  readonly workerUrls: readonly string[];
  readonly usersPerWorker?: number;
  readonly retryEnabled: boolean;
  readonly maxParticipantErrors: number;
  readonly diagnostics: Diagnostic[];
}

/** Schema defaults of the keys the analysis or the display uses (FORMATS.md §4.2, PR #74). */
export const CONFIG_DEFAULTS: Readonly<Record<string, string>> = {
  'session.namePrefix': 'LoadTestSession',
  'session.usersNamePrefix': 'User',
  'session.secondsBetweenParticipants': '0',
  'session.secondsBetweenSessions': '0',
  'session.secondsBeforeTestFinished': '0',
  'session.secondsBetweenTestCases': '0',
  'workers.disableHttps': 'false',
  'video.type': 'BUNNY',
  'video.width': '640',
  'video.height': '480',
  'video.fps': '30',
  'advanced.retry.enabled': 'false',
  'advanced.retry.times': '5',
  'advanced.maxParticipantErrors': '1',
  'advanced.batches.enabled': 'true',
  'advanced.waitForCompletion': 'true',
  'qoe.recordStreams': 'false',
  'qoe.paddingDuration': '1',
  'qoe.fragmentDuration': '15',
};

const TESTCASE_DEFAULTS: Readonly<Record<string, string>> = {
  browser: 'chrome',
  frameRate: '30',
  startingParticipants: '0',
  headlessBrowser: 'false',
  browserRecording: 'false',
  showBrowserVideoElements: 'true',
  simulcast: 'false',
  layout: '5x5',
};

interface Leaf {
  path: string;
  value: string;
  line?: number;
  secret: boolean;
}

function leaves(
  node: YamlNode | null | undefined,
  path: string,
  lines: LineCounter,
  secret: boolean,
  out: Leaf[],
): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const child = pair.value as YamlNode | null;
      leaves(child, path ? `${path}.${key}` : key, lines, secret || isSecretKey(key), out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => leaves(item as YamlNode, `${path}[${i}]`, lines, secret, out));
  } else {
    const range = node && 'range' in node ? node.range : undefined;
    const line = range ? lines.linePos(range[0]).line : undefined;
    const value = isScalar(node) ? String(node.value ?? '') : '';
    out.push({ path, value, line, secret });
  }
}

function num(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(n) ? n : fallback;
}

function testcases(get: (path: string) => string | undefined, all: Leaf[]): ScenarioConfig[] {
  const scenarios: ScenarioConfig[] = [];
  for (let t = 0; all.some(l => l.path.startsWith(`testcases[${t}].`)); t++) {
    const tc = (key: string): string | undefined =>
      get(`testcases[${t}].${key}`) ?? TESTCASE_DEFAULTS[key];
    const participants = all
      .filter(l => new RegExp(`^testcases\\[${t}\\]\\.participants\\[\\d+\\]$`).test(l.path))
      .map(l => l.value);
    const sessionsText = tc('sessions');
    const sessions =
      sessionsText === 'infinite' || sessionsText === '-1' ? 'infinite' : num(sessionsText, 1);
    for (const p of participants.length > 0 ? participants : ['']) {
      scenarios.push({
        topology: tc('topology') ?? tc('typology') ?? 'N:N',
        participants: p,
        sessions,
        browser: tc('browser') ?? 'chrome',
        simulcast: tc('simulcast') === 'true',
        resolution: tc('resolution'),
        videoCodec: tc('videoCodec'),
        description: tc('description'),
        startingParticipants: num(tc('startingParticipants'), 0),
      });
    }
  }
  return scenarios;
}

/** Parses a configuration file's text; never throws. */
export function parseRunConfig(text: string, file: string): RunConfig {
  const diagnostics: Diagnostic[] = [];
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  for (const err of doc.errors) {
    const pos =
      err.linePos?.[0] ?? lines.linePos(Math.min(err.pos[0], Math.max(0, text.length - 1)));
    diagnostics.push(
      diagnostic('error', 'config.yaml', file, `YAML error: ${err.message.split('\n')[0]}`, {
        line: pos.line,
        column: pos.col,
      }),
    );
  }
  const all: Leaf[] = [];
  leaves(doc.contents as YamlNode, '', lines, false, all);
  const byPath = new Map(all.map(l => [l.path, l]));
  const get = (path: string): string | undefined =>
    byPath.get(path)?.value ?? CONFIG_DEFAULTS[path];
  if (!byPath.has('testcases[0].topology') && !byPath.has('testcases[0].typology')) {
    diagnostics.push(
      diagnostic(
        'warning',
        'config.noTestcases',
        file,
        'The configuration has no testcases[].topology: its scenarios are taken from the reports alone.',
      ),
    );
  }
  const rows: ConfigRow[] = [
    ...all.map(l => ({
      path: l.path,
      value: l.secret && l.value !== '' ? REDACTED : l.value,
      defaulted: false,
      line: l.line,
    })),
    ...Object.entries(CONFIG_DEFAULTS)
      .filter(([path]) => !byPath.has(path))
      .map(([path, value]) => ({ path, value, defaulted: true })),
  ];
  const workerUrls = all.filter(l => /^workers\.urls\[\d+\]$/.test(l.path)).map(l => l.value);
  const upw = get('distribution.usersPerWorker');
  return {
    file,
    rows,
    scenarios: testcases(get, all),
    secondsBetweenTestCases: num(get('session.secondsBetweenTestCases'), 0),
    secondsBetweenSessions: num(get('session.secondsBetweenSessions'), 0),
    secondsBeforeTestFinished: num(get('session.secondsBeforeTestFinished'), 0),
    kibanaHost: get('monitoring.kibana.host') || undefined,
    grafanaHost: get('monitoring.grafana.host') || undefined,
    workerUrls,
    usersPerWorker: upw === undefined ? undefined : num(upw, 0) || undefined,
    retryEnabled: get('advanced.retry.enabled') === 'true',
    maxParticipantErrors: num(get('advanced.maxParticipantErrors'), 1),
    diagnostics,
  };
}
