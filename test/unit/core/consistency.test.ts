import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { KURENTO, PION, makeMiniRoot } from './miniRoot';

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

  it('name the users the controller log creates that have no folder under stats/', async () => {
    const root = makeMiniRoot();
    // The kurento test has folders LoadTestSession1/User1, User2 and LoadTestSession2/User1.
    const created = (user: string, session: string, second: number) =>
      `2024-06-20 12:15:0${second}.000  INFO 1 --- [           main] i.o.l.controller.LoadTestController      : Creating PUBLISHER '${user}' in session ${session}`;
    writeFileSync(
      join(root, 'logs', `${KURENTO}.log`),
      [
        `2024-06-20 12:15:00.000  INFO 1 --- [           main] i.o.l.controller.LoadTestController      : Starting test with N:N session typology`,
        created('User1', 'LoadTestSession1', 1),
        created('User2', 'LoadTestSession1', 2),
        created('User1', 'LoadTestSession2', 3),
        created('User2', 'LoadTestSession2', 4),
        created('User1', 'LoadTestSession3', 5),
      ].join('\n'),
    );
    // The pion test's folders are s1/u1 and s1/u2 (u2's events.json is cut off mid-write), and
    // here s1/u3, whose events.json is garbage: nothing in it names User3 of LoadTestSession1,
    // whose folder is found by its numbers.
    mkdirSync(join(root, 'stats', PION, 's1', 'u3'));
    writeFileSync(join(root, 'stats', PION, 's1', 'u3', 'events.json'), 'garbage{');
    writeFileSync(
      join(root, 'logs', `${PION}.log`),
      [
        `2026-07-01T10:59:58.000+02:00  INFO 1 --- [main] i.o.l.s.c.LoadTestTopologyOrchestrator   : Starting test with N:N session topology`,
        `2026-07-01T10:59:59.000+02:00  INFO 1 --- [main] i.o.l.s.c.LoadTestParticipantOrchestrator : Creating PUBLISHER 'User1' in session LoadTestSession1`,
        `2026-07-01T11:00:04.000+02:00  INFO 1 --- [main] i.o.l.s.c.LoadTestParticipantOrchestrator : Creating PUBLISHER 'User2' in session LoadTestSession1`,
        `2026-07-01T11:00:09.000+02:00  INFO 1 --- [main] i.o.l.s.c.LoadTestParticipantOrchestrator : Creating PUBLISHER 'User3' in session LoadTestSession1`,
      ].join('\n'),
    );
    const summary = await summarizeRoot(root, { logTimezone: 'auto' });
    const found = (test: string) =>
      summary.tests
        .find(t => t.name === test)!
        .diagnostics.filter(d => d.code === 'log.userWithoutFolder');
    expect(found(KURENTO).map(d => [d.severity, d.line, d.message])).toEqual([
      [
        'warning',
        5,
        'The controller log creates 5 user(s); 2 of them have no folder under stats/ (User2 in LoadTestSession2, User1 in LoadTestSession3): their events, stats and QoE are missing, and the counts and tables cover the 3 with a folder.',
      ],
    ]);
    const pion = summary.tests.find(t => t.name === PION)!;
    expect(pion.sessions.flatMap(s => s.users).length).toBe(3);
    expect(found(PION)).toEqual([]);
  });
});
