/**
 * `npm run bench -- hostile-huge`: a stats.json whose second element holds one 600 MB string
 * (issue 19, "Crashes"). Before the element cap this crashed the stats reader (a string longer
 * than V8 allows); now the element is skipped with a diagnostic naming its index and byte offset,
 * the elements after it are still read, and memory stays bounded. Prints the time, the peak RSS
 * and what was read. The file is written in chunks (never built in memory) under bench-results/
 * and removed afterwards. Size: LTL_HUGE_MB (default 600) MB.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readStatsFile } from '../src/core/ingest/stats';

const MB = 1024 * 1024;
const SIZE_MB = Number(process.env['LTL_HUGE_MB'] ?? '600');

function element(i: number): string {
  return JSON.stringify({
    event: 'stats',
    participant: 'User1',
    session: 'LoadTestSession1',
    timestamp: 1_700_000_000_000 + i * 1000,
  });
}

/** `[<small>,{"event":"stats","x":"xxxx… (SIZE_MB MB)"},<small>,<small>]`, written in 16 MB chunks. */
async function writeHugeFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string | Buffer) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`[${element(0)},{"event":"stats","x":"`);
  const chunk = Buffer.alloc(16 * MB, 'x');
  for (let left = SIZE_MB * MB; left > 0; left -= chunk.length)
    await write(left >= chunk.length ? chunk : chunk.subarray(0, left));
  await write(`"},${element(2)},${element(3)}]`);
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const dir = join('bench-results', 'hostile-huge-value');
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'stats.json');
  try {
    await writeHugeFile(file);
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const result = await readStatsFile(file);
    const ms = performance.now() - t0;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(
      `${SIZE_MB} MB value: ${(ms / 1000).toFixed(1)} s, peak RSS ${(peak / MB).toFixed(0)} MB, ` +
        `${result.counts.elements} element(s) read, ${result.counts.invalidElements} skipped`,
    );
    for (const d of result.diagnostics) console.log(`  ${d.severity} ${d.code}: ${d.message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
