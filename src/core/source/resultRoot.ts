/**
 * Discovery of result roots and of the tests, sessions and users inside them (DESIGN.md "Input").
 *
 * ```
 * <root>/stats/<test>/<session>/<user>/{events,stats}.json
 * <root>/logs/<test>.log
 * <root>/dfs_final/<test>-medianode.csv, batches.json
 * <root>/qoe/<test>/*.json
 * ```
 * Any part may be missing; a test exists if any part names it.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withOpenFile } from '../util/limiter';
import { FolderBoundary } from './insideRoot';
import { folderNaming, isSessionDir, naturalCompare } from './naming';

export const ROOT_PARTS = ['stats', 'logs', 'dfs_final', 'qoe'] as const;
const MEDIANODE_SUFFIX = '-medianode.csv';

export interface TestLocation {
  readonly root: string;
  readonly name: string;
  /**
   * The folder test whose log holds this test as a later test case (`T` for `T#2`,
   * analysis/testCases.ts); undefined for a test read as its folder.
   */
  readonly folderTest?: string;
  /** The test is one of the test cases of its folder test's log (1-based `index` of `of`). */
  readonly testCase?: { readonly index: number; readonly of: number };
  /** `<root>/stats/<test>`, when it exists. */
  readonly statsDir?: string;
  readonly logFile?: string;
  readonly medianodeCsv?: string;
  readonly qoeDir?: string;
  /**
   * `bucket`: the root's `stats/` holds session folders itself (a bucket downloaded as it is,
   * `<bucket>/stats/<session>/<user>/`): read as the one test named after the root.
   */
  readonly statsLayout?: 'bucket';
  /**
   * `logs/<test>.log.gz` (or .zip, .bz2, .xz, .zst) when there is no `logs/<test>.log`: the log
   * compressed, which is not read (said).
   */
  readonly packedLog?: string;
}

/** The folder test a test reads: its own name, or the test whose log holds it as a test case. */
export function folderTestOf(location: TestLocation): string {
  return location.folderTest ?? location.name;
}

/** `<test>.log.gz` and the like: a compressed controller log and its test's name. */
const PACKED_LOG = /^(.+)\.log\.(gz|zip|bz2|xz|zst)$/;

/**
 * A test's stats folder opened on its own (no root around it was read): its log, CPU samples,
 * QoE and batch settings, which live beside stats/ in a root, are not there to read.
 */
export function openedAlone(location: TestLocation): boolean {
  return location.statsDir === location.root;
}

export interface UserLocation {
  /** Directory name on disk (`User3`, `u3`, `u-1a2b3c`). */
  readonly dirName: string;
  readonly dir: string;
}

export interface SessionLocation {
  readonly dirName: string;
  readonly dir: string;
  readonly users: readonly UserLocation[];
}

interface Entry {
  name: string;
  isDir: boolean;
}

/** A folder that exists but could not be listed: what is inside is unknown. */
export interface UnlistedDir {
  readonly dir: string;
  readonly error: unknown;
}

/** A folder inside a test's stats folder that is not read: its name is no session or user name. */
export interface SkippedDir {
  readonly dir: string;
  readonly level: 'session' | 'user';
  /**
   * What the folder is when it is known: the browser-emulator's own `stats/locks/` (LOCKS_DIR),
   * which holds no results, or a bucket's whole `stats/` prefix downloaded one level too deep
   * (`stats/<test>/stats/<session>/…`).
   */
  readonly known?: 'locks' | 'nestedStats';
}

/**
 * The folder of lock files the 2024 browser-emulator made beside the sessions in its `stats/`
 * (`utils/stats-files.ts`, LOCKS_DIR, created at start-up from 93972a97 of 2024-04-24 to
 * 456a34fc of 2024-06-12): a worker's local copy has it; the S3 upload leaves it out.
 */
const LOCKS_DIR = 'locks';

/**
 * What operating systems leave in folders that pass through them, never results: macOS's
 * AppleDouble `._<name>` companions (a copy to a FAT/exFAT/SMB volume, or a zip made on a Mac:
 * `._config.yaml` is binary metadata of `config.yaml`, and sorted first it was read in its
 * place), `.DS_Store`, `__MACOSX/` (zip), Spotlight and Trash folders; Windows's `Thumbs.db`,
 * `desktop.ini`, `$RECYCLE.BIN`, `System Volume Information`.
 */
const OS_METADATA = new Set([
  '.DS_Store',
  '__MACOSX',
  '.AppleDouble',
  '.Spotlight-V100',
  '.Trashes',
  '.fseventsd',
  '.TemporaryItems',
  'Thumbs.db',
  'ehthumbs.db',
  'desktop.ini',
  '$RECYCLE.BIN',
  'System Volume Information',
]);

/** True for a name of OS_METADATA or an AppleDouble companion (`._events.json`). */
export function isOsMetadata(name: string): boolean {
  return name.startsWith('._') || OS_METADATA.has(name);
}

/**
 * A folder's entries (name, is a directory), within the shared open-file limit, but operating
 * systems' metadata (`isOsMetadata`). A missing
 * folder (or a file in its place) has none; one that cannot be listed (EACCES, EMFILE, …) has
 * none either, and is added to `unlisted` when given. With a boundary (the folder being read,
 * insideRoot.ts), the symlink policy applies: a folder reached through a link leading out lists
 * nothing, a link inside the root is listed as what it names, and a link leading out is left
 * out; each refused link is reported on the boundary. Without one (detection by names only) a
 * link is listed as a file and never followed.
 */
export async function listDir(
  dir: string,
  boundary?: FolderBoundary,
  unlisted?: UnlistedDir[],
): Promise<Entry[]> {
  if (boundary && !(await boundary.allows(dir))) return [];
  let entries: Dirent[];
  try {
    entries = await withOpenFile(() => readdir(dir, { withFileTypes: true }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') unlisted?.push({ dir, error });
    return [];
  }
  const out: Entry[] = [];
  for (const e of entries) {
    if (isOsMetadata(e.name)) continue;
    if (!e.isSymbolicLink() || !boundary) {
      out.push({ name: e.name, isDir: e.isDirectory() });
      continue;
    }
    const real = await boundary.resolve(join(dir, e.name));
    if (real !== undefined) out.push({ name: e.name, isDir: await isDirectory(real) });
  }
  return out;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * What a folder holds: a result root (a `stats/` folder, or a `logs/` folder next to
 * `dfs_final/` or `qoe/`: the two kinds of partial roots real downloads leave behind), a single
 * test's stats folder copied on its own (session folders directly inside), or neither.
 */
export type ResultKind = 'root' | 'singleTest' | 'run';

/**
 * A run folder of today's tool holds its reports (src/core/runs/run.ts) at its top:
 * `report-<ts>.html` or `results-<ts>.txt`. A bare [2024] `results.txt` makes one only in a
 * folder that is not a notebook root (no dfs_final/ or qoe/), where it may well lie too.
 */
const RUN_REPORT = /^(report-.+\.html|results-.+\.txt)$/;

export async function resultKind(dir: string): Promise<ResultKind | undefined> {
  const entries = await listDir(dir);
  const dirs = entries.filter(e => e.isDir).map(e => e.name);
  const names = new Set(dirs);
  const files = entries.filter(e => !e.isDir).map(e => e.name);
  if (files.some(n => RUN_REPORT.test(n))) return 'run';
  const notebookRoot = names.has('dfs_final') || names.has('qoe');
  if (files.includes('results.txt') && !notebookRoot && !names.has('stats')) return 'run';
  if (names.has('stats')) return 'root';
  if (names.has('logs') && (names.has('dfs_final') || names.has('qoe'))) return 'root';
  return (await holdsSessions(dir, dirs)) ? 'singleTest' : undefined;
}

/** Whether `dirs`, the folders of `dir`, are sessions: the default names, or one prefix with user files. */
async function holdsSessions(dir: string, dirs: readonly string[]): Promise<boolean> {
  return dirs.some(isSessionDir) || (await holdsPrefixedSessions(dir, dirs));
}

/**
 * A root's `stats/` that holds only session folders (and the browser-emulator's `locks/`): a
 * bucket downloaded as it is, whose `stats/` prefix is one test's stats folder (FORMATS.md §1.5:
 * the notebook names its test folders after the buckets).
 */
async function isBucketStats(statsDir: string, entries: readonly Entry[]): Promise<boolean> {
  const dirs = visibleNames(entries).filter(name => name !== LOCKS_DIR);
  const naming = folderNaming('session', dirs);
  if (dirs.length === 0 || !dirs.every(naming.reads)) return false;
  // Default names are sessions by themselves; a prefix of their own needs the users' files.
  return naming.prefix === undefined || holdsPrefixedSessions(statsDir, dirs);
}

/**
 * A skipped `stats` folder among a test's sessions that holds session folders itself: the
 * bucket's `stats/` prefix downloaded into `stats/<test>/` (FORMATS.md §1.5) one level too deep.
 * Said as such, with what to move, rather than as an unknown session.
 */
async function markNestedStats(
  statsDir: string,
  skipped: SkippedDir[],
  boundary: FolderBoundary | undefined,
): Promise<void> {
  const i = skipped.findIndex(s => s.level === 'session' && s.dir === join(statsDir, 'stats'));
  const nested = skipped[i];
  if (!nested) return;
  const inside = await visibleDirs(nested.dir, boundary, undefined);
  if (inside.some(folderNaming('session', inside).reads)) {
    skipped[i] = { ...nested, known: 'nestedStats' };
  }
}

/** The files a user folder of the browser-emulator holds results in. */
const USER_FILES = new Set(['events.json', 'stats.json']);

/**
 * Session folders of one other prefix (folderNaming) with a user folder that holds an
 * events.json or stats.json: a [2024] test's stats folder from a run with its own
 * SESSION_NAME_PREFIX. Unlike the default names, a prefix alone says nothing (`v1`, `v2`), so
 * the files are looked for, in the first few folders only.
 */
async function holdsPrefixedSessions(dir: string, dirs: readonly string[]): Promise<boolean> {
  const sessions = folderNaming('session', dirs);
  if (sessions.prefix === undefined) return false;
  for (const session of dirs.filter(sessions.reads).slice(0, 3)) {
    const names = (await listDir(join(dir, session))).filter(e => e.isDir).map(e => e.name);
    const users = folderNaming('user', names);
    for (const user of names.filter(users.reads).slice(0, 3)) {
      const files = await listDir(join(dir, session, user));
      if (files.some(f => !f.isDir && USER_FILES.has(f.name))) return true;
    }
  }
  return false;
}

/**
 * What a folder given to a command is, with the reason in words (the one detection every CLI
 * command uses, so that the same folder gets the same answer everywhere):
 * - `root`: a notebook result root (a `stats/` folder, or `logs/` next to `dfs_final/` or `qoe/`);
 * - `testFolder`: one test's stats folder (session folders directly inside), on its own or
 *   inside a root (`enclosingRoot`);
 * - `logsOnly`: `logs/<test>.log` files and none of the other parts (a partial download);
 * - `run`: a run folder of today's tool (report-<ts>.html, results-<ts>.txt);
 * - `none`: nothing readable (missing, not a folder, unreadable, empty, or no known part).
 */
export type FolderKind = 'root' | 'testFolder' | 'logsOnly' | 'run' | 'none';

export interface FolderDetection {
  readonly kind: FolderKind;
  readonly path: string;
  readonly reason: string;
  /** For a `testFolder` inside a root: that root. */
  readonly enclosingRoot?: string;
}

const KIND_REASON: Record<Exclude<ResultKind, 'singleTest'>, string> = {
  root: 'a result root (stats/, or logs/ next to dfs_final/ or qoe/)',
  run: "a run folder of today's openvidu-loadtest (report-<ts>.html, results-<ts>.txt)",
};

/** Why a path cannot be listed as a folder, or undefined when it can. */
async function unreadableFolder(path: string): Promise<string | undefined> {
  try {
    if (!(await stat(path)).isDirectory()) return 'is not a folder';
    await readdir(path);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'does not exist';
    return `cannot be read (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** The shared detection (see FolderKind); never throws. */
export async function detectFolder(path: string): Promise<FolderDetection> {
  const unreadable = await unreadableFolder(path);
  if (unreadable) return { kind: 'none', path, reason: unreadable };
  const kind = await resultKind(path);
  if (kind === 'root' || kind === 'run') return { kind, path, reason: KIND_REASON[kind] };
  if (kind === 'singleTest') {
    const parent = dirname(path);
    const enclosing =
      basename(parent) === 'stats' && (await resultKind(dirname(parent))) === 'root'
        ? dirname(parent)
        : undefined;
    return {
      kind: 'testFolder',
      path,
      reason: enclosing
        ? `the stats folder of test "${basename(path)}" inside the result root ${enclosing}`
        : `the stats folder of one test ("${basename(path)}": session folders directly inside)`,
      ...(enclosing ? { enclosingRoot: enclosing } : {}),
    };
  }
  // Links leading out of the folder (a `stats` or `logs` among them) are not followed, and said.
  const boundary = new FolderBoundary(path);
  const entries = await listDir(path, boundary);
  const logs = (await listDir(join(path, 'logs'), boundary)).filter(
    e => !e.isDir && e.name.endsWith('.log'),
  );
  if (logs.length > 0)
    return {
      kind: 'logsOnly',
      path,
      reason: `logs only (${logs.length} logs/<test>.log, no stats/, dfs_final/ or qoe/): users, sessions and failures can come only from the controller logs`,
    };
  return {
    kind: 'none',
    path,
    reason:
      entries.length === 0
        ? 'is empty'
        : `holds none of stats/, logs/<test>.log, dfs_final/, qoe/, session folders, report-<ts>.html or results-<ts>.txt${refused(boundary)}`,
  };
}

/** What the folder's boundary refused to follow, as a clause ('' when nothing). */
function refused(boundary: FolderBoundary): string {
  const first = boundary.diagnostics[0];
  return first ? ` (${basename(first.file)}: ${first.message})` : '';
}

/** A root the notebook pipeline reads (not a run folder of today's tool, which the run view reads). */
export async function isResultRoot(dir: string): Promise<boolean> {
  const kind = await resultKind(dir);
  return kind === 'root' || kind === 'singleTest';
}

/**
 * The result root a path belongs to: the path itself, one of its ancestors (a test folder, a
 * session folder, a log file …), or failing that the first root found below it (depth ≤ 2).
 */
export async function findRootFor(path: string): Promise<string | undefined> {
  let current = (await isDirectory(path)) ? path : dirname(path);
  let singleTest: string | undefined;
  for (let depth = 0; depth < 6; depth++) {
    const kind = await resultKind(current);
    // A test's stats folder inside a whole root opens the root: keep climbing.
    if (kind === 'root') return current;
    if (kind === 'run') break; // a run of today's tool: only its stats/ can be a notebook test
    if (kind === 'singleTest') singleTest ??= current;
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return singleTest ?? (await findRootsBelow(path, 2))[0];
}

/** Result roots at most `maxDepth` levels below `dir` (the dir itself included). */
export async function findRootsBelow(dir: string, maxDepth: number): Promise<string[]> {
  if (await isResultRoot(dir)) return [dir];
  // A run of today's tool is listed as a run; its stats/ is not a notebook root of its own.
  if (await isRunFolder(dir)) return [];
  if (maxDepth === 0) return [];
  const found: string[] = [];
  const children = (await listDir(dir)).filter(e => e.isDir && !e.name.startsWith('.'));
  children.sort((a, b) => naturalCompare(a.name, b.name));
  for (const child of children) {
    if (child.name === 'node_modules') continue;
    found.push(...(await findRootsBelow(join(dir, child.name), maxDepth - 1)));
  }
  return found;
}

/** The test a path inside a root points at (`stats/<test>/…`, `logs/<test>.log`, …), if any. */
export function testNameForPath(root: string, path: string): string | undefined {
  const rel = path.slice(root.length).split(/[\\/]/).filter(Boolean);
  const [part, name] = rel;
  if (!part || !name || isOsMetadata(name)) return undefined;
  if (part === 'stats' || part === 'qoe') return name;
  if (part === 'logs' && name.endsWith('.log')) return name.slice(0, -'.log'.length);
  if (part === 'dfs_final' && name.endsWith(MEDIANODE_SUFFIX)) {
    return name.slice(0, -MEDIANODE_SUFFIX.length);
  }
  return undefined;
}

/**
 * Every test any part of the root names, in natural order, with the files found for it; links
 * follow the boundary's policy when one is given; parts that exist but cannot be listed go to
 * `unlisted`.
 */
export async function listTests(
  root: string,
  boundary?: FolderBoundary,
  unlisted?: UnlistedDir[],
): Promise<TestLocation[]> {
  if ((await resultKind(root)) === 'singleTest') {
    return [{ root, name: basename(root), statsDir: root }];
  }
  const [stats, logs, dfs, qoe] = await Promise.all(
    ROOT_PARTS.map(p => listDir(join(root, p), boundary, unlisted)),
  );
  const tests = new Map<string, { -readonly [K in keyof TestLocation]: TestLocation[K] }>();
  const get = (name: string) => {
    let t = tests.get(name);
    if (!t) tests.set(name, (t = { root, name }));
    return t;
  };
  if (await isBucketStats(join(root, 'stats'), stats ?? [])) {
    Object.assign(get(basename(root)), { statsDir: join(root, 'stats'), statsLayout: 'bucket' });
  } else {
    for (const e of stats ?? []) if (e.isDir) get(e.name).statsDir = join(root, 'stats', e.name);
  }
  // A folder named like a log or a CPU file is kept: reading it says it is no file.
  for (const e of logs ?? []) {
    if (e.name.endsWith('.log')) {
      get(e.name.slice(0, -4)).logFile = join(root, 'logs', e.name);
    }
  }
  for (const e of logs ?? []) {
    const packed = PACKED_LOG.exec(e.name)?.[1];
    if (packed !== undefined && !tests.get(packed)?.logFile)
      get(packed).packedLog = join(root, 'logs', e.name);
  }
  for (const e of dfs ?? []) {
    if (e.name.endsWith(MEDIANODE_SUFFIX)) {
      get(e.name.slice(0, -MEDIANODE_SUFFIX.length)).medianodeCsv = join(root, 'dfs_final', e.name);
    }
  }
  for (const e of qoe ?? []) if (e.isDir) get(e.name).qoeDir = join(root, 'qoe', e.name);
  return [...tests.values()].sort((a, b) => naturalCompare(a.name, b.name));
}

/** Session or user folders read under a prefix other than the browser-emulator's default. */
export interface PrefixedDirs {
  /** The test's stats folder. */
  readonly dir: string;
  readonly level: 'session' | 'user';
  readonly prefix: string;
  readonly count: number;
}

/** How a test's folders were told to be sessions and users, beyond the default names. */
export interface NamingReport {
  /** Folders not read: their names are no session or user name (a copy, a second prefix). */
  readonly skipped: SkippedDir[];
  /** Levels read by a prefix of their own (folderNaming in naming.ts). */
  readonly prefixed: PrefixedDirs[];
}

/**
 * Sessions and users of a test's `stats/` folder, in natural order: the browser-emulator's
 * names, or one other prefix per level (folderNaming); the folders that cannot be listed go to
 * `unlisted` (a session there keeps no users), the naming findings to `report`.
 */
export async function listSessions(
  statsDir: string,
  boundary?: FolderBoundary,
  unlisted?: UnlistedDir[],
  report?: NamingReport,
): Promise<SessionLocation[]> {
  const candidates = await visibleDirs(statsDir, boundary, unlisted);
  const sessions = [
    ...readByNaming(statsDir, 'session', [{ dir: statsDir, names: candidates }], report),
  ];
  const userLists = await Promise.all(
    sessions.map(async name => {
      const dir = join(statsDir, name);
      return { dir, names: await visibleDirs(dir, boundary, unlisted) };
    }),
  );
  const users = readByNaming(statsDir, 'user', userLists, report);
  if (report) await markNestedStats(statsDir, report.skipped, boundary);
  return userLists.map((s, i) => ({
    dirName: sessions[i] as string,
    dir: s.dir,
    users: s.names.filter(n => users.has(n)).map(n => ({ dirName: n, dir: join(s.dir, n) })),
  }));
}

/**
 * The names, across `lists`, that one level's naming reads (in the lists' order); the others are
 * reported as skipped in their own folder, and a prefix the naming found once, with the number of
 * folders read by it.
 */
function readByNaming(
  statsDir: string,
  level: 'session' | 'user',
  lists: readonly { readonly dir: string; readonly names: readonly string[] }[],
  report: NamingReport | undefined,
): Set<string> {
  const naming = folderNaming(
    level,
    lists.flatMap(l => l.names),
  );
  const read = new Set<string>();
  let count = 0;
  for (const l of lists) {
    for (const name of l.names) {
      if (!naming.reads(name)) {
        const locks = level === 'session' && name === LOCKS_DIR;
        report?.skipped.push({
          dir: join(l.dir, name),
          level,
          ...(locks ? { known: 'locks' as const } : {}),
        });
        continue;
      }
      read.add(name);
      count++;
    }
  }
  if (naming.prefix !== undefined && count > 0) {
    report?.prefixed.push({ dir: statsDir, level, prefix: naming.prefix, count });
  }
  return read;
}

/**
 * The names of the folders in `dir`, in natural order, but hidden ones (`.ipynb_checkpoints`,
 * `.git`), which hold no results by convention.
 */
async function visibleDirs(
  dir: string,
  boundary: FolderBoundary | undefined,
  unlisted: UnlistedDir[] | undefined,
): Promise<string[]> {
  return visibleNames(await listDir(dir, boundary, unlisted)).sort(naturalCompare);
}

/** The names of the folders among `entries`, but hidden ones. */
function visibleNames(entries: readonly Entry[]): string[] {
  return entries.filter(e => e.isDir && !e.name.startsWith('.')).map(e => e.name);
}

export function rootDisplayName(root: string): string {
  return basename(root);
}

/** A run folder: its reports at its top, or in its `results/` (RESULTS_DIR) beside the rest. */
async function isRunFolder(dir: string): Promise<boolean> {
  if (basename(dir) === 'results' && (await isRunFolder(dirname(dir)))) return false;
  return (await resultKind(dir)) === 'run' || (await resultKind(join(dir, 'results'))) === 'run';
}

/** The run folder of today's tool that `path` is or lies in (up to three levels up). */
export async function findRunFolderFor(path: string): Promise<string | undefined> {
  let current = (await isDirectory(path)) ? path : dirname(path);
  for (let depth = 0; depth < 4; depth++) {
    if (basename(current) === 'results' && (await isRunFolder(dirname(current)))) {
      return dirname(current);
    }
    if (await isRunFolder(current)) return current;
    // Inside a notebook root: that root is what is being opened, whatever lies above it.
    if ((await resultKind(current)) === 'root') return undefined;
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return undefined;
}

/** Run folders of today's tool at most `maxDepth` levels below `dir`. */
export async function findRunFoldersBelow(dir: string, maxDepth: number): Promise<string[]> {
  if (await isRunFolder(dir)) return [dir];
  if (maxDepth === 0) return [];
  const found: string[] = [];
  const children = (await listDir(dir)).filter(
    e => e.isDir && !e.name.startsWith('.') && e.name !== 'node_modules',
  );
  children.sort((a, b) => naturalCompare(a.name, b.name));
  for (const child of children) {
    found.push(...(await findRunFoldersBelow(join(dir, child.name), maxDepth - 1)));
  }
  return found;
}
