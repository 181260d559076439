/**
 * Folder fuzzing (issue 19): copies of a small notebook root and a small run folder of today's
 * tool, each damaged by a few random edits (truncation, noise, deep nesting, BOMs, other
 * encodings and line ends, files turned into folders or removed, links that leave the folder,
 * hostile names), then read by the CLI's `summary`, `analyze`, `run` and `compare` (against the
 * undamaged seed) in this process.
 *
 * Two properties are checked per folder:
 * - no crash: every command returns 0, 1 or 2 (never 3, never a thrown error);
 * - no outside read: no file or folder whose real path lies outside the fuzzed folder (or the
 *   command's own output folder) is opened or listed — every `node:fs` entry point that reads is
 *   watched — and the marker written in the outside files never reaches an output.
 *
 * Used by `test/unit/property/folders.fuzz.test.ts` (a few hundred folders in `npm test`) and by
 * `bench/fuzz.bench.ts` (`npm run bench -- fuzz`, 10,000 folders by default).
 */
// Default imports: the modules' own (writable) export objects, which the read watch wraps.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { cacheDir } from '../../src/cli/cache';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { defaultOptions, planRoot, writeRoot } from '../../src/generate';
import { defaultRunOptions, writeControllerRun } from '../../src/generate/runs';

/** Text that only the outside files hold: seeing it in an output means an outside read. */
export const OUTSIDE_MARKER = 'LTL-OUTSIDE-7f3a9c';

/** A deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;

function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** Every file and folder under `dir` (paths relative to it), links not followed. */
function entries(dir: string): { files: string[]; dirs: string[] } {
  const files: string[] = [];
  const dirs: string[] = [];
  const walk = (rel: string): void => {
    for (const d of fs.readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? join(rel, d.name) : d.name;
      if (d.isDirectory()) {
        dirs.push(r);
        walk(r);
      } else if (d.isFile()) files.push(r);
    }
  };
  walk('');
  return { files, dirs };
}

const NOISE = [
  'NaN',
  '}',
  ']',
  ',',
  '\u0000',
  '\x1b[31m',
  '\ufeff',
  'null',
  '"\\ud800"',
  '[['.repeat(1500),
  '9'.repeat(400),
  '{"event":"exception","reason":"ICE failed","name":"ICE_CANDIDATE_ERROR"}',
  '\r',
  '\n\n',
  '<script>alert(1)</script>',
  '<table><tr><td>1.234,5',
  '=cmd|"/c calc"!A1',
  'Participant User1 in session LoadTestSession1 failed 9 times',
];

/** Names a test, a session or a user folder could get in a colleague's archive. */
const HOSTILE_NAMES = [
  'summary.json',
  'connection_stats.csv',
  'x'.repeat(200),
  'a\x1b[2Jb',
  '=SUM(A1)',
  'ü név 名字',
  '..x',
];

interface Context {
  readonly dir: string;
  readonly outside: string;
  readonly rand: Rand;
}

/** A damage done to a copy: returns the path it damaged, if any. */
type Mutation = (c: Context, rel: { files: string[]; dirs: string[] }) => string | undefined;

function fileMutation(edit: (text: Buffer, rand: Rand) => Buffer): Mutation {
  return (c, { files }) => {
    if (files.length === 0) return undefined;
    const f = join(c.dir, pick(c.rand, files));
    fs.writeFileSync(f, edit(fs.readFileSync(f), c.rand));
    return f;
  };
}

const truncate = fileMutation((b, rand) => b.subarray(0, Math.floor(rand() * b.length)));
const flipBytes = fileMutation((b, rand) => {
  const out = Buffer.from(b);
  for (let i = 0; i < 1 + rand() * 8 && out.length > 0; i++) {
    out[Math.floor(rand() * out.length)] = Math.floor(rand() * 256);
  }
  return out;
});
const insertNoise = fileMutation((b, rand) => {
  const at = Math.floor(rand() * (b.length + 1));
  return Buffer.concat([b.subarray(0, at), Buffer.from(pick(rand, NOISE)), b.subarray(at)]);
});
const empty = fileMutation(() => Buffer.alloc(0));
const crOnly = fileMutation(b =>
  Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r'), 'latin1'),
);
const crlf = fileMutation(b => Buffer.from(b.toString('latin1').replace(/\n/g, '\r\n'), 'latin1'));
const utf16 = fileMutation(b =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]),
);

const remove: Mutation = (c, { files }) => {
  if (files.length === 0) return undefined;
  const f = join(c.dir, pick(c.rand, files));
  fs.rmSync(f);
  return f;
};
const fileToFolder: Mutation = (c, { files }) => {
  if (files.length === 0) return undefined;
  const f = join(c.dir, pick(c.rand, files));
  fs.rmSync(f);
  fs.mkdirSync(f);
  return f;
};
const linkFileOutside: Mutation = (c, { files }) => {
  if (files.length === 0) return undefined;
  const f = join(c.dir, pick(c.rand, files));
  fs.rmSync(f);
  fs.symlinkSync(join(c.outside, pick(c.rand, fs.readdirSync(c.outside))), f);
  return f;
};
const linkFolderOutside: Mutation = (c, { dirs }) => {
  if (dirs.length === 0) return undefined;
  const d = join(c.dir, pick(c.rand, dirs));
  fs.rmSync(d, { recursive: true });
  fs.symlinkSync(c.outside, d);
  return d;
};
const hostileName: Mutation = (c, { files, dirs }) => {
  const all = [...dirs, ...files];
  if (all.length === 0) return undefined;
  const from = join(c.dir, pick(c.rand, all));
  const name = pick(c.rand, HOSTILE_NAMES);
  const to = join(dirname(from), from.endsWith('.log') ? `${name}.log` : name);
  if (fs.existsSync(to)) return undefined;
  fs.renameSync(from, to);
  return to;
};
const duplicateFolder: Mutation = (c, { dirs }) => {
  if (dirs.length === 0) return undefined;
  const d = join(c.dir, pick(c.rand, dirs));
  const copy = `${d}-copy`;
  if (fs.existsSync(copy)) return undefined;
  fs.cpSync(d, copy, { recursive: true });
  return copy;
};

const DEFAULT_NAME = /^(LoadTestSession|User)(\d+)$/;
/**
 * The folders of one level renamed as a run with its own SESSION_NAME_PREFIX / USER_NAME_PREFIX
 * names them (`LoadTestSession3` → `Room3`, `User2` → `Guest2`), in one folder only.
 */
const otherPrefix: Mutation = (c, { dirs }) => {
  const named = dirs.filter(d => DEFAULT_NAME.test(basename(d)));
  if (named.length === 0) return undefined;
  const parent = dirname(join(c.dir, pick(c.rand, named)));
  for (const name of fs.readdirSync(parent)) {
    const m = DEFAULT_NAME.exec(name);
    const other = m?.[1] === 'User' ? 'Guest' : 'Room';
    if (m) fs.renameSync(join(parent, name), join(parent, `${other}${m[2]}`));
  }
  return parent;
};
/** A test's stats folder moved one level down, as a bucket's own `stats/` prefix downloaded. */
const nestStats: Mutation = (c, { dirs }) => {
  const tests = dirs.filter(d => basename(dirname(d)) === 'stats');
  if (tests.length === 0) return undefined;
  const test = join(c.dir, pick(c.rand, tests));
  const nested = join(test, 'stats');
  if (fs.existsSync(nested)) return undefined;
  const children = fs.readdirSync(test);
  fs.mkdirSync(nested);
  for (const name of children) fs.renameSync(join(test, name), join(nested, name));
  return nested;
};

/**
 * A controller log followed by a copy of itself: a log of two test cases, the copy an hour later
 * (split into two tests) or at the same times (test cases out of order: not split).
 */
const moreTestCases: Mutation = (c, { files }) => {
  const logs = files.filter(f => f.endsWith('.log'));
  if (logs.length === 0) return undefined;
  const f = join(c.dir, pick(c.rand, logs));
  const text = fs.readFileSync(f, 'utf8');
  const later =
    c.rand() < 0.5
      ? text
      : text.replace(
          /(\d{4}-\d{2}-\d{2}[ T])(\d{2})(?=:)/g,
          (_, day: string, h: string) => `${day}${String((Number(h) + 1) % 24).padStart(2, '0')}`,
        );
  fs.writeFileSync(f, text + (text.endsWith('\n') ? '' : '\n') + later);
  return f;
};

export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  truncate,
  flipBytes,
  insertNoise,
  empty,
  crOnly,
  crlf,
  utf16,
  remove,
  fileToFolder,
  linkFileOutside,
  linkFolderOutside,
  hostileName,
  duplicateFolder,
  otherPrefix,
  nestStats,
  moreTestCases,
};

/** Files outside every fuzzed folder that links point to: a log, JSON, YAML and a "key". */
export function writeOutside(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const m = OUTSIDE_MARKER;
  fs.writeFileSync(
    join(dir, 'outside.log'),
    `2024-06-20 12:16:10.250 ERROR 1 --- [main] i.o.l.services.BrowserEmulatorClient : Participant ${m} in session ${m} failed 3 times\n`,
  );
  fs.writeFileSync(join(dir, 'outside.json'), JSON.stringify([{ event: m, participant: m }]));
  fs.writeFileSync(join(dir, 'outside.yaml'), `secret: ${m}\n`);
  fs.writeFileSync(join(dir, 'id_rsa'), `-----BEGIN PRIVATE KEY-----\n${m}\n`);
}

/** Paths handed to the reading entry points of `node:fs` while `watch` is on. */
class ReadWatch {
  readonly paths: string[] = [];
  private readonly undo: (() => void)[] = [];

  start(): void {
    const record = (p: unknown): void => {
      if (typeof p === 'string') this.paths.push(p);
      else if (p instanceof URL) this.paths.push(p.pathname);
      else if (Buffer.isBuffer(p)) this.paths.push(p.toString());
    };
    const wrap = (obj: Record<string, unknown>, name: string): void => {
      const original = obj[name] as (...a: unknown[]) => unknown;
      if (typeof original !== 'function') return;
      obj[name] = function (this: unknown, ...args: unknown[]) {
        record(args[0]);
        return original.apply(this, args);
      };
      this.undo.push(() => (obj[name] = original));
    };
    const sync = fs as unknown as Record<string, unknown>;
    for (const n of ['openSync', 'open', 'readFileSync', 'readFile', 'createReadStream'])
      wrap(sync, n);
    for (const n of ['readdirSync', 'readdir', 'opendirSync', 'opendir']) wrap(sync, n);
    const prom = fsp as unknown as Record<string, unknown>;
    for (const n of ['open', 'readFile', 'readdir', 'opendir']) wrap(prom, n);
    syncBuiltinESMExports();
  }

  stop(): void {
    for (const u of this.undo.splice(0).reverse()) u();
    syncBuiltinESMExports();
  }
}

function insideAny(path: string, roots: readonly string[]): boolean {
  return roots.some(r => path === r || path.startsWith(r + sep));
}

/** The real path of `p`, or of its nearest existing parent (a file about to be created). */
function realPathOf(p: string): string {
  let cur = resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(fs.realpathSync(cur), ...rest.reverse());
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return cur;
      rest.push(basename(cur));
      cur = parent;
    }
  }
}

export interface FuzzFailure {
  readonly seed: number;
  readonly command: string;
  readonly what: string;
}

export interface FuzzResult {
  readonly folders: number;
  readonly commands: number;
  readonly exitCodes: Record<string, number>;
  readonly failures: FuzzFailure[];
}

interface CommandRun {
  readonly name: string;
  /** `seed` is the undamaged folder the damaged `folder` was copied from. */
  argv(folder: string, out: string, seed: string): string[];
}

/** A run folder of today's tool (its report), not a notebook root. */
function isRunFolder(seed: string): boolean {
  return fs.readdirSync(seed).some(n => /^report-.*\.html$/.test(n));
}

const COMMANDS: readonly CommandRun[] = [
  { name: 'summary', argv: f => ['summary', f, '--json'] },
  { name: 'analyze', argv: (f, out) => ['analyze', f, '--out', out] },
  { name: 'run', argv: f => ['run', f, '--json'] },
  // The damaged copy against its undamaged seed: roots write verdict.json, runs print it.
  {
    name: 'compare',
    argv: (f, out, seed) =>
      isRunFolder(seed)
        ? ['compare', seed, f, '--json', '--fail-on', 'never']
        : ['compare', seed, f, '--out', out, '--knee-resamples', '20', '--fail-on', 'never'],
  },
];

/** How many commands read each folder. */
export const COMMAND_COUNT = COMMANDS.length;

function collector(): { io: CliIo; text: () => string } {
  const parts: string[] = [];
  return {
    io: { stdout: t => void parts.push(t), stderr: t => void parts.push(t) },
    text: () => parts.join(''),
  };
}

function outputText(out: string): string {
  if (!fs.existsSync(out)) return '';
  return entries(out)
    .files.map(f => fs.readFileSync(join(out, f), 'latin1'))
    .join('\n');
}

/** Runs one command on a folder, checks it, and returns all it printed and wrote. */
async function runOne(
  command: CommandRun,
  folder: string,
  seedFolder: string,
  out: string,
  seed: number,
  failures: FuzzFailure[],
  exitCodes: Record<string, number>,
): Promise<string> {
  const { io, text } = collector();
  const watch = new ReadWatch();
  // Besides the folder and the output, the commands may read their own parse cache.
  // compare reads the undamaged seed too.
  const allowed = [
    fs.realpathSync(folder),
    fs.realpathSync(seedFolder),
    realPathOf(out),
    realPathOf(cacheDir()),
  ];
  let code: number;
  watch.start();
  try {
    code = await main(command.argv(folder, out, seedFolder), io);
  } catch (e) {
    code = -1;
    failures.push({
      seed,
      command: command.name,
      what: `threw ${String((e as Error)?.stack ?? e)}`,
    });
  } finally {
    watch.stop();
  }
  exitCodes[`${command.name} ${code}`] = (exitCodes[`${command.name} ${code}`] ?? 0) + 1;
  if (code === 3)
    failures.push({ seed, command: command.name, what: `exit 3: ${text().slice(0, 400)}` });
  const outsideReads = watch.paths.filter(p => !insideAny(realPathOf(p), allowed));
  if (outsideReads.length > 0) {
    failures.push({
      seed,
      command: command.name,
      what: `read outside: ${outsideReads.slice(0, 3).join(', ')}`,
    });
  }
  const said = text() + outputText(out);
  if (said.includes(OUTSIDE_MARKER)) {
    failures.push({ seed, command: command.name, what: 'the outside marker reached an output' });
  }
  // What is said of the undamaged seed (compare's baseline) names no damage.
  return said
    .split('\n')
    .filter(line => !line.includes(seedFolder))
    .join('\n');
}

/**
 * Damage that no reader may pass over in silence (read right or flag): a file turned into a
 * folder, into a link that leaves the folder, emptied to no bytes (every file of the tool's
 * holds something: a JSON array at least `[]`, a log its start line), or a JSON file cut short.
 * Some command must name it.
 */
/** What `summary` says of a folder it refuses whole, naming why (e.g. a `stats` link leading out). */
const REFUSED = /loadtest-lens summary: .* nothing to read\./;

const MUST_BE_NAMED = new Set(['fileToFolder', 'linkFileOutside', 'empty', 'truncate']);

/** Only these files must be named when cut short: no prefix of a JSON array is one. */
const CUT_IS_SEEN = /\.json$/;

/**
 * Files of the seeds that none of the commands reads, so none can name their damage: a notebook
 * root's browser-emulator connections.json (today's runs read it; the notebook does not), and a
 * run folder's per-user stats.json (`run` counts users with events.json only). A notebook root's
 * errors.json is read (the browsers' reports are noted), so its damage must be named.
 */
const READ_BY_NONE = [
  /^stats\/[^/]+\/[^/]+\/[^/]+\/connections\.json$/,
  /^stats\/[^/]+\/[^/]+\/stats\.json$/,
];

interface Damage {
  readonly mutation: string;
  readonly path: string;
}

/**
 * The damages of MUST_BE_NAMED that no command's output names. Checked where the damaged path
 * is still there as left (a later damage may have moved or removed it, or what holds it) and
 * where its name is plain (hostile names are escaped differently by each output).
 */
function unnamedDamages(
  folder: string,
  seed: string,
  damages: readonly Damage[],
  said: string,
): string[] {
  const unnamed: string[] = [];
  for (const d of damages) {
    if (!MUST_BE_NAMED.has(d.mutation) || !stillThere(d)) continue;
    if (d.mutation === 'truncate' && !CUT_IS_SEEN.test(d.path)) continue;
    const rel = relative(folder, d.path).split(sep).join('/');
    if (!/^[\w./-]+$/.test(rel) || READ_BY_NONE.some(r => r.test(rel))) continue;
    // Only files of the seed: a copy (`stats-copy/`) or a hostile name (`summary.json` in a
    // user folder) made by an earlier damage is read by none.
    if (!fs.existsSync(join(seed, rel))) continue;
    if (!namesPathOrHolder(said, rel)) unnamed.push(`${d.mutation} of ${rel}`);
  }
  return unnamed;
}

/**
 * `said` names `rel`, or a folder that holds it at least three levels down (a session or user
 * folder that is not read at all: `stats/<test>/LoadTestSession2-copy`), as a whole name.
 */
function namesPathOrHolder(said: string, rel: string): boolean {
  const parts = rel.split('/');
  for (let n = parts.length; n >= Math.min(3, parts.length); n--) {
    const path = parts
      .slice(0, n)
      .join('/')
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`${path}(?![\\w.-])`).test(said)) return true;
  }
  return false;
}

/** The damaged path is as the damage left it: a folder, or a link. */
function stillThere(d: Damage): boolean {
  try {
    const s = fs.lstatSync(d.path);
    if (d.mutation === 'fileToFolder') return s.isDirectory();
    if (d.mutation === 'empty') return s.isFile() && s.size === 0;
    if (d.mutation === 'truncate') return s.isFile();
    return s.isSymbolicLink();
  } catch {
    return false;
  }
}

export interface FuzzOptions {
  /** Seed folders to copy and damage (a notebook root, a run folder). */
  readonly seeds: readonly string[];
  readonly folders: number;
  readonly firstSeed?: number;
  /** Called after each folder, e.g. for progress. */
  readonly onFolder?: (i: number, result: FuzzResult) => void;
}

/** Damages `folders` copies of the seed folders and runs every command on each. */
export async function fuzzFolders(options: FuzzOptions): Promise<FuzzResult> {
  const base = fs.mkdtempSync(join(tmpdir(), 'ltl-fuzz-'));
  const outside = join(base, 'outside');
  writeOutside(outside);
  const failures: FuzzFailure[] = [];
  const exitCodes: Record<string, number> = {};
  const result = (folders: number): FuzzResult => ({
    folders,
    commands: folders * COMMANDS.length,
    exitCodes,
    failures,
  });
  try {
    for (let i = 0; i < options.folders; i++) {
      const seed = (options.firstSeed ?? 1) + i;
      const rand = prng(seed);
      const folder = join(base, `f${i}`);
      const seedFolder = options.seeds[i % options.seeds.length]!;
      fs.cpSync(seedFolder, folder, { recursive: true });
      const names = Object.keys(MUTATIONS);
      const count = 1 + Math.floor(rand() * 3);
      const damages: Damage[] = [];
      for (let k = 0; k < count; k++) {
        const mutation = pick(rand, names);
        const path = MUTATIONS[mutation]!({ dir: folder, outside, rand }, entries(folder));
        if (path) damages.push({ mutation, path });
      }
      let said = '';
      for (const command of COMMANDS) {
        const out = join(base, `out${i}-${command.name}`);
        said += await runOne(command, folder, seedFolder, out, seed, failures, exitCodes);
        fs.rmSync(out, { recursive: true, force: true });
      }
      // A folder refused whole (its parts gone or leading out) has none of its files read.
      const refused = REFUSED.test(said);
      for (const what of refused ? [] : unnamedDamages(folder, seedFolder, damages, said))
        failures.push({ seed, command: 'every command', what: `${what} was named by none` });
      fs.rmSync(folder, { recursive: true, force: true });
      options.onFolder?.(i, result(i + 1));
    }
    return result(options.folders);
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

/**
 * Small seeds written by our generators: a notebook root of two tests (OpenVidu 2 with QoE and
 * stats.json, LiveKit) and a run folder of today's tool with two scenarios.
 */
export async function writeSeeds(dir: string): Promise<string[]> {
  const root = join(dir, 'seed-root');
  await writeRoot(
    planRoot({
      ...defaultOptions('2024'),
      seed: 'fuzz',
      tests: ['loadtest-webrtc-2024-kurento-2p', 'loadtest-webrtc-2024-pion-2p'],
      sessions: 2,
      holdSeconds: 10,
      statsSessions: 1,
      statsInterval: 5,
    }),
    root,
  );
  const run = join(dir, 'seed-run');
  await writeControllerRun(
    { ...defaultRunOptions(), seed: 'fuzz', scenarios: ['2', '4'], sessions: 2 },
    run,
  );
  return [root, run];
}

/** Where a failure's folder can be looked at again: `relative` keeps messages short. */
export function describeFailure(f: FuzzFailure, cwd = process.cwd()): string {
  return `seed ${f.seed} ${f.command}: ${f.what.split(cwd).join(relative(cwd, cwd) || '.')}`;
}
