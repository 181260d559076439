/**
 * A counting semaphore for file handles: at most `max` holders at once, the others wait in FIFO
 * order. Every read of the ingest (each parse task's file, each directory listing) takes one slot
 * of the shared `openFiles` limiter, so a root of thousands of users never opens thousands of
 * files at once: with the default limit (1024 on Linux, 256 on macOS) the excess reads used to
 * fail with EMFILE and their users silently went missing.
 */
import { isMainThread } from 'node:worker_threads';

export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Index of the next waiter in `waiting` (a shift() per release would be O(queue)). */
  private head = 0;
  /** Most holders at once since creation (for tests and the bench). */
  peak = 0;
  /** Calls that got a slot since creation. */
  started = 0;

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError(`Limiter needs at least one slot, got ${max}.`);
  }

  /** Holders right now. */
  get inFlight(): number {
    return this.active;
  }

  /** Runs `fn` once a slot is free and frees the slot when its promise settles. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.max) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>(resolve => this.waiting.push(resolve));
  }

  private take(): void {
    this.active++;
    this.started++;
    if (this.active > this.peak) this.peak = this.active;
  }

  private release(): void {
    this.active--;
    if (this.head >= this.waiting.length) return;
    const next = this.waiting[this.head] as () => void;
    this.waiting[this.head++] = noop;
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    this.take();
    next();
  }
}

function noop(): void {}

/**
 * Files and folders the ingest keeps open at once on the main thread. Low enough for `ulimit -n
 * 64` with Node's own handles and a worker pool beside it.
 */
export const OPEN_FILES_AT_ONCE = 32;

/**
 * The same in a pool worker: it holds many small tasks at once (src/core/pipeline/runner.ts),
 * but reads only this many files at a time (the others wait here, inside the worker), so the
 * workers stay within `ulimit -n 64` beside the main thread's 32.
 */
export const WORKER_OPEN_FILES_AT_ONCE = 2;

/** The shared limiter of every ingest read of this thread. */
export const openFiles = new Limiter(isMainThread ? OPEN_FILES_AT_ONCE : WORKER_OPEN_FILES_AT_ONCE);

/** Runs a read (which may open a file or a folder) within the shared open-file limit. */
export function withOpenFile<T>(read: () => Promise<T>): Promise<T> {
  return openFiles.run(read);
}
