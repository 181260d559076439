import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { KURENTO, makeMiniRoot } from './miniRoot';

/** The mini root made inconsistent in every way the consistency findings look for. */
function messyRoot(): string {
  const root = makeMiniRoot();
  const s1 = join(root, 'stats', KURENTO, 'LoadTestSession1');
  // User1's events copied into a folder named User4: content speaks for User1.
  cpSync(join(s1, 'User1'), join(s1, 'User4'), { recursive: true });
  // QoE for a user nobody knows.
  mkdirSync(join(root, 'qoe', KURENTO), { recursive: true });
  writeFileSync(
    join(root, 'qoe', KURENTO, 'v-LoadTestSession1-User1-User9_cuts.json'),
    '[{"cut_index":0,"vmaf":0.9,"visqol":0.8}]',
  );
  // A 20 s hole in the CPU samples.
  writeFileSync(
    join(root, 'dfs_final', `${KURENTO}-medianode.csv`),
    '@timestamp,cpu,memory\n2024-06-20T10:15:00.000Z,0.1,0.2\n2024-06-20T10:15:20.000Z,0.3,0.2\n2024-06-20T10:15:25.000Z,0.3,0.2\n',
  );
  return root;
}

describe('consistency findings', () => {
  it('name the folder that disagrees with its content, the duplicate, the unknown users, the CPU gap', async () => {
    const root = messyRoot();
    const summary = await summarizeRoot(root, { logTimezone: 'auto', tests: [KURENTO] });
    const found = summary.tests[0]!.diagnostics.filter(d => d.code !== 'layout.noCpu');
    const by = (code: string) => found.filter(d => d.code === code);
    expect(by('events.folderMismatch').map(d => d.file)).toEqual([
      join(root, 'stats', KURENTO, 'LoadTestSession1', 'User4', 'events.json'),
    ]);
    expect(by('layout.duplicateUser').map(d => d.file)).toEqual([
      join(root, 'stats', KURENTO, 'LoadTestSession1', 'User4'),
    ]);
    // Log line 3 names User7 in LoadTestSession9 (see miniRoot).
    expect(by('log.unknownUser').map(d => [d.line, d.message])).toEqual([
      [3, 'Failure of User7 in LoadTestSession9, who has no folder under stats/.'],
    ]);
    expect(by('qoe.unknownUser').map(d => d.message)).toEqual([
      'QoE for User9 in LoadTestSession1, who has no folder under stats/.',
    ]);
    expect(by('csv.gap')[0]?.message).toContain('1 gap(s) of more than 10 s');
    expect(by('csv.gap')[0]?.message).toContain('2024-06-20T10:15:00.000Z (+20 s)');
    expect(by('log.clockSkew')).toEqual([]);
  });

  it('flag a log whose time zone setting puts the start hours away from the events', async () => {
    const summary = await summarizeRoot(makeMiniRoot(), {
      logTimezone: '+05:00',
      tests: [KURENTO],
    });
    // Start line 12:15:00 read as +05:00 is 07:15:00Z; the first event is 10:15:02Z: 3 h 2 s later.
    const skew = summary.tests[0]!.diagnostics.find(d => d.code === 'log.clockSkew');
    expect(skew?.line).toBe(1);
    expect(skew?.message).toContain('10802 s after');
  });
});
