import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileCache } from '../../../src/core/ingest/fileCache';
import { ingestRoot, type IngestProgress } from '../../../src/core/ingest/ingestRoot';
import { InlineRunner, WorkerPool } from '../../../src/core/pipeline/runner';
import {
  analyzeTestDownstream,
  analyzeTestDownstreamOn,
} from '../../../src/core/analysis/downstream';
import { rootConnectionStats } from '../../../src/core/analysis/segments';
import { KURENTO, makeMiniRoot } from './miniRoot';

let workerScript = '';

beforeAll(async () => {
  workerScript = join(mkdtempSync(join(tmpdir(), 'ltl-worker-')), 'worker.js');
  await esbuild.build({
    entryPoints: ['src/core/pipeline/worker.ts'],
    outfile: workerScript,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
});

describe('worker pool', () => {
  it('gives the same results as the in-process runner, typed arrays included', async () => {
    const root = makeMiniRoot();
    const pool = new WorkerPool(workerScript, 2);
    try {
      const [viaPool, inline] = await Promise.all([
        ingestRoot(root, { runner: pool, inlineBelowBytes: 0 }),
        ingestRoot(root, { runner: new InlineRunner() }),
      ]);
      expect(viaPool).toEqual(inline);
      expect(viaPool.tests[0]?.node?.series.cpu).toBeInstanceOf(Float64Array);
      expect(pool.workerCount).toBeGreaterThan(0);
      expect(pool.workerCount).toBeLessThanOrEqual(2);
    } finally {
      await pool.dispose();
    }
  });

  it('reports files and bytes done of the total, ending at the total', async () => {
    const root = makeMiniRoot();
    const seen: IngestProgress[] = [];
    await ingestRoot(root, { runner: new InlineRunner(), onProgress: p => seen.push(p) });
    // Mini root files: 2 logs, 1 CSV, 5 events.json, batches.json = 9 files.
    const last = seen.at(-1)!;
    expect(last.filesDone).toBe(9);
    expect(last.filesTotal).toBe(9);
    expect(last.bytesDone).toBe(last.bytesTotal);
    expect(seen.map(p => p.filesDone)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('cancellation rejects every task and leaves no worker alive', async () => {
    const root = makeMiniRoot();
    const pool = new WorkerPool(workerScript, 2);
    const abort = new AbortController();
    const pending = ingestRoot(root, { runner: pool, signal: abort.signal, inlineBelowBytes: 0 });
    abort.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(pool.workerCount).toBe(0);
    await pool.dispose();
  });

  it('a worker that cannot start rejects its task instead of hanging', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'ltl-bad-')), 'worker.js');
    writeFileSync(bad, 'throw new Error("broken worker")');
    const pool = new WorkerPool(bad, 1);
    await expect(pool.run({ kind: 'batches', file: '/nonexistent' })).rejects.toThrow(
      /broken worker|exited/,
    );
    await pool.dispose();
  });
});

describe('file cache', () => {
  it('reuses unchanged files and re-reads a changed one alone', async () => {
    const root = makeMiniRoot();
    const cache = new FileCache();
    const runner = new InlineRunner();
    await ingestRoot(root, { runner, cache });
    expect(cache.misses).toBe(9);
    const again = await ingestRoot(root, { runner, cache });
    expect(cache.hits).toBe(9);
    const csv = join(root, 'dfs_final', `${KURENTO}-medianode.csv`);
    writeFileSync(csv, '@timestamp,cpu,memory\n2024-06-20T10:15:00.000Z,0.9,0.2\n');
    utimesSync(csv, new Date(), new Date(Date.now() + 5000));
    const changed = await ingestRoot(root, { runner, cache });
    expect(cache.misses).toBe(10);
    expect(Array.from(changed.tests[0]!.node!.series.cpu)).toEqual([0.9]);
    expect(changed.tests[0]?.users).toEqual(again.tests[0]?.users);
  });
});

describe('ingest with stats.json', () => {
  it('merges every user stats.json into the test QoS tables, with rows counted straight from the JSON', async () => {
    const { defaultOptions, planRoot, writeRoot } = await import('../../../src/generate');
    const { readdirSync, readFileSync } = await import('node:fs');
    const root = join(mkdtempSync(join(tmpdir(), 'ltl-stats-root-')), 'root');
    const test = 'loadtest-webrtc-2024-kurento-2p';
    await writeRoot(
      planRoot({
        ...defaultOptions('2024'),
        seed: 's',
        tests: [test],
        sessions: 2,
        holdSeconds: 10,
        statsInterval: 4,
        statsPoll: 4,
      }),
      root,
    );
    // Inbound video reports of every stats item, counted by hand.
    let expected = 0;
    for (const s of readdirSync(join(root, 'stats', test))) {
      for (const u of readdirSync(join(root, 'stats', test, s))) {
        const elements = JSON.parse(
          readFileSync(join(root, 'stats', test, s, u, 'stats.json'), 'utf8'),
        ) as Array<{
          webrtcStats?: Array<{ event?: string; data?: { video?: { inbound?: unknown[] } } }>;
        }>;
        for (const e of elements)
          for (const item of e.webrtcStats ?? [])
            if (item.event === 'stats') expected += item.data?.video?.inbound?.length ?? 0;
      }
    }
    const data = await ingestRoot(root, { runner: new InlineRunner(), stats: { dedupe: false } });
    expect(expected).toBeGreaterThan(0);
    expect(data.tests[0]?.qos?.tables.inbound_video.rows).toBe(expected);
    const without = await ingestRoot(root, { runner: new InlineRunner() });
    expect(without.tests[0]?.qos).toBeUndefined();
  });
});

describe('reopening with stats through the cache', () => {
  it('reuses the merged QoS tables of an unchanged test, and counts every file as done', async () => {
    const { defaultOptions, planRoot, writeRoot } = await import('../../../src/generate');
    const root = join(mkdtempSync(join(tmpdir(), 'ltl-stats-cache-')), 'root');
    await writeRoot(
      planRoot({
        ...defaultOptions('2024'),
        seed: 'c',
        tests: ['loadtest-webrtc-2024-kurento-2p'],
        sessions: 1,
        holdSeconds: 5,
      }),
      root,
    );
    const cache = new FileCache();
    const runner = new InlineRunner();
    const first = await ingestRoot(root, { runner, cache, stats: { dedupe: true } });
    let last: IngestProgress | undefined;
    const again = await ingestRoot(root, {
      runner,
      cache,
      stats: { dedupe: true },
      onProgress: p => (last = p),
    });
    expect(again.tests[0]?.qos).toBe(first.tests[0]?.qos);
    expect(last?.filesDone).toBe(last?.filesTotal);
    expect(last?.bytesDone).toBe(last?.bytesTotal);
  });
});

describe('analysis sections on the worker pool', () => {
  it('give the same downstream result as the in-process analysis, in both profiles', async () => {
    const data = await ingestRoot(join(__dirname, '../../../samples/demo'), {
      runner: new InlineRunner(),
    });
    const pool = new WorkerPool(workerScript, 2);
    try {
      for (const profile of ['default', 'notebook'] as const) {
        const rows = rootConnectionStats(data, profile).rows;
        const tests = [...new Set(rows.map(r => r.index))];
        expect(tests.length).toBeGreaterThan(1);
        for (const test of tests) {
          const testRows = rows.filter(r => r.index === test);
          const inProcess = analyzeTestDownstream(test, testRows, profile);
          expect(inProcess.sections.some(s => s.comparisons.length > 0)).toBe(true);
          expect(await analyzeTestDownstreamOn(pool, test, testRows, profile)).toStrictEqual(
            inProcess,
          );
        }
      }
      expect(pool.workerCount).toBeGreaterThan(0);
    } finally {
      await pool.dispose();
    }
  });
});

describe('comparison knees on the worker pool', () => {
  it('fit the same knees and capacities as this thread, and compare the same, field order included', async () => {
    const {
      DEFAULT_CONFIG,
      DEFAULT_LOAD_CONFIG,
      compareTests,
      comparisonParts,
      loadRoot,
      withLoads,
      testLoad,
    } = await import('../../../src/core/compare');
    const root = await loadRoot(join(__dirname, '../../../samples/demo'), {});
    const [b, c] = root.tests;
    expect(c).toBeDefined();
    const load = { ...DEFAULT_LOAD_CONFIG, kneeResamples: 20 };
    const pool = new WorkerPool(workerScript, 2);
    try {
      const onPool = (t: typeof b) =>
        pool.run({ kind: 'testLoad', rows: t!.rows, config: DEFAULT_CONFIG, load });
      const [lb, lc] = await Promise.all([onPool(b), onPool(c)]);
      expect(lb).toStrictEqual(testLoad(b!, DEFAULT_CONFIG, load));
      const whole = compareTests(b!, c!, DEFAULT_CONFIG, load);
      const { comparePairsOn } = await import('../../../src/core/pipeline/testLoads');
      const [onWorkers] = await comparePairsOn(pool, [[b!, c!]], DEFAULT_CONFIG, load);
      expect(JSON.stringify(onWorkers)).toBe(JSON.stringify(whole));
      const apart = withLoads(comparisonParts(b!, c!, DEFAULT_CONFIG), {
        baseline: lb,
        candidate: lc,
      });
      expect(JSON.stringify(apart)).toBe(JSON.stringify(whole));
    } finally {
      await pool.dispose();
    }
  });
});

describe('pool queues', () => {
  it('starts a background task only when no other task waits', async () => {
    const root = makeMiniRoot();
    const pool = new WorkerPool(workerScript, 1);
    const done: string[] = [];
    const run = (name: string, background: boolean) =>
      pool
        .run({ kind: 'batches', file: join(root, `none-${name}`) }, undefined, { background })
        .then(() => void done.push(name));
    try {
      // One worker holds two tasks: b0 and b1 go at once, the rest wait in the pool's queues,
      // and n (queued last, not background) is the next one sent; in one FIFO it would be last.
      const background = Array.from({ length: 8 }, (_, i) => run(`b${i}`, true));
      await Promise.all([...background, run('n', false)]);
      expect(done).toHaveLength(9);
      expect(done.indexOf('n')).toBeLessThanOrEqual(4);
    } finally {
      await pool.dispose();
    }
  });

  it('hands small files to a worker many at once, big or unknown ones two or one at a time', async () => {
    const root = makeMiniRoot();
    const handed = async (bytes: number | undefined, tasks: number): Promise<number> => {
      const pool = new WorkerPool(workerScript, 1);
      try {
        const all = Array.from({ length: tasks }, (_, i) =>
          pool.run({ kind: 'batches', file: join(root, `none-${i}`) }, undefined, {
            ...(bytes === undefined ? {} : { bytes }),
          }),
        );
        // Handed out synchronously by run(): what the worker holds before it answers any.
        const now = pool.inFlight;
        await Promise.all(all);
        return now;
      } finally {
        await pool.dispose();
      }
    };
    // 16 MB and 32 tasks per worker: 1 KB files up to the task cap, 10 MB files one at a time,
    // files of unknown size (8 MB each) two at a time.
    expect(await handed(1000, 40)).toBe(32);
    expect(await handed(10 << 20, 4)).toBe(1);
    expect(await handed(undefined, 4)).toBe(2);
  });
});

describe('QoS table CSV on a worker', () => {
  it('writes the bytes the main thread writes, moving the table to the worker', async () => {
    const { readFileSync } = await import('node:fs');
    const { separateStats } = await import('../../../src/core/analysis/downstream');
    const { writeQosTable } = await import('../../../src/core/report/analyzeOutput');
    const statsDir = join(__dirname, '../../../samples/demo/stats/loadtest-webrtc-2024-pion-8p');
    const read = () => separateStats(statsDir, new InlineRunner(), 'notebook');
    const [here, moved] = [await read(), await read()];
    const table = here?.tables.inbound_video;
    const sent = moved?.tables.inbound_video;
    expect(table?.rows).toBeGreaterThan(0);
    const out = mkdtempSync(join(tmpdir(), 'ltl-qos-csv-'));
    await writeQosTable(out, 'pandas', 'here.csv', table!);
    const pool = new WorkerPool(workerScript, 1);
    try {
      // A fresh worker is sent copies; a started one (it has answered) gets the buffers moved.
      const copied = await read();
      await pool.run({
        kind: 'qosCsv',
        out,
        mode: 'pandas',
        rel: 'worker/first.csv',
        table: copied!.tables.inbound_video!,
      });
      expect(copied!.tables.inbound_video!.source.length).toBe(table!.rows);
      const refused = await pool.run({
        kind: 'qosCsv',
        out,
        mode: 'pandas',
        rel: 'worker/qos.csv',
        table: sent!,
      });
      expect(refused).toBe('');
    } finally {
      await pool.dispose();
    }
    const text = readFileSync(join(out, 'worker', 'qos.csv'), 'utf8');
    expect(text.split('\n').length).toBe(table!.rows + 2); // header, rows, final newline
    expect(text).toBe(readFileSync(join(out, 'here.csv'), 'utf8'));
    // Transferred, not copied: the sender's typed arrays are detached.
    expect(sent!.source.length).toBe(0);
    expect(table!.source.length).toBe(table!.rows);
  });
});
