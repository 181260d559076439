/**
 * A run whose session or user names hold a `_` (SESSION_NAME_PREFIX=Load_Session,
 * USER_NAME_PREFIX=Guest_): the QoE analyser splits the recording's name
 * QOE_<session>_<from>_<to>.webm on `_` (browser-emulator qoe-analysis-runner.ts, runSingleAnalysis,
 * d6a49f73; qoe_analyzer's driver in 2024), so QOE_Load_Session1_User1_User2.webm becomes
 * v-Load-Session1-User1_cuts.json. The file names were worked out by hand from that split.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { tmpRoot } from './tmpRoot';

const TEST = 'loadtest-webrtc-2024-kurento-2p';
const CUTS = '[{"cut_index": 0, "vmaf": 0.9, "visqol": 0.8}]';

function rootWith(session: string, users: readonly string[], qoeFile: string): string {
  const { dir: root, put } = tmpRoot('ltl-qoecut-');
  for (const user of users)
    put(
      `stats/${TEST}/${session}/${user}/events.json`,
      JSON.stringify([
        {
          event: 'connectionStart',
          participant: user,
          session,
          timestamp: '2024-06-20T10:15:00.010Z',
        },
      ]),
    );
  put(`qoe/${TEST}/${qoeFile}`, CUTS);
  return root;
}

async function qoeFindings(root: string) {
  const s = await summarizeRoot(root, { logTimezone: 'auto' });
  return s.tests.flatMap(t => t.diagnostics).filter(d => d.code?.startsWith('qoe.'));
}

describe('QoE file names the analyser cut at a "_"', () => {
  it('a session name with "_": said as cut, not as unknown users', async () => {
    const found = await qoeFindings(
      rootWith('Load_Session1', ['User1', 'User2'], 'v-Load-Session1-User1_cuts.json'),
    );
    expect(found.map(d => d.code)).toEqual(['qoe.nameCutAtUnderscore']);
    expect(found[0]?.message).toContain('the session "Load_Session1" has one');
  });

  it('a user name with "_": said as cut', async () => {
    // QOE_LoadTestSession1_Guest_1_Guest_2.webm → v-LoadTestSession1-Guest-1_cuts.json
    const found = await qoeFindings(
      rootWith('LoadTestSession1', ['Guest_1', 'Guest_2'], 'v-LoadTestSession1-Guest-1_cuts.json'),
    );
    expect(found.map(d => d.code)).toEqual(['qoe.nameCutAtUnderscore']);
    expect(found[0]?.message).toContain('the user "Guest_1" has one');
  });

  it('names without "_" whose users have no folder stay unknown users', async () => {
    const found = await qoeFindings(
      rootWith('LoadTestSession1', ['User1', 'User2'], 'v-LoadTestSession1-User1-User7_cuts.json'),
    );
    expect(found.map(d => [d.code, d.message])).toEqual([
      ['qoe.unknownUser', 'QoE for User7 in LoadTestSession1, who has no folder under stats/.'],
    ]);
  });

  it("the analyser's --debug per-cut VMAF files are one note, not bad names", async () => {
    // qoe_scripts/analysis_tasks.py (db1ae485) writes <prefix>-<cut>_vmaf.json, kept by --debug.
    const root = rootWith(
      'LoadTestSession1',
      ['User1', 'User2'],
      'v-LoadTestSession1-User1-User2_cuts.json',
    );
    for (const cut of [0, 1])
      writeFileSync(
        join(root, 'qoe', TEST, `v-LoadTestSession1-User1-User2-${cut}_vmaf.json`),
        '{"frames": []}',
      );
    const found = await qoeFindings(root);
    expect(found.map(d => [d.code, d.severity])).toEqual([['qoe.debugFiles', 'info']]);
    expect(found[0]?.message).toMatch(/^2 file\(s\) <prefix>-<cut>_vmaf\.json/);
  });
});
