/**
 * A log of several test cases read as one test each (default profile, analysis/testCases.ts).
 *
 * The log is test/fixtures/real/controller-logs/cases/2024.log (two test cases of one controller
 * process, each 2024.log's run; see its README): the first case on lines 1–34 (start 12:15:00.000,
 * end 12:15:15.863), the between-cases lines 35–38, the second on lines 39–72 (start
 * 12:15:31.194, end 12:15:47.057), `Finished` on 73. Its forwarded exceptions put the wall clock
 * at +02:00. Each user folder holds both cases' events and stats.json samples, under the same
 * session and user names, as the browser-emulator appends them.
 *
 * The expectation is independent of the split: each test case must read exactly as a root whose
 * log is that case's lines alone and whose files hold that case's events and samples alone (the
 * one-case reading, itself checked against the notebook elsewhere).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../../src/cli/analyze';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { caseTestName, folderTestName } from '../../../src/core/analysis/testCases';
import { audioSample, realLog, REAL_LOG_USERS, tmpRoot } from './tmpRoot';

const TEST = 'loadtest-webrtc-2024-kurento-2p';
const LINES = realLog('cases/2024.log').split('\n');
/** Lines 1–38: the first case and the lines before the second start. */
const FIRST = LINES.slice(0, 38).join('\n') + '\n';
/** Lines 39–73: the second case. */
const SECOND = LINES.slice(38).join('\n');
const BOTH = FIRST + SECOND;
/** Each case's start line in UTC (the wall clock is at +02:00). */
const STARTS = [Date.UTC(2024, 5, 20, 10, 15, 0, 0), Date.UTC(2024, 5, 20, 10, 15, 31, 194)];
const USERS = REAL_LOG_USERS;

/** A user's events of one case: it connects `s` seconds into the case and streams. */
function events(session: string, user: string, s: number, start: number): object[] {
  const ev = (event: string, ms: number) => ({
    event,
    participant: user,
    session,
    timestamp: new Date(start + ms).toISOString(),
  });
  return [ev('connectionStart', s * 1000 + 5), ev('streamCreated', s * 1000 + 505)];
}

/** A root of `log` whose user folders hold the events and samples of the cases `cases` (0, 1). */
function root(
  log: string,
  cases: readonly number[],
): { dir: string; put(rel: string, text: string): void } {
  const r = tmpRoot('ltl-cases-');
  r.put(`logs/${TEST}.log`, log);
  for (const [session, user, s] of USERS) {
    const dir = `stats/${TEST}/${session}/${user}`;
    r.put(
      `${dir}/events.json`,
      JSON.stringify(cases.flatMap(k => events(session, user, s, STARTS[k] as number))),
    );
    r.put(
      `${dir}/stats.json`,
      JSON.stringify(
        cases.map(k => {
          // One inbound audio report s + 1 seconds into the case; packetsLost tells the case.
          const at = new Date((STARTS[k] as number) + (s + 1) * 1000).toISOString();
          return audioSample(user, session, at, 100 + s, k + 1);
        }),
      ),
    );
  }
  return r;
}

const quiet = { stdout: () => undefined, stderr: () => undefined };

async function analyzed(dir: string, ...more: string[]): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'ltl-cases-out-')), 'out');
  expect(await analyzeCommand([dir, '--out', out, ...more], quiet)).toBe(0);
  return out;
}

/** Every file of a test's output folder, by path, with the test's name written as `T`. */
function testFiles(out: string, test: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of readdirSync(join(out, test, rel), { withFileTypes: true })) {
      const path = join(rel, e.name);
      if (e.isDirectory()) walk(path);
      else
        files.set(
          path,
          readFileSync(join(out, test, path), 'utf8')
            .split(test)
            .join('T'),
        );
    }
  };
  walk('');
  return files;
}

/** connection_stats.csv rows of one test, its index column dropped. */
function rowsOf(out: string, test: string): string[] {
  return readFileSync(join(out, 'connection_stats.csv'), 'utf8')
    .split('\n')
    .filter(l => l.endsWith(`,${test}`))
    .map(l => l.slice(0, -test.length));
}

describe('test names of test cases', () => {
  it('the first case keeps the name, the later ones are numbered', () => {
    expect([1, 2, 3].map(k => caseTestName(TEST, k))).toEqual([TEST, `${TEST}#2`, `${TEST}#3`]);
  });

  it('a case name reads its folder test; a folder named with # stays itself', () => {
    const folders = new Set([TEST, 'odd#2']);
    expect(folderTestName(`${TEST}#2`, folders)).toBe(TEST);
    expect(folderTestName(TEST, folders)).toBe(TEST);
    expect(folderTestName('odd#2', folders)).toBe('odd#2');
    expect(folderTestName('odd#2#3', folders)).toBe('odd#2');
    expect(folderTestName(`${TEST}#x`, folders)).toBe(`${TEST}#x`);
    expect(folderTestName('other#2', folders)).toBe('other#2');
  });
});

describe('a log of two test cases over the same user folders', () => {
  it('each case analyses as a root of that case alone (connection_stats and every table)', async () => {
    const split = await analyzed(root(BOTH, [0, 1]).dir);
    const first = await analyzed(root(FIRST, [0]).dir);
    const second = await analyzed(root(SECOND, [1]).dir);
    expect(rowsOf(split, TEST)).toEqual(rowsOf(first, TEST));
    expect(rowsOf(split, `${TEST}#2`)).toEqual(rowsOf(second, TEST));
    expect(rowsOf(split, TEST)).toHaveLength(11);
    expect(testFiles(split, TEST)).toEqual(testFiles(first, TEST));
    expect(testFiles(split, `${TEST}#2`)).toEqual(testFiles(second, TEST));
    // The QoS tables hold each case's own sample: packetsLost 1 in the first, 2 in the second.
    const lost = (out: string, test: string) => {
      const [head, ...rows] = readFileSync(join(out, test, 'qos', 'inbound_audio.csv'), 'utf8')
        .trim()
        .split('\n');
      const column = (head as string).split(',').indexOf('packetsLost');
      return rows.map(row => row.split(',')[column]);
    };
    expect(lost(split, TEST)).toEqual(['1', '1', '1', '1']);
    expect(lost(split, `${TEST}#2`)).toEqual(['2', '2', '2', '2']);
    expect(testFiles(split, `${TEST}#2`).size).toBeGreaterThan(10);
  });

  it('the summary counts each case, and says once how the log was split', async () => {
    const s = await summarizeRoot(root(BOTH, [0, 1]).dir, { logTimezone: 'auto' });
    expect(s.tests.map(t => [t.name, t.userCount, t.failureLines])).toEqual([
      [TEST, 4, 3],
      [`${TEST}#2`, 4, 3],
    ]);
    const notes = s.tests.map(t => t.diagnostics.filter(d => d.code === 'log.testCasesSplit'));
    expect(notes.map(n => n.length)).toEqual([1, 0]);
    expect(notes[0]?.[0]).toMatchObject({ severity: 'info', line: 39 });
    expect(notes[0]?.[0]?.message).toContain(
      `read as 2 tests: ${TEST} (lines 1–38), ${TEST}#2 (lines 39–73).`,
    );
  });

  it('the notebook profile reads the log as one test, as the notebook does', async () => {
    const s = await summarizeRoot(root(BOTH, [0, 1]).dir, {
      logTimezone: 'auto',
      keepOtherRuns: true,
    });
    expect(s.tests.map(t => [t.name, t.failureLines])).toEqual([[TEST, 6]]);
    expect(s.tests[0]?.diagnostics.map(d => d.code)).toContain('log.moreTestCases');
  });

  it('--tests names one case: only it is read and written', async () => {
    const out = await analyzed(root(BOTH, [0, 1]).dir, '--tests', `${TEST}#2`);
    expect(readdirSync(out).sort()).toEqual(['connection_stats.csv', `${TEST}#2`, 'summary.json']);
    const second = await analyzed(root(SECOND, [1]).dir);
    expect(testFiles(out, `${TEST}#2`)).toEqual(testFiles(second, TEST));
  });

  it('a test case whose time no user folder holds is counted from its log lines, and says why', async () => {
    const s = await summarizeRoot(root(BOTH, [0]).dir, { logTimezone: 'auto' });
    const second = s.tests[1];
    expect([second?.name, second?.userCount, second?.countSources.users]).toEqual([
      `${TEST}#2`,
      4,
      'log',
    ]);
    expect(second?.diagnostics.find(d => d.code === 'summary.countsFromLog')?.message).toMatch(
      /^No user folder under stats\/ has an event of this test case's time \(test case 2 of 2 of the log;/,
    );
  });

  it('test cases put together out of order are not split, and that is said', async () => {
    // The second case's lines first, then the first's: its start (12:15:00) is before 12:15:31.
    const swapped = SECOND + FIRST;
    const s = await summarizeRoot(root(swapped, [0, 1]).dir, { logTimezone: 'auto' });
    expect(s.tests.map(t => t.name)).toEqual([TEST]);
    const note = s.tests[0]?.diagnostics.find(d => d.code === 'log.testCasesOutOfOrder');
    expect(note).toMatchObject({ severity: 'warning', line: 36 });
    expect(note?.message).toContain(
      'line 36 (2024-06-20 12:15:00.000) starts no later than line 1 (2024-06-20 12:15:31.194)',
    );
  });

  it('a test case the log does not have, or a case name in the notebook profile, is no test', async () => {
    const dir = root(BOTH, [0, 1]).dir;
    const unknown = async (name: string, keepOtherRuns: boolean) =>
      (await summarizeRoot(dir, { logTimezone: 'auto', keepOtherRuns, tests: [name] })).diagnostics
        .filter(d => d.code === 'layout.unknownTest')
        .map(d => d.message);
    expect(await unknown(`${TEST}#3`, false)).toEqual([`No test named "${TEST}#3" in this root.`]);
    expect(await unknown(`${TEST}#2`, true)).toEqual([`No test named "${TEST}#2" in this root.`]);
    expect(await unknown(`${TEST}#2`, false)).toEqual([]);
    let err = '';
    const out = join(mkdtempSync(join(tmpdir(), 'ltl-cases-out-')), 'out');
    const io = { stdout: () => undefined, stderr: (t: string) => void (err += t) };
    expect(await analyzeCommand([dir, '--out', out, '--tests', `${TEST}#3`], io)).toBe(2);
    expect(err).toContain(`No test named "${TEST}#3"`);
  });

  it("an earlier run's events, a user without events and a QoE file: each said where it went", async () => {
    const r = root(BOTH, [0, 1]);
    // An earlier run's event an hour before, in a user folder of its own.
    r.put(
      `stats/${TEST}/LoadTestSession3/User1/events.json`,
      JSON.stringify(events('LoadTestSession3', 'User1', 0, (STARTS[0] as number) - 3600_000)),
    );
    r.put(`stats/${TEST}/LoadTestSession3/User2/events.json`, '[]');
    r.put(`qoe/${TEST}/v-LoadTestSession1-User1-User2_cuts.json`, '{"0": {"vmaf": 0.9}}');
    const s = await summarizeRoot(r.dir, { logTimezone: 'auto', keepData: true });
    const folders = (k: number) =>
      s.data?.tests[k]?.users.map(u => `${u.sessionDir}/${u.location.dirName}`).sort();
    // LoadTestSession3/User1 is in neither case; User2, without events, in the first only.
    expect(folders(0)).toEqual([
      'LoadTestSession1/User1',
      'LoadTestSession1/User2',
      'LoadTestSession2/User1',
      'LoadTestSession2/User2',
      'LoadTestSession3/User2',
    ]);
    expect(folders(1)).toEqual(folders(0)?.slice(0, 4));
    expect(s.data?.tests.map(t => t.qoe.length)).toEqual([1, 0]);
    const first = s.tests[0]?.diagnostics ?? [];
    const code = (c: string) => first.filter(d => d.code === c).map(d => d.message);
    expect(code('events.otherRun')[0]).toMatch(
      /^Of the test's 18 events, 2 lie outside its test cases \(2 more than 5 minutes before/,
    );
    expect(code('log.testCasesSplit')[0]).toContain(
      `1 user folder(s) have no event to place them in time and are counted in ${TEST} only: LoadTestSession3/User2.`,
    );
    expect(code('qoe.testCases')[0]).toContain('may mix test cases');
    expect(s.tests[1]?.diagnostics.map(d => d.code)).not.toContain('qoe.testCases');
  });
});
