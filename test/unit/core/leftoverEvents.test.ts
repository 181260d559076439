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
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { realLog, tmpRoot } from './tmpRoot';

const TEST = 'loadtest-webrtc-2024-kurento-2p';
const LOG = realLog('2024.log');
const USERS = [
  ['LoadTestSession1', 'User1', 1],
  ['LoadTestSession1', 'User2', 3],
  ['LoadTestSession2', 'User1', 7],
  ['LoadTestSession2', 'User2', 10],
] as const;

const at = (hh: number, mm: number, ss: number) =>
  new Date(Date.UTC(2024, 5, 20, hh, mm, ss)).toISOString();

/** A root of the fixture's run whose users' files also hold an earlier run's two events each. */
function root(log: string, leftover: boolean): string {
  const { dir, put } = tmpRoot('ltl-leftover-');
  put(`logs/${TEST}.log`, log);
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

async function summary(dir: string) {
  const s = await summarizeRoot(dir, { logTimezone: 'auto' });
  const t = s.tests[0];
  return {
    offset: t?.timezone.zone,
    source: t?.timezone.source,
    outside: (t?.diagnostics ?? []).filter(d => d.code === 'events.outsideLog'),
  };
}

describe('events of an earlier run left in the files', () => {
  it('the zone comes from the forwarded events, and the leftover events are said', async () => {
    const r = await summary(root(LOG, true));
    expect([r.offset, r.source]).toEqual([{ kind: 'offset', offsetMinutes: 120 }, 'inferred']);
    expect(r.outside.map(d => [d.line, d.message.slice(0, 60)])).toEqual([
      [1, '8 before its start line of 16 events lie more than 5 minutes'],
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
