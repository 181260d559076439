/**
 * Writes the `loadtest-lens analyze` tree (docs/analyze.md) into an output folder that is empty,
 * missing, or a previous analyze output. Every file is listed in a journal (JOURNAL) before it
 * is created, and the journal is removed once summary.json (which lists every file) is written:
 * so a finished output is marked by its summary.json and an interrupted one by its journal. A
 * previous output's files (listed in either) are removed first, and nothing else is ever touched.
 *
 * The output folder may have been prepared by someone else (docs/reliability.md "Output
 * folder"): every path read, removed or written is checked to lie inside the folder's real path
 * with no symbolic link on the way (a link anywhere in the tree is refused, never followed), and
 * each file is created anew with O_EXCL | O_NOFOLLOW after the old one is removed.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { PROGRESSION_KINDS, type TestDownstream } from '../analysis/downstream';
import type { ConnectionStatsRow } from '../analysis/types';
import { QOS_TABLE_NAMES, type QosTable, type QosTables } from '../ingest/stats';
import type { CsvMode } from './csv';
import { qosCsvChunks } from './qosCsv';
import {
  SUMMARY_SCHEMA,
  SUMMARY_SCHEMA_VERSION,
  isAnalyzeSummary,
  type AnalyzeSummary,
  type QosTableSummary,
  type SummaryDiagnostic,
  type SummaryDocumentTest,
} from './summary';
import {
  basicsCsv,
  comparisonsCsv,
  ConnectionStatsCsv,
  cpuThresholdsCsv,
  jsonText,
  progressionCsv,
  qoeProgressionCsv,
} from './tables';

export class OutputRefused extends Error {}

/** The journal of files being written; present only while (or because) a run did not finish. */
export const JOURNAL = '.loadtest-lens-analyze.journal';

/** `rel` split into its parts when it is a plain relative path staying inside (no `..`, not absolute). */
function partsInside(rel: string): string[] | undefined {
  if (rel === '' || rel.includes('\0') || isAbsolute(rel)) return undefined;
  const parts = rel.split(/[\\/]/).filter(p => p !== '' && p !== '.');
  return parts.length === 0 || parts.includes('..') ? undefined : parts;
}

/**
 * Checks the path `rel` below the real output folder `realOut`: no part of it may be a symbolic
 * link (OutputRefused names the first one). Returns the absolute path, and whether it exists.
 */
async function checkedPath(
  realOut: string,
  rel: string,
): Promise<{ path: string; exists: boolean }> {
  const parts = partsInside(rel);
  if (!parts) throw new OutputRefused(`refusing the output path "${rel}": it leaves ${realOut}.`);
  let path = realOut;
  for (const part of parts) {
    path = join(path, part);
    const s = await lstat(path).catch(() => undefined);
    if (!s) return { path: join(realOut, ...parts), exists: false };
    if (s.isSymbolicLink())
      throw new OutputRefused(
        `${path} is a symbolic link inside the output folder; links there are never followed, removed or written through. Choose an empty or new folder.`,
      );
  }
  return { path, exists: true };
}

/** The output folder's real path (it exists once prepareOutput has run). */
async function realOutput(out: string): Promise<string> {
  return realpath(out);
}

/** O_NOFOLLOW where the platform has it (not on Windows, where links need privileges). */
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
/** Create a new file, never through a link, never over one that appeared since it was removed. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW;
/** Append to the journal, never through a link. */
const APPEND = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | NO_FOLLOW;

/** The text of a file of ours in the output folder (no link on the way), or undefined. */
async function readOurs(realOut: string, rel: string): Promise<string | undefined> {
  const { path, exists } = await checkedPath(realOut, rel);
  if (!exists) return undefined;
  try {
    const handle = await open(path, constants.O_RDONLY | NO_FOLLOW);
    try {
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** The files a previous run of ours wrote into the folder: its summary.json's list and its journal. */
async function previousFiles(realOut: string): Promise<string[] | undefined> {
  let previous: unknown;
  try {
    previous = JSON.parse((await readOurs(realOut, 'summary.json')) ?? '');
  } catch {
    previous = undefined;
  }
  const journal = await readOurs(realOut, JOURNAL);
  const ours = isAnalyzeSummary(previous) ? previous : undefined;
  if (!ours && journal === undefined) return undefined;
  const listed: unknown[] = ours && Array.isArray(ours.files) ? ours.files : [];
  return [
    ...listed.filter((f): f is string => typeof f === 'string'),
    ...(journal ?? '').split('\n').filter(Boolean),
    ...(ours ? ['summary.json'] : []),
    JOURNAL,
  ];
}

/**
 * Checks `out` and clears a previous (finished or interrupted) analyze output. Throws
 * OutputRefused when `out` holds anything else, or when a listed path leaves the folder or
 * passes through a link (one hostile entry refuses them all, before anything is removed).
 */
export async function prepareOutput(out: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(out);
  } catch {
    await mkdir(out, { recursive: true });
    return;
  }
  if (entries.length === 0) return;
  const realOut = await realOutput(out);
  const files = await previousFiles(realOut);
  if (!files)
    throw new OutputRefused(
      `${out} is not empty and is not a previous "loadtest-lens analyze" output (no summary.json or ${JOURNAL} of ours); choose an empty or new folder.`,
    );
  const removable: string[] = [];
  for (const f of files) {
    const { path, exists } = await checkedPath(realOut, f);
    if (exists && (await lstat(path)).isFile()) removable.push(path);
  }
  for (const path of removable) await rm(path, { force: true });
}

/** Collects written paths (relative to the output folder) for summary.json. */
export class OutputWriter {
  readonly files: string[] = [];
  /** connection_stats.csv of the root and of each test, each row formatted once. */
  readonly connectionStats: ConnectionStatsCsv;
  /** `csvMode`: `pandas` for the notebook profile (byte-identical), else `spreadsheet` (csv.ts). */
  constructor(
    readonly out: string,
    readonly csvMode: CsvMode = 'pandas',
  ) {
    this.connectionStats = new ConnectionStatsCsv(csvMode);
  }

  async write(rel: string, text: string): Promise<void> {
    await this.writeChunks(rel, [text]);
  }

  /**
   * Writes a file piece by piece (large tables), never holding it whole. The file is listed in
   * the journal first; the folders on the way are created one by one and none may be a link; an
   * existing file is removed and the new one created with O_EXCL | O_NOFOLLOW, so nothing
   * outside the output folder is ever written.
   */
  async writeChunks(rel: string, chunks: Iterable<string>): Promise<void> {
    const realOut = await realOutput(this.out);
    const parts = partsInside(rel);
    if (!parts) throw new OutputRefused(`refusing the output path "${rel}": it leaves ${realOut}.`);
    await this.journal(realOut, parts.join('/'));
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const { path, exists } = await checkedPath(realOut, dir);
      if (!exists) await mkdir(path).catch(ignoreExisting);
    }
    const { path, exists } = await checkedPath(realOut, rel);
    if (exists) await rm(path);
    const file = await open(path, CREATE_NEW, 0o644);
    try {
      for (const chunk of chunks) await file.write(chunk);
    } finally {
      await file.close();
    }
    this.files.push(parts.join('/'));
  }

  /** Adds a file another writer on the same folder wrote (a worker's, `writeQosTable`) to the list. */
  adopt(rel: string): void {
    this.files.push(rel);
  }

  /** Lists `rel` in the journal before it is created (an interrupted run can then be cleared). */
  private async journal(realOut: string, rel: string): Promise<void> {
    const { path } = await checkedPath(realOut, JOURNAL);
    const handle = await open(path, APPEND, 0o644);
    try {
      await handle.write(`${rel}\n`);
    } finally {
      await handle.close();
    }
  }
}

/** mkdir's EEXIST is fine (a folder made by an earlier file); other errors are not. */
function ignoreExisting(err: unknown): void {
  if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
}

/** Characters no folder name gets: separators, NUL and controls, and those Windows forbids. */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const UNSAFE_CHARS = /[\u0000-\u001f\u007f/\\<>:"|?*]/g;
/** Names the output folder's top level uses itself, and names with a meaning of their own. */
const RESERVED = new Set(['', '.', '..', 'summary.json', 'connection_stats.csv']);
/** Longest folder name kept as is, in UTF-8 bytes (file systems allow 255). */
const MAX_NAME_BYTES = 120;

/** The longest prefix of `text` of at most `max` UTF-8 bytes, not cutting a character. */
function utf8Prefix(text: string, max: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

/**
 * A test's folder name in the output (docs/analyze.md): the test name itself when it is a safe
 * file name; otherwise the name with every unsafe character replaced by `_`, cut to 100 bytes,
 * and `~` plus the first 8 hex digits of the SHA-1 of the full name appended. Reserved names
 * (`summary.json`, `connection_stats.csv`, `.`, `..`, empty; compared case-insensitively) get the
 * suffix too, so a test can never overwrite or collide with the top-level files, and two test
 * names never share a folder.
 */
export function safeName(name: string): string {
  const cleaned = name.replace(UNSAFE_CHARS, '_');
  const plain =
    cleaned === name &&
    Buffer.byteLength(name) <= MAX_NAME_BYTES &&
    !RESERVED.has(name.toLowerCase()) &&
    !name.includes('~');
  if (plain) return name;
  const hash = createHash('sha1').update(name, 'utf8').digest('hex').slice(0, 8);
  return `${utf8Prefix(cleaned, 100)}~${hash}`;
}

/** One QoS table's CSV, written to `rel` in `out` with a writer of its own (on a worker thread). */
export async function writeQosTable(
  out: string,
  mode: CsvMode,
  rel: string,
  table: QosTable,
): Promise<void> {
  await new OutputWriter(out, mode).writeChunks(rel, qosCsvChunks(table, mode));
}

/**
 * Writes the QoS tables of a test (`rel` → table), e.g. on the worker pool; the files are listed
 * in the writer by `writeTest`, in the order of QOS_TABLE_NAMES, once all are written.
 */
export type QosTablesWriter = (
  w: OutputWriter,
  tables: ReadonlyArray<readonly [string, QosTable]>,
) => Promise<void>;

/** The tables one after another on this thread. */
const writeQosHere: QosTablesWriter = async (w, tables) => {
  for (const [rel, table] of tables) await writeQosTable(w.out, w.csvMode, rel, table);
};

/** A test's QoS tables being written (`startQosWrite`). */
export interface QosWrite {
  /** What summary.json says of each table (every table, written or empty). */
  readonly summary: Record<string, QosTableSummary>;
  /** The files written, in the order of QOS_TABLE_NAMES, once all are. */
  readonly done: Promise<readonly string[]>;
}

/**
 * Starts writing a test's QoS tables (`qos/<table>.csv`, a table only when it has rows, as
 * separate_stats does): as soon as they are merged, while other tests are still analysed.
 * `writeTest` waits for it and lists the files in its turn, so the output's file list keeps its
 * order. A failure is reported where `done` is awaited.
 */
export function startQosWrite(
  w: OutputWriter,
  test: string,
  qos: QosTables,
  writeQos: QosTablesWriter = writeQosHere,
): QosWrite {
  const dir = safeName(test);
  const summary: Record<string, QosTableSummary> = {};
  const written: Array<readonly [string, QosTable]> = [];
  for (const name of QOS_TABLE_NAMES) {
    const table = qos.tables[name];
    summary[name] = { rows: table.rows, columns: table.columns.map(c => c.name) };
    if (table.rows > 0) written.push([`${dir}/qos/${name}.csv`, table]);
  }
  const done = writeQos(w, written).then(() => written.map(([rel]) => rel));
  done.catch(() => undefined);
  return { summary, done };
}

export async function writeTest(
  w: OutputWriter,
  result: TestDownstream,
  rows: readonly ConnectionStatsRow[],
  qos: QosWrite | undefined,
): Promise<SummaryDocumentTest> {
  const dir = safeName(result.test);
  await w.write(`${dir}/connection_stats.csv`, w.connectionStats.csv(rows));
  for (const s of result.sections) {
    await w.write(
      `${dir}/cpu_thresholds__${s.section}.csv`,
      cpuThresholdsCsv(s.label, s.cpuThresholds, w.csvMode),
    );
    await w.write(`${dir}/basics__${s.section}.csv`, basicsCsv(s.basics, w.csvMode));
    await w.write(`${dir}/basics_clean__${s.section}.csv`, basicsCsv(s.basicsClean, w.csvMode));
    await w.write(`${dir}/comparisons__${s.section}.json`, jsonText(s.comparisons));
    await w.write(`${dir}/comparisons__${s.section}.csv`, comparisonsCsv(s.comparisons, w.csvMode));
    await w.write(`${dir}/comparisons_clean__${s.section}.json`, jsonText(s.comparisonsClean));
    await w.write(
      `${dir}/comparisons_clean__${s.section}.csv`,
      comparisonsCsv(s.comparisonsClean, w.csvMode),
    );
  }
  for (const kind of PROGRESSION_KINDS)
    await w.write(
      `${dir}/progression_${kind}.csv`,
      progressionCsv(result.progression[kind], w.csvMode),
    );
  await w.write(
    `${dir}/qoe_progression_vmaf.csv`,
    qoeProgressionCsv(result.qoeProgression.vmaf, w.csvMode),
  );
  await w.write(
    `${dir}/qoe_progression_visqol.csv`,
    qoeProgressionCsv(result.qoeProgression.visqol, w.csvMode),
  );
  if (qos) for (const rel of await qos.done) w.adopt(rel);
  const qosSummary = qos?.summary;
  return {
    name: result.test,
    connection_stats_rows: rows.length,
    duplicate_rows_dropped: result.duplicateRowsDropped,
    progression: result.progression,
    qoe_progression: result.qoeProgression,
    sections: result.sections.map(s => ({
      section: s.section,
      label: s.label,
      cpu_thresholds: s.cpuThresholds,
      basics: s.basics,
      basics_clean: s.basicsClean,
      comparisons: s.comparisons,
      comparisons_clean: s.comparisonsClean,
      diagnostics: s.diagnostics,
    })),
    ...(qosSummary ? { qos: qosSummary } : {}),
  };
}

export async function writeSummary(
  w: OutputWriter,
  summary: Omit<AnalyzeSummary, 'schema' | 'schemaVersion' | 'files'> & {
    readonly diagnostics: readonly SummaryDiagnostic[];
  },
): Promise<AnalyzeSummary> {
  const doc: AnalyzeSummary = {
    schema: SUMMARY_SCHEMA,
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    ...summary,
    files: [...w.files, 'summary.json'],
  };
  await w.write('summary.json', jsonText(doc));
  await rm(join(w.out, JOURNAL), { force: true });
  return doc;
}
