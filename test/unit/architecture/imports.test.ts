/**
 * The layer rules of docs/architecture.md ("Layers and boundaries"), checked on the sources
 * themselves, so that they hold where ESLint is not run or is bypassed: no cycle between the
 * folders of src/core, every core import going down the layer order, and the import directions
 * between src/webview, src/shared, src/core, src/generate, src/cli and src/extension.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeCycle,
  findCycle,
  folderGraph,
  importEdges,
  importSpecifiers,
  layerOf,
  sourceFiles,
  violations,
  type BoundaryRule,
  type ImportEdge,
} from './importGraph';

const repo = resolve(__dirname, '../../..');

/** The folders of src/core, lowest layer first; a folder imports only from lower rows. */
const CORE_LAYERS: readonly (readonly string[])[] = [
  ['model', 'util', 'format', 'stats'],
  ['source'],
  ['ingest'],
  ['analysis', 'navigate', 'runs'],
  ['report'],
  ['compare'],
  ['pipeline'],
  ['viewmodel'],
];

const inFolder =
  (...folders: string[]) =>
  (file: string): boolean =>
    folders.some(f => file.startsWith(`src/${f}/`));

/** The view-model type files of src/shared: only src/core/viewmodel of the core may know them. */
const VIEW_TYPE_FILE = /^src\/shared\/(reportModel\.ts|views\/)/;

const RULES: readonly BoundaryRule[] = [
  {
    name: 'webview ↛ core, extension, cli, generate',
    from: inFolder('webview'),
    forbidden: inFolder('core', 'extension', 'cli', 'generate'),
  },
  {
    name: 'shared ↛ core, extension, webview, cli, generate',
    from: inFolder('shared'),
    forbidden: inFolder('core', 'extension', 'webview', 'cli', 'generate'),
  },
  {
    name: 'core ↛ extension, cli, webview, generate',
    from: inFolder('core'),
    forbidden: inFolder('extension', 'cli', 'webview', 'generate'),
  },
  {
    name: 'core outside core/viewmodel ↛ view-model types',
    from: file => inFolder('core')(file) && !inFolder('core/viewmodel')(file),
    forbidden: file => VIEW_TYPE_FILE.test(file),
  },
  {
    name: 'generate ↛ extension, webview, cli',
    from: inFolder('generate'),
    forbidden: inFolder('extension', 'webview', 'cli'),
  },
  {
    name: 'cli ↛ extension, webview',
    from: inFolder('cli'),
    forbidden: inFolder('extension', 'webview'),
  },
];

const edge = (from: string, to: string): ImportEdge => ({ from, to, specifier: to });
const graphOf = (pairs: readonly [string, string][]) =>
  new Map(
    [...new Set(pairs.map(p => p[0]))].map(a => [
      a,
      new Map(pairs.filter(p => p[0] === a).map(p => [p[1], true])),
    ]),
  );

describe('the import graph reader', () => {
  it('finds value, type, dynamic, re-export and side-effect imports, across lines', () => {
    const text = [
      "import { a, type B } from './a';",
      'import {',
      '  c,',
      '  d as e,',
      "} from '../c';",
      "import type { F } from '../../shared/f';",
      "export * from './g';",
      "export { h } from './h';",
      "import './style.css';",
      "const lazy = await import('./lazy');",
      "const text = 'from nothing';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual([
      './a',
      '../c',
      '../../shared/f',
      './g',
      './h',
      './style.css',
      './lazy',
    ]);
  });

  it('puts a file in its core folder, or its top-level src folder', () => {
    expect(layerOf('src/core/analysis/downstream/sections.ts')).toBe('core/analysis');
    expect(layerOf('src/webview/run/main.ts')).toBe('webview');
    expect(layerOf('src/shared/arrays.ts')).toBe('shared');
  });

  it('finds a cycle in a hand-made graph, and none in an acyclic one', () => {
    const cyclic = graphOf([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['c', 'a'],
    ]);
    expect(findCycle(cyclic)).toEqual(['a', 'b', 'c', 'a']);
    const acyclic = graphOf([
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'c'],
    ]);
    expect(findCycle(acyclic)).toEqual([]);
    expect(findCycle(graphOf([['self', 'self']]))).toEqual(['self', 'self']);
  });

  it('names every import that breaks a rule', () => {
    const edges = [
      edge('src/webview/report/main.ts', 'src/core/compare/reportModel.ts'),
      edge('src/webview/report/main.ts', 'src/shared/reportModel.ts'),
      edge('src/core/runs/analysis.ts', 'src/shared/views/run.ts'),
      edge('src/core/viewmodel/runView.ts', 'src/shared/views/run.ts'),
      edge('src/core/compare/x.ts', 'src/shared/views/compare.ts'),
    ];
    expect(violations(edges, RULES)).toEqual([
      "src/webview/report/main.ts imports 'src/core/compare/reportModel.ts' (webview ↛ core, extension, cli, generate)",
      "src/core/runs/analysis.ts imports 'src/shared/views/run.ts' (core outside core/viewmodel ↛ view-model types)",
      "src/core/compare/x.ts imports 'src/shared/views/compare.ts' (core outside core/viewmodel ↛ view-model types)",
    ]);
  });
});

describe('the layers of src', () => {
  const edges = importEdges(repo);
  const isCore = (folder: string): boolean => folder.startsWith('core/');
  const core = folderGraph(edges, (a, b) => isCore(a) && isCore(b));

  it('reads the real sources (a broken reader would pass every rule)', () => {
    expect(edges.length).toBeGreaterThan(1000);
    expect(core.get('core/viewmodel')?.has('core/analysis')).toBe(true);
  });

  it('has no cycle between the folders of src/core', () => {
    const cycle = findCycle(core);
    expect(cycle.length === 0 ? '' : `cycle:\n${describeCycle(core, cycle)}`).toBe('');
  });

  it('places every core folder in the layer order, and imports only from lower layers', () => {
    const layer = new Map(CORE_LAYERS.flatMap((row, i) => row.map(f => [`core/${f}`, i])));
    const folders = new Set(sourceFiles(repo, 'src/core').map(layerOf));
    expect([...folders].filter(f => !layer.has(f))).toEqual([]);
    const upward = [...core].flatMap(([a, out]) =>
      [...out]
        .filter(([b]) => (layer.get(b) ?? 0) >= (layer.get(a) ?? 0))
        .map(([b, e]) => `${a} → ${b} (${e.from} imports '${e.specifier}')`),
    );
    expect(upward).toEqual([]);
  });

  it('keeps the import directions between webview, shared, core, generate, cli and extension', () => {
    expect(violations(edges, RULES)).toEqual([]);
  });
});
