/**
 * The tasks the worker pool runs: parsing one file (src/core/ingest/tasks.ts), computing one
 * comparison section of the analysis (src/core/analysis/downstream/sections.ts), writing one
 * QoS table of an analyze output (src/core/report/analyzeOutput.ts), or fitting one test's knees
 * for a comparison (src/core/compare/compare.ts). Above both
 * layers, so that neither imports the other's tasks. Tasks and results are plain data (typed
 * arrays included): they run in a `worker_threads` worker or inline, with the same code.
 */
import {
  analyzeSectionRows,
  type SectionResult,
  type SectionTask,
} from '../analysis/downstream/sections';
import { runParseTask, type ParseResults, type ParseTask } from '../ingest/tasks';
import { transferables as qosTransferables, type QosTable, type QosTables } from '../ingest/stats';
import type { CsvMode } from '../report/csv';
import { OutputRefused, writeQosTable } from '../report/analyzeOutput';
import type { ConnectionStatsRow } from '../analysis/types';
import { testLoadOfRows, type LoadConfig, type TestLoad } from '../compare/compare';
import type { CompareConfig } from '../compare/verdict';

/**
 * One QoS table's CSV written into an analyze output (src/core/report/analyzeOutput.ts) by the
 * worker: the formatting and the writing leave the main thread, and the table's typed arrays are
 * moved to the worker (transferred), not copied: the sender must not read them afterwards.
 */
export interface QosCsvTask {
  readonly kind: 'qosCsv';
  readonly out: string;
  readonly mode: CsvMode;
  readonly rel: string;
  readonly table: QosTable;
}

/** One test's knees and capacities for a comparison (`testLoadOfRows`: bootstraps of model fits). */
export interface TestLoadTask {
  readonly kind: 'testLoad';
  readonly rows: readonly ConnectionStatsRow[];
  readonly config: CompareConfig;
  readonly load: LoadConfig;
}

export type IngestTask = ParseTask | SectionTask | QosCsvTask | TestLoadTask;

export interface TaskResults extends ParseResults {
  section: SectionResult;
  testLoad: TestLoad;
  /** The refusal's message when the output folder refused the file (OutputRefused), else ''. */
  qosCsv: string;
}

/** Writes the table; a refusal comes back as its message (an Error's class does not cross threads). */
async function runQosCsv(t: QosCsvTask): Promise<string> {
  try {
    await writeQosTable(t.out, t.mode, t.rel, t.table);
    return '';
  } catch (e) {
    if (e instanceof OutputRefused) return e.message;
    throw e;
  }
}

export type ResultOf<T extends IngestTask> = TaskResults[T['kind']];

export async function runTask<T extends IngestTask>(
  task: T,
  signal?: AbortSignal,
): Promise<ResultOf<T>> {
  signal?.throwIfAborted();
  const t = task as IngestTask;
  if (t.kind === 'section') return analyzeSectionRows(t.section, t.rows, t.profile) as ResultOf<T>;
  if (t.kind === 'qosCsv') return (await runQosCsv(t)) as ResultOf<T>;
  if (t.kind === 'testLoad') return testLoadOfRows(t.rows, t.config, t.load) as ResultOf<T>;
  return (await runParseTask(t, signal)) as ResultOf<T>;
}

function isPlainRecord(v: unknown): boolean {
  return (
    typeof v === 'object' &&
    v !== null &&
    !ArrayBuffer.isView(v) &&
    !Object.values(v).some(x => ArrayBuffer.isView(x))
  );
}

/** ArrayBuffers a task moves to its worker: a QoS table's (QosCsvTask), none for the others. */
export function taskTransferables(task: IngestTask): ArrayBuffer[] {
  return task.kind === 'qosCsv' ? transferables(task.table) : [];
}

/**
 * ArrayBuffers of a task's result to move back: a stats.json's tables list theirs exactly (no
 * walk through their dictionaries); other results are walked (`transferables`).
 */
export function resultTransferables(task: IngestTask, result: unknown): ArrayBuffer[] {
  return task.kind === 'stats' ? qosTransferables(result as QosTables) : transferables(result);
}

/** ArrayBuffers inside a result, to transfer (not copy) them out of a worker. */
export function transferables(
  value: unknown,
  out: ArrayBuffer[] = [],
  seen = new Set<unknown>(),
): ArrayBuffer[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return out;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && !out.includes(value.buffer)) out.push(value.buffer);
    return out;
  }
  if (value instanceof Map) {
    for (const v of value.values()) transferables(v, out, seen);
    return out;
  }
  for (const v of Object.values(value)) {
    // Arrays of plain records (events, diagnostics) hold no buffers: skip them for speed. Arrays
    // whose first element holds a typed array (QoS table columns) are walked.
    if (Array.isArray(v) && v.length > 0 && isPlainRecord(v[0])) continue;
    transferables(v, out, seen);
  }
  return out;
}
