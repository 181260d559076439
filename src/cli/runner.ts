import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InlineRunner, WorkerPool, type TaskRunner } from '../core/pipeline/runner';

/** Parses on worker threads when the worker bundle sits next to the CLI bundle (dist/), else in-process. */
export function createRunner(): TaskRunner {
  const script = join(__dirname, 'worker.js');
  return existsSync(script) ? new WorkerPool(script) : new InlineRunner();
}
