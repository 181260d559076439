/**
 * Browser-emulator builds of 2024-04-22 → 2024-05-29 (and of 2024-06-12) emptied a user's files
 * each time the controller created the user again (`createFileAndLock` wrote `[]` over them;
 * fixed by 1abae0ed and 0394645c). A retried user's events.json then begins with the retry, after
 * the failure its browser reported. That is said on the events.json, with the log line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { lostAttempts } from '../../../src/core/analysis/consistency';
import type { LogFailure, UserSummary } from '../../../src/core/model/session';
import type { ResolvedTimezone } from '../../../src/core/ingest/timezone';
import { fixedZone } from '../../../src/shared/zone';
import { defaultOptions, planRoot, writeRoot } from '../../../src/generate';

const LK = 'loadtest-webrtc-2024-pion-8p';

/** A failure the browser reported: its WebSocket event line, then the `failed 1 times` line. */
interface Reported {
  readonly user: string;
  readonly session: string;
  /** 1-based line of `failed 1 times`. */
  readonly line: number;
  /** Its time in UTC (the generator's log is at +02:00). */
  readonly time: number;
}

/** The first such pair in the log, found by hand (FORMATS.md §2.2 and §2.3 lines). */
function firstReported(log: string): Reported {
  const lines = log.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const failed = /^(\S+ \S+) +ERROR .*Participant (\S+) in session (\S+) failed 1 times$/.exec(
      lines[i] as string,
    );
    const event = lines[i - 1] as string;
    const said = (key: string) => new RegExp(`"${key}":"(\\w+)"`).exec(event)?.[1];
    if (!failed || !/ Received (exception|sessionDisconnected) /.test(event)) continue;
    if (said('participant') !== failed[2] || said('session') !== failed[3]) continue;
    const time = Date.parse(`${(failed[1] as string).replace(' ', 'T')}+02:00`);
    return { user: failed[2] as string, session: failed[3] as string, line: i + 1, time };
  }
  throw new Error('no browser-reported failure in the log');
}

describe('events of failed attempts emptied by the browser-emulator', () => {
  let root = '';
  let reported: Reported;
  let events = '';

  beforeAll(async () => {
    root = join(mkdtempSync(join(tmpdir(), 'ltl-lost-')), 'root');
    const options = {
      ...defaultOptions('2024'),
      seed: 'loadtest-lens',
      tests: [LK],
      sessions: 3,
      stats: false,
      qoe: false,
      failureRate: 4,
      holdSeconds: 20,
    };
    await writeRoot(planRoot(options), root);
    reported = firstReported(readFileSync(join(root, 'logs', `${LK}.log`), 'utf8'));
    events = join(root, 'stats', LK, reported.session, reported.user, 'events.json');
  });

  const lost = async () => {
    const summary = await summarizeRoot(root, { logTimezone: 'auto' });
    return (summary.tests[0]?.diagnostics ?? []).filter(d => d.code === 'events.lostAttempts');
  };

  it('says nothing while every failed attempt has its events', async () => {
    expect(await lost()).toEqual([]);
  });

  it('names the events.json that begins after its failure, with the log line', async () => {
    // What the reset left: only the events of the retry, after the failure.
    const all = JSON.parse(readFileSync(events, 'utf8')) as { timestamp: string }[];
    const kept = all.filter(e => Date.parse(e.timestamp) > reported.time);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(all.length);
    writeFileSync(events, JSON.stringify(kept));
    const found = await lost();
    expect(found.map(d => [d.severity, d.file])).toEqual([['warning', events]]);
    expect(found[0]?.message).toContain(`failure at line ${reported.line} of the log`);
    expect(found[0]?.message).toContain('holds no event of the attempt that failed');
  });
});

describe('lostAttempts', () => {
  const T = Date.UTC(2024, 5, 20, 10, 30, 18);
  const failure = (cause: LogFailure['cause'], time = T): LogFailure => ({
    user: 'User3',
    session: 'LoadTestSession2',
    attempts: 1,
    time,
    line: 86,
    offset: 0,
    ...(cause ? { cause } : {}),
  });
  const user = (failures: LogFailure[], firstEvent = T + 2800): UserSummary => ({
    user: 'User3',
    session: 'LoadTestSession2',
    dir: '/r/stats/t/LoadTestSession2/User3',
    eventsFile: '/r/stats/t/LoadTestSession2/User3/events.json',
    role: 'publisher',
    roleSource: 'events',
    connected: true,
    eventCount: 30,
    firstEvent,
    lastEvent: T + 60_000,
    failures,
  });
  const zone: ResolvedTimezone = { zone: fixedZone(120), source: 'inferred' };
  const codes = (u: UserSummary, z = zone) => lostAttempts([u], z).map(d => d.code);

  it('counts only failures the browser reported, past a second of clock slack', () => {
    for (const cause of ['ice', 'exception', 'disconnected'] as const)
      expect(codes(user([failure(cause)]))).toEqual(['events.lostAttempts']);
    // The worker refused or never answered: that attempt had no browser, hence no events.
    expect(codes(user([failure('no browser event')]))).toEqual([]);
    expect(codes(user([failure(undefined)]))).toEqual([]);
    // Within a second of the first event: the two machines' clocks, not a lost attempt.
    expect(codes(user([failure('ice')], T + 900))).toEqual([]);
  });

  it("says how many attempts, and nothing with the notebook's unverified zone", () => {
    const two = lostAttempts([user([failure('ice', T - 20_000), failure('disconnected')])], zone);
    expect(two[0]?.message).toMatch(/^Begins 2\.8 s after .* holds no event of the 2 attempts/);
    expect(codes(user([failure('ice')]), { zone: fixedZone(120), source: 'default' })).toEqual([]);
  });

  it("takes the forwarded event's own time when the log has it: the browser's clock, no slack", () => {
    const seen = (eventTime: number, time = T) => ({ ...failure('ice', time), eventTime });
    // The event 5 ms before the file begins: lost, whatever the zone.
    const unverified: ResolvedTimezone = { zone: fixedZone(120), source: 'default' };
    expect(codes(user([seen(T + 2795)]), unverified)).toEqual(['events.lostAttempts']);
    // The event in the file (its first element), though the log's line is a minute earlier.
    expect(codes(user([seen(T + 2800, T - 60_000)]))).toEqual([]);
    expect(codes(user([seen(T + 3000, T - 60_000)]))).toEqual([]);
  });
});
