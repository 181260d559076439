/**
 * `npm run bench -- hostile`: lines built to make regular expressions backtrack (issue 19), read
 * at n and 2n characters. Linear reading shows a ratio near 2; the patterns these replaced grew
 * with the cube or worse (a 16–320 KB line took 90–122 s).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scanLines } from '../src/core/ingest/lineReader';
import { parseResultsText } from '../src/core/runs/resultsTxt';
import { LogCollector } from '../src/core/ingest/logCollector';

const HEADER = ' ----- Test Case Report Fri Mar 20 12:53:18 GMT 2026 -----';

const CASES: Record<string, (n: number) => string> = {
  'results-<ts>.txt dashes': n => `--- Test Case Report ${'-'.repeat(n)} x`,
  'results-<ts>.txt spaces': n => `--- Test Case Report ${' '.repeat(n)}x`,
  'results-<ts>.txt start line': n =>
    [HEADER, 'User start times:', `${'1'.repeat(n)} ${' '.repeat(n)}|`, ' -----'].join('\n'),
};

function best(fn: () => void, runs = 5): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

for (const [name, make] of Object.entries(CASES)) {
  const n = 1_000_000;
  const small = make(n);
  const large = make(2 * n);
  const t1 = best(() => parseResultsText(small, 'results-1.txt'));
  const t2 = best(() => parseResultsText(large, 'results-1.txt'));
  console.log(
    `${name}: ${(n / 1e6).toFixed(0)} M chars ${t1.toFixed(1)} ms, ${((2 * n) / 1e6).toFixed(0)} M chars ${t2.toFixed(1)} ms, ratio ${(t2 / t1).toFixed(2)} (linear ≈ 2)`,
  );
}

/** Log lines shaped like a collector's prefix that never ends (logCollector.ts reads 400 chars). */
const COLLECTOR_CASES: Record<string, (n: number) => string> = {
  'collector: a name, no bar': n => `loadtest-controller${' '.repeat(n)}x`,
  'collector: a journal time, no program': n => `Jun 20 12:15:00 ${'h'.repeat(n)}`,
  'collector: a compose line, no controller': n =>
    `emulator  | ${'2026-07-29T08:00:00Z '.repeat(n / 21)}`,
};
for (const [name, make] of Object.entries(COLLECTOR_CASES)) {
  const n = 1_000_000;
  const small = make(n);
  const large = make(2 * n);
  const t1 = best(() => new LogCollector().take(small, 1));
  const t2 = best(() => new LogCollector().take(large, 1));
  console.log(
    `${name}: ${(n / 1e6).toFixed(0)} M chars ${t1.toFixed(2)} ms, ${((2 * n) / 1e6).toFixed(0)} M chars ${t2.toFixed(2)} ms (bounded: the prefix is looked for in 400 chars)`,
  );
}

/** One log line of `mb` MiB read through the streaming line reader: time and peak RSS. */
async function longLine(mb: number): Promise<{ ms: number; rssMb: number }> {
  const dir = resolve('bench-results', 'hostile-lines');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `line-${mb}.log`);
  writeFileSync(file, `start\n${'x'.repeat(mb * 1048576)}\nend\n`);
  const t0 = performance.now();
  await scanLines(file, { needles: () => ['end'], visit: () => undefined });
  const ms = performance.now() - t0;
  rmSync(file);
  return { ms, rssMb: process.memoryUsage().rss / 1048576 };
}

void (async () => {
  const a = await longLine(64);
  const b = await longLine(128);
  console.log(
    `controller log, one long line: 64 MiB ${a.ms.toFixed(0)} ms, 128 MiB ${b.ms.toFixed(0)} ms, ratio ${(b.ms / a.ms).toFixed(2)} (linear ≈ 2; past 16 MiB only the first 16 MiB are kept); RSS ${b.rssMb.toFixed(0)} MB`,
  );
})();
