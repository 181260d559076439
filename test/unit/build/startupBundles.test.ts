/**
 * The start-up weight's esbuild plugins (scripts/esbuild-plugins.mjs), on real builds into a
 * temporary folder: the YAML parser reached through the lazy wrappers reads a run's configuration
 * exactly as the `yaml` package imported directly does, and is not loaded before the first call;
 * a page built against the shared chart bundle gets chart.js from its global, and fails plainly
 * when the chart bundle was not loaded first.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHART_ENTRY,
  CHART_GLOBAL,
  lazyYaml,
  sharedChart,
} from '../../../scripts/esbuild-plugins.mjs';
import { parseRunConfig } from '../../../src/core/runs/configYaml';

const REPO = resolve(__dirname, '../../..');
const out = mkdtempSync(join(tmpdir(), 'ltl-bundles-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const CONFIG = `platform:
  url: https://example.test
  apiSecret: s3cret
testcases:
  - topology: N:N
    participants: ["2", "4"]
    sessions: 3
`;

describe('the YAML parser on first use', () => {
  it('reads a configuration as the directly imported parser does, loading config-yaml.js on the first call', async () => {
    const common = { bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' } as const;
    await esbuild.build({
      ...common,
      stdin: {
        contents: `export { parseRunConfig } from './src/core/runs/configYaml';`,
        resolveDir: REPO,
        loader: 'ts',
      },
      outfile: join(out, 'host.js'),
      plugins: [lazyYaml],
    });
    await esbuild.build({ ...common, entryPoints: { 'config-yaml': 'yaml' }, outdir: out });
    expect(readFileSync(join(out, 'host.js'), 'utf8')).not.toContain('class LineCounter');

    const load = createRequire(join(out, 'x.js'));
    const host = load('./host.js') as { parseRunConfig: typeof parseRunConfig };
    const yamlBundle = require.resolve(join(out, 'config-yaml.js'));
    expect(require.cache[yamlBundle]).toBeUndefined();
    const lazy = host.parseRunConfig(CONFIG, 'loadtest.yaml');
    expect(require.cache[yamlBundle]).toBeDefined();
    expect(JSON.parse(JSON.stringify(lazy))).toEqual(
      JSON.parse(JSON.stringify(parseRunConfig(CONFIG, 'loadtest.yaml'))),
    );
    // hand-checked: two participants elements are two scenarios, the secret is redacted
    expect(lazy.scenarios.map(s => s.participants)).toEqual(['2', '4']);
    expect(lazy.rows.find(r => r.path === 'platform.apiSecret')?.value).not.toContain('s3cret');
  });
});

describe('the shared chart bundle', () => {
  const page = `import { Chart, registerables } from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
globalThis.result = { chart: typeof Chart, registerables: registerables.length, zoom: zoomPlugin.id };`;
  const common = { bundle: true, platform: 'browser', format: 'iife', logLevel: 'silent' } as const;

  it('gives a page chart.js and the zoom plugin from the global dist/webview-chart.js sets', async () => {
    const chart = await esbuild.build({
      ...common,
      stdin: { contents: CHART_ENTRY, resolveDir: REPO },
      write: false,
    });
    const built = await esbuild.build({
      ...common,
      stdin: { contents: page, resolveDir: REPO },
      plugins: [sharedChart],
      write: false,
    });
    const pageText = built.outputFiles[0]!.text;
    expect(pageText).not.toContain('class Chart');
    expect(pageText.length).toBeLessThan(5_000);
    // the real chart bundle needs a DOM (hammerjs): the DOM tests draw with it; here its global
    // is stood in for, the shape CHART_ENTRY gives it (the modules' exports and __esModule)
    expect(chart.outputFiles[0]!.text).toContain(`globalThis.${CHART_GLOBAL} =`);
    function Chart(): void {}
    const sandbox: Record<string, unknown> = {
      [CHART_GLOBAL]: {
        'chart.js': { Chart, registerables: [1, 2, 3], __esModule: true },
        'chartjs-plugin-zoom': { default: { id: 'zoom' }, __esModule: true },
      },
    };
    sandbox.globalThis = sandbox;
    runInNewContext(pageText, sandbox);
    expect(sandbox.result).toEqual({ chart: 'function', registerables: 3, zoom: 'zoom' });

    const alone: Record<string, unknown> = {};
    alone.globalThis = alone;
    expect(() => runInNewContext(pageText, alone)).toThrow(/webview-chart\.js must load before/);
  });
});
