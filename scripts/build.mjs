#!/usr/bin/env node
// One esbuild script for every bundle: extension host (node, cjs, `vscode` external),
// webviews (browser, iife) and the `loadtest-lens` CLI (node, cjs, with a shebang).
// Flags: --production (minify, no source maps), --watch.
// Start-up weight (docs/architecture.md, "Bundles"): the extension host loads the YAML parser
// from dist/config-yaml.js on first use only; the webview pages that draw charts share
// dist/webview-chart.js (chart.js, its helpers, chartjs-plugin-zoom), listed per page in
// dist/webview-manifest.json, which src/extension/webviewHtml.ts reads.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { CHART_ENTRY, lazyYaml, sharedChart } from './esbuild-plugins.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Entry points of the webviews: one bundle per view page, src/webview/<name>/main.ts →
 * dist/webview-<name>.js, loaded by src/extension/webviewHtml.ts for the view whose contract is
 * named <name> (src/extension/views/index.ts). A new page is built without editing this file.
 * `report` is the self-contained HTML report's page, built below on its own.
 */
export const WEBVIEWS = readdirSync('src/webview', { withFileTypes: true })
  .filter(d => d.isDirectory() && !['common', 'report'].includes(d.name))
  .filter(d => existsSync(`src/webview/${d.name}/main.ts`))
  .map(d => d.name)
  .sort();

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  target: 'es2022',
  legalComments: 'none',
};

const VERSION = JSON.parse(readFileSync('package.json', 'utf8')).version;

/** dist/webview-manifest.json: per page, the scripts to load before its own (webviewHtml.ts). */
function writeWebviewManifest(result) {
  const manifest = {};
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const page = /^dist\/webview-(.+)\.js$/.exec(file)?.[1];
    if (!page) continue;
    const usesChart = Object.keys(output.inputs).some(i => i.startsWith('shared-chart:'));
    manifest[page] = usesChart ? ['webview-chart.js'] : [];
  }
  writeFileSync('dist/webview-manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
}

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension/extension.ts', worker: 'src/core/pipeline/worker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [lazyYaml],
  },
  {
    ...common,
    entryPoints: { 'config-yaml': 'yaml' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/bin.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    define: { __LTL_VERSION__: JSON.stringify(VERSION) },
  },
  {
    ...common,
    stdin: { contents: CHART_ENTRY, resolveDir: '.', sourcefile: 'webview-chart-entry.js' },
    outfile: 'dist/webview-chart.js',
    platform: 'browser',
    format: 'iife',
  },
  {
    ...common,
    entryPoints: Object.fromEntries(
      WEBVIEWS.map(name => [`webview-${name}`, `src/webview/${name}/main.ts`]),
    ),
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    metafile: true,
    plugins: [sharedChart],
    onEnd: writeWebviewManifest,
  },
  {
    // the self-contained HTML report's page script and style (inlined by `loadtest-lens report`)
    ...common,
    entryPoints: { 'report-page': 'src/webview/report/main.ts' }, // + report-page.css
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    minify: true,
    sourcemap: false,
  },
];

/** Reports errors in the `file:line:col: error: message` shape VS Code's $esbuild-watch matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd(result => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

function printSizes(options) {
  const files = options.outfile
    ? [options.outfile]
    : Object.keys(options.entryPoints).map(name => `${options.outdir}/${name}.js`);
  for (const file of files) {
    const kb = (statSync(file).size / 1024).toFixed(1);
    console.log(`  ${file.padEnd(28)} ${kb.padStart(8)} KB`);
  }
}

/** esbuild's options of a build: `onEnd` runs as a plugin, after the build wrote its files. */
function esbuildOptions({ onEnd, plugins = [], ...options }, extraPlugins = []) {
  const after = onEnd
    ? [{ name: 'on-end', setup: b => b.onEnd(r => r.errors.length || onEnd(r)) }]
    : [];
  return { ...options, plugins: [...plugins, ...after, ...extraPlugins] };
}

if (watch) {
  const contexts = await Promise.all(
    builds.map(b => esbuild.context(esbuildOptions(b, [problemMatcher]))),
  );
  await Promise.all(contexts.map(c => c.watch()));
} else {
  const started = Date.now();
  await Promise.all(builds.map(b => esbuild.build(esbuildOptions(b))));
  console.log(`built ${production ? '(production) ' : ''}in ${Date.now() - started} ms:`);
  builds.forEach(printSizes);
}
