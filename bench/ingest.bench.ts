/**
 * Whole-root ingest (issue 5): every events.json, stats.json (→ QoS tables), controller log,
 * media-node CSV and QoE file of a generated root of several tests × ≥ 500 users, on the worker
 * pool, against the floor: reading the same files and `JSON.parse` on each JSON file (no
 * analysis), in one thread. Also: reopening through the file cache, and cancellation mid-way.
 * Everything is measured in this one run. LTL_BENCH_GB scales the root (default 1).
 * Targets: ratio ≤ 1.5; peak RSS ≤ 1 GB for a 2 GB root.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskCache } from '../src/core/ingest/diskCache';
import { FileCache } from '../src/core/ingest/fileCache';
import { qosTableBytes } from '../src/core/ingest/stats';
import { ingestRoot } from '../src/core/ingest/ingestRoot';
import { WorkerPool } from '../src/core/pipeline/runner';
import { BENCH_TESTS, allFiles, buildWorker, ensureGeneratedRoot, timed } from './roots';

const GB = Number(process.env['LTL_BENCH_GB'] ?? 1);
const MAX_STRING = 512 * 1024 * 1024 - 64;
const root = join('bench-results', 'roots', `ingest-v5-${GB}gb`);

/** Read every file; JSON.parse every JSON file that fits in a string. */
async function floor(files: string[]): Promise<{ seconds: number; skipped: number }> {
  const started = process.hrtime.bigint();
  let skipped = 0;
  for (const f of files) {
    if (statSync(f).size > MAX_STRING) {
      skipped++;
      continue;
    }
    const text = await readFile(f, 'utf8');
    if (f.endsWith('.json')) JSON.parse(text);
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, skipped };
}

async function main(): Promise<void> {
  await ensureGeneratedRoot(root, GB);
  const worker = await buildWorker();
  const files = allFiles(root);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const mb = bytes / 1048576;
  console.log(`root: ${files.length} files, ${mb.toFixed(0)} MB (${BENCH_TESTS.join(', ')})`);

  const base = await timed(() => floor(files));
  console.log(
    `floor (read + JSON.parse, 1 thread): ${base.seconds.toFixed(2)} s, ${(mb / base.seconds).toFixed(0)} MB/s, peak RSS ${base.peakMb.toFixed(0)} MB${base.value.skipped ? `, ${base.value.skipped} files too big for a string` : ''}`,
  );

  const cache = new FileCache();
  const pool = new WorkerPool(worker);
  const full = await timed(() =>
    ingestRoot(root, { runner: pool, cache, stats: { dedupe: true } }),
  );
  const rows = full.value.tests.reduce((n, t) => n + (t.qos?.tables.inbound_video.rows ?? 0), 0);
  const tableMb =
    full.value.tests.reduce((n, t) => n + (t.qos ? qosTableBytes(t.qos) : 0), 0) / 1048576;
  const ratio = full.seconds / base.seconds;
  console.log(
    `ingest (${pool.workerCount} workers, stats → QoS tables): ${full.seconds.toFixed(2)} s, ${(mb / full.seconds).toFixed(0)} MB/s, peak RSS ${full.peakMb.toFixed(0)} MB, ${rows} inbound video rows, QoS tables ${tableMb.toFixed(0)} MB`,
  );
  console.log(
    `ratio ingest / floor: ${ratio.toFixed(2)}   target ≤ 1.5: ${ratio <= 1.5 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `peak RSS per GB of input: ${(full.peakMb / (mb / 1024)).toFixed(0)} MB   target ≤ 512 MB/GB (1 GB for 2 GB): ${full.peakMb / (mb / 1024) <= 512 ? 'met' : 'NOT met'}`,
  );

  const again = await timed(() =>
    ingestRoot(root, { runner: pool, cache, stats: { dedupe: true } }),
  );
  console.log(
    `reopen unchanged root through the cache: ${(again.seconds * 1000).toFixed(0)} ms (${cache.hits} hits)`,
  );

  await parseCacheOnDisk(pool, base.seconds);

  // Cancel mid-way: once a fifth of the bytes are read, with workers busy on stats.json.
  const abort = new AbortController();
  let aliveAtAbort = 0;
  const onProgress = (p: { bytesDone: number; bytesTotal: number }) => {
    if (abort.signal.aborted || p.bytesDone <= p.bytesTotal / 5) return;
    aliveAtAbort = pool.workerCount;
    abort.abort();
  };
  const signal = abort.signal;
  const cancelled = await ingestRoot(root, {
    runner: pool,
    stats: { dedupe: true },
    signal,
    onProgress,
  }).then(
    () => 'finished before the abort',
    (e: Error) => e.name,
  );
  console.log(
    `cancel at 20 % of the bytes: ${cancelled}; workers alive at the abort: ${aliveAtAbort}, afterwards: ${pool.workerCount}`,
  );
  await pool.dispose();
}

/**
 * The parse cache on disk (a new session: new in-memory cache, same folder): cold (parse and
 * write every entry) and warm (read every entry back), against the floor.
 */
async function parseCacheOnDisk(pool: WorkerPool, floorSeconds: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ltl-bench-parse-cache-'));
  try {
    const session = async () => {
      const disk = new DiskCache(dir, { version: 'bench' });
      const cache = new FileCache(undefined, disk);
      const run = await timed(async () => {
        const data = await ingestRoot(root, { runner: pool, cache, stats: { dedupe: true } });
        await disk.flush();
        return data;
      });
      return { ...run, disk };
    };
    const cold = await session();
    const warm = await session();
    const size = (await warm.disk.info()).bytes / 1048576;
    console.log(
      `parse cache on disk: cold ${cold.seconds.toFixed(2)} s (writes ${cold.disk.misses} entries, ${size.toFixed(0)} MB), warm ${warm.seconds.toFixed(2)} s (${warm.disk.hits} hits, ${warm.disk.misses} misses), warm / floor ${(warm.seconds / floorSeconds).toFixed(2)}, peak RSS ${warm.peakMb.toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
