import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import {
  findRootFor,
  findRootsBelow,
  isResultRoot,
  listTests,
  testNameForPath,
} from '../../../src/core/source/resultRoot';
import { naturalCompare } from '../../../src/core/source/naming';
import { nodeSeriesVM, overviewVM } from '../../../src/core/viewmodel/overview';
import { KURENTO, PION, makeMiniRoot } from './miniRoot';

describe('result root discovery', () => {
  const root = makeMiniRoot();

  it('recognises the root from itself, from a test folder, from a log file and from its parent', async () => {
    expect(await isResultRoot(root)).toBe(true);
    expect(await findRootFor(join(root, 'stats', KURENTO, 'LoadTestSession1'))).toBe(root);
    expect(await findRootFor(join(root, 'logs', `${KURENTO}.log`))).toBe(root);
    expect(await findRootsBelow(join(root, '..'), 1)).toContain(root);
  });

  it('lists tests from every part, with their files', async () => {
    const tests = await listTests(root);
    expect(tests.map(t => t.name)).toEqual([KURENTO, PION]);
    expect(tests[0]?.medianodeCsv).toBe(join(root, 'dfs_final', `${KURENTO}-medianode.csv`));
    expect(tests[1]?.medianodeCsv).toBeUndefined();
    expect(testNameForPath(root, join(root, 'logs', `${PION}.log`))).toBe(PION);
    expect(testNameForPath(root, join(root, 'dfs_final', `${KURENTO}-medianode.csv`))).toBe(
      KURENTO,
    );
  });

  it('is not fooled by an ordinary folder', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'ltl-plain-'));
    mkdirSync(join(plain, 'logs'));
    expect(await isResultRoot(plain)).toBe(false);
    expect(await findRootFor(plain)).toBeUndefined();
  });

  it('orders names naturally', () => {
    expect(['User10', 'User2', 'User1'].sort(naturalCompare)).toEqual(['User1', 'User2', 'User10']);
  });
});

describe('test summary on the hand-made root', () => {
  it('counts users, roles, connections, failures and the test window as worked out by hand', async () => {
    const root = makeMiniRoot();
    const summary = await summarizeRoot(root, { logTimezone: 'auto' });
    const k = summary.tests.find(t => t.name === KURENTO)!;
    expect(k.platform).toBe('kurento');
    expect(k.family).toBe('openvidu2');
    expect(k.sessions.map(s => [s.session, s.users.map(u => u.user)])).toEqual([
      ['LoadTestSession1', ['User1', 'User2']],
      ['LoadTestSession2', ['User1']],
    ]);
    expect(k.userCount).toBe(3);
    expect(k.connectedUsers).toBe(2);
    expect(k.publisherCount).toBe(3); // 2p: user numbers ≤ 3 publish
    expect(k.sessions[0]?.users.map(u => u.roleSource)).toEqual(['events', 'name']);
    expect(k.failureLines).toBe(2);
    expect(k.failedUsers).toBe(2);
    expect(k.unmatchedFailures.map(f => f.user)).toEqual(['User7']);
    // Start line 12:15:00 local, first event 10:15:02Z → +02:00 inferred; end 12:20:00 → 300 s.
    expect(k.timezone).toEqual({
      zone: { kind: 'offset', offsetMinutes: 120 },
      source: 'inferred',
    });
    expect(k.start).toBe(Date.UTC(2024, 5, 20, 10, 15, 0));
    expect(k.durationSeconds).toBe(300);
    const u2 = k.sessions[0]!.users[1]!;
    expect(u2.failures[0]).toMatchObject({
      attempts: 1,
      line: 2,
      time: Date.UTC(2024, 5, 20, 10, 16, 0),
    });

    const p = summary.tests.find(t => t.name === PION)!;
    expect(p.family).toBe('livekit');
    expect(p.sessions[0]?.users.map(u => [u.user, u.session, u.connected])).toEqual([
      ['User1', 'LoadTestSession1', true],
      ['User2', 'LoadTestSession1', false],
    ]);
    expect(p.timezone.source).toBe('log');
    expect(p.start).toBe(Date.UTC(2026, 6, 1, 8, 59, 58));
    // No end line: the end falls back to the last event, 09:00:05Z − 08:59:58Z = 7 s.
    expect(p.durationSeconds).toBe(7);
    expect(p.timeSource).toBe('log');
    expect(p.diagnostics.map(d => d.code).sort()).toEqual([
      'json.truncated',
      'layout.noCpu',
      'log.noEndLine',
    ]);
  });

  it('turns the summary into view models: CPU points without missing values, relative to the start', async () => {
    const root = makeMiniRoot();
    const summary = await summarizeRoot(root, { logTimezone: '+02:00' });
    const k = summary.tests.find(t => t.name === KURENTO)!;
    const series = nodeSeriesVM(k)!;
    expect(series.cpu).toEqual([
      [0, 0.1],
      [5, 0.3],
      [10, 0.5],
    ]);
    expect(series.memory).toEqual([
      [0, 0.2],
      [10, 0.25],
    ]);
    expect(series.window).toEqual([0, 300]);
    const vm = overviewVM('mini', root, summary.tests);
    expect(vm.selected).toBe(KURENTO);
    expect(vm.tests[0]).toMatchObject({
      users: 3,
      sessions: 2,
      failures: 2,
      failedUsers: 2,
      timezone: '+02:00 (from settings)',
      hasNodeSeries: true,
    });
    expect(vm.diagnostics.find(d => d.test === PION && d.message.includes('cut off'))?.file).toBe(
      `stats/${PION}/s1/u2/events.json`,
    );
  });

  it('reports a folder that is not a root and an unknown test', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'ltl-plain-'));
    const summary = await summarizeRoot(plain, { logTimezone: 'auto', tests: ['nope'] });
    expect(summary.tests).toEqual([]);
    expect(summary.diagnostics.map(d => d.code)).toEqual(['layout.notRoot', 'layout.unknownTest']);
  });
});

describe('a single test folder copied on its own', () => {
  it('opens as a root with one test named after the folder', async () => {
    const root = makeMiniRoot();
    const single = join(root, 'stats', KURENTO);
    // Inside a whole root, the root wins…
    expect(await findRootFor(single)).toBe(root);
    // …but on its own the folder is a one-test source.
    const alone = join(mkdtempSync(join(tmpdir(), 'ltl-single-')), 'my-test');
    cpSync(single, alone, { recursive: true });
    expect(await findRootFor(alone)).toBe(alone);
    const summary = await summarizeRoot(alone, { logTimezone: 'auto' });
    expect(summary.tests.map(t => [t.name, t.userCount, t.connectedUsers])).toEqual([
      ['my-test', 3, 2],
    ]);
    expect(summary.diagnostics).toEqual([]);
  });
});

describe('status bar headline', () => {
  it('says connected of all users, failed users and the peak CPU (from the hand-made root)', async () => {
    const { headline } = await import('../../../src/core/viewmodel/overview');
    const summary = await summarizeRoot(makeMiniRoot(), { logTimezone: 'auto' });
    // Kurento: 2 of 3 users connected, User2 and User7 failed, CPU samples 0.10/0.30/0.50.
    expect(headline(summary.tests[0]!)).toBe(`${KURENTO}: 2/3 connected · 2 failed · CPU peak 50%`);
    // Pion: no CPU csv, so no CPU part.
    expect(headline(summary.tests[1]!)).toBe(`${PION}: 1/2 connected · 0 failed`);
    // A logs-only test whose log names no connection: unknown, not 0.
    const logsOnly = {
      ...summary.tests[1]!,
      countSources: { ...summary.tests[1]!.countSources, connected: 'none' as const },
    };
    expect(headline(logsOnly)).toBe(`${PION}: —/2 connected · 0 failed`);
  });
});
