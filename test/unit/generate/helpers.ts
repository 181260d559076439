// Shared helpers for the generator tests: small roots in temporary directories.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultOptions } from '../../../src/generate/options';
import type { GenerateOptions } from '../../../src/generate/options';
import { planRoot } from '../../../src/generate/plan';
import { writeRoot } from '../../../src/generate/writer';
import type { RootPlan } from '../../../src/generate/model';

export const SMALL_TESTS = {
  kurento: 'loadtest-webrtc-2024-kurento-2p',
  mediasoup: 'loadtest-webrtc-2024-mediasoup-3p-10s',
  pion: 'loadtest-webrtc-2024-pion-8p',
};

/** A small but busy root: overloaded media nodes so that failures and retries happen. */
export function smallOptions(overrides: Partial<GenerateOptions> = {}): GenerateOptions {
  const o = defaultOptions(overrides.format ?? '2024');
  return {
    ...o,
    seed: 'b',
    tests: Object.values(SMALL_TESTS),
    sessionsByTest: { [SMALL_TESTS.kurento]: 4, [SMALL_TESTS.mediasoup]: 1, [SMALL_TESTS.pion]: 2 },
    holdSeconds: 40,
    capacityScale: 0.25,
    failureRate: 2,
    statsInterval: 10,
    statsPoll: 5,
    livekitStatsPeers: 2,
    ...overrides,
  };
}

export async function tempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `ltl-gen-${label}-`));
}

export async function generate(
  options: GenerateOptions,
  label = 'root',
): Promise<{ dir: string; plan: RootPlan }> {
  const parent = await tempDir(label);
  const dir = join(parent, 'root');
  const plan = planRoot(options);
  await writeRoot(plan, dir);
  return { dir, plan };
}

/** Relative paths (with `/`) of every file under dir, sorted. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}

export async function treeHash(dir: string): Promise<string> {
  const h = createHash('sha256');
  for (const rel of await listFiles(dir)) {
    h.update(rel + '\0');
    h.update(await readFile(join(dir, rel)));
    h.update('\0');
  }
  return h.digest('hex');
}

export async function readText(dir: string, rel: string): Promise<string> {
  return readFile(join(dir, rel), 'utf8');
}

export async function readJson<T = unknown>(dir: string, rel: string): Promise<T> {
  return JSON.parse(await readText(dir, rel)) as T;
}

export async function cleanup(dir: string): Promise<void> {
  await rm(join(dir, '..'), { recursive: true, force: true });
}

/** Notebook regexes (seed notebook cell In[5]), verbatim. */
export const REGEX_ERROR = /(.*) ERROR .* Participant (.*) in session (.*) failed (\d+) times/;
export const REGEX_START = /(.*) INFO .* Starting test with .*/;
export const REGEX_END = /(.*) INFO .* Saved result in a .*/;

/**
 * Parses the notebook's `group(1) + " +0200"` with `%Y-%m-%d %H:%M:%S.%f %z` into epoch ms.
 * `(.*) INFO` keeps the `%5p` padding space in group(1); Python's strptime turns each space of
 * the format into `\s+`, so that trailing space is accepted, as here.
 */
export function notebookLogTime(text: string, offset = '+02:00'): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})\s+(\d{2}):(\d{2}):(\d{2})\.(\d{3})\s*$/.exec(text);
  if (!m) throw new Error(`not a %Y-%m-%d %H:%M:%S.%f time: "${text}"`);
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
  const sign = offset.startsWith('-') ? -1 : 1;
  const off = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s, ms) - off * 60_000;
}
