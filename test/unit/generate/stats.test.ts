// stats.json contents (FORMATS §1.3) in a small root.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RootPlan } from '../../../src/generate/model';
import { cpuAt } from '../../../src/generate/cpu';
import { SMALL_TESTS, cleanup, generate, readJson, smallOptions } from './helpers';

type Report = Record<string, number | string | boolean | object>;
type Media = { inbound: Report[]; outbound: Report[] };
interface Item {
  event?: string;
  peerId?: string;
  connectionId?: string;
  timestamp?: string;
  data?:
    | { audio: Media; video: Media; connection: Report; remote: { audio: Media; video: Media } }
    | string;
  type?: string;
  reason?: string;
  statsSamples?: object;
}
interface Element {
  webrtcStats: Item[];
  timestamp?: string;
  '@timestamp'?: string;
  user: string;
  session: string;
}

let dir = '';
let plan: RootPlan;
const elements = new Map<string, Element[]>();

beforeAll(async () => {
  ({ dir, plan } = await generate(smallOptions({ qoe: false }), 'stats'));
  for (const t of plan.tests) {
    for (const u of t.users) {
      elements.set(
        `${t.spec.name}/${u.session}/${u.user}`,
        await readJson<Element[]>(
          dir,
          `stats/${t.spec.name}/LoadTestSession${u.session}/User${u.user}/stats.json`,
        ),
      );
    }
  }
});
afterAll(async () => cleanup(dir));

const statsItems = (test: string): { el: Element; item: Item }[] =>
  [...elements.entries()]
    .filter(([k]) => k.startsWith(`${test}/`))
    .flatMap(([, els]) =>
      els.flatMap(el =>
        el.webrtcStats.filter(i => i.event === 'stats').map(item => ({ el, item })),
      ),
    );

describe('stats.json', () => {
  it('has {webrtcStats, timestamp, user, session} elements with full names', () => {
    for (const [key, els] of elements) {
      const [, session, user] = key.split('/');
      for (const el of els) {
        expect(Object.keys(el)).toEqual(['webrtcStats', 'timestamp', 'user', 'session']);
        expect(el.user).toBe(`User${user}`);
        expect(el.session).toBe(`LoadTestSession${session}`);
        expect(el.webrtcStats.length).toBeGreaterThan(0);
      }
    }
  });

  it('carries every data array the notebook flattens, and the three item kinds', () => {
    let issues = 0;
    let scores = 0;
    let timeline = 0;
    for (const els of elements.values()) {
      for (const el of els) {
        for (const item of el.webrtcStats) {
          if (item.event === 'stats') {
            const d = item.data as Exclude<Item['data'], string | undefined>;
            for (const m of [d.audio, d.video, d.remote.audio, d.remote.video]) {
              expect(Array.isArray(m.inbound) && Array.isArray(m.outbound)).toBe(true);
            }
            expect(d.connection.type).toBe('candidate-pair');
          } else if (item.event === 'onconnectionstatechange') timeline++;
          else if (item.type !== undefined && item.reason !== undefined) issues++;
          else if (item.statsSamples !== undefined) scores++;
          else throw new Error(`unknown item ${JSON.stringify(item)}`);
        }
      }
    }
    expect(timeline).toBeGreaterThan(0);
    expect(issues).toBeGreaterThan(0);
    expect(scores).toBeGreaterThan(0);
  });

  it('starts every report id at bitrate 0 and reports packetRate ×8', () => {
    for (const test of plan.options.tests) {
      const seen = new Map<string, Report>();
      for (const { el, item } of statsItems(test)) {
        const d = item.data as Exclude<Item['data'], string | undefined>;
        for (const r of [
          ...d.audio.inbound,
          ...d.video.inbound,
          ...d.audio.outbound,
          ...d.video.outbound,
        ]) {
          const key = `${el.session}/${el.user}/${String(r.id)}`;
          const prev = seen.get(key);
          if (prev === undefined) {
            expect(r.bitrate).toBe(0);
            expect(r.packetRate).toBe(0);
          } else if (prev.timestamp !== r.timestamp) {
            const dt = (r.timestamp as number) - (prev.timestamp as number);
            const bytesKey = r.type === 'inbound-rtp' ? 'bytesReceived' : 'bytesSent';
            const packetsKey = r.type === 'inbound-rtp' ? 'packetsReceived' : 'packetsSent';
            const bitrate =
              ((((r[bytesKey] as number) - (prev[bytesKey] as number)) * 1000) / dt) * 8;
            expect(Math.abs((r.bitrate as number) - bitrate) / Math.max(1, bitrate)).toBeLessThan(
              0.05,
            );
            if (r.type === 'inbound-rtp') {
              const pr =
                ((((r[packetsKey] as number) - (prev[packetsKey] as number)) * 1000) / dt) * 8;
              expect(Math.abs((r.packetRate as number) - pr)).toBeLessThan(Math.max(8, pr * 0.05));
            }
          }
          seen.set(key, r);
        }
      }
    }
  });

  it('uses user names and stream ids for OpenVidu 2, SIDs and inbound/outbound for LiveKit', () => {
    for (const { item } of statsItems(SMALL_TESTS.kurento)) {
      expect(item.peerId).toMatch(/^User\d+$/);
      expect(item.connectionId).toMatch(/^str_CAM_\w{4}_con_\w{10}$/);
    }
    const lk = statsItems(SMALL_TESTS.pion);
    expect(lk.length).toBeGreaterThan(0);
    for (const { item } of lk) {
      expect(item.peerId).toMatch(/^PA_\w{12}$/);
      expect(['inbound', 'outbound']).toContain(item.connectionId);
    }
  });

  it('repeats the shared LiveKit subscriber PC under several peerIds (same id and timestamp)', () => {
    const byReport = new Map<string, Set<string>>();
    for (const { el, item } of statsItems(SMALL_TESTS.pion)) {
      if (item.connectionId !== 'inbound') continue;
      const d = item.data as Exclude<Item['data'], string | undefined>;
      for (const r of d.audio.inbound) {
        const key = `${el.user}/${String(r.id)}/${String(r.timestamp)}`;
        byReport.set(key, (byReport.get(key) ?? new Set()).add(item.peerId as string));
      }
    }
    const counts = [...byReport.values()].map(s => s.size);
    expect(Math.max(...counts)).toBe(2);
  });

  it('carries remote-inbound roundTripTime, jitter, packetsLost and fractionLost for publishers', () => {
    for (const { item } of statsItems(SMALL_TESTS.kurento)) {
      const d = item.data as Exclude<Item['data'], string | undefined>;
      for (const r of d.remote.video.inbound) {
        for (const f of ['roundTripTime', 'jitter', 'packetsLost', 'fractionLost'])
          expect(typeof r[f]).toBe('number');
      }
    }
  });

  it('degrades jitter and round-trip time as the media-node CPU rises', () => {
    const t = plan.tests.find(x => x.spec.name === SMALL_TESTS.kurento);
    const low: number[] = [];
    const high: number[] = [];
    for (const { item } of statsItems(SMALL_TESTS.kurento)) {
      const d = item.data as Exclude<Item['data'], string | undefined>;
      for (const r of d.remote.video.inbound) {
        const cpu = cpuAt(
          t?.cpu as NonNullable<typeof t>['cpu'],
          Date.parse(item.timestamp as string),
        );
        (cpu > 0.92 ? high : cpu < 0.6 ? low : []).push(r.roundTripTime as number);
      }
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(low.length).toBeGreaterThan(0);
    expect(high.length).toBeGreaterThan(0);
    expect(mean(high)).toBeGreaterThan(mean(low) * 2);
  });
});
