/**
 * Property tests over the analysis (issue 11 item 2): generated tests (users with random event
 * sequences of both families, controller logs with or without start/end lines and with failure
 * lines, CPU samples with gaps) go through the connection segments and the progression counts in
 * both profiles. Invariants: nothing throws; durations are ≥ 0; a user's state segments never
 * overlap (default profile); progression counts are never negative; every input user is accounted
 * for (listed once in the test summary with all its events; rows name only input users).
 * LTL_PROPERTY_RUNS sets the runs (npm test: a fast default; ≥ 10,000 for a soak of the suite).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  processEventsDf,
  PROGRESSION_KINDS,
} from '../../../src/core/analysis/downstream/progression';
import { connectionStatsRows } from '../../../src/core/analysis/segments';
import { summarizeTest } from '../../../src/core/analysis/testSummary';
import type { ConnectionStatsRow, Profile } from '../../../src/core/analysis/types';
import type { UserData } from '../../../src/core/ingest/ingestRoot';
import { log, node, testData, user, type EventSpec } from '../analysis-segments/fixtures';

const RUNS = Number(process.env['LTL_PROPERTY_RUNS'] ?? 300);

const TEST_NAMES = ['loadtest-webrtc-2024-kurento-2p', 'loadtest-webrtc-2024-pion-8p'];
const EVENT_KEYS = [
  'connectionStart',
  'streamCreated-local',
  'streamPlaying-local',
  'streamCreated-remote',
  'streamPlaying-remote',
  'streamDestroyed-remote',
  'exception',
  'sessionDisconnected',
  'LocalTrackPublished',
  'TrackSubscribed',
  'Reconnecting',
  'Reconnected',
  'Disconnected',
  'somethingUnknown',
];

const seconds = fc.oneof(
  fc.integer({ min: -20, max: 160 }),
  fc.double({ min: -20, max: 160, noNaN: true }),
);
const eventSpec: fc.Arbitrary<EventSpec> = fc.tuple(seconds, fc.constantFrom(...EVENT_KEYS));

interface UserSpec {
  readonly session: number;
  readonly user: number;
  readonly events: EventSpec[];
}

const userSpecs = fc.uniqueArray(
  fc.record({
    session: fc.integer({ min: 1, max: 3 }),
    user: fc.integer({ min: 1, max: 4 }),
    events: fc.array(eventSpec, { maxLength: 8 }),
  }),
  { minLength: 1, maxLength: 6, selector: u => `${u.session}/${u.user}` },
);

const logSpec = fc.record(
  {
    start: fc.integer({ min: -10, max: 20 }),
    end: fc.integer({ min: 40, max: 200 }),
    failures: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 5 }),
      ),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: ['failures'] },
);

const cpuSamples = fc
  .array(fc.tuple(fc.integer({ min: -10, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true })), {
    maxLength: 12,
  })
  .map(s => [...s].sort((a, b) => a[0] - b[0]));

const scenario = fc.record({
  name: fc.constantFrom(...TEST_NAMES),
  users: userSpecs,
  log: fc.option(logSpec, { nil: undefined }),
  cpu: fc.option(cpuSamples, { nil: undefined }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function testOf(s: Scenario) {
  const users: UserData[] = s.users.map((u: UserSpec) => user(u.session, u.user, u.events));
  return testData(s.name, {
    users,
    log: s.log ? log(s.log) : undefined,
    node: s.cpu ? node(s.cpu) : undefined,
  });
}

/** Non-QoE rows of each user, by start time. */
function stateRowsByUser(rows: readonly ConnectionStatsRow[]): Map<string, ConnectionStatsRow[]> {
  const out = new Map<string, ConnectionStatsRow[]>();
  for (const r of rows) {
    if (r.type === 'QOE') continue;
    out.set(r.full_user, [...(out.get(r.full_user) ?? []), r]);
  }
  for (const list of out.values()) list.sort((a, b) => a.start_time - b.start_time);
  return out;
}

function checkScenario(s: Scenario, profile: Profile): void {
  const test = testOf(s);
  const { rows } = connectionStatsRows(test, profile);
  // The notebook profile keeps its defects: its last row runs to `log end − log start` even when
  // the user's last event is later (B3), so its durations can be negative and rows can overlap.
  if (profile === 'default') {
    for (const r of rows) {
      expect(r.total_duration).toBeGreaterThanOrEqual(0);
      expect(r.end_time).toBeGreaterThanOrEqual(r.start_time);
    }
    for (const list of stateRowsByUser(rows).values())
      for (let i = 1; i < list.length; i++)
        expect(list[i]!.start_time).toBeGreaterThanOrEqual(list[i - 1]!.end_time);
  }
  const progression = processEventsDf(s.name, rows, profile);
  for (const kind of PROGRESSION_KINDS)
    for (const p of progression[kind]) expect(p.number).toBeGreaterThanOrEqual(0);
  // Every input user is accounted for: once in the test's summary, with all its events, and
  // the rows name no one else.
  const inputs = s.users.map(u => `LoadTestSession${u.session}/User${u.user}`).sort();
  const summary = summarizeTest(test, { logTimezone: 'auto' });
  const listed = summary.sessions.flatMap(x => x.users.map(u => `${u.session}/${u.user}`));
  expect(listed.sort()).toEqual(inputs);
  expect(summary.userCount).toBe(s.users.length);
  const events = summary.sessions.flatMap(x => x.users.map(u => u.eventCount));
  expect(events.reduce((a, b) => a + b, 0)).toBe(s.users.reduce((n, u) => n + u.events.length, 0));
  for (const r of rows) expect(inputs).toContain(`LoadTestSession${r.session}/User${r.user}`);
}

describe('analysis properties', () => {
  it('default profile: no throw, durations ≥ 0, no overlap per user, counts ≥ 0, every user kept', () => {
    fc.assert(
      fc.property(scenario, s => checkScenario(s, 'default')),
      { numRuns: RUNS },
    );
  });

  it('notebook profile: no throw, counts ≥ 0, every user kept', () => {
    fc.assert(
      fc.property(scenario, s => checkScenario(s, 'notebook')),
      { numRuns: RUNS },
    );
  });
});
