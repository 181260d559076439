/**
 * A root with logs/ but no stats/ (issue 18 item 4): its users, sessions, connected users and
 * failures are counted from the controller log, and each count says where it comes from. The
 * expected numbers are those of the fixtures' README table (read off the files by hand).
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedZone } from '../../../src/shared/zone';
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { testCounts } from '../../../src/core/analysis/testSummary';
import { parseRunLog } from '../../../src/core/runs/runLog';
import { testRow } from '../../../src/core/viewmodel/overview';
import { rootConnectionStats } from '../../../src/core/analysis/segments';
import { ingestRoot } from '../../../src/core/ingest/ingestRoot';
import { InlineRunner } from '../../../src/core/pipeline/runner';
import { KURENTO, makeMiniRoot } from './miniRoot';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'real', 'controller-logs');

function logsOnlyRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'ltl-logs-only-'));
  mkdirSync(join(root, 'logs'));
  mkdirSync(join(root, 'dfs_final'));
  copyFileSync(join(FIXTURES, '2021-v2.log'), join(root, 'logs', 'v2.log'));
  copyFileSync(join(FIXTURES, '2024.log'), join(root, 'logs', 'y2024.log'));
  copyFileSync(join(FIXTURES, 'copies', '2021-v2.utf16le-bom.log'), join(root, 'logs', 'w16.log'));
  return root;
}

describe('logs-only folders', () => {
  it('count users, sessions, connected users and failures from the log, and say so', async () => {
    const summary = await summarizeRoot(logsOnlyRoot(), { logTimezone: 'auto' });
    const counts = Object.fromEntries(summary.tests.map(t => [t.name, testCounts(t)]));
    const fromLog = { users: 'log', sessions: 'log', connected: 'log', failures: 'log' };
    expect(counts.v2).toEqual({
      name: 'v2',
      users: 4,
      sessions: 2,
      connected: 3,
      failures: 1,
      sources: fromLog,
      logGeneration: '2021-v2',
    });
    // The UTF-16 copy (PowerShell's `>`) reads the same.
    expect({ ...counts.w16, name: 'v2' }).toEqual(counts.v2);
    // 2024 logs no connection per emulated user: connected is unknown, not a silent 0.
    expect(counts.y2024).toEqual({
      name: 'y2024',
      users: 4,
      sessions: 2,
      connected: 0,
      failures: 3,
      sources: { ...fromLog, connected: 'none' },
      logGeneration: '2024',
    });
    const v2 = summary.tests.find(t => t.name === 'v2');
    expect(v2?.diagnostics.map(d => d.code)).toContain('summary.countsFromLog');
    expect(v2?.diagnostics.map(d => d.code)).not.toContain('log.unknownUser');
    expect(v2 && testRow(v2)).toMatchObject({ users: 4, sessions: 2, sources: fromLog });
  });

  it('a root with stats keeps its counts from stats/', async () => {
    const summary = await summarizeRoot(makeMiniRoot(), { logTimezone: 'auto' });
    for (const t of summary.tests)
      expect(t.countSources).toMatchObject({ users: 'stats', sessions: 'stats' });
  });
});

describe('run log', () => {
  it('reads CR-only line ends as lines', () => {
    const text = [
      '2024-06-20 12:15:00.000  INFO 1 --- [main] i.o.l.c.LoadTestController : Starting test with N:N session typology',
      '2024-06-20 12:15:02.000  WARN 1 --- [main] i.o.l.s.BrowserEmulatorClient : Error: refused',
      '2024-06-20 12:15:03.000 ERROR 1 --- [main] i.o.l.s.BrowserEmulatorClient : Participant User1 in session LoadTestSession1 failed 1 times',
    ].join('\r');
    const records = parseRunLog(text, fixedZone(120));
    expect(records.map(r => [r.line, r.level])).toEqual([
      [1, 'INFO'],
      [2, 'WARN'],
      [3, 'ERROR'],
    ]);
    expect(records[2]?.message).toBe(
      'Participant User1 in session LoadTestSession1 failed 1 times',
    );
    expect(records[0]?.t).toBe(Date.UTC(2024, 5, 20, 10, 15, 0));
  });
});

describe('a root with stats and a v2.1.0 log', () => {
  it('counts its failure (cause ice) and keeps the test in the analysis', async () => {
    const root = makeMiniRoot();
    copyFileSync(join(FIXTURES, '2021-v2.log'), join(root, 'logs', `${KURENTO}.log`));
    const summary = await summarizeRoot(root, { logTimezone: 'auto' });
    const t = summary.tests.find(x => x.name === KURENTO);
    // The fixture's one failure: User1 of LoadTestSession2, who has a stats folder here.
    expect([t?.failureLines, t?.failedUsers, t?.unmatchedFailures.length]).toEqual([1, 1, 0]);
    const user = t?.sessions.flatMap(s => s.users).find(u => u.failures.length > 0);
    expect([user?.user, user?.session, user?.failures[0]?.cause]).toEqual([
      'User1',
      'LoadTestSession2',
      'ice',
    ]);
    expect(t?.logGeneration).toBe('2021-v2');
    const data = await ingestRoot(root, { runner: new InlineRunner() });
    const rows = rootConnectionStats(data, 'default').rows.filter(r => r.index === KURENTO);
    expect(rows.length).toBeGreaterThan(0);
  });
});
