// Layout and contents of a generated 2024 root, checked against the plan and FORMATS.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptPlan, RootPlan, TestPlan } from '../../../src/generate/model';
import { notebookIsPublisher } from '../../../src/generate/options';
import {
  SMALL_TESTS,
  cleanup,
  generate,
  listFiles,
  readJson,
  readText,
  smallOptions,
} from './helpers';

type Ev = Record<string, unknown> & {
  event: string;
  timestamp: string;
  participant: string;
  session: string;
};

let dir = '';
let plan: RootPlan;
let files: string[] = [];

beforeAll(async () => {
  ({ dir, plan } = await generate(smallOptions(), 'root'));
  files = await listFiles(dir);
});
afterAll(async () => cleanup(dir));

const iso = (ms: number): string => new Date(ms).toISOString();
const testPlan = (name: string): TestPlan => plan.tests.find(t => t.spec.name === name) as TestPlan;
const allAttempts = (): { test: TestPlan; a: AttemptPlan; user: number; session: number }[] =>
  plan.tests.flatMap(test =>
    test.users.flatMap(u => u.attempts.map(a => ({ test, a, user: u.user, session: u.session }))),
  );

describe('layout', () => {
  it('has exactly the files of DESIGN.md for every planned user, test and QoE pair', () => {
    const expected: string[] = ['dfs_final/batches.json'];
    for (const t of plan.tests) {
      const name = t.spec.name;
      expected.push(`logs/${name}.log`, `dfs_final/${name}-medianode.csv`);
      for (let s = 1; s <= t.sessions; s++) {
        for (let u = 1; u <= t.spec.publishers + t.spec.subscribers; u++) {
          for (const f of ['events.json', 'stats.json', 'connections.json', 'errors.json']) {
            expected.push(`stats/${name}/LoadTestSession${s}/User${u}/${f}`);
          }
        }
      }
      for (const q of t.qoe)
        expected.push(
          `qoe/${name}/v-LoadTestSession${q.session}-User${q.recorder}-User${q.recorded}_cuts.json`,
        );
    }
    expect(files).toEqual(expected.sort());
  });

  it('numbers users per session, User1..UserN inside each LoadTestSession<k>', () => {
    const t = testPlan(SMALL_TESTS.mediasoup);
    const users = files
      .filter(
        f => f.startsWith(`stats/${t.spec.name}/LoadTestSession1/`) && f.endsWith('events.json'),
      )
      .map(f => Number(/User(\d+)\//.exec(f)?.[1]))
      .sort((a, b) => a - b);
    expect(users).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
  });

  it('writes JSON that parses everywhere', async () => {
    for (const f of files.filter(p => p.endsWith('.json'))) {
      const text = await readText(dir, f);
      expect(() => JSON.parse(text), f).not.toThrow();
    }
  });
});

describe('batches', () => {
  it('batches.json lists every test with startingParticipants and batchSize', async () => {
    const batches = await readJson<
      Record<string, { startingParticipants: number; batchSize: number }>
    >(dir, 'dfs_final/batches.json');
    expect(Object.keys(batches).sort()).toEqual(plan.options.tests.slice().sort());
    expect(batches[SMALL_TESTS.kurento]).toEqual({ startingParticipants: 2, batchSize: 4 });
    expect(batches[SMALL_TESTS.mediasoup]).toEqual({ startingParticipants: 13, batchSize: 4 });
  });

  it('gives each user the notebook batch number (user_count over (session, user))', async () => {
    const batches = await readJson<
      Record<string, { startingParticipants: number; batchSize: number }>
    >(dir, 'dfs_final/batches.json');
    for (const t of plan.tests) {
      const info = batches[t.spec.name] as { startingParticipants: number; batchSize: number };
      const ordered = [...t.users].sort((a, b) => a.session - b.session || a.user - b.user);
      ordered.forEach((u, i) => {
        const userCount = i + 1;
        const expected =
          userCount <= info.startingParticipants
            ? 0
            : Math.floor((userCount - info.startingParticipants - 1) / info.batchSize) + 1;
        expect(u.batch).toBe(expected);
      });
    }
  });

  it('launches later batches after the earlier ones', () => {
    for (const t of plan.tests) {
      const firstCreated = new Map<number, number>();
      for (const u of t.users) {
        const c = u.attempts[0]?.createdAt;
        if (c === undefined) continue;
        firstCreated.set(u.batch, Math.min(firstCreated.get(u.batch) ?? Infinity, c));
      }
      const starts = [...firstCreated.entries()].sort((a, b) => a[0] - b[0]).map(e => e[1]);
      for (let i = 1; i < starts.length; i++)
        expect(starts[i]).toBeGreaterThan(starts[i - 1] as number);
    }
  });
});

const OV2_FIELDS: Record<string, string[]> = {
  connectionStart: [],
  connectionCreated: ['connectionId', 'connection'],
  connectedPublisher: [],
  accessAllowed: ['connectionId', 'connection'],
  streamCreated: ['connectionId', 'connection'],
  streamPlaying: ['connectionId', 'connection'],
  streamDestroyed: ['reason', 'connectionId', 'connection'],
  sessionDisconnected: ['connectionId', 'reason', 'connection'],
  exception: ['connectionId', 'reason', 'name'],
  reconnecting: ['connectionId'],
  reconnected: ['connectionId'],
  publisherStartSpeaking: ['connectionId', 'connection'],
  publisherStopSpeaking: ['connectionId', 'connection'],
};

const LK_FIELDS: Record<string, string[][]> = {
  connectionStart: [[]],
  ConnectionStateChanged: [['state']],
  SignalConnected: [[]],
  Connected: [[]],
  connectedPublisher: [[]],
  LocalTrackPublished: [['connectionId', 'connection', 'trackInfo']],
  TrackPublished: [['connectionId', 'connection', 'remoteUser']],
  TrackSubscribed: [['connectionId', 'connection', 'trackInfo', 'remoteUser']],
  TrackUnsubscribed: [
    ['connectionId', 'connection', 'trackInfo', 'remoteUser'],
    ['connectionId', 'connection', 'remoteUser'],
  ],
  ConnectionQualityChanged: [['quality', 'participantSid']],
  ParticipantDisconnected: [['participantSid']],
  Reconnecting: [['connection']],
  Reconnected: [['connection']],
  Disconnected: [['connection']],
};

async function eventsOf(test: string, session: number, user: number): Promise<Ev[]> {
  return readJson<Ev[]>(dir, `stats/${test}/LoadTestSession${session}/User${user}/events.json`);
}

describe('events.json', () => {
  it('uses exactly the FORMATS §1.2.1 / §1.2.2 field sets per family', async () => {
    for (const t of plan.tests) {
      for (const u of t.users) {
        for (const e of await eventsOf(t.spec.name, u.session, u.user)) {
          const keys = Object.keys(e);
          expect(keys.slice(-3)).toEqual(['participant', 'session', 'timestamp']);
          expect(e.participant).toBe(`User${u.user}`);
          expect(e.session).toBe(`LoadTestSession${u.session}`);
          expect(e.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
          const extra = keys.slice(1, -3);
          expect(keys[0]).toBe('event');
          if (t.spec.family === 'ov2') expect(extra, e.event).toEqual(OV2_FIELDS[e.event]);
          else
            expect(
              LK_FIELDS[e.event]?.map(f => f.join()),
              e.event,
            ).toContain(extra.join());
        }
      }
    }
  });

  it('keeps arrival order: close neighbours may be swapped, nothing else', async () => {
    let swapped = 0;
    for (const t of plan.tests) {
      for (const u of t.users) {
        const ts = (await eventsOf(t.spec.name, u.session, u.user)).map(e =>
          Date.parse(e.timestamp),
        );
        for (let i = 1; i < ts.length; i++) {
          expect((ts[i] as number) - (ts[i - 1] as number)).toBeGreaterThan(-120);
          if ((ts[i] as number) < (ts[i - 1] as number)) swapped++;
        }
      }
    }
    expect(swapped).toBeGreaterThan(0);
  });

  it('matches the notebook is_publisher: local publish events only for publishers', async () => {
    for (const t of plan.tests) {
      for (const u of t.users) {
        const pub = notebookIsPublisher(t.spec.name, u.user);
        expect(u.role === 'PUBLISHER').toBe(pub);
        const events = await eventsOf(t.spec.name, u.session, u.user);
        const local = events.filter(
          e =>
            (e.event === 'streamCreated' && e.connection === 'local') ||
            e.event === 'LocalTrackPublished' ||
            e.event === 'connectedPublisher',
        );
        if (!pub) expect(local).toEqual([]);
        if (pub && u.intervals.length > 0) expect(local.length).toBeGreaterThan(0);
      }
    }
  });

  it('puts the notebook success marker at each attempt success time', async () => {
    for (const { test, a, user, session } of allAttempts()) {
      if (a.successAt === null || a.early) continue;
      const events = await eventsOf(test.spec.name, session, user);
      const key = (e: Ev): string =>
        e.event + (e.connection === undefined ? '' : `-${String(e.connection)}`);
      const publisher = notebookIsPublisher(test.spec.name, user);
      const marker =
        test.spec.family === 'ov2'
          ? publisher
            ? ['streamCreated-local']
            : ['streamCreated-remote']
          : publisher
            ? ['LocalTrackPublished-local']
            : ['TrackSubscribed-remote'];
      expect(
        events.some(e => marker.includes(key(e)) && e.timestamp === iso(a.successAt as number)),
      ).toBe(true);
    }
  });

  it('shows one connectionStart per attempt, and the failure cause events', async () => {
    for (const t of plan.tests) {
      for (const u of t.users) {
        const events = await eventsOf(t.spec.name, u.session, u.user);
        expect(events.filter(e => e.event === 'connectionStart').map(e => e.timestamp)).toEqual(
          u.attempts.map(a => iso(a.startAt)),
        );
        for (const a of u.attempts) {
          for (const line of a.failure?.lines ?? []) {
            if (line.eventAt === null) continue;
            const name = line.via === 'Disconnected' ? 'Disconnected' : line.via;
            expect(
              events.some(e => e.event === name && e.timestamp === iso(line.eventAt as number)),
            ).toBe(true);
          }
          const [down, up] =
            t.spec.family === 'ov2'
              ? ['reconnecting', 'reconnected']
              : ['Reconnecting', 'Reconnected'];
          for (const r of a.reconnects) {
            expect(events.some(e => e.event === down && e.timestamp === iso(r.at))).toBe(true);
            if (r.recovered)
              expect(events.some(e => e.event === up && e.timestamp === iso(r.endAt))).toBe(true);
          }
        }
      }
    }
  });

  it('has failures with retries in both families, and users that never connect', () => {
    const failed = allAttempts().filter(x => x.a.failure !== null);
    expect(failed.some(x => x.test.spec.family === 'ov2')).toBe(true);
    expect(failed.some(x => x.test.spec.family === 'livekit')).toBe(true);
    expect(allAttempts().some(x => x.a.index > 0)).toBe(true);
    expect(failed.some(x => x.a.failure?.cause === 'http')).toBe(true);
  });

  it('emits two LocalTrackPublished (audio then video) per LiveKit publication', async () => {
    const t = testPlan(SMALL_TESTS.pion);
    for (const u of t.users) {
      const events = (await eventsOf(t.spec.name, u.session, u.user))
        .filter(e => e.event === 'LocalTrackPublished')
        .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
      const types = events.map(e => (e.trackInfo as { type: string }).type);
      for (const a of u.attempts.filter(x => x.successAt !== null && x.successAt + 200 < x.endAt)) {
        const idx = events.findIndex(e => e.timestamp === iso(a.successAt as number));
        expect(types.slice(idx, idx + 2)).toEqual(['audio', 'video']);
      }
    }
  });
});

describe('connections.json and errors.json', () => {
  it('has one creation record per attempt and envelope-only error records', async () => {
    for (const t of plan.tests) {
      for (const u of t.users) {
        const base = `stats/${t.spec.name}/LoadTestSession${u.session}/User${u.user}`;
        const conns = await readJson<Record<string, unknown>[]>(dir, `${base}/connections.json`);
        expect(conns.length).toBe(u.attempts.length);
        for (const c of conns) {
          expect(Object.keys(c)).toEqual([
            '@timestamp',
            'streams',
            'node_role',
            'worker_name',
            'new_participant_id',
            'new_participant_session',
          ]);
          expect(c.new_participant_id).toBe(`User${u.user}`);
        }
        const errors = await readJson<Record<string, unknown>[]>(dir, `${base}/errors.json`);
        for (const e of errors)
          expect(Object.keys(e)).toEqual(['participant', 'session', 'timestamp']);
      }
    }
  });
});
