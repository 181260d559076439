/**
 * The controller's YAML configuration [HEAD] (FORMATS.md §4.2, `schema/openvidu-loadtest-schema.json`).
 * Read into the effective configuration: the file's values over the schema's defaults, every
 * secret redacted as it is read (`platform.apiSecret`, `*.password`, `storage.secretKey` …), and
 * the test cases expanded one per `participants` element — each is a separate scenario of the run.
 * Linear in the file's size (one walk of the tree; test cases grouped in one pass). Nesting deeper
 * than `MAX_DEPTH` is a diagnostic, not a stack overflow (the `yaml` library recurses per level
 * and overflows near 800–1,000 levels of flow collections).
 */
import { withoutGsonComments } from './gsonComments';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { DiagnosticList, diagnostic, type Diagnostic } from '../model/diagnostic';
import { isSecretKey, REDACTED } from '../ingest/configBlock';
import type { ScenarioConfig, ScenarioReport } from '../model/scenario';

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
  readonly scenarios: readonly ConfiguredScenario[];
  readonly secondsBetweenTestCases: number;
  readonly secondsBetweenSessions: number;
  readonly secondsBeforeTestFinished: number;
  readonly kibanaHost?: string;
  readonly grafanaHost?: string;
  readonly workerUrls: readonly string[];
  readonly usersPerWorker?: number;
  /** `advanced.retry.enabled` as the controller resolves it (`resolveStopOnErrors`). */
  readonly retryEnabled: boolean;
  /** As the controller resolves it for NORMAL mode: −1 (off) when retry is the active mechanism. */
  readonly maxParticipantErrors: number;
  /** What the emulated (LOADTEST) mode enforces: the value when ≥ 0, else 1. */
  readonly maxParticipantErrorsEmulated: number;
  readonly diagnostics: Diagnostic[];
}

/** A configured test case (one `participants` element) and where the file sets it. */
export interface ConfiguredScenario extends ScenarioConfig {
  /** 0-based index in `testcases`. */
  readonly testcase: number;
  /** Line of its `participants` element (else of its test case). */
  readonly line?: number;
  /** The first `participants` element of its test case (see `matchConfig`, N:N). */
  readonly firstParticipants?: string;
}

/** Deeper nesting than any real configuration (they nest ≤ 5 levels). */
export const MAX_DEPTH = 64;

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
  /** The scalar's value as YAML typed it (number, boolean, string, null); undefined for a collection. */
  raw?: unknown;
}

function lineOf(node: YamlNode | null | undefined, lines: LineCounter): number | undefined {
  const range = node && 'range' in node ? node.range : undefined;
  return range ? lines.linePos(range[0]).line : undefined;
}

/** Every scalar of the tree with its dotted path; returns false when it stopped at `MAX_DEPTH`. */
function leaves(
  node: YamlNode | null | undefined,
  path: string,
  lines: LineCounter,
  secret: boolean,
  out: Leaf[],
  depth = 0,
): boolean {
  if ((isMap(node) || isSeq(node)) && depth >= MAX_DEPTH) {
    out.push({ path, value: '', line: lineOf(node, lines), secret });
    return false;
  }
  let complete = true;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const child = pair.value as YamlNode | null;
      const childPath = path ? `${path}.${key}` : key;
      complete =
        leaves(child, childPath, lines, secret || isSecretKey(key), out, depth + 1) && complete;
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      complete =
        leaves(item as YamlNode, `${path}[${i}]`, lines, secret, out, depth + 1) && complete;
    });
  } else {
    const raw = isScalar(node) ? node.value : undefined;
    out.push({ path, value: String(raw ?? ''), line: lineOf(node, lines), secret, raw });
  }
  return complete;
}

/**
 * Deepest nesting of flow collections (`[`, `{`) outside quotes and comments: one linear pass, so
 * that a file nested deeper than `MAX_DEPTH` is refused before the recursive YAML parser sees it.
 */
export function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,]/.test(text[i - 1]!))) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return max;
}

function num(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(n) ? n : fallback;
}

const TESTCASE_LEAF = /^testcases\[(\d+)\]\.(.+)$/;
const PARTICIPANT = /^participants\[\d+\]$/;

/** The leaves of each test case, grouped in one pass (keys relative to the test case). */
function groupTestcases(all: readonly Leaf[]): Map<string, Leaf>[] {
  const groups: Map<string, Leaf>[] = [];
  for (const l of all) {
    const m = TESTCASE_LEAF.exec(l.path);
    if (!m) continue;
    const t = Number(m[1]);
    (groups[t] ??= new Map()).set(m[2]!, l);
  }
  return groups;
}

/** One scenario per `participants` element of every test case; linear in the leaves. */
function testcases(all: readonly Leaf[]): ConfiguredScenario[] {
  const scenarios: ConfiguredScenario[] = [];
  groupTestcases(all).forEach((leafs, t) => {
    const tc = (key: string): string | undefined => leafs.get(key)?.value ?? TESTCASE_DEFAULTS[key];
    const participants = [...leafs].filter(([key]) => PARTICIPANT.test(key)).map(([, l]) => l);
    const sessionsText = tc('sessions');
    const sessions =
      sessionsText === 'infinite' || sessionsText === '-1' ? 'infinite' : num(sessionsText, 1);
    const first = leafs.values().next().value;
    for (const p of participants.length > 0 ? participants : [undefined]) {
      scenarios.push({
        testcase: t,
        line: p?.line ?? first?.line,
        topology: tc('topology') ?? tc('typology') ?? 'N:N',
        participants: p?.value ?? '',
        firstParticipants: participants[0]?.value,
        sessions,
        browser: tc('browser') ?? 'chrome',
        simulcast: tc('simulcast') === 'true',
        resolution: tc('resolution'),
        videoCodec: tc('videoCodec'),
        description: tc('description'),
        startingParticipants: num(tc('startingParticipants'), 0),
      });
    }
  });
  return scenarios;
}

/** Java's `Integer.parseInt`, or a YAML number's `intValue()`; undefined where Java throws. */
function javaInt(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? Math.trunc(raw) : undefined;
  if (typeof raw !== 'string' || !/^[+-]?\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : undefined;
}

export interface StopOnErrors {
  readonly retryEnabled: boolean;
  readonly maxParticipantErrors: number;
  readonly maxParticipantErrorsEmulated: number;
}

/**
 * `advanced.retry.enabled` and `advanced.maxParticipantErrors` resolved exactly as the controller
 * does — OpenVidu/openvidu-loadtest `loadtest-controller/src/main/java/io/openvidu/loadtest/config/
 * LoadTestConfig.java` `initRetryAndQoeConfig` + `resolveRetryAndMaxParticipantErrorsDefaults`
 * (added in commit 831331d3ad4c, released in v5.0.0; read at d6a49f7356eb), with
 * `YamlConfigLoader.getBooleanOrNull` / `getInt`:
 * - a key is "explicit" when present and not null; an integer that is not one (`Integer.parseInt`
 *   throws) reads as −1, which is the same as unset, and so does an explicit −1;
 * - both explicit: both as written; only retry: `maxParticipantErrors = retry ? −1 : 1`;
 *   only maxParticipantErrors: retry off; neither: retry off, 1;
 * - the emulated (LOADTEST) mode ignores retry and enforces `max ≥ 0 ? max : 1`
 *   (`getEffectiveMaxParticipantErrorsForLoadTestMode`).
 * `retry` / `max` are the YAML values (undefined when absent or null).
 */
export function resolveStopOnErrors(retry: unknown, max: unknown): StopOnErrors {
  const retryExplicit = retry !== undefined && retry !== null;
  // Boolean.parseBoolean(value.toString()): only "true", in any case, is true.
  const retryValue = retryExplicit && String(retry).toLowerCase() === 'true';
  const maxRaw = max === undefined || max === null ? -1 : (javaInt(max) ?? -1);
  const maxExplicit = maxRaw !== -1;
  let retryEnabled: boolean;
  let maxParticipantErrors: number;
  if (retryExplicit && maxExplicit) {
    retryEnabled = retryValue;
    maxParticipantErrors = maxRaw;
  } else if (retryExplicit) {
    retryEnabled = retryValue;
    maxParticipantErrors = retryValue ? -1 : 1;
  } else if (maxExplicit) {
    retryEnabled = false;
    maxParticipantErrors = maxRaw;
  } else {
    retryEnabled = false;
    maxParticipantErrors = 1;
  }
  return {
    retryEnabled,
    maxParticipantErrors,
    maxParticipantErrorsEmulated: maxParticipantErrors >= 0 ? maxParticipantErrors : 1,
  };
}

function stopOnErrors(
  byPath: ReadonlyMap<string, Leaf>,
  file: string,
  out: Diagnostic[],
): StopOnErrors {
  const retry = byPath.get('advanced.retry.enabled');
  const max = byPath.get('advanced.maxParticipantErrors');
  if (max && max.raw !== null && max.raw !== undefined && javaInt(max.raw) === undefined)
    out.push(
      diagnostic(
        'warning',
        'config.badInteger',
        file,
        `advanced.maxParticipantErrors "${max.value}" is not an integer: the controller reads it as unset (−1) and applies its default.`,
        { line: max.line },
      ),
    );
  return resolveStopOnErrors(retry?.raw, max?.raw);
}

function tooDeep(file: string, detail: string): Diagnostic {
  return diagnostic(
    'error',
    'config.tooDeep',
    file,
    `The configuration nests ${detail}; no real configuration does (they nest ≤ 5 levels). It is not read; its test cases are taken from the reports alone.`,
  );
}

/**
 * Deepest block nesting, from indentation: one linear pass with a stack of the open indents
 * (each `- ` that opens a line's content counts one more level). An estimate — a block scalar's
 * text counts one level — used only to refuse files far deeper than `MAX_DEPTH`.
 */
export function blockDepth(text: string): number {
  const open: number[] = [];
  let max = 0;
  for (const m of text.matchAll(/^([ \t]*)((?:- +)*)([^\s#])?/gm)) {
    if (m[3] === undefined && !m[2]) continue; // blank or comment line
    const indent = m[1]!.length;
    while (open.length > 0 && open[open.length - 1]! >= indent) open.pop();
    open.push(indent);
    max = Math.max(max, open.length + (m[2]!.match(/-/g)?.length ?? 0));
  }
  return max;
}

/** The YAML tree, or the diagnostic saying why there is none (nesting too deep). */
function parseTree(
  text: string,
  file: string,
  lines: LineCounter,
  out: Diagnostic[],
): YamlNode | undefined {
  const depth = flowDepth(text);
  if (depth > MAX_DEPTH) {
    out.push(tooDeep(file, `${depth} levels of [ ] / { } (limit ${MAX_DEPTH})`));
    return undefined;
  }
  const blocks = blockDepth(text);
  if (blocks > MAX_DEPTH) {
    out.push(tooDeep(file, `${blocks} levels of indentation (limit ${MAX_DEPTH})`));
    return undefined;
  }
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  } catch (err) {
    // The parser recurses per level: block nesting deep enough exhausts the stack.
    if (err instanceof RangeError) {
      out.push(tooDeep(file, 'deeper than the YAML reader can follow'));
      return undefined;
    }
    throw err;
  }
  for (const err of doc.errors) {
    const pos =
      err.linePos?.[0] ?? lines.linePos(Math.min(err.pos[0], Math.max(0, text.length - 1)));
    out.push(
      diagnostic('error', 'config.yaml', file, `YAML error: ${err.message.split('\n')[0]}`, {
        line: pos.line,
        column: pos.col,
      }),
    );
  }
  return doc.contents as YamlNode;
}

/**
 * A `.json` configuration (2024's test_cases.json) without the comments the controller's lenient
 * Gson reader skips (gsonComments.ts), with a note; any other text as it is.
 */
function jsonWithoutComments(text: string, file: string, diagnostics: Diagnostic[]): string {
  if (!file.toLowerCase().endsWith('.json')) return text;
  const read = withoutGsonComments(text);
  if (read.firstLine !== undefined)
    diagnostics.push(
      diagnostic(
        'info',
        'config.jsonComments',
        file,
        'The file has comments (// … , /* … */ or # …), which the 2024 controller reads past (Gson reads test_cases.json leniently); they are left out here too.',
        { line: read.firstLine },
      ),
    );
  return read.text;
}

/** Parses a configuration file's text; never throws. */
export function parseRunConfig(text: string, file: string): RunConfig {
  const diagnostics: Diagnostic[] = new DiagnosticList();
  const lines = new LineCounter();
  const all: Leaf[] = [];
  const tree = parseTree(jsonWithoutComments(text, file, diagnostics), file, lines, diagnostics);
  if (tree && !leaves(tree, '', lines, false, all))
    diagnostics.push(
      tooDeep(file, `deeper than ${MAX_DEPTH} levels; the deeper parts are left out`),
    );
  const byPath = new Map(all.map(l => [l.path, l]));
  const get = (path: string): string | undefined =>
    byPath.get(path)?.value ?? CONFIG_DEFAULTS[path];
  if (tree && !byPath.has('testcases[0].topology') && !byPath.has('testcases[0].typology')) {
    diagnostics.push(
      diagnostic(
        'warning',
        'config.noTestcases',
        file,
        'The configuration has no testcases[].topology: its scenarios are taken from the reports alone.',
      ),
    );
  }
  const stop = stopOnErrors(byPath, file, diagnostics);
  const resolvedDefaults: Record<string, string> = {
    ...CONFIG_DEFAULTS,
    'advanced.retry.enabled': String(stop.retryEnabled),
    'advanced.maxParticipantErrors': String(stop.maxParticipantErrors),
  };
  const rows: ConfigRow[] = [
    ...all.map(l => ({
      path: l.path,
      value: l.secret && l.value !== '' ? REDACTED : l.value,
      defaulted: false,
      line: l.line,
    })),
    ...Object.entries(resolvedDefaults)
      .filter(([path]) => !byPath.has(path))
      .map(([path, value]) => ({ path, value, defaulted: true })),
  ];
  const workerUrls = all.filter(l => /^workers\.urls\[\d+\]$/.test(l.path)).map(l => l.value);
  const upw = get('distribution.usersPerWorker');
  return {
    file,
    rows,
    scenarios: testcases(all),
    secondsBetweenTestCases: num(get('session.secondsBetweenTestCases'), 0),
    secondsBetweenSessions: num(get('session.secondsBetweenSessions'), 0),
    secondsBeforeTestFinished: num(get('session.secondsBeforeTestFinished'), 0),
    kibanaHost: get('monitoring.kibana.host') || undefined,
    grafanaHost: get('monitoring.grafana.host') || undefined,
    workerUrls,
    usersPerWorker: upw === undefined ? undefined : num(upw, 0) || undefined,
    ...stop,
    diagnostics,
  };
}

/** What a report says about a test case, as far as matching needs it. */
export type ReportFacts = Pick<
  ScenarioReport,
  'index' | 'topology' | 'participantsPerSession' | 'sessionsCreated' | 'sources'
>;

export interface ConfigMatch {
  /** Per report, in order: the configured test case that labels it, when they agree. */
  readonly configs: readonly (ConfiguredScenario | undefined)[];
  readonly diagnostics: Diagnostic[];
  /** Comparisons made: at most reports + test cases (the tests count them). */
  readonly steps: number;
}

const TOPOLOGIES = /^(ONE_SESSION_NXN|ONE_SESSION_NXM|ONE_SESSION|N:N|N:M|TEACHING|TERMINATE)\b/;

/** `N:N: All participants will be PUBLISHER` (the report's `Topology.toString()`) → `N:N`. */
export function topologyKey(topology: string): string {
  const t = topology.trim().toUpperCase();
  return TOPOLOGIES.exec(t)?.[1] ?? t;
}

function participantsKey(participants: string): string {
  return participants.replace(/\s+/g, '').toLowerCase();
}

function describeConfigured(c: ConfiguredScenario): string {
  return `${c.topology} ${c.participants || '?'}, sessions ${c.sessions}`;
}

function describeReported(r: ReportFacts): string {
  return `${r.topology !== undefined ? topologyKey(r.topology) : '?'} ${r.participantsPerSession ?? '?'}, ${r.sessionsCreated ?? '?'} sessions created`;
}

/**
 * A report can create fewer sessions than configured (a stopped test) but never more: the
 * controller's session loop ends when `sessionsCompleted` reaches `sessions`
 * (`LoadTestParticipantOrchestrator.startNxNTest` / `startNxMTest`). ONE_SESSION topologies
 * ignore `sessions`.
 */
function sessionsAgree(r: ReportFacts, c: ConfiguredScenario): boolean {
  if (r.sessionsCreated === undefined || c.sessions === 'infinite') return true;
  if (/^ONE_SESSION/.test(topologyKey(c.topology))) return true;
  return r.sessionsCreated <= c.sessions;
}

function fieldsAgree(r: ReportFacts, c: ConfiguredScenario): boolean {
  return (
    (r.topology === undefined || topologyKey(r.topology) === topologyKey(c.topology)) &&
    (r.participantsPerSession === undefined ||
      participantsKey(r.participantsPerSession) === participantsKey(c.participants))
  );
}

const MAX_LISTED = 20;

/** An N:N element after the first, with another value: what v4.0.0+ controllers run instead. */
function ranAsFirst(c: ConfiguredScenario): boolean {
  return (
    topologyKey(c.topology) === 'N:N' &&
    c.firstParticipants !== undefined &&
    participantsKey(c.firstParticipants) !== participantsKey(c.participants)
  );
}

function samePeople(r: ReportFacts, c: ConfiguredScenario): boolean {
  return participantsKey(r.participantsPerSession ?? '') === participantsKey(c.participants);
}

/**
 * Which configured test case labels which report. The reports are the truth for what ran; the
 * configuration only labels a report whose topology, participants and sessions agree with it.
 * The controller runs the test cases in order, one report per `participants` element, and may
 * skip one ("Test case skipped.") but never adds or reorders: so the reports are matched, in
 * order, to the earliest agreeing test case after the previous match. A report that finds none
 * (a stale configuration left in a reused run folder) keeps no configuration, and a warning names
 * the configuration's line and the report. Linear: each test case is passed over at most once.
 */
export function matchConfig(reports: readonly ReportFacts[], config: RunConfig): ConfigMatch {
  const diagnostics: Diagnostic[] = new DiagnosticList();
  const list = config.scenarios;
  const byKey = new Map<string, number[]>();
  const index = (key: string, i: number): void => {
    const at = byKey.get(key);
    if (at) at.push(i);
    else byKey.set(key, [i]);
  };
  list.forEach((c, i) => {
    const topology = topologyKey(c.topology);
    index(`${topology}|${participantsKey(c.participants)}`, i);
    if (topology === 'N:N' && ranAsFirst(c))
      index(`N:N|${participantsKey(c.firstParticipants!)}`, i);
  });
  const cursor = new Map<string, number>();
  let steps = 0;
  let next = 0;
  let unmatched = 0;
  let firstRuns = 0;
  const matched = new Set<number>();
  const configs = reports.map(r => {
    let candidate: number | undefined;
    if (r.topology !== undefined && r.participantsPerSession !== undefined) {
      const key = `${topologyKey(r.topology)}|${participantsKey(r.participantsPerSession)}`;
      const at = byKey.get(key) ?? [];
      let c = cursor.get(key) ?? 0;
      for (; c < at.length && at[c]! < next; c++) steps++;
      cursor.set(key, c);
      candidate = at[c];
    } else if (next < list.length && fieldsAgree(r, list[next]!)) {
      candidate = next; // the report lacks a field: the next test case, if what it has agrees
    }
    steps++;
    const c = candidate !== undefined ? list[candidate] : undefined;
    if (candidate !== undefined && c && sessionsAgree(r, c)) {
      matched.add(candidate);
      next = candidate + 1;
      if (r.participantsPerSession === undefined || !ranAsFirst(c) || samePeople(r, c)) return c;
      firstRuns++;
      if (firstRuns <= MAX_LISTED)
        diagnostics.push(
          diagnostic(
            'info',
            'config.nxnFirstElement',
            config.file,
            `Test case ${r.index} of ${r.sources[0]?.file ?? 'the reports'} ran ${r.participantsPerSession} participants per session where the configuration's element asks for ${c.participants}: controllers from v4.0.0 on run every participants element of an N:N test case with the first one (LoadTestTopologyOrchestrator.runNxNCase, getParticipantCount(0)). The report's ${r.participantsPerSession} is used.`,
            { line: c.line },
          ),
        );
      return { ...c, participants: r.participantsPerSession };
    }
    unmatched++;
    if (unmatched <= MAX_LISTED) {
      const expected = list[Math.min(next, list.length - 1)];
      const reportFile = r.sources[0]?.file ?? 'the reports';
      const against =
        candidate !== undefined
          ? `its test case ${list[candidate]!.testcase + 1} (${describeConfigured(list[candidate]!)}) has fewer sessions than the report created`
          : expected
            ? `no test case from test case ${expected.testcase + 1} on (${describeConfigured(expected)}) has this topology and participants`
            : 'it has no test case left for it';
      diagnostics.push(
        diagnostic(
          'warning',
          'config.mismatch',
          config.file,
          `Test case ${r.index} of ${reportFile} (${describeReported(r)}) does not match the configuration: ${against}. The configuration is probably from another run (a reused run folder); this test case is labelled from the reports alone.`,
          { line: (candidate !== undefined ? list[candidate] : expected)?.line },
        ),
      );
    }
    return undefined;
  });
  if (unmatched > MAX_LISTED)
    diagnostics.push(
      diagnostic(
        'warning',
        'config.mismatch',
        config.file,
        `${unmatched} test cases of the reports do not match the configuration in all (the first ${MAX_LISTED} are listed).`,
      ),
    );
  const unreported = list.filter((_, i) => !matched.has(i));
  if (unmatched === 0 && unreported.length > 0 && reports.length > 0) {
    const shown = unreported
      .slice(0, MAX_LISTED)
      .map(c => `test case ${c.testcase + 1} (${describeConfigured(c)}, line ${c.line ?? '?'})`)
      .join('; ');
    diagnostics.push(
      diagnostic(
        'info',
        'config.unreported',
        config.file,
        `${unreported.length} configured test case${unreported.length > 1 ? 's have' : ' has'} no report (skipped by the controller, or the run stopped before): ${shown}${unreported.length > MAX_LISTED ? ' …' : ''}.`,
        { line: unreported[0]!.line },
      ),
    );
  }
  return { configs, diagnostics, steps };
}
