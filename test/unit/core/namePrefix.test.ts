/**
 * A [2024] run with another SESSION_NAME_PREFIX or USER_NAME_PREFIX: the browser-emulator names
 * its folders with the names as the controller made them (`Room3/Guest2`, FORMATS.md §1.1), the
 * controller log and the QoE file names carry them too. Such a root must read as the same run
 * with the default names does, with a note saying what was assumed; two prefixes side by side
 * stay unread and named.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../../src/cli/analyze';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { folderNaming, strippedName } from '../../../src/core/source/naming';
import { listSessions, type NamingReport } from '../../../src/core/source/resultRoot';
import { defaultOptions, planRoot, writeRoot } from '../../../src/generate';

const OV2 = 'loadtest-webrtc-2024-kurento-2p';
const LK = 'loadtest-webrtc-2024-pion-8p';

/** What the controller writes with SESSION_NAME_PREFIX=Room and USER_NAME_PREFIX=Guest. */
function renamed(text: string): string {
  return text
    .replace(/LoadTestSession(\d)/g, 'Room$1')
    .replace(/User(\d)/g, 'Guest$1')
    .replace(/^(Session Name Prefix: +)LoadTestSession$/m, '$1Room')
    .replace(/^(Username Prefix: +)User$/m, '$1Guest');
}

/** The root as that run would have written it: every name, in contents and on disk. */
function renameRoot(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) renameRoot(path);
    else writeFileSync(path, renamed(readFileSync(path, 'utf8')));
    if (renamed(name) !== name) renameSync(path, join(dir, renamed(name)));
  }
}

function tree(dirs: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'ltl-prefix-'));
  for (const d of dirs) mkdirSync(join(root, d), { recursive: true });
  return root;
}

describe('folderNaming', () => {
  it('reads the default names and nothing else when any folder has one', () => {
    const n = folderNaming('session', ['LoadTestSession1', 'Room2', 'LoadTestSession1 - Copy']);
    expect(n.prefix).toBeUndefined();
    expect(['LoadTestSession1', 'Room2', 'LoadTestSession1 - Copy'].map(n.reads)).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('reads the one prefix all other names share, the number being the trailing digits', () => {
    const n = folderNaming('user', ['Guest1', 'Guest12', 'Guest2 - Copy', 'notes']);
    expect(n.prefix).toBe('Guest');
    expect(['Guest1', 'Guest12', 'Guest2 - Copy', 'notes', 'Guest'].map(n.reads)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    // A prefix may hold digits, `_` and `-`, and ends in no digit.
    expect(folderNaming('session', ['R2D2', 'R2D10']).prefix).toBe('R2D');
    expect(folderNaming('session', ['load-test_1']).prefix).toBe('load-test_');
  });

  it('reads nothing by prefix when two prefixes stand side by side, or none is a prefix', () => {
    for (const names of [['Room1', 'Hall2'], ['notes', 'backup'], []]) {
      const n = folderNaming('session', names);
      expect(n.prefix).toBeUndefined();
      expect(names.some(n.reads)).toBe(false);
    }
  });

  it('strips names as the notebook does for the defaults, else keeps the trailing number', () => {
    expect(strippedName('User12', 'User')).toBe('12');
    expect(strippedName('LoadTestSession3', 'LoadTestSession')).toBe('3');
    expect(strippedName('Guest5', 'User')).toBe('5');
    expect(strippedName('Room40', 'LoadTestSession')).toBe('40');
    // A prefix that begins like the default one is numbered as its folder is.
    expect(strippedName('UserA7', 'User')).toBe('7');
    expect(strippedName('LoadTestSession_B2', 'LoadTestSession')).toBe('2');
    // A name with no number: the notebook's replace, as before.
    expect(strippedName('UserX', 'User')).toBe('X');
  });
});

describe('listSessions with other prefixes', () => {
  it('reads each level by its own naming and says which prefix it read', async () => {
    // Default session names, users of another prefix; a stray folder at each level.
    const stats = tree([
      'LoadTestSession1/Guest1',
      'LoadTestSession1/Guest2',
      'LoadTestSession2/Guest1',
      'LoadTestSession2/tmp',
      'old',
    ]);
    const report: NamingReport = { skipped: [], prefixed: [] };
    const sessions = await listSessions(stats, undefined, undefined, report);
    expect(sessions.map(s => [s.dirName, s.users.map(u => u.dirName)])).toEqual([
      ['LoadTestSession1', ['Guest1', 'Guest2']],
      ['LoadTestSession2', ['Guest1']],
    ]);
    expect(report.prefixed).toEqual([{ dir: stats, level: 'user', prefix: 'Guest', count: 3 }]);
    expect(report.skipped).toEqual([
      { dir: join(stats, 'old'), level: 'session' },
      { dir: join(stats, 'LoadTestSession2', 'tmp'), level: 'user' },
    ]);
  });

  it('leaves both prefixes unread when sessions of two runs were mixed', async () => {
    const stats = tree(['Room1/Guest1', 'Hall1/Guest1']);
    const report: NamingReport = { skipped: [], prefixed: [] };
    expect(await listSessions(stats, undefined, undefined, report)).toEqual([]);
    expect(report.skipped.map(s => s.dir)).toEqual([join(stats, 'Hall1'), join(stats, 'Room1')]);
    expect(report.prefixed).toEqual([]);
  });
});

describe('a root written with SESSION_NAME_PREFIX=Room and USER_NAME_PREFIX=Guest', () => {
  let plain = '';
  let custom = '';

  beforeAll(async () => {
    const base = mkdtempSync(join(tmpdir(), 'ltl-prefix-root-'));
    plain = join(base, 'plain');
    custom = join(base, 'custom');
    const options = {
      ...defaultOptions('2024'),
      seed: 'prefixes',
      tests: [OV2, LK],
      sessions: 3,
      stats: false,
      failureRate: 4,
      holdSeconds: 20,
    };
    await writeRoot(planRoot(options), plain);
    await writeRoot(planRoot(options), custom);
    renameRoot(custom);
  });

  it('counts the same sessions, users, connections and failures, and notes the prefixes', async () => {
    const [a, b] = await Promise.all(
      [plain, custom].map(r => summarizeRoot(r, { logTimezone: 'auto' })),
    );
    for (const name of [OV2, LK]) {
      const ta = a?.tests.find(t => t.name === name);
      const tb = b?.tests.find(t => t.name === name);
      // 3 sessions of 2 and of 8 users (the generator's plan).
      expect(tb?.sessions.length).toBe(3);
      expect(tb?.sessions.flatMap(s => s.users).length).toBe(name === OV2 ? 6 : 24);
      const counts = (t: typeof ta) => [
        t?.sessionCount,
        t?.userCount,
        t?.publisherCount,
        t?.connectedUsers,
        t?.failureLines,
        t?.failedUsers,
        t?.unmatchedFailures.length,
      ];
      expect(counts(tb)).toEqual(counts(ta));
      expect(tb?.connectedUsers).toBeGreaterThan(0);
      const notes = tb?.diagnostics.filter(d => d.code === 'layout.namePrefix') ?? [];
      expect(notes.map(d => [d.severity, d.file])).toEqual([
        ['info', join(custom, 'stats', name)],
        ['info', join(custom, 'stats', name)],
      ]);
      expect(notes[0]?.message).toMatch(/^3 session folders are named Room<N>, not Load/);
      expect(notes[1]?.message).toContain('USER_NAME_PREFIX=Guest');
      expect(tb?.diagnostics.filter(d => d.severity !== 'info')).toEqual(
        ta?.diagnostics
          .filter(d => d.severity !== 'info')
          .map(d => ({
            ...d,
            file: d.file.replace(plain, custom),
            message: renamed(d.message),
          })),
      );
    }
  });

  it.each(['notebook', 'default'])(
    'analyses to the same tables in the %s profile, but for the names',
    async profile => {
      const io = { stdout: () => undefined, stderr: () => undefined };
      const out = mkdtempSync(join(tmpdir(), 'ltl-prefix-out-'));
      for (const [root, dir] of [
        [plain, 'a'],
        [custom, 'b'],
      ] as const) {
        const args = [root, '--out', join(out, dir), '--profile', profile];
        expect(await analyzeCommand(args, io)).toBe(0);
      }
      const csv = (dir: string) => readFileSync(join(out, dir, 'connection_stats.csv'), 'utf8');
      expect(csv('a').split('\n').length).toBeGreaterThan(30);
      // The log's failures and the QoE files joined to their users by `<user>-<session>` keys.
      expect(csv('a')).toMatch(/^connectionFail,/m);
      expect(csv('a')).toMatch(/^QOE,/m);
      expect(csv('b')).toBe(csv('a'));
    },
  );
});
