/**
 * Writes the `loadtest-lens analyze` tree (docs/analyze.md) into an output folder that is empty,
 * missing, or a previous analyze output. Every file is listed in a journal (JOURNAL) before it
 * is created, and the journal is removed once summary.json (which lists every file) is written:
 * so a finished output is marked by its summary.json and an interrupted one by its journal. A
 * previous output's files (listed in either) are removed first, and nothing else is ever touched.
 */
import { constants as fsConstants } from 'node:fs';
import { appendFile, lstat, mkdir, open, readdir, readFile, realpath, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isWithin } from '../source/insideRoot';
import { PROGRESSION_KINDS, type TestDownstream } from '../analysis/downstream';
import type { ConnectionStatsRow } from '../analysis/types';
import { QOS_TABLE_NAMES, type QosTables } from '../ingest/stats';
import { qosCsvChunks } from './qosCsv';
import {
  SUMMARY_SCHEMA,
  SUMMARY_SCHEMA_VERSION,
  isAnalyzeSummary,
  type AnalyzeSummary,
  type QosTableSummary,
  type SummaryDiagnostic,
  type TestSummary,
} from './summary';
import {
  basicsCsv,
  comparisonsCsv,
  connectionStatsCsv,
  cpuThresholdsCsv,
  jsonText,
  progressionCsv,
  qoeProgressionCsv,
} from './tables';

export class OutputRefused extends Error {}

/** The journal of files being written; present only while (or because) a run did not finish. */
export const JOURNAL = '.loadtest-lens-analyze.journal';

/** The files a previous run of ours wrote into `out`: its summary.json's list and its journal. */
async function previousFiles(out: string): Promise<string[] | undefined> {
  let previous: unknown;
  try {
    previous = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
  } catch {
    previous = undefined;
  }
  const journal = await readFile(join(out, JOURNAL), 'utf8').catch(() => undefined);
  const listed: unknown[] =
    isAnalyzeSummary(previous) && Array.isArray(previous.files) ? previous.files : [];
  if (!isAnalyzeSummary(previous) && journal === undefined) return undefined;
  return [
    ...listed.filter((f): f is string => typeof f === 'string'),
    ...(journal ?? '').split('\n').filter(Boolean),
    ...(isAnalyzeSummary(previous) ? ['summary.json'] : []),
    JOURNAL,
  ];
}

/**
 * Removes one file we wrote, if it is still a file (or a link: the link itself goes) whose
 * folder lies, links followed, inside the output folder; anything else is left alone.
 */
async function removeOurs(realOut: string, out: string, rel: string): Promise<void> {
  const path = resolve(out, rel);
  if (!path.startsWith(resolve(out) + sep)) return;
  const info = await lstat(path).catch(() => undefined);
  if (!info || info.isDirectory()) return;
  const folder = await realpath(dirname(path)).catch(() => undefined);
  if (folder && isWithin(realOut, folder)) await rm(path, { force: true });
}

/**
 * Checks `out` and clears a previous (finished or interrupted) analyze output. Throws
 * OutputRefused when `out` holds anything else.
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
  const files = await previousFiles(out);
  if (!files)
    throw new OutputRefused(
      `${out} is not empty and is not a previous "loadtest-lens analyze" output (no summary.json or ${JOURNAL} of ours); choose an empty or new folder.`,
    );
  const realOut = await realpath(out);
  for (const f of files) await removeOurs(realOut, out, f);
}

const NO_FOLLOW_WRITE =
  fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_TRUNC | fsConstants.O_NOFOLLOW;

/** Collects written paths (relative to the output folder) for summary.json. */
export class OutputWriter {
  readonly files: string[] = [];
  constructor(readonly out: string) {}

  async write(rel: string, text: string): Promise<void> {
    await this.writeChunks(rel, [text]);
  }

  /** Writes a file piece by piece (large tables), never holding it whole. */
  async writeChunks(rel: string, chunks: Iterable<string>): Promise<void> {
    const path = join(this.out, rel);
    const listed = relative(this.out, path).split(sep).join('/');
    await appendFile(join(this.out, JOURNAL), `${listed}\n`);
    await mkdir(dirname(path), { recursive: true });
    const folder = await realpath(dirname(path));
    if (!isWithin(await realpath(this.out), folder))
      throw new OutputRefused(
        `${dirname(path)} leads outside ${this.out} (a link in the output folder); nothing is written through it.`,
      );
    // No-follow: a link planted where a file of ours goes is refused, never written through.
    const file = await open(path, NO_FOLLOW_WRITE).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ELOOP') throw err;
      throw new OutputRefused(`${path} is a link; nothing is written through it.`);
    });
    try {
      for (const chunk of chunks) await file.write(chunk);
    } finally {
      await file.close();
    }
    this.files.push(listed);
  }
}

/** Test names become folder names: path separators and `..` are not allowed through. */
export function safeName(name: string): string {
  const cleaned = name.replace(/[/\\]/g, '_');
  return cleaned === '.' || cleaned === '..' || cleaned === '' ? `_${cleaned}` : cleaned;
}

export async function writeTest(
  w: OutputWriter,
  result: TestDownstream,
  rows: readonly ConnectionStatsRow[],
  qos: QosTables | undefined,
): Promise<TestSummary> {
  const dir = safeName(result.test);
  await w.write(`${dir}/connection_stats.csv`, connectionStatsCsv(rows));
  for (const s of result.sections) {
    await w.write(
      `${dir}/cpu_thresholds__${s.section}.csv`,
      cpuThresholdsCsv(s.label, s.cpuThresholds),
    );
    await w.write(`${dir}/basics__${s.section}.csv`, basicsCsv(s.basics));
    await w.write(`${dir}/basics_clean__${s.section}.csv`, basicsCsv(s.basicsClean));
    await w.write(`${dir}/comparisons__${s.section}.json`, jsonText(s.comparisons));
    await w.write(`${dir}/comparisons__${s.section}.csv`, comparisonsCsv(s.comparisons));
    await w.write(`${dir}/comparisons_clean__${s.section}.json`, jsonText(s.comparisonsClean));
    await w.write(`${dir}/comparisons_clean__${s.section}.csv`, comparisonsCsv(s.comparisonsClean));
  }
  for (const kind of PROGRESSION_KINDS)
    await w.write(`${dir}/progression_${kind}.csv`, progressionCsv(result.progression[kind]));
  await w.write(`${dir}/qoe_progression_vmaf.csv`, qoeProgressionCsv(result.qoeProgression.vmaf));
  await w.write(
    `${dir}/qoe_progression_visqol.csv`,
    qoeProgressionCsv(result.qoeProgression.visqol),
  );
  let qosSummary: Record<string, QosTableSummary> | undefined;
  if (qos) {
    qosSummary = {};
    for (const name of QOS_TABLE_NAMES) {
      const table = qos.tables[name];
      qosSummary[name] = { rows: table.rows, columns: table.columns.map(c => c.name) };
      // separate_stats writes a table only when it has rows
      if (table.rows > 0) await w.writeChunks(`${dir}/qos/${name}.csv`, qosCsvChunks(table));
    }
  }
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
