/**
 * Scale soak (issue 11): a generated root of ≈ 2 GB whose largest test has a 1 GB controller log
 * (the generated log with realistic chatter lines inserted inside the test window), analysed end
 * to end the way the extension opens a root (summaries from one ingest on the worker pool, QoS
 * tables included, then the connection segments and the default-profile downstream analysis of
 * every test). Prints, measured in this one run: time and peak RSS (target ≤ 1 GB), a
 * cancellation mid-way and the worker threads still alive afterwards (target 0), and reopening
 * the unchanged root through the file cache (time and ratio).
 */
import { createReadStream, createWriteStream, existsSync, readdirSync, renameSync } from 'node:fs';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { analyzeTestDownstream } from '../src/core/analysis/downstream';
import { summarizeRoot } from '../src/core/analysis/rootSummary';
import { readScanOrder, rootConnectionStats, type ScanOrder } from '../src/core/analysis/segments';
import type { ConnectionStatsRow } from '../src/core/analysis/types';
import { FileCache } from '../src/core/ingest/fileCache';
import { WorkerPool } from '../src/core/pipeline/runner';
import type { IngestProgress } from '../src/core/ingest/ingestRoot';
import { allFiles, buildWorker, ensureGeneratedRoot, timed } from './roots';

const MB = 1024 * 1024;
const LOG_MB = Number(process.env['LTL_BENCH_SOAK_LOG_MB'] ?? 1024);
const root = join('bench-results', 'roots', 'soak-2gb');
/** Written once the log has grown: a root without it is regenerated. */
const ready = `${root}.ready`;

/** Chatter a controller prints during a run; none of it is a start, end or failure line. */
function fillerLine(stamp: string, k: number): string {
  const worker = `172.26.${k % 64}.${(k * 7) % 90}`;
  const user = `User${(k % 8) + 1}`;
  const session = `LoadTestSession${(k % 63) + 1}`;
  switch (k % 4) {
    case 0:
      return `${stamp}  INFO 39698 --- [nio-8080-exec-${k % 10}] i.o.loadtest.services.WebSocketClient    : Received event 'streamPlaying' for ${user} in ${session}: {"connection":"remote","videoTracks":1,"audioTracks":1}`;
    case 1:
      return `${stamp} DEBUG 39698 --- [           main] i.o.l.services.BrowserEmulatorClient     : Ping to worker ${worker} answered in ${(k % 40) + 3} ms`;
    case 2:
      return `${stamp}  INFO 39698 --- [   scheduling-1] i.o.l.monitoring.WorkerMonitor           : Worker ${worker}: CPU ${((k * 13) % 1000) / 10} %, memory ${((k * 7) % 1000) / 10} %, ${(k % 8) + 1} browsers`;
    default:
      return `${stamp}  WARN 39698 --- [ctReadThread-${k % 30}] i.o.loadtest.services.WebSocketClient    : Slow event delivery from ${worker} (${(k % 900) + 100} ms)`;
  }
}

async function linesOf(file: string): Promise<string[]> {
  const lines: string[] = [];
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) lines.push(line);
  return lines;
}

/**
 * Rewrites `file` to about `targetMb` MB: after each line inside the test window (between the
 * "Starting test with" and "Saved result in" lines), filler lines with that line's timestamp,
 * so times stay in order and the start, end and failure lines are the generated ones.
 */
async function growLog(file: string, targetMb: number): Promise<void> {
  const lines = await linesOf(file);
  const start = lines.findIndex(l => l.includes('Starting test with'));
  const end = lines.findIndex(l => l.includes('Saved result in'));
  const stamped = lines.filter((l, i) => i > start && i < end && /^\d{4}-\d\d-\d\d /.test(l));
  const need = targetMb * MB - statSync(file).size;
  const perLine = Math.max(1, Math.ceil(need / (stamped.length * 175)));
  const grown = `${file}.growing`;
  const out = createWriteStream(grown);
  let k = 0;
  let written = 0;
  for (let i = 0; i < lines.length; i++) {
    let chunk = `${lines[i]}\n`;
    const line = lines[i] as string;
    if (i > start && i < end && /^\d{4}-\d\d-\d\d /.test(line) && written < need) {
      const stamp = line.slice(0, 23);
      for (let r = 0; r < perLine; r++) chunk += `${fillerLine(stamp, k++)}\n`;
      written += chunk.length;
    }
    if (!out.write(chunk)) await new Promise<void>(r => out.once('drain', () => r()));
  }
  await new Promise<void>(r => out.end(() => r()));
  renameSync(grown, file);
}

async function ensureSoakRoot(): Promise<void> {
  if (existsSync(ready)) return;
  await ensureGeneratedRoot(root, 1);
  const logs = join(root, 'logs');
  const biggest = readdirSync(logs)
    .map(f => join(logs, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0] as string;
  const started = Date.now();
  if (statSync(biggest).size < LOG_MB * MB * 0.9) await growLog(biggest, LOG_MB);
  writeFileSync(ready, `${biggest}\n`);
  console.log(
    `grew ${biggest} to ${(statSync(biggest).size / MB).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

/** Threads of this process (main, libuv/V8 helpers, and one per live worker). */
function threadCount(): number {
  return readdirSync('/proc/self/task').length;
}

interface Options {
  readonly runner: WorkerPool;
  readonly cache?: FileCache;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: IngestProgress) => void;
}

interface Outcome {
  readonly rows: number;
  readonly sections: number;
  /** Reading the root (ingest on the pool, through the cache) and the per-test summaries. */
  readonly openSeconds: number;
}

/** What the extension does on opening a root, then the analysis of every test. */
async function analyseEndToEnd(o: Options): Promise<Outcome> {
  const started = process.hrtime.bigint();
  const summary = await summarizeRoot(root, {
    ...o,
    logTimezone: 'auto',
    keepData: true,
    stats: { dedupe: true },
  });
  const data = summary.data;
  if (!data) throw new Error('no data kept');
  const openSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const scanOrders = new Map<string, ScanOrder>();
  for (const t of data.tests)
    if (t.location.statsDir)
      scanOrders.set(t.location.name, await readScanOrder(t.location.statsDir));
  const { rows } = rootConnectionStats(data, 'default', { scanOrders });
  const byTest = new Map<string, ConnectionStatsRow[]>();
  for (const r of rows) byTest.set(r.index, [...(byTest.get(r.index) ?? []), r]);
  let sections = 0;
  for (const [test, testRows] of byTest)
    sections += analyzeTestDownstream(test, testRows, 'default').sections.length;
  return { rows: rows.length, sections, openSeconds };
}

async function main(): Promise<void> {
  await ensureSoakRoot();
  const worker = await buildWorker();
  const files = allFiles(root);
  const mb = files.reduce((n, f) => n + statSync(f).size, 0) / MB;
  const logMb = Math.max(...files.filter(f => f.endsWith('.log')).map(f => statSync(f).size)) / MB;
  console.log(
    `root: ${files.length} files, ${mb.toFixed(0)} MB, largest log ${logMb.toFixed(0)} MB`,
  );

  const threadsBefore = threadCount();
  const cache = new FileCache();
  const pool = new WorkerPool(worker);
  const full = await timed(() => analyseEndToEnd({ runner: pool, cache }));
  console.log(
    `analysis end to end (${pool.workerCount} workers): ${full.seconds.toFixed(1)} s (opening the root ${full.value.openSeconds.toFixed(1)} s), ${full.value.rows} segment rows, ${full.value.sections} sections, peak RSS ${full.peakMb.toFixed(0)} MB   target ≤ 1024 MB: ${full.peakMb <= 1024 ? 'met' : 'NOT met'}`,
  );

  const again = await timed(() => analyseEndToEnd({ runner: pool, cache }));
  console.log(
    `reopen the unchanged root through the cache: ${again.value.openSeconds.toFixed(2)} s (${cache.hits} cache hits), ${(full.value.openSeconds / again.value.openSeconds).toFixed(0)}× faster than the first opening; with the analysis ${again.seconds.toFixed(1)} s, ratio ${(full.seconds / again.seconds).toFixed(1)}×`,
  );
  await pool.dispose();

  // Cancel once 30 % of the bytes are read, on a fresh pool, then count threads again.
  const cancelPool = new WorkerPool(worker);
  const abort = new AbortController();
  let threadsAtAbort = 0;
  const onProgress = (p: IngestProgress) => {
    if (abort.signal.aborted || p.bytesDone <= p.bytesTotal * 0.3) return;
    threadsAtAbort = threadCount();
    abort.abort();
  };
  const started = Date.now();
  const outcome = await analyseEndToEnd({
    runner: cancelPool,
    signal: abort.signal,
    onProgress,
  }).then(
    () => 'finished before the abort',
    (e: Error) => e.name,
  );
  const stopMs = Date.now() - started;
  await new Promise(r => setTimeout(r, 500)); // terminated threads are joined asynchronously
  const alive = threadCount() - threadsBefore;
  console.log(
    `cancel at 30 % of the bytes: ${outcome} after ${stopMs} ms; workers in the pool afterwards: ${cancelPool.workerCount}; threads: ${threadsBefore} before the first pool, ${threadsAtAbort} at the abort, ${threadCount()} after   worker threads alive: ${Math.max(0, alive)} (target 0): ${alive <= 0 && cancelPool.workerCount === 0 ? 'met' : 'NOT met'}`,
  );
  await cancelPool.dispose();
}

void main();
