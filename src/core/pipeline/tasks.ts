/**
 * The tasks the worker pool runs: parsing one file (src/core/ingest/tasks.ts) or computing one
 * comparison section of the analysis (src/core/analysis/downstream/sections.ts). Above both
 * layers, so that neither imports the other's tasks. Tasks and results are plain data (typed
 * arrays included): they run in a `worker_threads` worker or inline, with the same code.
 */
import {
  analyzeSectionRows,
  type SectionResult,
  type SectionTask,
} from '../analysis/downstream/sections';
import { runParseTask, type ParseResults, type ParseTask } from '../ingest/tasks';

export type IngestTask = ParseTask | SectionTask;

export interface TaskResults extends ParseResults {
  section: SectionResult;
}

export type ResultOf<T extends IngestTask> = TaskResults[T['kind']];

export async function runTask<T extends IngestTask>(
  task: T,
  signal?: AbortSignal,
): Promise<ResultOf<T>> {
  signal?.throwIfAborted();
  const t = task as IngestTask;
  if (t.kind === 'section') return analyzeSectionRows(t.section, t.rows, t.profile) as ResultOf<T>;
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
