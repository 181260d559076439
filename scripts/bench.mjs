#!/usr/bin/env node
// `npm run bench`: bundles every bench/*.bench.ts with esbuild and runs each in its own node
// process, so a benchmark measures the same code that ships. Each bench prints its own figures
// (times, ratios, peak RSS), all measured in that one run. Pass names to run a subset:
//   npm run bench -- stats ingest
import * as esbuild from 'esbuild';
import { readdirSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';

/** The machine's load beside every benchmark's figures: a shared machine's numbers need it. */
function machineLoad() {
  const [one, five, fifteen] = loadavg().map(v => v.toFixed(2));
  return `load average ${one} ${five} ${fifteen} (1, 5, 15 min) on ${availableParallelism()} cores`;
}

const only = process.argv.slice(2);
const benches = readdirSync('bench')
  .filter(f => f.endsWith('.bench.ts'))
  .filter(f => only.length === 0 || only.some(o => f.startsWith(o)))
  .sort();
const outDir = join('bench-results', 'bundles');
mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const file of benches) {
  const out = join(outDir, file.replace(/\.ts$/, '.cjs'));
  await esbuild.build({
    entryPoints: [join('bench', file)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    // esbuild's API finds its binary relative to its own files: it must stay in node_modules.
    external: ['esbuild'],
    logLevel: 'warning',
  });
  console.log(`\n=== ${file} === ${machineLoad()}`);
  const r = spawnSync(process.execPath, ['--expose-gc', out], { stdio: 'inherit' });
  console.log(`--- ${file} done: ${machineLoad()}`);
  if (r.status !== 0) failed++;
}
if (failed) {
  console.error(`${failed} benchmark(s) failed`);
  process.exit(1);
}
