#!/usr/bin/env node
// One esbuild script for every bundle: extension host (node, cjs, `vscode` external),
// webviews (browser, iife) and the `loadtest-lens` CLI (node, cjs, with a shebang).
// Flags: --production (minify, no source maps), --watch.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';

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

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension/extension.ts', worker: 'src/core/pipeline/worker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/bin.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: Object.fromEntries(
      WEBVIEWS.map(name => [`webview-${name}`, `src/webview/${name}/main.ts`]),
    ),
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
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
  for (const name of Object.keys(options.entryPoints)) {
    const file = `${options.outdir}/${name}.js`;
    const kb = (statSync(file).size / 1024).toFixed(1);
    console.log(`  ${file.padEnd(28)} ${kb.padStart(8)} KB`);
  }
}

if (watch) {
  const contexts = await Promise.all(
    builds.map(b => esbuild.context({ ...b, plugins: [problemMatcher] })),
  );
  await Promise.all(contexts.map(c => c.watch()));
} else {
  const started = Date.now();
  await Promise.all(builds.map(b => esbuild.build(b)));
  console.log(`built ${production ? '(production) ' : ''}in ${Date.now() - started} ms:`);
  builds.forEach(printSizes);
}
