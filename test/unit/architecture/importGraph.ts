/**
 * The import graph of src/, read from the sources without TypeScript or ESLint: every relative
 * specifier of `from '…'`, `import('…')` and `import '…'` (type imports included), resolved to a
 * file, and grouped by layer folder (src/core/<folder> for the core, src/<folder> elsewhere).
 * test/unit/architecture/imports.test.ts checks the layer rules of docs/architecture.md on it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

/** One import: the importing file and the imported one, both relative to the repository. */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
  readonly specifier: string;
}

const SPECIFIER =
  /\bfrom\s*['"]([^'"\n]+)['"]|\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)|^\s*import\s*['"]([^'"\n]+)['"]/gm;

/** The module specifiers a source text imports or re-exports, in order. */
export function importSpecifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map(m => (m[1] ?? m[2] ?? m[3]) as string);
}

/** Every .ts file under `dir` (repository-relative, `/`-separated), sorted. */
export function sourceFiles(repo: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const name of readdirSync(abs).sort()) {
      const path = join(abs, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) out.push(relative(repo, path).split(sep).join('/'));
    }
  };
  walk(join(repo, dir));
  return out;
}

/** The file a relative specifier names: itself, `.ts` added, or the folder's index.ts. */
function resolveFile(repo: string, target: string): string {
  for (const candidate of [`${target}.ts`, `${target}/index.ts`]) {
    if (existsSync(join(repo, candidate))) return candidate;
  }
  return target;
}

/** The relative imports of every .ts file under `dir`, resolved. */
export function importEdges(repo: string, dir = 'src'): ImportEdge[] {
  return sourceFiles(repo, dir).flatMap(from =>
    importSpecifiers(readFileSync(join(repo, from), 'utf8'))
      .filter(s => s.startsWith('.'))
      .map(specifier => ({
        from,
        specifier,
        to: resolveFile(repo, posix.normalize(posix.join(posix.dirname(from), specifier))),
      })),
  );
}

/** The layer folder of a file: `core/<folder>` inside src/core, else `<folder>` of src/. */
export function layerOf(file: string): string {
  const [top, folder, sub] = file.split('/');
  if (top !== 'src' || folder === undefined) return file;
  return folder === 'core' && sub !== undefined && sub.includes('.') === false
    ? `core/${sub}`
    : folder;
}

/** Folder → folders it imports, with one example import per edge. */
export type FolderGraph = Map<string, Map<string, ImportEdge>>;

/** The folder-level graph of the edges `keep` selects (imports inside one folder left out). */
export function folderGraph(
  edges: readonly ImportEdge[],
  keep: (from: string, to: string) => boolean = () => true,
): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const e of edges) {
    const [a, b] = [layerOf(e.from), layerOf(e.to)];
    if (a === b || !keep(a, b)) continue;
    const out = graph.get(a) ?? new Map<string, ImportEdge>();
    if (!out.has(b)) out.set(b, e);
    graph.set(a, out);
  }
  return graph;
}

/** A cycle of the graph as a closed path [a, b, …, a]; empty when there is none. */
export function findCycle(graph: ReadonlyMap<string, ReadonlyMap<string, unknown>>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return [];
}

/** A cycle with the import that makes each of its steps, one line per step. */
export function describeCycle(graph: FolderGraph, cycle: readonly string[]): string {
  return cycle
    .slice(1)
    .map((to, i) => {
      const from = cycle[i] as string;
      const e = graph.get(from)?.get(to);
      return `${from} → ${to}${e ? ` (${e.from} imports '${e.specifier}')` : ''}`;
    })
    .join('\n');
}

/** A boundary rule: files of `from` may not import files that `forbidden` matches. */
export interface BoundaryRule {
  readonly name: string;
  readonly from: (file: string) => boolean;
  readonly forbidden: (file: string) => boolean;
}

/** The imports that break a rule, as `file imports 'specifier' (rule)` lines. */
export function violations(edges: readonly ImportEdge[], rules: readonly BoundaryRule[]): string[] {
  return rules.flatMap(rule =>
    edges
      .filter(e => rule.from(e.from) && rule.forbidden(e.to))
      .map(e => `${e.from} imports '${e.specifier}' (${rule.name})`),
  );
}
