/**
 * Runs ingest tasks off the main thread: a pool of `worker_threads` workers sized to the cores,
 * a FIFO queue (and a second one for background work, taken when the first is empty), and
 * cancellation that terminates every worker at once. `InlineRunner` runs the same tasks
 * in-process (tests, tiny roots, or when the worker bundle is missing).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RunOptions } from '../ingest/tasks';
import { runTask, taskTransferables, type IngestTask, type ResultOf } from './tasks';

export type { RunOptions } from '../ingest/tasks';

export interface TaskRunner {
  run<T extends IngestTask>(
    task: T,
    signal?: AbortSignal,
    options?: RunOptions,
  ): Promise<ResultOf<T>>;
  dispose(): Promise<void>;
}

export class InlineRunner implements TaskRunner {
  run<T extends IngestTask>(task: T, signal?: AbortSignal): Promise<ResultOf<T>> {
    return runTask(task, signal);
  }
  async dispose(): Promise<void> {}
}

/** Message a worker sends back for task `id`. */
export type WorkerReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

interface Pending {
  id: number;
  task: IngestTask;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  /** What the task counts against a worker's IN_FLIGHT_BYTES. */
  weight: number;
}

interface Slot {
  worker: Worker;
  /** Tasks sent to the worker and not answered yet, oldest first (IN_FLIGHT_*). */
  readonly sent: Pending[];
  /** The weights of `sent`. */
  sentBytes: number;
  /** The worker has answered a task: it did start. */
  replied?: boolean;
}

/**
 * What a worker holds at once: the task it runs and the next ones, waiting in its message queue,
 * so that it goes straight on to them even while this thread is busy with a long computation
 * (connection_stats, a CSV) and cannot hand it one. By input size: hundreds of ms of small files
 * (a user's stats.json is a few hundred KB), or two big ones; a task of unknown size counts as
 * half the budget. Their results wait in this thread's message queue while it is busy, so the
 * budget also bounds that memory.
 */
const IN_FLIGHT_BYTES = 16 << 20;
const IN_FLIGHT_TASKS = 32;
const UNKNOWN_WEIGHT = IN_FLIGHT_BYTES / 2;

function abortError(): Error {
  const err = new Error('Ingest was cancelled.');
  err.name = 'AbortError';
  return err;
}

/**
 * Errors of a worker that could not start: no file handle for its script or its thread (EMFILE
 * under a low `ulimit -n`), no thread. Not an out-of-memory crash of a task, which must not be
 * retried here.
 */
const START_FAILURES = new Set(['EMFILE', 'ENFILE', 'EAGAIN', 'ERR_WORKER_INIT_FAILED']);

function isStartFailure(err: unknown): boolean {
  return START_FAILURES.has((err as NodeJS.ErrnoException | undefined)?.code ?? '');
}

export function defaultWorkerCount(max = Infinity): number {
  return Math.max(1, Math.min(availableParallelism(), max));
}

export class WorkerPool implements TaskRunner {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  /** Tasks queued with `background`: taken only when `queue` is empty. */
  private readonly background: Pending[] = [];
  private nextId = 1;
  private disposed = false;

  /** @param script the bundled worker (dist/worker.js), which calls `serveTasks`. */
  constructor(
    private readonly script: string,
    private size = defaultWorkerCount(),
  ) {}

  run<T extends IngestTask>(
    task: T,
    signal?: AbortSignal,
    options?: RunOptions,
  ): Promise<ResultOf<T>> {
    if (this.disposed) return Promise.reject(new Error('The worker pool was disposed.'));
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<ResultOf<T>>((resolve, reject) => {
      const pending: Pending = {
        id: this.nextId++,
        task,
        resolve: resolve as (v: unknown) => void,
        reject,
        signal,
        weight: Math.min(options?.bytes ?? UNKNOWN_WEIGHT, IN_FLIGHT_BYTES),
      };
      this.watch(signal);
      (options?.background ? this.background : this.queue).push(pending);
      this.pump();
    });
  }

  /** Signals already listened to: one listener per signal, however many tasks share it. */
  private readonly watched = new WeakSet<AbortSignal>();

  private watch(signal: AbortSignal | undefined): void {
    if (!signal || this.watched.has(signal)) return;
    this.watched.add(signal);
    signal.addEventListener('abort', () => this.cancel(), { once: true });
  }

  /** Number of live workers (for tests: none may survive a cancellation). */
  get workerCount(): number {
    return this.slots.length;
  }

  /** Tasks handed to workers and not answered yet (for tests of the in-flight budget). */
  get inFlight(): number {
    return this.slots.reduce((n, s) => n + s.sent.length, 0);
  }

  /** The next task to start: the oldest of `queue`, else the oldest background one. */
  private next(): Pending | undefined {
    return this.queue.shift() ?? this.background.shift();
  }

  /** The next task to start, without taking it. */
  private peek(): Pending | undefined {
    return this.queue[0] ?? this.background[0];
  }

  /** An idle worker, else a new one, else the least loaded one with room for `weight`. */
  private freeSlot(weight: number): Slot | undefined {
    const idle = this.slots.find(s => s.sent.length === 0) ?? this.spawn();
    if (idle) return idle;
    let best: Slot | undefined;
    for (const s of this.slots)
      if (s.sent.length < IN_FLIGHT_TASKS && s.sentBytes + weight <= IN_FLIGHT_BYTES)
        if (!best || s.sentBytes < best.sentBytes) best = s;
    return best;
  }

  private pump(): void {
    for (let head = this.peek(); head; head = this.peek()) {
      const slot = this.freeSlot(head.weight);
      if (!slot) {
        if (this.slots.length > 0) return;
        this.runHere(this.next() as Pending);
        continue;
      }
      const pending = this.next() as Pending;
      slot.sent.push(pending);
      slot.sentBytes += pending.weight;
      // Buffers move only to a worker that has answered once: a task sent to one that then
      // fails to start is run again elsewhere (fail), and moved buffers would be gone with it.
      slot.worker.postMessage(
        { id: pending.id, task: pending.task },
        slot.replied ? taskTransferables(pending.task) : [],
      );
    }
  }

  private spawn(): Slot | undefined {
    if (this.slots.length >= this.size) return undefined;
    const slot: Slot = { worker: new Worker(this.script), sent: [], sentBytes: 0 };
    slot.worker.on('message', (reply: WorkerReply) => this.settle(slot, reply));
    slot.worker.on('error', err => this.fail(slot, err));
    slot.worker.on('exit', code => {
      if (slot.sent.length > 0)
        this.fail(slot, new Error(`Ingest worker exited with code ${code}.`));
      this.remove(slot);
    });
    this.slots.push(slot);
    return slot;
  }

  private settle(slot: Slot, reply: WorkerReply): void {
    slot.replied = true;
    const i = slot.sent.findIndex(p => p.id === reply.id);
    const pending = i >= 0 ? slot.sent.splice(i, 1)[0] : undefined;
    if (pending) {
      slot.sentBytes -= pending.weight;
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new Error(reply.error));
    }
    this.pump();
  }

  private fail(slot: Slot, err: unknown): void {
    const sent = slot.sent.splice(0);
    slot.sentBytes = 0;
    this.remove(slot);
    void slot.worker.terminate();
    if (sent.length > 0 && !slot.replied && isStartFailure(err)) {
      // The worker never started (EMFILE on its script, no memory for a thread …): go on with
      // the workers that did, or in this thread when none could start, instead of failing.
      this.size = this.slots.length;
      this.queue.unshift(...sent);
    } else for (const p of sent) p.reject(err);
    this.pump();
  }

  /** A task run in this thread: the pool has no worker that could start. */
  private runHere(p: Pending): void {
    runTask(p.task, p.signal).then(p.resolve, p.reject);
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  /** Stops every worker and rejects every task: a cancelled analysis leaves no worker behind. */
  private cancel(): void {
    const err = abortError();
    for (const p of [...this.queue.splice(0), ...this.background.splice(0)]) p.reject(err);
    for (const slot of this.slots.splice(0)) {
      for (const p of slot.sent.splice(0)) p.reject(err);
      void slot.worker.terminate();
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const slots = this.slots.splice(0);
    for (const p of [...this.queue.splice(0), ...this.background.splice(0)])
      p.reject(new Error('The worker pool was disposed.'));
    await Promise.all(slots.map(s => s.worker.terminate()));
  }
}
