/**
 * stats.json files written by the tool's own code from a real Chromium's RTCStats
 * (test/fixtures/real/stats-json/, scripts/fixtures/stats-json/make-fixture.mjs): the OpenVidu 2
 * page of the notebook's generation (db1ae485) and today's LiveKit page (d6a49f73, `@timestamp`,
 * each peer connection's stats under two peerIds).
 *
 * Every expectation is read off the file by a walk written here, the notebook's `separate_stats`
 * loop in a few lines (every report of `data.{audio,video}.{inbound,outbound}` and
 * `data.remote.…` of every `event: "stats"` item is a row), and from the counters themselves:
 * `packetRate` / 8 must be the packets per second between two reports of the same id, and
 * `bitrate` the bits per second (webrtc-stats' computeRate), which the real reports let us check.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCommand } from '../../../src/cli/analyze';
import { describe, expect, it } from 'vitest';
import {
  QOS_TABLE_NAMES,
  readStatsFile,
  type QosTable,
  type QosTableName,
} from '../../../src/core/ingest/stats';
import { qosSource } from '../../../src/core/viewmodel/timeSeries';
import { cells, columnNames } from './helpers';

const REAL = join(__dirname, '../../fixtures/real/stats-json');
/** As the notebook profile reads it: every copy of a report kept (`dedupe: false`). */
const USER = { user: 'User1', session: 'LoadTestSession1', dedupe: false };
type Report = Record<string, unknown> & { peerId: string };

/** The notebook's separate_stats, as a walk over the file: each table's rows, in file order. */
function reference(file: string): Record<QosTableName, Report[]> {
  const tables = Object.fromEntries(QOS_TABLE_NAMES.map(n => [n, [] as Report[]])) as Record<
    QosTableName,
    Report[]
  >;
  const elements = JSON.parse(readFileSync(file, 'utf8')) as { webrtcStats: Report[] }[];
  for (const item of elements.flatMap(e => e.webrtcStats)) {
    if (item['event'] !== 'stats' || !item['data']) continue;
    type Media = Record<string, Record<string, Report[]>>;
    const data = item['data'] as Media & { remote: Media };
    for (const name of QOS_TABLE_NAMES) {
      const remote = name.startsWith('remote_');
      const [direction, media] = name.replace('remote_', '').split('_') as [string, string];
      const where: Media = remote ? data.remote : data;
      for (const r of where[media]?.[direction] ?? [])
        tables[name].push({ ...r, peerId: item.peerId });
    }
  }
  return tables;
}

/** pandas' column order for a list of dicts: keys by first appearance, `add_user_data`'s after each row's own. */
function pandasColumns(rows: readonly Report[]): string[] {
  const seen = new Set<string>();
  for (const r of rows)
    for (const k of [...Object.keys(r).filter(k => k !== 'peerId'), 'user', 'session', 'peerId'])
      seen.add(k);
  return [...seen];
}

const FIXTURES = [
  ['ov2-db1ae485', 'OpenVidu 2 page, 2024'],
  ['livekit-d6a49f73', 'LiveKit page, today'],
] as const;

describe.each(FIXTURES)('a real stats.json (%s: %s)', fixture => {
  const file = join(REAL, fixture, 'stats.json');
  const expected = reference(file);

  it('every report is a row of its table, columns in pandas order, nothing flagged', async () => {
    const r = await readStatsFile(file, USER);
    expect(r.diagnostics).toEqual([]);
    for (const name of QOS_TABLE_NAMES) {
      const rows = expected[name];
      const t = r.tables[name];
      expect([name, t.rows]).toEqual([name, rows.length]);
      if (rows.length === 0) continue;
      expect(columnNames(t)).toEqual(pandasColumns(rows));
      expect(cells(t, 'peerId')).toEqual(rows.map(x => x.peerId));
      expect(cells(t, 'timestamp')).toEqual(rows.map(x => x['timestamp']));
      expect(cells(t, 'id')).toEqual(rows.map(x => x['id']));
    }
    // Chromium's inbound-rtp has packetsLost and packetsReceived but no packetsSent: the
    // notebook's packetLoss formula raises KeyError on each (counted, never a column).
    const inbound = expected.inbound_audio.length + expected.inbound_video.length;
    expect(inbound).toBeGreaterThan(0);
    expect(r.counts.packetLossUncomputable).toBe(inbound);
    expect(columnNames(r.tables.inbound_video)).not.toContain('packetLoss');
  });

  it('packetRate / 8 is packets per second and bitrate bits per second, checked on the counters', async () => {
    const r = await readStatsFile(file, USER);
    for (const [name, packets, bytes] of [
      ['inbound_video', 'packetsReceived', 'bytesReceived'],
      ['inbound_audio', 'packetsReceived', 'bytesReceived'],
      ['outbound_video', 'packetsSent', 'bytesSent'],
      ['outbound_audio', 'packetsSent', 'bytesSent'],
    ] as const) {
      const rows = expected[name];
      const t: QosTable = r.tables[name];
      let checked = 0;
      rows.forEach((row, i) => {
        // The previous report of the same id and peer (webrtc-stats keeps one per connection).
        const before = rows
          .slice(0, i)
          .reverse()
          .find(p => p['id'] === row['id'] && p.peerId === row.peerId);
        const seconds = before
          ? ((row['timestamp'] as number) - (before['timestamp'] as number)) / 1000
          : 0;
        if (!before || seconds <= 0) return;
        const perSecond = ((row[packets] as number) - (before[packets] as number)) / seconds;
        const bits = (((row[bytes] as number) - (before[bytes] as number)) * 8) / seconds;
        expect(t.packetsPerSecond[i]).toBeCloseTo(perSecond, 6);
        expect(cells(t, 'bitrate')[i]).toBeCloseTo(bits, 6);
        checked++;
      });
      expect([name, checked > 0]).toEqual([name, true]);
    }
  });

  it('inbound loss is packetsLost / (packetsLost + packetsReceived) of each report', async () => {
    const r = await readStatsFile(file, USER);
    for (const name of ['inbound_audio', 'inbound_video'] as const) {
      const ratio = expected[name].map(x => {
        const lost = x['packetsLost'] as number;
        return lost / (lost + (x['packetsReceived'] as number));
      });
      expect([...r.tables[name].lossRatio]).toEqual(ratio);
    }
  });

  it('the network scores of webrtc-issue-detector are kept, each with its element time', async () => {
    const elements = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    const scores = elements.flatMap(e =>
      (e['webrtcStats'] as Record<string, unknown>[])
        .filter(w => 'statsSamples' in w)
        .map(() => Date.parse((e['timestamp'] ?? e['@timestamp']) as string)),
    );
    const r = await readStatsFile(file, USER);
    expect(scores.length).toBeGreaterThan(0);
    expect([...r.networkScores.time]).toEqual(scores);
  });
});

describe.each(FIXTURES)('the default profile on a real stats.json (%s)', fixture => {
  it('keeps each report once: the same id and timestamp seen again is the same report', async () => {
    const file = join(REAL, fixture, 'stats.json');
    const expected = reference(file);
    const r = await readStatsFile(file, { ...USER, dedupe: true });
    let dropped = 0;
    for (const name of QOS_TABLE_NAMES) {
      const distinct = new Set(expected[name].map(x => `${x['id']}@${x['timestamp']}`));
      expect([name, r.tables[name].rows]).toEqual([name, distinct.size]);
      dropped += expected[name].length - distinct.size;
    }
    expect(r.counts.duplicateRows).toBe(dropped);
    expect(dropped).toBeGreaterThan(0);
  });
});

describe('what the real files show', () => {
  it('OpenVidu 2: only the RTCP reports repeat (an unchanged receiver report at the next poll)', () => {
    const expected = reference(join(REAL, 'ov2-db1ae485', 'stats.json'));
    const repeats = (name: QosTableName) =>
      expected[name].length - new Set(expected[name].map(x => `${x['id']}@${x['timestamp']}`)).size;
    expect(QOS_TABLE_NAMES.filter(n => repeats(n) > 0).every(n => n.startsWith('remote_'))).toBe(
      true,
    );
    expect(repeats('remote_inbound_audio')).toBeGreaterThan(0);
  });

  it('LiveKit: each connection is registered under two SIDs, so every local report comes twice', () => {
    const expected = reference(join(REAL, 'livekit-d6a49f73', 'stats.json'));
    const rows = expected.inbound_video;
    const distinct = new Set(rows.map(x => `${x['id']}@${x['timestamp']}`));
    expect(rows.length).toBe(2 * distinct.size);
    expect(new Set(rows.map(x => x.peerId)).size).toBe(2);
  });

  it("a connection's first poll has no bitrate or packetRate at all (webrtc-stats: no previous stats)", () => {
    for (const [fixture] of FIXTURES) {
      const expected = reference(join(REAL, fixture, 'stats.json'));
      for (const name of [
        'inbound_audio',
        'inbound_video',
        'outbound_audio',
        'outbound_video',
      ] as const) {
        const first = expected[name][0] as Report;
        expect([fixture, name, 'bitrate' in first, 'packetRate' in first]).toEqual([
          fixture,
          name,
          false,
          false,
        ]);
        expect(expected[name].slice(2).every(x => typeof x['bitrate'] === 'number')).toBe(true);
      }
    }
  });
});

describe('analyze on a root holding a real stats.json', () => {
  it('the notebook profile says the notebook stops in separate_stats (C6), naming how many reports', async () => {
    const file = join(REAL, 'ov2-db1ae485', 'stats.json');
    const expected = reference(file);
    const root = mkdtempSync(join(tmpdir(), 'ltl-real-stats-'));
    const user = join(
      root,
      'stats',
      'loadtest-webrtc-2024-kurento-2p',
      'LoadTestSession1',
      'User1',
    );
    mkdirSync(user, { recursive: true });
    writeFileSync(join(user, 'stats.json'), readFileSync(file));
    // The user connects two seconds before the first stats element.
    const elements = JSON.parse(readFileSync(file, 'utf8')) as { timestamp: string }[];
    const t0 = Date.parse(elements[0]?.timestamp as string) - 2000;
    const event = (name: string, ms: number) => ({
      event: name,
      participant: 'User1',
      session: 'LoadTestSession1',
      timestamp: new Date(t0 + ms).toISOString(),
    });
    writeFileSync(
      join(user, 'events.json'),
      JSON.stringify([event('connectionStart', 0), event('streamCreated-local', 500)]),
    );
    const io = { stdout: () => undefined, stderr: () => undefined };
    const found = async (profile: string) => {
      const out = join(mkdtempSync(join(tmpdir(), 'ltl-real-stats-out-')), 'out');
      expect(await analyzeCommand([root, '--out', out, '--profile', profile], io)).toBe(0);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
        diagnostics: { code: string; message: string }[];
      };
      return summary.diagnostics.filter(d => d.code === 'notebook.C6').map(d => d.message);
    };
    const inbound = expected.inbound_audio.length + expected.inbound_video.length;
    const notebook = await found('notebook');
    expect(notebook).toHaveLength(1);
    expect(notebook[0]).toContain(`and ${inbound} report(s) have only one of them`);
    expect(await found('default')).toEqual([]);
  });
});

describe('the QoS charts of a real stats.json', () => {
  it.each(FIXTURES)(
    '%s: inbound video packets per second, per second of the test, from the counters',
    async fixture => {
      const file = join(REAL, fixture, 'stats.json');
      const tables = await readStatsFile(file, { ...USER, dedupe: true });
      const rows = reference(file).inbound_video;
      const origin = Math.min(...rows.map(r => r['timestamp'] as number)) - 500;
      // Each distinct report (default profile) with a previous one of its id: Δpackets / Δs,
      // grouped by whole second since the origin, as the chart groups them.
      const seen = new Set<string>();
      const bySecond = new Map<number, number[]>();
      rows.forEach((r, i) => {
        const key = `${r['id']}@${r['timestamp']}`;
        if (seen.has(key)) return;
        seen.add(key);
        const before = rows
          .slice(0, i)
          .reverse()
          .find(p => p['id'] === r['id'] && p.peerId === r.peerId);
        if (!before) return;
        const dt = ((r['timestamp'] as number) - (before['timestamp'] as number)) / 1000;
        const rate =
          ((r['packetsReceived'] as number) - (before['packetsReceived'] as number)) / dt;
        if (!(rate > 0)) return;
        const second = Math.floor(((r['timestamp'] as number) - origin) / 1000);
        bySecond.set(second, [...(bySecond.get(second) ?? []), rate]);
      });
      const g = qosSource(tables, origin).groups.get('inbound/packetRate/video');
      expect(g).toBeDefined();
      const seconds = [...bySecond.keys()].sort((a, b) => a - b);
      expect([...(g?.xs ?? [])]).toEqual(seconds);
      seconds.forEach((sec, k) => {
        const rates = bySecond.get(sec) as number[];
        expect(g?.mean[k]).toBeCloseTo(rates.reduce((a, b) => a + b, 0) / rates.length, 6);
        expect(g?.n[k]).toBe(rates.length);
      });
      // No chart has a NaN mean: a first poll's missing rate is left out, not drawn as 0.
      for (const [key, group] of qosSource(tables, origin).groups)
        expect([key, [...group.mean].every(Number.isFinite)]).toEqual([key, true]);
    },
  );
});
