/**
 * One unit of work for the pool: parse one file, or (kind `section`) compute one comparison
 * section of the analysis. Tasks and their results are plain data (typed arrays included) so they
 * can run in a `worker_threads` worker or inline, with the same code.
 */
import type { Diagnostic } from '../model/diagnostic';
import {
  analyzeSectionRows,
  type SectionName,
  type SectionResult,
} from '../analysis/downstream/sections';
import type { ConnectionStatsRow, Profile } from '../analysis/types';
import { parseBatches, type BatchesFile } from './batches';
import { readControllerLog, type ControllerLog } from './controllerLog';
import { parseEvents, type EventsFile } from './events';
import { readMedianodeCsv, type MedianodeCsv } from './medianodeCsv';
import { parseQoeFile, type QoeFile, type QoeFileName } from './qoe';
import { readTextFile } from './readFile';
import { readStatsFile, type StatsFileResult } from './stats';
import { withOpenFile } from '../util/limiter';

/** Parse one file. */
export type ParseTask =
  | { readonly kind: 'events'; readonly file: string }
  | { readonly kind: 'log'; readonly file: string }
  | { readonly kind: 'medianode'; readonly file: string }
  | { readonly kind: 'batches'; readonly file: string }
  | { readonly kind: 'qoe'; readonly file: string; readonly name: QoeFileName }
  | {
      readonly kind: 'stats';
      readonly file: string;
      /** Written in the tables' user/session columns (the notebook uses the folder names). */
      readonly user?: string;
      readonly session?: string;
      /** Drop LiveKit's duplicated peer-connection rows (false in the notebook profile). */
      readonly dedupe: boolean;
    };

/** One comparison section of the analysis (`analyzeSectionRows`). */
export interface SectionTask {
  readonly kind: 'section';
  readonly section: SectionName;
  /** The section's rows (`sectionRows`). */
  readonly rows: readonly ConnectionStatsRow[];
  readonly profile: Profile;
}

export type IngestTask = ParseTask | SectionTask;

export interface TaskResults {
  events: EventsFile;
  log: ControllerLog;
  medianode: MedianodeCsv;
  batches: BatchesFile;
  qoe: QoeFile;
  stats: StatsFileResult;
  section: SectionResult;
}

export type ResultOf<T extends IngestTask> = TaskResults[T['kind']];

/** Reads a text file and parses it; an unreadable file gives the parser's empty result plus the read diagnostic. */
async function parseText<R extends { diagnostics: Diagnostic[] }>(
  file: string,
  parse: (text: string) => R,
): Promise<R> {
  const read = await readTextFile(file);
  const result = parse(read.text ?? '');
  // An unreadable file says only that; a readable one adds its decoding findings to the parser's.
  const diagnostics =
    read.text === undefined ? read.diagnostics : [...read.diagnostics, ...result.diagnostics];
  return { ...result, diagnostics };
}

/** Reads and parses one file. */
async function parseFile(
  t: ParseTask,
  signal?: AbortSignal,
): Promise<TaskResults[ParseTask['kind']]> {
  switch (t.kind) {
    case 'events':
      return parseText(t.file, text => parseEvents(text, t.file));
    case 'log':
      return readControllerLog(t.file, signal);
    case 'medianode':
      return readMedianodeCsv(t.file);
    case 'batches':
      return parseText(t.file, text => parseBatches(text, t.file));
    case 'qoe':
      return parseText(t.file, text => parseQoeFile(text, t.file, t.name));
    case 'stats':
      return readStatsFile(t.file, { user: t.user, session: t.session, dedupe: t.dedupe, signal });
  }
}

export async function runTask<T extends IngestTask>(
  task: T,
  signal?: AbortSignal,
): Promise<ResultOf<T>> {
  signal?.throwIfAborted();
  const t = task as IngestTask;
  if (t.kind === 'section') return analyzeSectionRows(t.section, t.rows, t.profile) as ResultOf<T>;
  // Every parse task holds one file open: all of them share the open-file limit.
  return (await withOpenFile(() => {
    signal?.throwIfAborted();
    return parseFile(t, signal);
  })) as ResultOf<T>;
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
