/**
 * Entry point of an ingest worker (bundled to dist/worker.js): runs the tasks the pool sends and
 * transfers typed arrays back instead of copying them.
 */
import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from './runner';
import { resultTransferables, runTask, type IngestTask } from './tasks';
import { readWithBlockingCalls } from '../util/readCalls';

export function serveTasks(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', async ({ id, task }: { id: number; task: IngestTask }) => {
    let reply: WorkerReply;
    try {
      const result = await runTask(task);
      reply = { id, ok: true, result };
      port.postMessage(reply, resultTransferables(task, result));
    } catch (err) {
      reply = { id, ok: false, error: err instanceof Error ? err.message : String(err) };
      port.postMessage(reply);
    }
  });
}

// A worker's thread has nothing to do but its tasks: blocking reads spare the thread-pool round trips.
readWithBlockingCalls();
serveTasks();
