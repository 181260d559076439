// The esbuild plugins of the start-up weight (scripts/build.mjs, bench/startup.bench.ts): the
// extension host's YAML parser loaded on first use, and chart.js shared by the webview pages.
import * as yaml from 'yaml';

/** The bundle the extension host loads the `yaml` package from, on first use. */
export const LAZY_YAML = './config-yaml.js';

/**
 * Resolves `yaml` in the extension host's bundle to a module of wrappers that `require` dist/
 * config-yaml.js on their first call: activation does not parse the YAML library, only the first
 * read of a run's configuration does. Every function `yaml` exports gets a wrapper (classes are
 * constructed through it), so a new import from `yaml` needs no edit here; a non-function export
 * is not wrapped and importing it fails the build ("No matching export").
 */
export const lazyYaml = {
  name: 'lazy-yaml',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'lazy-yaml' }));
    build.onResolve({ filter: /^\.\/config-yaml\.js$/, namespace: 'lazy-yaml' }, args => ({
      path: args.path,
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-yaml' }, () => {
      const names = Object.keys(yaml).filter(name => typeof yaml[name] === 'function');
      const wrappers = names.map(
        name =>
          `export function ${name}(...args) {\n` +
          `  const real = load().${name};\n` +
          `  return new.target ? Reflect.construct(real, args) : real(...args);\n}`,
      );
      return {
        contents: [
          'let yaml;',
          `const load = () => (yaml ??= require(${JSON.stringify(LAZY_YAML)}));`,
          ...wrappers,
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/** The global dist/webview-chart.js sets, and the modules it exposes on it. */
export const CHART_GLOBAL = '__loadtestLensChart';
export const CHART_MODULES = ['chart.js', 'chart.js/helpers', 'chartjs-plugin-zoom'];

/**
 * Resolves the chart modules in the page bundles to the global of dist/webview-chart.js, so that
 * chart.js is shipped once instead of once per page; the page sources import chart.js as usual.
 */
export const sharedChart = {
  name: 'shared-chart',
  setup(build) {
    const filter = new RegExp(
      `^(${CHART_MODULES.map(m => m.replace(/[./]/g, '\\$&')).join('|')})$`,
    );
    build.onResolve({ filter }, args => ({ path: args.path, namespace: 'shared-chart' }));
    build.onLoad({ filter: /.*/, namespace: 'shared-chart' }, args => ({
      contents:
        `const chart = globalThis.${CHART_GLOBAL};\n` +
        `if (!chart) throw new Error('dist/webview-chart.js must load before this page');\n` +
        `module.exports = chart[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};

/** dist/webview-chart.js's entry: the chart modules as CommonJS-shaped objects on the global. */
export const CHART_ENTRY = [
  ...CHART_MODULES.map((m, i) => `import * as m${i} from ${JSON.stringify(m)};`),
  `globalThis.${CHART_GLOBAL} = {`,
  ...CHART_MODULES.map((m, i) => `  ${JSON.stringify(m)}: { ...m${i}, __esModule: true },`),
  '};',
].join('\n');
