/**
 * Writes the `loadtest-lens analyze` tree (docs/analyze.md) into an output folder that is empty,
 * missing, or a previous analyze output; a previous output's files (listed in its summary.json)
 * are removed first, and nothing else is ever touched.
 */
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
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

/**
 * Checks `out` and clears a previous analyze output. Throws OutputRefused when `out` holds
 * anything else.
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
  let previous: unknown;
  try {
    previous = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
  } catch {
    previous = undefined;
  }
  if (!isAnalyzeSummary(previous))
    throw new OutputRefused(
      `${out} is not empty and is not a previous "loadtest-lens analyze" output (no summary.json of ours); choose an empty or new folder.`,
    );
  const files = Array.isArray(previous.files) ? previous.files : [];
  const root = resolve(out);
  for (const f of files) {
    if (typeof f !== 'string') continue;
    const path = resolve(root, f);
    if (path.startsWith(root + sep)) await rm(path, { force: true });
  }
  await rm(join(out, 'summary.json'), { force: true });
}

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
    await mkdir(dirname(path), { recursive: true });
    const file = await open(path, 'w');
    try {
      for (const chunk of chunks) await file.write(chunk);
    } finally {
      await file.close();
    }
    this.files.push(relative(this.out, path).split(sep).join('/'));
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
  return doc;
}
