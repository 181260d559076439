/**
 * Results on the controller's configuration (issue 22 item 1), without `vscode`: which runs of
 * the workspace ran a test case of a configuration file, and the words the editor shows for it —
 * the CodeLens above the test case ("Last run: VALID · 16/16 participants · 2 h ago"), the hover
 * of a key (the value each recent run used and what it observed) and the keys that differ between
 * the last two runs (the existing config diffs of both generations). docs/history.md states the
 * matching rule; in short, a run is matched by what it recorded, never by where it sits:
 *
 * - the file's test cases are read as the controller reads them (`parseRunConfig`: today's YAML,
 *   and 2024's `test_cases.json`, which is YAML too): one case per `participants` element;
 * - a run's test case matches a file's case when its publishers and subscribers per session are
 *   the same, its topology too when the run recorded one, its planned sessions when both sides
 *   know them, and — for a run that kept its YAML — browser, simulcast, resolution, video codec
 *   and starting participants as well (its recorded test case against the file's).
 */
import { readJavaProperties } from '../ingest/javaProperties';
import { connectedOrNull, type TestSummary } from '../analysis/testSummary';
import { parseTestName } from '../analysis/testName';
import {
  PROPERTY_LABELS,
  configEntry,
  propertyOfLabel,
  type ConfigEntry,
} from '../ingest/configBlock';
import type { ScenarioConfig } from '../model/scenario';
import { sessionShape } from '../runs/analysis';
import { configDiff as runConfigDiff } from '../runs/configDiff';
import { parseRunConfig, topologyKey, type ConfigRow } from '../runs/configYaml';
import type { RunData } from '../runs/run';
import type { RunSummary } from '../runs/summary';
import { configDiff as logConfigDiff } from './configDiff';

/** One test case of a configuration file: one `participants` element of one `testcases` entry. */
export interface ConfigCase {
  /** 0-based, in file order. */
  readonly index: number;
  /** 0-based index in `testcases`. */
  readonly testcase: number;
  /** 1-based line of its `participants` element (else of its test case). */
  readonly line: number;
  readonly config: ScenarioConfig;
}

/** A key the file sets and where (1-based line), for hovers and highlights. */
export interface ConfigKey {
  readonly path: string;
  readonly value: string;
  readonly line: number;
}

export interface ConfigFile {
  readonly cases: readonly ConfigCase[];
  readonly keys: readonly ConfigKey[];
}

/**
 * A controller configuration (today's YAML or 2024's test_cases.json) with its test cases, or
 * undefined when the text is not one: no `testcases[].topology` / `typology`, or unreadable.
 */
export function readConfigFile(text: string, file: string): ConfigFile | undefined {
  const parsed = parseRunConfig(text, file);
  if (parsed.diagnostics.some(d => d.code === 'config.noTestcases' || d.severity === 'error'))
    return undefined;
  const keys = parsed.rows.flatMap(r =>
    r.defaulted || r.line === undefined ? [] : [{ path: r.path, value: r.value, line: r.line }],
  );
  const cases = parsed.scenarios.map((s, index) => ({
    index,
    testcase: s.testcase,
    line: s.line ?? 1,
    config: s,
  }));
  return cases.length > 0 ? { cases, keys } : undefined;
}

/** What a run recorded about one test case it ran. */
export interface RecordedCase {
  /** Its test case as the run's own YAML configured it (today's runs that kept it). */
  readonly config?: ScenarioConfig & { readonly testcase?: number };
  /** The report's topology (`N:N: All participants…` is fine) or the log's. */
  readonly topology?: string;
  /** Participants per session as the config writes them: `8` (N:N), `3:10` (N:M). */
  readonly participants?: string;
  /** Sessions planned (the log's start-up lines), when the run says. */
  readonly sessions?: number | 'infinite';
  /** Participants (users) that reached the platform. */
  readonly reached?: number;
  /** Participants planned, when the run says (used when the configuration cannot tell). */
  readonly asked?: number;
  readonly validity?: 'valid' | 'suspect' | 'invalid';
  /** Users with at least one failure (2024 runs). */
  readonly failed?: number;
}

/** A run as the configuration features see it. */
export interface RecordedRun {
  /** Identity of the run for the commands (the history's run key). */
  readonly key: string;
  /** `Run 2025-03-01_10-20-30 (folder)`, `<test> (root)`. */
  readonly name: string;
  /** Epoch ms. */
  readonly start?: number;
  readonly cases: readonly RecordedCase[];
  /** Today's runs: the rows of the YAML the run kept. */
  readonly yamlRows?: readonly ConfigRow[];
  /** 2024 runs: the log's start-up parameter block. */
  readonly logConfig?: readonly Pick<ConfigEntry, 'section' | 'key' | 'value'>[];
}

/** A run's identity, name and start, as the history has them. */
export type RunIdentity = Pick<RecordedRun, 'key' | 'name' | 'start'>;

/** `3:10` from a 2024 test name's `3p-10s` (N:M), `8` from `8p` (N:N); undefined without `<n>p`. */
export function participantsOfName(test: string): string | undefined {
  const { publishersPerSession: p, subscribersPerSession: s } = parseTestName(test);
  if (p === undefined) return undefined;
  return s ? `${p}:${s}` : String(p);
}

/**
 * What a 2024 test recorded: participants from its name, planned sessions and users per session
 * from its log's start-up lines, users connected and failed, the log's parameter block.
 */
export function recordedTest(id: RunIdentity, t: TestSummary): RecordedRun {
  const planned = t.topology;
  return {
    ...id,
    cases: [
      {
        participants: participantsOfName(t.name),
        sessions: planned ? (planned.sessions ?? 'infinite') : undefined,
        ...(connectedOrNull(t) === null ? {} : { reached: t.connectedUsers }),
        asked:
          planned?.sessions && planned.usersPerSession
            ? planned.sessions * planned.usersPerSession
            : undefined,
        failed: t.failedUsers,
      },
    ],
    logConfig: t.config,
  };
}

/**
 * What a run of today's controller recorded: per report test case, the test case of the YAML it
 * kept (as matched to the report), the report's topology, participants per session and
 * participants created, and its validity.
 */
export function recordedControllerRun(
  id: RunIdentity,
  data: RunData,
  summary: RunSummary,
): RecordedRun {
  return {
    ...id,
    cases: data.scenarios.map((s, i) => ({
      config: s.config,
      topology: s.report.topology,
      participants: s.report.participantsPerSession,
      reached: s.report.participantsCreated,
      validity: summary.scenarios[i]?.validity.verdict,
    })),
    yamlRows: data.config?.rows,
  };
}

/** A run and the test case of it that matched. */
export interface CaseRun {
  readonly run: RecordedRun;
  readonly case: RecordedCase;
}

const ONE_SESSION = /^ONE_SESSION/;

function sameShape(a: string | undefined, b: string | undefined): boolean {
  const x = sessionShape(a);
  const y = sessionShape(b);
  return (
    x !== undefined &&
    y !== undefined &&
    x.publishers === y.publishers &&
    x.subscribers === y.subscribers
  );
}

/** Fields a kept YAML test case adds to the match (the schema's defaults already filled in). */
const YAML_FIELDS = [
  'browser',
  'simulcast',
  'resolution',
  'videoCodec',
  'startingParticipants',
] as const;

/** Whether a run's recorded test case is a run of the file's case (the rule above). */
export function caseMatches(c: ConfigCase, r: RecordedCase): boolean {
  const participants = r.config?.participants ?? r.participants;
  if (!sameShape(c.config.participants, participants)) return false;
  const topology = r.config?.topology ?? r.topology;
  if (topology !== undefined && topologyKey(topology) !== topologyKey(c.config.topology))
    return false;
  const sessions = r.config?.sessions ?? r.sessions;
  if (sessions !== undefined && !ONE_SESSION.test(topologyKey(c.config.topology)))
    if (sessions !== c.config.sessions) return false;
  const kept = r.config;
  return kept === undefined || YAML_FIELDS.every(f => kept[f] === c.config[f]);
}

/** The runs of a case, oldest first (unknown starts first), each with its matching test case. */
export function runsOfCase(c: ConfigCase, runs: readonly RecordedRun[]): CaseRun[] {
  const out: CaseRun[] = [];
  for (const run of runs) {
    const hit = run.cases.find(r => caseMatches(c, r));
    if (hit) out.push({ run, case: hit });
  }
  return out.sort((a, b) => (a.run.start ?? -Infinity) - (b.run.start ?? -Infinity));
}

/** Participants the case asks for: per session × sessions (one session for ONE_SESSION_*). */
export function participantsAsked(c: ScenarioConfig): number | undefined {
  const shape = sessionShape(c.participants);
  if (!shape) return undefined;
  const perSession = shape.publishers + shape.subscribers;
  if (ONE_SESSION.test(topologyKey(c.topology))) return perSession;
  return c.sessions === 'infinite' ? undefined : perSession * c.sessions;
}

/** `just now`, `12 min ago`, `2 h ago`, `3 days ago` (a start in the future reads `just now`). */
export function relativeTime(start: number | undefined, now: number): string {
  if (start === undefined) return 'start unknown';
  const minutes = Math.floor((now - start) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** `16/16 participants` (asked from the configuration, else as the run says), `16 participants`. */
export function participantsText(c: ConfigCase, r: RecordedCase): string | undefined {
  const asked = participantsAsked(c.config) ?? r.asked;
  if (r.reached === undefined)
    return asked === undefined ? undefined : `? of ${asked} participants`;
  return asked === undefined ? `${r.reached} participants` : `${r.reached}/${asked} participants`;
}

/** The facts of one run of a case: `VALID · 16/16 participants · 2 failed · 2 h ago`. */
export function runFactsText(c: ConfigCase, hit: CaseRun, now: number): string {
  const r = hit.case;
  const parts = [
    r.validity?.toUpperCase(),
    participantsText(c, r),
    r.failed !== undefined ? `${r.failed} failed` : undefined,
    relativeTime(hit.run.start, now),
  ];
  return parts.filter(p => p !== undefined).join(' · ');
}

/** The CodeLens title above a case: its last run, or that none was found. */
export function lensTitle(c: ConfigCase, runs: readonly CaseRun[], now: number): string {
  const last = runs.at(-1);
  if (!last) return 'No run of this config found';
  const more = runs.length > 1 ? ` (${runs.length} runs)` : '';
  return `Last run: ${runFactsText(c, last, now)}${more}`;
}

/** The keys of a .properties file, as Java reads them (javaProperties.ts). */
export function readProperties(text: string): ConfigKey[] {
  return readJavaProperties(text).map(p => ({ path: p.key, value: p.value, line: p.line }));
}

const CASE_KEY = /^testcases\[(\d+)\]\.(.+)$/;

/** The value a run used for a key of the file; undefined when the run did not record it. */
export function valueUsed(path: string, hit: CaseRun): string | undefined {
  if (PROPERTY_LABELS[path] !== undefined) return configEntry(hit.run.logConfig ?? [], path)?.value;
  const field = CASE_KEY.exec(path)?.[2];
  const r = hit.case;
  if (field?.startsWith('participants')) return r.config?.participants ?? r.participants;
  if (field === 'sessions') {
    const s = r.config?.sessions ?? r.sessions;
    return s === undefined ? undefined : String(s);
  }
  if (field === 'topology' || field === 'typology') return r.config?.topology ?? r.topology;
  const kept = r.config?.testcase;
  const own = field !== undefined && kept !== undefined ? `testcases[${kept}].${field}` : path;
  return hit.run.yamlRows?.find(row => row.path === own)?.value;
}

/** What a run observed of a key, where the key has an observable: participants reached. */
export function observed(
  path: string,
  c: ConfigCase | undefined,
  hit: CaseRun,
): string | undefined {
  if (!c || !/\.participants(\[\d+\])?$/.test(path)) return undefined;
  const text = participantsText(c, hit.case);
  return text && `${text.replace(/ participants$/, '')} reached`;
}

/** A file key in the numbering of the file: the run's `testcases[j]` read as the case's `[i]`. */
function asFileKey(path: string, c: ConfigCase | undefined, hit: CaseRun): string {
  const m = CASE_KEY.exec(path);
  const kept = hit.case.config?.testcase;
  if (!m || !c || kept === undefined || Number(m[1]) !== kept) return path;
  return `testcases[${c.testcase}].${m[2]}`;
}

/**
 * The file's keys whose values differ between two runs (baseline, candidate): the YAML rows'
 * diff for today's runs, the start-up block's diff for 2024 runs (named by their properties key),
 * and the case's own fields (participants, sessions, topology) when the runs recorded them.
 */
export function differingKeys(
  c: ConfigCase | undefined,
  baseline: CaseRun,
  candidate: CaseRun,
): Set<string> {
  const out = new Set<string>();
  const b = baseline.run;
  const k = candidate.run;
  if (b.yamlRows && k.yamlRows)
    for (const d of runConfigDiff(b.yamlRows, k.yamlRows)) out.add(asFileKey(d.path, c, candidate));
  if (b.logConfig && k.logConfig) {
    for (const d of logConfigDiff({ config: b.logConfig }, { config: k.logConfig })) {
      const key = propertyOfLabel(d.key);
      if (key) out.add(key);
    }
  }
  if (c)
    for (const field of ['participants', 'sessions', 'topology', 'typology'])
      if (
        valueUsed(`testcases[${c.testcase}].${field}`, baseline) !==
        valueUsed(`testcases[${c.testcase}].${field}`, candidate)
      )
        out.add(`testcases[${c.testcase}].${field}`);
  return out;
}

/** The case a line of the file belongs to: the last case of its test case starting at or before it. */
export function caseAtKey(file: ConfigFile, path: string): ConfigCase | undefined {
  const t = CASE_KEY.exec(path)?.[1];
  if (t === undefined) return undefined;
  const element = /\.participants\[(\d+)\]$/.exec(path)?.[1];
  const ofTestcase = file.cases.filter(c => c.testcase === Number(t));
  return element === undefined ? ofTestcase[0] : (ofTestcase[Number(element)] ?? ofTestcase[0]);
}

/**
 * The hover of a key, as Markdown lines: per recent run (newest first, at most `limit`), the
 * value it used and what it observed; the value is marked when it differs from the file's.
 */
export function keyHover(
  key: ConfigKey,
  c: ConfigCase | undefined,
  runs: readonly CaseRun[],
  now: number,
  limit = 5,
): string[] {
  if (runs.length === 0) return [`\`${key.path}\`: no run of this config found`];
  const lines = [`\`${key.path}\` = \`${key.value}\` in this file; recent runs:`, ''];
  for (const hit of [...runs].reverse().slice(0, limit)) {
    const used = valueUsed(key.path, hit);
    const seen = observed(key.path, c, hit);
    const mark = used !== undefined && used !== key.value ? ' (differs from this file)' : '';
    lines.push(
      `- ${hit.run.name}, ${relativeTime(hit.run.start, now)}: ${used === undefined ? 'not recorded' : `\`${used}\``}${mark}${seen ? ` · ${seen}` : ''}`,
    );
  }
  return lines;
}
