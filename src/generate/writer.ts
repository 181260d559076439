// Writes a RootPlan to disk, streaming every large file. The only generator module using node:fs.
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { RootPlan, TestPlan } from './model';
import { batchesJson } from './batches';
import { medianodeCsvChunks } from './cpu';
import { connectionsJson, errorsJson, eventsJson } from './events';
import { BATCHES_PATH, logPath, medianodePath, qoePath, userFilePath } from './layout';
import { logChunks } from './log';
import { qoeFileName, qoeJson } from './qoe';
import { statsChunks } from './stats';
import { truthSummary } from './truth';

export class OutputExistsError extends Error {}

export interface WriteSummary {
  tests: number;
  users: number;
  files: number;
  bytes: number;
}

/** Refuses a directory that exists and is not empty, or a path that is not a directory. */
export async function assertWritableRoot(dir: string): Promise<void> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    return;
  }
  if (!info.isDirectory()) throw new OutputExistsError(`${dir} exists and is not a directory`);
  const entries = await readdir(dir);
  if (entries.length > 0) {
    throw new OutputExistsError(
      `${dir} is not empty (${entries.length} entries); the generator never writes over files`,
    );
  }
}

/** True when `file` is `root` itself or inside it. */
export function isInside(root: string, file: string): boolean {
  const rel = relative(resolve(root), resolve(file));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

class RootWriter {
  readonly summary: WriteSummary = { tests: 0, users: 0, files: 0, bytes: 0 };
  private readonly dirs = new Set<string>();
  constructor(private readonly root: string) {}

  private async prepare(rel: string): Promise<string> {
    const full = join(this.root, rel);
    const dir = dirname(full);
    if (!this.dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.dirs.add(dir);
    }
    return full;
  }

  async text(rel: string, text: string): Promise<void> {
    await writeFile(await this.prepare(rel), text, { flag: 'wx' });
    this.summary.files++;
    this.summary.bytes += Buffer.byteLength(text);
  }

  /** Streams chunks with back-pressure; never holds the whole file in memory. */
  async chunks(rel: string, chunks: Iterable<string>): Promise<void> {
    const out = createWriteStream(await this.prepare(rel), { flags: 'wx' });
    const failed = new Promise<never>((_, reject) => out.once('error', reject));
    failed.catch(() => undefined);
    for (const chunk of chunks) {
      this.summary.bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    this.summary.files++;
  }
}

async function writeTest(w: RootWriter, plan: RootPlan, test: TestPlan): Promise<void> {
  const name = test.spec.name;
  const format = plan.options.format;
  const statsSessions = plan.options.statsSessions ?? Infinity;
  for (const u of test.users) {
    // The browser-emulator creates a user's files when the controller creates the user
    // (browser-manager.service.ts): a user the test stopped before has no folder.
    if (u.attempts.length === 0) continue;
    const path = (file: Parameters<typeof userFilePath>[4]): string =>
      userFilePath(format, name, u.session, u.user, file);
    await w.text(path('events.json'), eventsJson(plan, test, u));
    await w.text(path('connections.json'), connectionsJson(test, u));
    await w.text(path('errors.json'), errorsJson(plan, test, u));
    if (plan.options.stats && u.session <= statsSessions)
      await w.chunks(path('stats.json'), statsChunks(plan, test, u));
    w.summary.users++;
  }
  await w.chunks(logPath(name), logChunks(plan, test));
  await w.chunks(medianodePath(name), medianodeCsvChunks(test.cpuRows));
  for (const q of test.qoe) await w.text(qoePath(name, qoeFileName(q)), qoeJson(q));
  w.summary.tests++;
}

/** Writes every file of the plan under `dir`, which must be missing or empty. */
export async function writeRoot(plan: RootPlan, dir: string): Promise<WriteSummary> {
  await assertWritableRoot(dir);
  await mkdir(dir, { recursive: true });
  const w = new RootWriter(dir);
  for (const test of plan.tests) await writeTest(w, plan, test);
  await w.text(BATCHES_PATH, batchesJson(plan));
  return w.summary;
}

/** Writes the plan's ground truth to a file outside the root; never overwrites. */
export async function writeTruth(plan: RootPlan, file: string, rootDir: string): Promise<void> {
  if (isInside(rootDir, file))
    throw new OutputExistsError(`the truth file ${file} must be outside the root ${rootDir}`);
  await mkdir(dirname(resolve(file)), { recursive: true });
  await writeFile(file, `${JSON.stringify(truthSummary(plan), null, 2)}\n`, { flag: 'wx' });
}
