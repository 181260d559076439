/**
 * One parse task: read and parse one file of a result root. Tasks and their results are plain
 * data (typed arrays included) so they can run in a `worker_threads` worker or inline, with the
 * same code. The worker pool that runs them, and the analysis tasks it also runs, are one layer
 * up (src/core/pipeline): the ingest only says what it needs of a runner (`ParseRunner`).
 */
import type { Diagnostic } from '../model/diagnostic';
import { parseBatches, type BatchesFile } from './batches';
import { parseBrowserErrors, type BrowserErrorsFile } from './browserErrors';
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
  | { readonly kind: 'errors'; readonly file: string }
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

export interface ParseResults {
  events: EventsFile;
  errors: BrowserErrorsFile;
  log: ControllerLog;
  medianode: MedianodeCsv;
  batches: BatchesFile;
  qoe: QoeFile;
  stats: StatsFileResult;
}

export type ParseResultOf<T extends ParseTask> = ParseResults[T['kind']];

/** How a runner queues a task (src/core/pipeline/runner.ts; this thread's runner ignores it). */
export interface RunOptions {
  /** Run when nothing else waits (a prefetch). */
  readonly background?: boolean;
  /** The size of the task's input (its file), when known: small tasks are handed out many at once. */
  readonly bytes?: number;
}

/** Runs parse tasks: a worker pool or this thread (src/core/pipeline/runner.ts). */
export interface ParseRunner {
  run<T extends ParseTask>(
    task: T,
    signal?: AbortSignal,
    options?: RunOptions,
  ): Promise<ParseResultOf<T>>;
}

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
): Promise<ParseResults[ParseTask['kind']]> {
  switch (t.kind) {
    case 'events':
      return parseText(t.file, text => parseEvents(text, t.file));
    case 'errors':
      return parseText(t.file, text => parseBrowserErrors(text, t.file));
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

/** Runs one parse task on this thread; every parse task holds one file open (the open-file limit). */
export async function runParseTask<T extends ParseTask>(
  task: T,
  signal?: AbortSignal,
): Promise<ParseResultOf<T>> {
  signal?.throwIfAborted();
  return (await withOpenFile(() => {
    signal?.throwIfAborted();
    return parseFile(task, signal);
  })) as ParseResultOf<T>;
}

/** Parses on the calling thread (tests, small files, no worker pool). */
export const inlineParser: ParseRunner = { run: runParseTask };
