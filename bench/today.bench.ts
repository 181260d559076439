/**
 * Today's runs: time to read a large run folder (3 test cases, 40 rooms of up to 200
 * participants: 14,000 user rows in report-<ts>.html, platform metrics, Metricbeat for 40 workers
 * and 4 media nodes) and to judge it (validity, steady window, headlines, the run view's model).
 * The ratio compares the structural HTML reading (parse5's browser-conformant parse + the walks of
 * reportHtml.ts) with a bare regular-expression scan of the same bytes (what scraping scripts do),
 * both measured here; the parse alone is printed too.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultRunOptions, writeControllerRun } from '../src/generate/runs';
import { listRuns, loadRun } from '../src/core/runs/run';
import { parseHtml } from '../src/core/runs/htmlDom';
import { parseReportHtml } from '../src/core/runs/reportHtml';
import { summarizeRun } from '../src/core/runs/summary';
import { runViewVM } from '../src/core/viewmodel/runView';

const dir = resolve('bench-results', 'today-run-40-rooms');

async function timeIt(fn: () => unknown, runs: number): Promise<{ best: number; median: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { best: times[0]!, median: times[Math.floor(times.length / 2)]! };
}

async function main(): Promise<void> {
  if (!existsSync(dir)) {
    await writeControllerRun(
      {
        ...defaultRunOptions(),
        seed: 'bench-today',
        scenarios: ['50', '100', '200'],
        sessions: 40,
        workers: 40,
        mediaNodes: 4,
        mediaCapacity: 1500,
      },
      dir,
    );
  }
  const [files] = await listRuns(dir);
  const report = readdirSync(dir).find(n => n.startsWith('report-'))!;
  const html = readFileSync(join(dir, report), 'utf8');
  const mb = statSync(join(dir, report)).size / 1048576;
  const scan = await timeIt(
    () => [...html.matchAll(/<tr class="user-row"[\s\S]*?<\/tr>/g)].length,
    5,
  );
  const parse = await timeIt(() => parseReportHtml(html, report), 5);
  const parseOnly = await timeIt(() => parseHtml(html), 5);
  const load = await timeIt(() => loadRun(files!), 3);
  const run = await loadRun(files!);
  const judge = await timeIt(() => runViewVM(run, summarizeRun(run)), 3);
  const users = run.scenarios.reduce((a, s) => a + s.report.users.length, 0);
  const rss = process.memoryUsage().rss / 1048576;
  console.log(
    `report-<ts>.html: ${mb.toFixed(1)} MB, ${users} user rows, ${run.scenarios.length} test cases`,
  );
  console.log(
    `structural HTML read: best ${parse.best.toFixed(0)} ms, median ${parse.median.toFixed(0)} ms (${(mb / (parse.best / 1000)).toFixed(1)} MB/s)`,
  );
  console.log(`  of which the parse (parse5) alone: best ${parseOnly.best.toFixed(0)} ms`);
  console.log(`bare regex scan of the user rows: best ${scan.best.toFixed(0)} ms`);
  console.log(`ratio structural / regex scan: ${(parse.best / scan.best).toFixed(1)}×`);
  console.log(
    `whole run folder read (html, txt, yaml, log, errors.json, ndjson): best ${load.best.toFixed(0)} ms, median ${load.median.toFixed(0)} ms`,
  );
  console.log(
    `validity + steady window + headlines + view model: best ${judge.best.toFixed(0)} ms`,
  );
  console.log(`peak RSS ${rss.toFixed(0)} MB`);
}

void main();
