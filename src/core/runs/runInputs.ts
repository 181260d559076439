/**
 * Which of a run folder's YAML and `.log` files are the run's configuration and controller log
 * (docs/today.md, "More than one configuration or log in a folder"). A folder may hold a compose
 * or Metricbeat file, a configuration kept from another run, a build log, a worker's log or
 * another run's controller log; the first by name is not necessarily the run's. Candidates are
 * read one after the other (at most MAX_CANDIDATES of a kind), each reduced to what the choice
 * needs before the next is read, so that several large logs are never held at once.
 */
import { basename } from 'node:path';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { LogRecord, MissingInput } from '../model/run';
import type { ScenarioReport } from '../model/scenario';
import type { Zone } from '../../shared/zone';
import { pushAll } from '../../shared/arrays';
import { matchConfig, parseRunConfig, type RunConfig } from './configYaml';
import { readRunLog, runProcess, type RunLogText, type RunProcess, type RunSpan } from './runLog';

/** One file read: its text, or the findings that say why it could not be. */
export interface ReadOutcome {
  readonly text?: string;
  readonly found: readonly Diagnostic[];
  readonly missing: readonly MissingInput[];
}
export type ReadFile = (file: string) => Promise<ReadOutcome>;

/** Where the chosen file's findings, and the note on the choice, go. */
export interface FindingSink {
  readonly out: Diagnostic[];
  readonly missing: MissingInput[];
}

/** At most this many files of one kind are read to choose among them. */
const MAX_CANDIDATES = 8;

interface Candidate<T> {
  readonly file: string;
  /** What the choice needs of the file; undefined when it could not be read. */
  readonly value?: T;
  readonly outcome: ReadOutcome;
}

async function digestEach<T>(
  files: readonly string[],
  read: ReadFile,
  digest: (text: string, file: string) => T,
): Promise<Candidate<T>[]> {
  const out: Candidate<T>[] = [];
  for (const file of files.slice(0, MAX_CANDIDATES)) {
    const { text, ...outcome } = await read(file);
    out.push({ file, value: text === undefined ? undefined : digest(text, file), outcome });
  }
  return out;
}

/** The candidate of lowest rank (the first on a tie), among those `eligible`. */
function best<T extends { readonly rank: number }>(
  options: readonly T[],
  eligible: (o: T) => boolean = () => true,
): T | undefined {
  return options
    .filter(eligible)
    .reduce<T | undefined>((b, o) => (b === undefined || o.rank < b.rank ? o : b), undefined);
}

/**
 * Keeps the findings of the chosen file and of every file that could not be read (what exists
 * but cannot be read is always named); says which file was used and why each other was not.
 */
function settle<T>(
  sink: FindingSink,
  candidates: readonly Candidate<T>[],
  chosen: Candidate<T> | undefined,
  why: (c: Candidate<T>) => string,
  code: string,
  what: string,
): void {
  for (const c of candidates)
    if (c === chosen || c.value === undefined) {
      pushAll(sink.out, c.outcome.found);
      pushAll(sink.missing, c.outcome.missing);
    }
  const others = candidates.filter(c => c !== chosen && c.value !== undefined);
  if (others.length === 0) return;
  const rest = others.map(c => `${basename(c.file)} (${why(c)})`).join(', ');
  const message = chosen
    ? `${basename(chosen.file)} is read as the run's ${what}; not ${rest}.`
    : `No ${what} is read: ${rest}.`;
  sink.out.push(diagnostic('info', code, (chosen ?? others[0]!).file, message));
}

/** The sections of the controller's configuration (schema/openvidu-loadtest-schema.json). */
const CONFIG_SECTIONS = new Set([
  'platform',
  'session',
  'testcases',
  'workers',
  'aws',
  'distribution',
  'video',
  'monitoring',
  'recording',
  'qoe',
  'storage',
  'advanced',
]);

/** A YAML file none of whose top-level keys is a configuration section (compose, Metricbeat). */
function foreignYaml(config: RunConfig): boolean {
  const set = config.rows.filter(r => !r.defaulted);
  const keys = new Set(set.map(r => /^[^.[]+/.exec(r.path)?.[0] ?? ''));
  return keys.size > 0 && ![...keys].some(k => CONFIG_SECTIONS.has(k));
}

interface ConfigOption {
  readonly config: RunConfig;
  readonly match: ReturnType<typeof matchConfig>;
  readonly foreign: boolean;
  readonly noCases: boolean;
  readonly misses: number;
  readonly rank: number;
}

function configOption(
  text: string,
  file: string,
  reports: readonly ScenarioReport[],
): ConfigOption {
  const config = parseRunConfig(text, file);
  const match = matchConfig(reports, config);
  const noCases = config.diagnostics.some(d => d.code === 'config.noTestcases');
  const misses = match.diagnostics.filter(d => d.severity !== 'info').length;
  const tie = basename(file) === 'config.yaml' ? -0.5 : 0;
  const rank = (noCases ? 1e9 : 0) + misses + tie;
  return { config, match, foreign: foreignYaml(config), noCases, misses, rank };
}

/**
 * The run's configuration: a file with the controller's `testcases`, and among those the one
 * whose test cases the reports match best, `config.yaml` (the compose files' LOADTEST_CONFIG) on
 * a tie. A YAML file with none of the configuration's sections is never read as it.
 */
export async function chooseConfig(
  files: readonly string[],
  read: ReadFile,
  reports: readonly ScenarioReport[],
  sink: FindingSink,
): Promise<{ config?: RunConfig; match?: ReturnType<typeof matchConfig>; file?: string }> {
  const candidates = await digestEach(files, read, (text, file) =>
    configOption(text, file, reports),
  );
  const options = candidates.map(c => ({ ...c, rank: c.value?.rank ?? Infinity }));
  const chosen = best(options, o => o.value !== undefined && !o.value.foreign);
  const why = (c: Candidate<ConfigOption>): string =>
    c.value!.foreign
      ? "none of the configuration's sections (platform, testcases…) is in it"
      : c.value!.noCases
        ? 'it has no testcases'
        : c.value!.misses > (chosen?.value?.misses ?? 0)
          ? "its test cases match fewer of the reports'"
          : "it matches the reports as well: config.yaml, the compose files' default, else the first by name, is read";
  settle(sink, options, chosen, why, chosen ? 'config.chosen' : 'config.none', 'configuration');
  if (!chosen?.value) return {};
  pushAll(sink.out, chosen.value.config.diagnostics);
  pushAll(sink.out, chosen.value.match.diagnostics);
  return { config: chosen.value.config, match: chosen.value.match, file: chosen.file };
}

/** What the choice of a log keeps of it: its records, findings, the run's process, its rank. */
interface LogOption extends RunLogText {
  readonly process: RunProcess;
  /** 0: of this run; 1: the controller's, of another run; 2: no controller line. */
  readonly rank: number;
}

/**
 * The controller's log: a file holding loadtest-controller lines, and among those one whose
 * process ran this run. A file without any (a build log, an empty capture) is never read as it.
 */
export async function chooseLog(
  files: readonly string[],
  read: ReadFile,
  zone: Zone,
  span: RunSpan,
  sink: FindingSink,
): Promise<{ file?: string; records: LogRecord[]; process: RunProcess }> {
  const candidates = await digestEach(files, read, (text, file): LogOption => {
    const log = readRunLog(text, zone, file);
    const process = runProcess(log.records, span);
    return { ...log, process, rank: !log.fromController ? 2 : process.own ? 0 : 1 };
  });
  const options = candidates.map(c => ({ ...c, rank: c.value?.rank ?? Infinity }));
  const chosen = best(options, o => o.rank < 2);
  const why = (c: Candidate<LogOption>): string =>
    c.value!.rank === 2 ? 'no loadtest-controller line in it' : 'none of its lines is of this run';
  settle(sink, options, chosen, why, chosen ? 'log.chosen' : 'log.none', 'controller log');
  if (chosen?.value) pushAll(sink.out, chosen.value.diagnostics);
  const records = chosen?.value?.records ?? [];
  return {
    file: chosen?.file,
    records,
    process: chosen?.value?.process ?? runProcess(records, span),
  };
}
