/**
 * events.json files that also hold an earlier run's events: the 2024 browser-emulator creates
 * each file with flag "wx" and appends (utils/stats-files.ts, 4a110720) and never clears stats/,
 * so a worker reused for a second run appends the second run's events to the first's.
 *
 * The log is test/fixtures/real/controller-logs/2024.log: local time, no offset, start line 1 at
 * 12:15:00.000, end line 34 at 12:15:15.863, forwarded exceptions stamped 10:15:xxZ (so +02:00).
 * This run's events are at 10:15:01–10:15:12Z; the earlier run's at 09:20:00–09:20:09Z. From the
 * first event alone the offset would be 12:15:00 − 09:20:00 = 2 h 55 min → +03:00 (wrong).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { rootConnectionStats } from '../../../src/core/analysis/segments';
import type { RootData } from '../../../src/core/ingest/ingestRoot';
import { analyzeCommand } from '../../../src/cli/analyze';
import { audioSample, realLog, REAL_LOG_USERS, tmpRoot } from './tmpRoot';

const TEST = 'loadtest-webrtc-2024-kurento-2p';
const LOG = realLog('2024.log');
const USERS = REAL_LOG_USERS;

const at = (hh: number, mm: number, ss: number) =>
  new Date(Date.UTC(2024, 5, 20, hh, mm, ss)).toISOString();

/**
 * A root of the fixture's run whose users' files also hold an earlier run's two events each;
 * `onlyEarlier`: one more user folder, LoadTestSession3/User1, that the earlier run alone used.
 */
function root(log: string, leftover: boolean, onlyEarlier = false): string {
  const { dir, put } = tmpRoot('ltl-leftover-');
  put(`logs/${TEST}.log`, log);
  if (onlyEarlier)
    put(
      `stats/${TEST}/LoadTestSession3/User1/events.json`,
      JSON.stringify([
        {
          event: 'connectionStart',
          participant: 'User1',
          session: 'LoadTestSession3',
          timestamp: at(9, 20, 20),
        },
      ]),
    );
  for (const [session, user, s] of USERS) {
    const ev = (event: string, timestamp: string) => ({
      event,
      participant: user,
      session,
      timestamp,
    });
    const earlier = leftover
      ? [ev('connectionStart', at(9, 20, s - 1)), ev('streamCreated', at(9, 20, s))]
      : [];
    // One stats.json element per run, each with one inbound-rtp audio report of its time.
    const sample = (timestamp: string) => audioSample(user, session, timestamp, 100, 1);
    put(
      `stats/${TEST}/${session}/${user}/stats.json`,
      JSON.stringify([...(leftover ? [sample(at(9, 20, s))] : []), sample(at(10, 15, s + 1))]),
    );
    put(
      `stats/${TEST}/${session}/${user}/events.json`,
      JSON.stringify([
        ...earlier,
        ev('connectionStart', at(10, 15, s)),
        ev('streamCreated', at(10, 15, s + 1)),
      ]),
    );
  }
  return dir;
}

async function summary(dir: string, keepOtherRuns = true) {
  const s = await summarizeRoot(dir, { logTimezone: 'auto', keepOtherRuns, keepData: true });
  const t = s.tests[0];
  return {
    offset: t?.timezone.zone,
    source: t?.timezone.source,
    outside: (t?.diagnostics ?? []).filter(d => d.code === 'events.outsideLog'),
    leftOut: (t?.diagnostics ?? []).filter(d => d.code === 'events.otherRun'),
    users: t?.userCount,
    start: t?.start,
    data: s.data as RootData,
  };
}

describe('events of an earlier run left in the files (notebook profile: kept)', () => {
  it('the zone comes from the forwarded events, and the leftover events are said', async () => {
    const r = await summary(root(LOG, true));
    expect([r.offset, r.source]).toEqual([{ kind: 'offset', offsetMinutes: 120 }, 'inferred']);
    expect(r.outside.map(d => [d.line, d.message.slice(0, 60)])).toEqual([
      [1, "Of the test's 16 events, 8 lie more than 5 minutes before th"],
    ]);
  });

  it('without forwarded events, the end line settles it: more events fall in its window', async () => {
    const bare = LOG.split('\n')
      .filter(l => !l.includes('Received exception'))
      .join('\n');
    const r = await summary(root(bare, true));
    expect(r.offset).toEqual({ kind: 'offset', offsetMinutes: 120 });
    expect(r.outside).toHaveLength(1);
  });

  it('files of one run: the same zone, nothing said', async () => {
    const r = await summary(root(LOG, false));
    expect(r.offset).toEqual({ kind: 'offset', offsetMinutes: 120 });
    expect(r.outside).toEqual([]);
  });
});

describe('events of an earlier run left in the files (default profile: left out)', () => {
  // 12:15:00 in +02:00 = 10:15:00Z; the window is 10:10:00Z to 10:15:15.863Z + 5 min.
  it("keeps the events of the log's run, says how many were left out, and the zone stays", async () => {
    const r = await summary(root(LOG, true), false);
    expect([r.offset, r.source]).toEqual([{ kind: 'offset', offsetMinutes: 120 }, 'inferred']);
    expect(r.outside).toEqual([]);
    expect(r.leftOut.map(d => [d.severity, d.line])).toEqual([['warning', 1]]);
    expect(r.leftOut[0]?.message).toMatch(
      /^Of the test's 16 events, 8 lie more than 5 minutes before the log's start line \(line 1\); log times read as \+02:00 \(inferred\): .*left out of every count, table and view/,
    );
    expect(r.leftOut[0]?.message).not.toContain('user folder(s)');
    const events = r.data.tests[0]?.users.flatMap(u => u.events?.events ?? []) ?? [];
    expect(events.map(e => new Date(e.time).toISOString().slice(11, 19)).sort()).toEqual([
      '10:15:01',
      '10:15:02',
      '10:15:03',
      '10:15:04',
      '10:15:07',
      '10:15:08',
      '10:15:10',
      '10:15:11',
    ]);
  });

  it("a user folder that holds only the earlier run's events is no user of this test", async () => {
    const kept = await summary(root(LOG, true, true), true);
    expect(kept.users).toBe(5);
    const r = await summary(root(LOG, true, true), false);
    expect(r.users).toBe(4);
    expect(r.leftOut[0]?.message).toMatch(/^Of the test's 17 events, 9 lie more than/);
    expect(r.leftOut[0]?.message).toContain(
      '1 user folder(s) held only such events and are not counted as users of this test: LoadTestSession3/User1.',
    );
  });

  it("connection_stats of the default profile has no row before the log's start, the notebook's does", async () => {
    const dir = root(LOG, true, true);
    const users = (rows: { full_user: string }[]) =>
      [...new Set(rows.map(r => r.full_user))].sort();
    const current = (await summary(dir, false)).data;
    const rows = rootConnectionStats(current, 'default').rows;
    expect(users(rows)).toEqual(['1-1', '1-2', '2-1', '2-2']);
    expect(Math.min(...rows.map(r => r.start_time))).toBeGreaterThanOrEqual(0);
    // The notebook profile reads every event: the earlier run's come 55 minutes before its start.
    const all = rootConnectionStats((await summary(dir, true)).data, 'notebook').rows;
    expect(users(all)).toEqual(['1-1', '1-2', '1-3', '2-1', '2-2']);
    expect(Math.min(...all.map(r => r.start_time))).toBeLessThan(-50 * 60);
  });

  it('files of one run, or a log none of whose window holds an event: nothing left out', async () => {
    expect((await summary(root(LOG, false), false)).leftOut).toEqual([]);
    // The log's window moved a day: every event lies outside, so the log or its zone is wrong.
    const dayLater = LOG.replace(/2024-06-20/g, '2024-06-21');
    const r = await summary(root(dayLater, true), false);
    expect(r.leftOut).toEqual([]);
    expect(r.outside).toHaveLength(1);
    expect(r.users).toBe(4);
  });
});

describe('the stats.json samples of an earlier run', () => {
  it.each([
    ['default', ['10:15:02', '10:15:04', '10:15:08', '10:15:11']],
    [
      'notebook',
      [
        '09:20:01',
        '09:20:03',
        '09:20:07',
        '09:20:10',
        '10:15:02',
        '10:15:04',
        '10:15:08',
        '10:15:11',
      ],
    ],
  ])('analyze --profile %s writes the inbound audio of %j', async (profile, times) => {
    const io = { stdout: () => undefined, stderr: () => undefined };
    const out = join(mkdtempSync(join(tmpdir(), 'ltl-leftover-out-')), 'out');
    expect(await analyzeCommand([root(LOG, true), '--out', out, '--profile', profile], io)).toBe(0);
    const csv = readFileSync(join(out, TEST, 'qos', 'inbound_audio.csv'), 'utf8')
      .trim()
      .split('\n');
    const column = (csv[0] as string).split(',').indexOf('timestamp');
    const written = csv.slice(1).map(line => Number(line.split(',')[column]));
    expect(written.map(t => new Date(t).toISOString().slice(11, 19)).sort()).toEqual(times);
  });
});

describe('a log of two test cases over the same user folders (default profile: one test each)', () => {
  // The fixture run, then the same run 3 minutes later (log lines 36–69, its exceptions' bodies
  // moved too); each user's events.json also holds the second case's two events.
  const second = LOG.replace(/12:15:/g, '12:18:').replace(/T10:15:/g, 'T10:18:');
  function twoCases(): string {
    const dir = root(LOG + second, false);
    for (const [session, user, s] of USERS) {
      const file = join(dir, 'stats', TEST, session, user, 'events.json');
      const events = JSON.parse(readFileSync(file, 'utf8')) as object[];
      const later = (event: string, ss: number) => ({
        event,
        participant: user,
        session,
        timestamp: at(10, 18, ss),
      });
      writeFileSync(
        file,
        JSON.stringify([...events, later('connectionStart', s), later('streamCreated', s + 1)]),
      );
    }
    return dir;
  }

  it('reads each case as a test: its own failure lines, and its events up to the next start line', async () => {
    const dir = twoCases();
    const s = await summarizeRoot(dir, { logTimezone: 'auto', keepData: true });
    expect(s.tests.map(t => t.name)).toEqual([TEST, `${TEST}#2`]);
    // 3 failure lines in each case (fixture lines 13, 24, 30), 2 forwarded exceptions (lines 12, 23).
    expect(s.tests.map(t => t.failureLines)).toEqual([3, 3]);
    const codes = s.tests.map(t => t.diagnostics.map(d => d.code));
    expect(codes[0]).toContain('log.testCasesSplit');
    expect(codes.flat()).not.toContain('log.moreTestCases');
    expect(codes.flat()).not.toContain('log.failuresOutsideTest');
    expect(codes.flat()).not.toContain('events.otherRun');
    // The second case's events start 2 min 45 s after the first's end line, inside its 5 min of
    // slack: the second start line bounds the first case.
    const minutes = (k: number) =>
      (s.data?.tests[k]?.users.flatMap(u => u.events?.events ?? []) ?? []).map(e =>
        new Date(e.time).toISOString().slice(0, 17),
      );
    expect(minutes(0)).toEqual(Array(8).fill('2024-06-20T10:15:'));
    expect(minutes(1)).toEqual(Array(8).fill('2024-06-20T10:18:'));
    const all = await summarizeRoot(dir, { logTimezone: 'auto', keepOtherRuns: true });
    expect(all.tests.map(t => [t.name, t.failureLines])).toEqual([[TEST, 6]]);
    expect(all.tests[0]?.diagnostics.map(d => [d.code, d.line])).toContainEqual([
      'log.moreTestCases',
      36,
    ]);
  });
});
