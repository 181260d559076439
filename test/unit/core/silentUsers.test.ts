/**
 * A user folder whose events.json is `[]`: the browser-emulator writes the user's four files as
 * `[]` when it creates the user (browser-manager.service.ts, 4a110720), and the browser posts
 * every event it emits, so an empty one means the browser posted nothing.
 */
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { realLog, tmpRoot } from './tmpRoot';

const TEST = 'loadtest-webrtc-2024-kurento-2p';
const at = (ss: number) => new Date(Date.UTC(2024, 5, 20, 10, 15, ss)).toISOString();

function root(): string {
  const { dir, put } = tmpRoot('ltl-silent-');
  put(`logs/${TEST}.log`, realLog('2024.log'));
  const events = (session: string, user: string) =>
    JSON.stringify([
      { event: 'connectionStart', participant: user, session, timestamp: at(1) },
      { event: 'streamCreated', participant: user, session, timestamp: at(2) },
    ]);
  put(`stats/${TEST}/LoadTestSession1/User1/events.json`, events('LoadTestSession1', 'User1'));
  put(`stats/${TEST}/LoadTestSession1/User2/events.json`, '[]');
  put(`stats/${TEST}/LoadTestSession2/User1/events.json`, '[]');
  // Its browser posted no event but reported an error: it did load the page.
  put(`stats/${TEST}/LoadTestSession3/User1/events.json`, '[]');
  put(
    `stats/${TEST}/LoadTestSession3/User1/errors.json`,
    JSON.stringify([
      {
        name: 'OPENVIDU_PERMISSION_DENIED',
        participant: 'User1',
        session: 'LoadTestSession3',
        timestamp: at(2),
      },
    ]),
  );
  // Cut inside its first element: said as json.truncated, not as a silent browser.
  put(`stats/${TEST}/LoadTestSession2/User2/events.json`, '[{"event":"connectionSt');
  return dir;
}

describe('users whose browser posted no event', () => {
  it("are one warning per test naming them, on the first one's events.json, and count as not connected", async () => {
    const dir = root();
    const t = (await summarizeRoot(dir, { logTimezone: 'auto' })).tests[0];
    expect([t?.userCount, t?.connectedUsers]).toEqual([5, 1]);
    const found = t?.diagnostics.filter(d => d.code === 'events.none') ?? [];
    expect(found.map(d => [d.severity, d.file])).toEqual([
      ['warning', `${dir}/stats/${TEST}/LoadTestSession1/User2/events.json`],
    ]);
    expect(found[0]?.message).toMatch(
      /^2 user\(s\) have an events\.json that holds no event .*: LoadTestSession1\/User2, LoadTestSession2\/User1\.$/,
    );
    expect(t?.diagnostics.some(d => d.code === 'json.truncated')).toBe(true);
    expect(t?.diagnostics.filter(d => d.code === 'events.browserErrors')).toHaveLength(1);
  });

  it('says that a test where no user has an event may be an emulated run', async () => {
    const { dir, put } = tmpRoot('ltl-silent-all-');
    put(`logs/${TEST}.log`, realLog('2024.log'));
    for (const u of ['User1', 'User2'])
      put(`stats/${TEST}/LoadTestSession1/${u}/events.json`, '[]');
    const t = (await summarizeRoot(dir, { logTimezone: 'auto' })).tests[0];
    const found = t?.diagnostics.filter(d => d.code === 'events.none') ?? [];
    expect(found.map(d => d.message)).toEqual([
      '2 user(s) have an events.json that holds no event ([], as the browser-emulator creates it with the user): no browser posted anything: a run of the emulated modes (2026: no browser pages, only errors.json is written), or every browser failed to start, so they count as users that never connected: LoadTestSession1/User1, LoadTestSession1/User2.',
    ]);
  });
});
