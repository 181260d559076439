/**
 * Start-up weight (issue 23): what activation loads. Builds, for production, the extension host's
 * bundle twice — the YAML parser bundled in (as before) and loaded on first use from
 * dist/config-yaml.js (as shipped) — and the webview pages twice — chart.js in every page and
 * shared in dist/webview-chart.js — then prints every bundle's size and the time a fresh Node
 * process takes to `require` dist/extension.js (a stub `vscode` module stands in for VS Code's;
 * activation itself needs the editor) and, lazily, the YAML bundle. Medians of fresh processes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { CHART_ENTRY, lazyYaml, sharedChart } from '../scripts/esbuild-plugins.mjs';

const RUNS = 15;
const work = mkdtempSync(join(tmpdir(), 'ltl-startup-'));
const webviews = readdirSync('src/webview', { withFileTypes: true })
  .filter(d => d.isDirectory() && !['common', 'report'].includes(d.name))
  .map(d => d.name);

const common: esbuild.BuildOptions = {
  bundle: true,
  minify: true,
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
};

async function buildHost(outdir: string, lazy: boolean): Promise<void> {
  await esbuild.build({
    ...common,
    entryPoints: { extension: 'src/extension/extension.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: lazy ? [lazyYaml] : [],
  });
  if (lazy)
    await esbuild.build({
      ...common,
      entryPoints: { 'config-yaml': 'yaml' },
      outdir,
      platform: 'node',
      format: 'cjs',
    });
}

async function buildPages(outdir: string, shared: boolean): Promise<void> {
  await esbuild.build({
    ...common,
    entryPoints: Object.fromEntries(
      webviews.map(n => [`webview-${n}`, `src/webview/${n}/main.ts`]),
    ),
    outdir,
    platform: 'browser',
    format: 'iife',
    plugins: shared ? [sharedChart] : [],
  });
  if (shared)
    await esbuild.build({
      ...common,
      stdin: { contents: CHART_ENTRY, resolveDir: resolve('.'), sourcefile: 'chart-entry.js' },
      outfile: join(outdir, 'webview-chart.js'),
      platform: 'browser',
      format: 'iife',
    });
}

/** Ms of one `require(file)` in a fresh process, `vscode` answered by a stub. */
function requireOnceMs(file: string): number {
  // every property of the stub is the stub: callable, constructible and extendable; its
  // prototype answers too, for esbuild's __toESM copies a module onto an object of that prototype
  const script = `
    const Module = require('node:module');
    const proto = new Proxy({}, { get: () => stub });
    const stub = new Proxy(function () {}, {
      get: (_, key) => (key === 'prototype' ? {} : stub),
      getPrototypeOf: () => proto,
      apply: () => stub,
      construct: () => stub,
    });
    const load = Module._load;
    Module._load = function (request, ...rest) {
      return request === 'vscode' ? stub : load.call(this, request, ...rest);
    };
    const t0 = process.hrtime.bigint();
    require(${JSON.stringify(file)});
    process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));`;
  return Number(
    execFileSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
}

/** Median ms of `require` of each file, the files taken in turn (a shared machine's load drifts). */
function requireMs(files: readonly string[]): number[] {
  const times = files.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run++) files.forEach((f, i) => times[i]!.push(requireOnceMs(f)));
  return times.map(t => t.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

function sizes(dir: string): Map<string, number> {
  return new Map(
    readdirSync(dir)
      .filter(f => f.endsWith('.js'))
      .sort()
      .map(f => [f, statSync(join(dir, f)).size]),
  );
}

function printSizes(title: string, dir: string): number {
  const all = sizes(dir);
  const total = [...all.values()].reduce((a, b) => a + b, 0);
  console.log(`${title}: ${kb(total)} in ${all.size} files`);
  for (const [file, size] of all) console.log(`  ${file.padEnd(30)} ${kb(size).padStart(10)}`);
  return total;
}

async function main(): Promise<void> {
  const eager = join(work, 'host-eager');
  const lazy = join(work, 'host-lazy');
  await buildHost(eager, false);
  await buildHost(lazy, true);
  printSizes('extension host, YAML bundled in (before)', eager);
  printSizes('extension host, YAML on first use (now)', lazy);
  const [eagerMs, lazyMs, yamlMs] = requireMs([
    join(eager, 'extension.js'),
    join(lazy, 'extension.js'),
    join(lazy, 'config-yaml.js'),
  ]) as [number, number, number];
  console.log(`require dist/extension.js, median of ${RUNS} fresh processes:`);
  console.log(`  YAML bundled in (before)   ${eagerMs.toFixed(1)} ms`);
  console.log(`  YAML on first use (now)    ${lazyMs.toFixed(1)} ms`);
  console.log(
    `  dist/config-yaml.js, on the first read of a run's config: ${yamlMs.toFixed(1)} ms`,
  );

  const copied = join(work, 'pages-copied');
  const shared = join(work, 'pages-shared');
  await buildPages(copied, false);
  await buildPages(shared, true);
  const before = printSizes('webview pages, chart.js in each page (before)', copied);
  const after = printSizes('webview pages, chart.js shared (now)', shared);
  console.log(`webview bundles: ${kb(before)} → ${kb(after)}`);
  writeFileSync(
    join('bench-results', 'startup.json'),
    JSON.stringify({ eagerMs, lazyMs, yamlMs, pagesBefore: before, pagesAfter: after }, null, 2),
  );
}

main()
  .finally(() => rmSync(work, { recursive: true, force: true }))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
