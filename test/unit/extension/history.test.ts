// The run history: grouping, time order, the previous run, "Compare with…" order, new runs and
// the commands' arguments, on hand-built runs (dates and hashes worked out by hand or by the
// definition of FNV-1a, not by the code under test).
import { describe, expect, it } from 'vitest';
import {
  fnv1a,
  historyGroups,
  newRunMessage,
  newRuns,
  placeKey,
  otherRunsFor,
  previousRun,
  runGroup,
  runIdStart,
  runKey,
  runTargetOf,
  testGroup,
  type HistoryRun,
} from '../../../src/extension/history';

const test = (root: string, name: string, start?: number): HistoryRun => ({
  kind: 'test',
  root,
  test: name,
  group: testGroup(name),
  start,
});
const run = (folder: string, id: string, group: string): HistoryRun => ({
  kind: 'run',
  folder,
  id,
  group,
  start: runIdStart(id),
});

const a1 = test('/w/monday', 'kurento-2p', 1_000);
const a2 = test('/w/tuesday', 'kurento-2p', 3_000);
const a3 = test('/w/wednesday', 'kurento-2p', 2_000);
const b1 = test('/w/monday', 'pion-8p', 1_500);
const r1 = run('/w/runs/a', '2025-03-01_10-00-00', 'config:x');
const r2 = run('/w/runs/b', '2025-03-02_09-30-00', 'config:x');
const all = [a2, b1, r2, a1, a3, r1];

describe('run history', () => {
  it('groups by configuration, oldest first in a group, latest group first', () => {
    const groups = historyGroups(all);
    expect(groups.map(g => g.group)).toEqual(['config:x', 'test:kurento-2p', 'test:pion-8p']);
    expect(groups[1]?.runs).toEqual([a1, a3, a2]);
    expect(groups[0]?.runs).toEqual([r1, r2]);
    expect(groups[1]?.label).toBe('kurento-2p');
  });

  it('finds the latest earlier run of the same group', () => {
    expect(previousRun(all, a2)).toEqual(a3);
    expect(previousRun(all, a3)).toEqual(a1);
    expect(previousRun(all, a1)).toBeUndefined();
    expect(previousRun(all, b1)).toBeUndefined();
    expect(previousRun(all, r2)).toEqual(r1);
    expect(previousRun(all, { kind: 'test', root: '/w/tuesday', test: 'kurento-2p' })).toEqual(a3);
    expect(
      previousRun(all, { kind: 'test', root: '/elsewhere', test: 'kurento-2p' }),
    ).toBeUndefined();
  });

  it('lists the other runs for "Compare with…": same group first, most recent first', () => {
    expect(otherRunsFor(all, a3)).toEqual([a2, a1, r2, r1, b1]);
  });

  it('says which runs are new since a scan', () => {
    // Places: /w/monday (a1 and b1) and the run r1 were there before.
    const before = new Set(['root\u0000/w/monday', 'run\u0000/w/runs/a\u00002025-03-01_10-00-00']);
    expect(placeKey(a1)).toBe('root\u0000/w/monday');
    expect(placeKey(r1)).toBe(runKey(r1));
    expect(newRuns(before, all)).toEqual([a3, a2, r2]);
  });

  it('reads the controller run id as a date', () => {
    expect(runIdStart('2025-03-01_10-20-30')).toBe(Date.parse('2025-03-01T10:20:30Z'));
    expect(runIdStart('results')).toBeUndefined();
  });

  it('hashes only the keys that define the test', () => {
    // FNV-1a of "a": 0x811c9dc5 ^ 0x61 = 0x811c9da4, times 0x01000193 mod 2^32 = 0xe40c292c.
    expect(fnv1a('a')).toBe('e40c292c');
    const rows = [
      { path: 'testcases[0].participants[0]', value: '2' },
      { path: 'testcases[0].topology', value: 'N:N' },
    ];
    const withHost = [...rows, { path: 'distribution.manual', value: 'true' }];
    expect(runGroup(rows, '/a')).toBe(runGroup(withHost, '/b'));
    expect(runGroup(rows, '/a')).not.toBe(
      runGroup([{ path: 'testcases[0].participants[0]', value: '3' }, rows[1]!], '/a'),
    );
    expect(runGroup(undefined, '/a')).toBe('folder:/a');
    expect(runGroup([{ path: 'workers[0]', value: 'x' }], '/a')).toBe('folder:/a');
  });
});

describe('history commands: the run they are invoked on', () => {
  it('takes a Results-view test node, run node, or plain arguments', () => {
    const summary = { name: 'kurento-2p', userCount: 4 };
    expect(runTargetOf({ kind: 'test', root: '/w/r', test: summary })).toEqual({
      kind: 'test',
      root: '/w/r',
      test: 'kurento-2p',
    });
    expect(runTargetOf({ root: '/w/r', test: 'pion-8p' })).toEqual({
      kind: 'test',
      root: '/w/r',
      test: 'pion-8p',
    });
    expect(runTargetOf({ kind: 'run', folder: '/w/x', id: '2025' })).toEqual({
      kind: 'run',
      folder: '/w/x',
      id: '2025',
    });
  });

  it('refuses anything else', () => {
    expect(runTargetOf(undefined)).toBeUndefined();
    expect(runTargetOf('/w/r')).toBeUndefined();
    expect(runTargetOf({ kind: 'session', root: '/w/r', test: { name: 't' } })).toBeUndefined();
    expect(runTargetOf({ kind: 'root', root: '/w/r' })).toBeUndefined();
    expect(runTargetOf({ root: '/w/r', test: '' })).toBeUndefined();
    expect(runTargetOf({ folder: '/w/x' })).toBeUndefined();
  });
});

describe('the new-run notification', () => {
  const now = {
    summary: '24 users, 2 failed',
    numbers: { users: 24, connected: 22, 'failed users': 2 },
  };
  it('names each number compared with the previous run', () => {
    const before = {
      summary: '24 users, 0 failed',
      numbers: { users: 24, connected: 24, 'failed users': 0 },
    };
    expect(
      newRunMessage('kurento-2p (tuesday)', now, { name: 'kurento-2p (monday)', facts: before }),
    ).toBe(
      'New run: kurento-2p (tuesday) · 24 users, 2 failed vs previous (kurento-2p (monday)): users 24 → 24, connected 24 → 22, failed users 0 → 2',
    );
  });
  it('says the comparison verdict first when it is given', () => {
    const facts = { summary: 'VALID', numbers: { validity: 'VALID' } };
    const before = { summary: 'SUSPECT', numbers: { validity: 'SUSPECT' } };
    expect(
      newRunMessage('Run b (f)', facts, {
        name: 'Run a (f)',
        facts: before,
        verdict: 'QoE VMAF −3.1 vs previous (no detectable change)',
      }),
    ).toBe(
      'New run: Run b (f) · VALID · QoE VMAF −3.1 vs previous (no detectable change) — previous: Run a (f): validity SUSPECT → VALID',
    );
  });
  it('says when there is no previous run or nothing to compare', () => {
    expect(newRunMessage('Run 2025', { summary: 'VALID', numbers: { validity: 'VALID' } })).toBe(
      'New run: Run 2025 · VALID · first run of this config',
    );
    expect(newRunMessage('x', undefined, { name: 'y' })).toBe(
      'New run: x vs previous (y): nothing readable to compare',
    );
  });
});
