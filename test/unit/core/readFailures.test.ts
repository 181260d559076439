/**
 * Input that exists but cannot be read is never taken for missing (issue 19: under a low file
 * limit, users vanished without a word). Each case ends as a `read.unreadable` error naming the
 * path and the OS error, while the rest of the root still loads. OS failures are simulated on
 * chosen paths (the tests may run as root, where permissions do not stop a read).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { separateStats } from '../../../src/core/analysis/downstream';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { InlineRunner } from '../../../src/core/pipeline/runner';
import type { Diagnostic } from '../../../src/core/model/diagnostic';
import { KURENTO, PION, makeMiniRoot } from './miniRoot';

const failing = vi.hoisted(() => new Map<string, string>());

function osError(code: string, op: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, ${op} '${path}'`), { code });
}

vi.mock('node:fs/promises', async importOriginal => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    readdir: ((path: string, ...rest: unknown[]) => {
      const code = failing.get(String(path));
      if (code) return Promise.reject(osError(code, 'scandir', String(path)));
      return (real.readdir as (...a: unknown[]) => Promise<unknown>)(path, ...rest);
    }) as typeof real.readdir,
    readFile: ((path: string, ...rest: unknown[]) => {
      const code = failing.get(String(path));
      if (code) return Promise.reject(osError(code, 'open', String(path)));
      return (real.readFile as (...a: unknown[]) => Promise<unknown>)(path, ...rest);
    }) as typeof real.readFile,
  };
});

// The ingest reads whole small files with node:fs's callback readFile (src/core/ingest/readFile.ts).
vi.mock('node:fs', async importOriginal => {
  const real = await importOriginal<typeof import('node:fs')>();
  const readFile = ((path: string, ...rest: unknown[]) => {
    const code = failing.get(String(path));
    const callback = rest.at(-1) as (err: unknown) => void;
    if (code) process.nextTick(callback, osError(code, 'open', String(path)));
    else (real.readFile as (...a: unknown[]) => void)(path, ...rest);
  }) as typeof real.readFile;
  return { ...real, readFile, default: { ...real, readFile } };
});

afterEach(() => failing.clear());

const unreadable = (ds: readonly Diagnostic[]) => ds.filter(d => d.code === 'read.unreadable');

async function kurento(root: string) {
  const summary = await summarizeRoot(root, { logTimezone: 'auto' });
  const test = summary.tests.find(t => t.name === KURENTO);
  if (!test) throw new Error('no kurento test');
  return { summary, test };
}

describe('read.unreadable', () => {
  it('a session folder that cannot be listed', async () => {
    const root = makeMiniRoot();
    const dir = join(root, 'stats', KURENTO, 'LoadTestSession2');
    failing.set(dir, 'EACCES');
    const { test } = await kurento(root);
    const found = unreadable(test.diagnostics);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', file: dir });
    expect(found[0]?.message).toContain('EACCES');
    // The mini root's other session still reads: User1 and User2 of LoadTestSession1.
    expect(test.sessions.map(s => [s.session, s.users.map(u => u.user)])).toEqual([
      ['LoadTestSession1', ['User1', 'User2']],
    ]);
  });

  it('an events.json whose read fails (EMFILE)', async () => {
    const root = makeMiniRoot();
    const file = join(root, 'stats', KURENTO, 'LoadTestSession1', 'User1', 'events.json');
    failing.set(file, 'EMFILE');
    const { test } = await kurento(root);
    const found = unreadable(test.diagnostics);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', file });
    expect(found[0]?.message).toContain('EMFILE');
  });

  it('an events.json that is a folder (EISDIR), not "no events.json"', async () => {
    const root = makeMiniRoot();
    const user = join(root, 'stats', KURENTO, 'LoadTestSession1', 'User2');
    rmSync(join(user, 'events.json'));
    mkdirSync(join(user, 'events.json'));
    const { test } = await kurento(root);
    expect(unreadable(test.diagnostics).map(d => d.file)).toEqual([join(user, 'events.json')]);
    expect(test.diagnostics.some(d => d.code === 'user.noEvents')).toBe(false);
  });

  it('a part of the root that cannot be listed is a finding about the root', async () => {
    const root = makeMiniRoot();
    failing.set(join(root, 'logs'), 'EIO');
    const { summary } = await kurento(root);
    const found = unreadable(summary.diagnostics);
    expect(found.map(d => d.file)).toEqual([join(root, 'logs')]);
    expect(found[0]?.message).toContain('EIO');
  });
});

describe('read.unreadable in the QoS tables (separate_stats)', () => {
  const statsJson = readFileSync(join(__dirname, '../../fixtures/stats/ov2-two-elements.json'));

  /** A stats folder of three users: User1's stats.json is readable, the others' as `make` leaves them. */
  function statsFolder(make: (user2: string, user3: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'ltl-qos-unreadable-'));
    for (const user of ['User1', 'User2', 'User3'])
      mkdirSync(join(dir, 'LoadTestSession1', user), { recursive: true });
    writeFileSync(join(dir, 'LoadTestSession1', 'User1', 'stats.json'), statsJson);
    make(
      join(dir, 'LoadTestSession1', 'User2', 'stats.json'),
      join(dir, 'LoadTestSession1', 'User3', 'stats.json'),
    );
    return dir;
  }

  it('a stats.json that is a folder or a FIFO is an error, not a user without stats', async () => {
    const dir = statsFolder((user2, user3) => {
      mkdirSync(user2);
      execFileSync('mkfifo', [user3]);
    });
    const tables = await separateStats(dir, new InlineRunner(), 'notebook');
    const found = unreadable(tables?.diagnostics ?? []);
    expect(found.map(d => [d.file, d.severity])).toEqual([
      [join(dir, 'LoadTestSession1', 'User2', 'stats.json'), 'error'],
      [join(dir, 'LoadTestSession1', 'User3', 'stats.json'), 'error'],
    ]);
    expect(found[0]?.message).toContain('EISDIR');
    expect(found[1]?.message).toContain('not a regular file');
    // User1's file still reads (the fixture holds two elements of one user).
    expect(tables?.sources.map(s => s.user)).toEqual(['User1']);
  });

  it('is said even when no stats.json of the test can be read', async () => {
    const dir = statsFolder((user2, user3) => {
      mkdirSync(user2);
      mkdirSync(user3);
    });
    rmSync(join(dir, 'LoadTestSession1', 'User1', 'stats.json'));
    const tables = await separateStats(dir, new InlineRunner(), 'notebook');
    expect(unreadable(tables?.diagnostics ?? [])).toHaveLength(2);
    expect(tables?.sources).toEqual([]);
  });

  it('a user folder without stats.json is no finding (a run may record some users only)', async () => {
    const dir = statsFolder(() => undefined);
    const tables = await separateStats(dir, new InlineRunner(), 'notebook');
    expect(tables?.diagnostics).toEqual([]);
  });
});

describe('folders named like files, and folders that are not read', () => {
  it("a folder where a test's log or CPU file should be is read.unreadable, not no log", async () => {
    const root = makeMiniRoot();
    const log = join(root, 'logs', `${KURENTO}.log`);
    const cpu = join(root, 'dfs_final', `${KURENTO}-medianode.csv`);
    for (const f of [log, cpu]) {
      rmSync(f);
      mkdirSync(f);
    }
    const { test } = await kurento(root);
    expect(
      unreadable(test.diagnostics)
        .map(d => d.file)
        .sort(),
    ).toEqual([cpu, log].sort());
  });

  it('a session or user folder whose name the browser-emulator never writes is named', async () => {
    const root = makeMiniRoot();
    const stats = join(root, 'stats', KURENTO);
    // A copy made in a file manager, and a user folder of another prefix.
    cpSync(join(stats, 'LoadTestSession1'), join(stats, 'LoadTestSession1 - Copy'), {
      recursive: true,
    });
    cpSync(join(stats, 'LoadTestSession2', 'User1'), join(stats, 'LoadTestSession2', 'Viewer7'), {
      recursive: true,
    });
    // A hidden folder (Jupyter's) is no result by convention: not named.
    mkdirSync(join(stats, '.ipynb_checkpoints'));
    // The 2024 browser-emulator's lock folder in a worker's copy: a note, not a warning.
    mkdirSync(join(stats, 'locks', 'LoadTestSession1', 'User1'), { recursive: true });
    writeFileSync(join(stats, 'locks', 'LoadTestSession1', 'User1', 'events.json.lock'), '');
    const { test } = await kurento(root);
    expect(
      test.diagnostics.filter(d => d.code === 'layout.lockFolder').map(d => [d.severity, d.file]),
    ).toEqual([['info', join(stats, 'locks')]]);
    const skipped = test.diagnostics.filter(d => d.code === 'layout.unknownFolder');
    expect(skipped.map(d => [d.severity, d.file])).toEqual([
      ['warning', join(stats, 'LoadTestSession1 - Copy')],
      ['warning', join(stats, 'LoadTestSession2', 'Viewer7')],
    ]);
    expect(skipped[0]?.message).toMatch(/^Not read as a session: .*its users are not counted/);
    expect(skipped[1]?.message).toMatch(/^Not read as a user: .*this user is not counted/);
    // The mini root's three users, and no more.
    expect(test.sessions.flatMap(s => s.users.map(u => `${s.session}/${u.user}`))).toEqual([
      'LoadTestSession1/User1',
      'LoadTestSession1/User2',
      'LoadTestSession2/User1',
    ]);
  });
  it("a bucket's stats/ downloaded one level too deep is said as such, with what to move", async () => {
    const root = makeMiniRoot();
    const stats = join(root, 'stats', KURENTO);
    const nested = join(stats, 'stats');
    mkdirSync(nested);
    for (const s of ['LoadTestSession1', 'LoadTestSession2'])
      cpSync(join(stats, s), join(nested, s), { recursive: true });
    rmSync(join(stats, 'LoadTestSession1'), { recursive: true });
    rmSync(join(stats, 'LoadTestSession2'), { recursive: true });
    const { test } = await kurento(root);
    expect(
      test.diagnostics
        .filter(d => d.code.startsWith('layout.'))
        .map(d => [d.severity, d.code, d.file]),
    ).toEqual([['warning', 'layout.nestedStats', nested]]);
    expect(test.diagnostics.find(d => d.code === 'layout.nestedStats')?.message).toContain(
      'Move the session folders it holds up',
    );
    // A folder named stats with no session inside is an unknown folder as any other.
    rmSync(nested, { recursive: true });
    mkdirSync(join(nested, 'notes'), { recursive: true });
    const again = await kurento(root);
    expect(again.test.diagnostics.filter(d => d.code === 'layout.nestedStats')).toEqual([]);
    expect(
      again.test.diagnostics.filter(d => d.code === 'layout.unknownFolder').map(d => d.file),
    ).toEqual([nested]);
  });
  it('a bucket downloaded as it is (stats/<session>/…) is the one test named after its folder', async () => {
    const mini = makeMiniRoot();
    const bucket = join(mkdtempSync(join(tmpdir(), 'ltl-bucket-')), KURENTO);
    cpSync(join(mini, 'stats', KURENTO), join(bucket, 'stats'), { recursive: true });
    // What a bucket also holds at its top: the QoE recordings.
    writeFileSync(join(bucket, 'QOE_LoadTestSession1_User1_User2.webm'), '');
    const summary = await summarizeRoot(bucket, { logTimezone: 'auto' });
    expect(summary.tests.map(t => [t.name, t.userCount, t.sessionCount])).toEqual([
      [KURENTO, 3, 2],
    ]);
    const notes = summary.tests[0]?.diagnostics.filter(d =>
      ['layout.bucketStats', 'layout.unknownFolder', 'layout.nestedStats'].includes(d.code),
    );
    expect(notes?.map(d => [d.severity, d.code, d.file])).toEqual([
      ['info', 'layout.bucketStats', join(bucket, 'stats')],
    ]);
    // A stats/ of test folders stays a root of tests, as ever.
    expect((await summarizeRoot(mini, { logTimezone: 'auto' })).tests.map(t => t.name)).toEqual([
      KURENTO,
      PION,
    ]);
  });
});
