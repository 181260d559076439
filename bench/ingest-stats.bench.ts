/**
 * `npm run bench -- ingest-stats`: time to ingest every stats.json of a generated root (stream,
 * split, parse, flatten into the eight columnar QoS tables, merge per test) against the floor
 * "read each file + JSON.parse the whole text", both measured in this run on the same files.
 *
 * The root is generated once with the generator's API and cached under
 * bench-results/roots/ (gitignored). Size: LTL_BENCH_GB (default 1) GB of stats.json.
 */
import { constants } from 'node:buffer';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultOptions, planRoot, writeRoot } from '../src/generate';
import { mergeQosTables, readStatsFile, type QosTables } from '../src/core/ingest/stats';

const TARGET_RATIO = 1.5;
const GB = Number(process.env['LTL_BENCH_GB'] ?? '1');
/** Interleaved floor/ingest runs; the fastest of each is reported. */
const REPS = Math.max(1, Number(process.env['LTL_BENCH_REPS'] ?? '3'));
const MB = 1024 * 1024;
/**
 * Sessions per test for the size asked. With the default tests the stats grow with the square of
 * the sessions (more users × longer tests), and 10 sessions give ≈ 1.2 GB, mostly the LiveKit
 * 8p test (every subscriber PC repeated under each remote peerId).
 */
function sessionsFor(gb: number): number {
  return Math.max(1, Math.ceil(10 * Math.sqrt(gb / 1.2)));
}

function rootDir(): string {
  return join('bench-results', 'roots', `ingest-stats-${GB}gb`);
}

async function ensureRoot(dir: string): Promise<void> {
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const options = {
    ...defaultOptions('current'),
    seed: 'ingest-stats-bench',
    sessions: sessionsFor(GB),
    qoe: false,
  };
  console.log(`generating ${dir} (${options.sessions} sessions per test) …`);
  const t0 = performance.now();
  const summary = await writeRoot(planRoot(options), dir);
  console.log(
    `  ${summary.files} files, ${(summary.bytes / MB).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await writeFile(marker, new Date().toISOString());
}

interface StatsFile {
  readonly path: string;
  readonly test: string;
  readonly bytes: number;
}

async function statsFiles(dir: string): Promise<StatsFile[]> {
  const statsDir = join(dir, 'stats');
  const entries = await readdir(statsDir, { recursive: true });
  const files: StatsFile[] = [];
  for (const rel of entries.filter(e => e.endsWith('stats.json')).sort()) {
    const path = join(statsDir, rel);
    files.push({ path, test: rel.split(/[\\/]/)[0] as string, bytes: (await stat(path)).size });
  }
  return files;
}

interface Measured<T> {
  readonly ms: number;
  readonly peakRss: number;
  readonly value: T;
}

/** Peak RSS sampled every 10 ms while `run` runs. */
async function measure<T>(run: () => Promise<T>): Promise<Measured<T>> {
  (globalThis as { gc?: () => void }).gc?.();
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  const t0 = performance.now();
  try {
    const value = await run();
    const ms = performance.now() - t0;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { ms, peakRss, value };
  } finally {
    clearInterval(timer);
  }
}

/** The floor: read each file and JSON.parse its whole text (files too long for a string are only read). */
async function floor(files: readonly StatsFile[]): Promise<{ tooLong: number; elements: number }> {
  let tooLong = 0;
  let elements = 0;
  for (const f of files) {
    const bytes = await readFile(f.path);
    if (bytes.length >= constants.MAX_STRING_LENGTH) {
      tooLong++;
      continue;
    }
    elements += (JSON.parse(bytes.toString('utf8')) as unknown[]).length;
  }
  return { tooLong, elements };
}

async function ingest(
  files: readonly StatsFile[],
): Promise<{ rows: number; elements: number; diagnostics: number }> {
  const byTest = new Map<string, QosTables[]>();
  for (const f of files) {
    const r = await readStatsFile(f.path);
    const list = byTest.get(f.test) ?? [];
    list.push(r);
    byTest.set(f.test, list);
  }
  let rows = 0;
  let elements = 0;
  let diagnostics = 0;
  for (const results of byTest.values()) {
    const merged = mergeQosTables(results);
    rows += Object.values(merged.tables).reduce((n, t) => n + t.rows, 0);
    elements += merged.counts.elements;
    diagnostics += merged.diagnostics.length;
  }
  return { rows, elements, diagnostics };
}

const mb = (bytes: number): string => `${(bytes / MB).toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = rootDir();
  await ensureRoot(dir);
  const files = await statsFiles(dir);
  const total = files.reduce((n, f) => n + f.bytes, 0);
  const largest = Math.max(...files.map(f => f.bytes));
  console.log(`root ${dir}: ${files.length} stats.json, ${mb(total)} (largest ${mb(largest)})`);

  await floor(files); // warm the page cache and the JIT for both paths
  await ingest(files.slice(0, 20));
  // Interleaved runs; the fastest of each is the one least disturbed by other processes.
  const floors: Measured<Awaited<ReturnType<typeof floor>>>[] = [];
  const ingests: Measured<Awaited<ReturnType<typeof ingest>>>[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    floors.push(await measure(() => floor(files)));
    ingests.push(await measure(() => ingest(files)));
  }
  const floorMs = Math.min(...floors.map(r => r.ms));
  const ingestMs = Math.min(...ingests.map(r => r.ms));
  const ratio = ingestMs / floorMs;
  const floorCounts = (floors[0] as (typeof floors)[number]).value;
  const floorRss = Math.max(...floors.map(r => r.peakRss));
  const ingestRss = Math.max(...ingests.map(r => r.peakRss));
  const { rows, elements, diagnostics } = (ingests[0] as (typeof ingests)[number]).value;

  console.log(
    `elements ${elements} (floor parsed ${floorCounts.elements}), rows ${rows}, diagnostics ${diagnostics}`,
  );
  console.log(`files too long for one string (floor only reads them): ${floorCounts.tooLong}`);
  console.log(
    `floor  (readFile + JSON.parse)  ${(floorMs / 1000).toFixed(2)} s  ${((total / MB / floorMs) * 1000).toFixed(0)} MB/s  peak RSS ${mb(floorRss)}`,
  );
  console.log(
    `ingest (stream + QoS tables)    ${(ingestMs / 1000).toFixed(2)} s  ${((total / MB / ingestMs) * 1000).toFixed(0)} MB/s  peak RSS ${mb(ingestRss)}`,
  );
  const all = (rs: { ms: number }[]): string => rs.map(r => (r.ms / 1000).toFixed(1)).join(', ');
  console.log(`runs (s): floor ${all(floors)}; ingest ${all(ingests)}`);
  console.log(
    `ratio ingest/floor ${ratio.toFixed(2)}  target <= ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'OK' : 'MISSED'}`,
  );
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
