import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QOS_TABLE_NAMES, readStatsFile, type QosTables } from '../../../src/core/ingest/stats';
import { FIXTURES, cells, codes, column, columnNames, tempFile } from './helpers';

const OV2 = join(FIXTURES, 'ov2-two-elements.json');
const LIVEKIT = join(FIXTURES, 'livekit-shared-pc.json');

function rowCounts(r: QosTables): number[] {
  return QOS_TABLE_NAMES.map(n => r.tables[n].rows);
}

describe('readStatsFile: OpenVidu 2 fixture (2 elements)', () => {
  const user = { user: 'User1', session: 'LoadTestSession1' };

  it('puts every report in its table', async () => {
    const r = await readStatsFile(OV2, user);
    // inbound a/v, outbound a/v, remote-inbound a/v, remote-outbound a/v
    expect(rowCounts(r)).toEqual([2, 1, 1, 1, 1, 1, 1, 0]);
    expect(r.diagnostics).toEqual([]);
    expect(r.sources).toEqual([
      { file: OV2, user: 'User1', session: 'LoadTestSession1', bytes: readFileSync(OV2).length },
    ]);
  });

  it('orders columns by first appearance, then user, session, peerId, as pandas does', async () => {
    const t = (await readStatsFile(OV2, user)).tables.inbound_audio;
    expect(columnNames(t)).toEqual([
      'id',
      'timestamp',
      'type',
      'kind',
      'packetsReceived',
      'packetsLost',
      'jitter',
      'track',
      'bitrate',
      'packetRate',
      'user',
      'session',
      'peerId',
      // first seen in the second row
      'packetsSent',
      'mediaType',
      'packetLoss',
    ]);
    expect(columnNames((await readStatsFile(OV2, user)).tables.outbound_audio)).toEqual([
      'id',
      'timestamp',
      'type',
      'kind',
      'packetsSent',
      'bytesSent',
      'active',
      'track',
      'bitrate',
      'packetRate',
      'user',
      'session',
      'peerId',
    ]);
  });

  it('stores numbers, strings, booleans and objects in typed columns', async () => {
    const r = await readStatsFile(OV2, user);
    const ia = r.tables.inbound_audio;
    expect(cells(ia, 'id')).toEqual(['IA', 'IA']);
    expect(cells(ia, 'timestamp')).toEqual([1000, 3000]);
    expect(cells(ia, 'jitter')).toEqual([0.004, 0.005]);
    expect(cells(ia, 'mediaType')).toEqual([undefined, 'audio']);
    expect(cells(ia, 'packetsSent')).toEqual([NaN, 50]);
    expect(column(ia, 'track')).toMatchObject({ kind: 'json', dict: ['{}'] });
    expect(cells(ia, 'peerId')).toEqual(['User2', 'User2']);
    expect(cells(ia, 'user')).toEqual(['User1', 'User1']);
    expect(cells(ia, 'session')).toEqual(['LoadTestSession1', 'LoadTestSession1']);
    const oa = r.tables.outbound_audio;
    expect(column(oa, 'active')).toMatchObject({ kind: 'boolean' });
    expect(cells(oa, 'active')).toEqual([1]);
    expect(cells(oa, 'track')).toEqual(['{"id":"SO1"}']);
    expect(cells(oa, 'peerId')).toEqual(['User1']);
    expect(cells(r.tables.outbound_video, 'qualityLimitationReason')).toEqual(['none']);
  });

  it("computes the notebook's packetLoss only where both counters exist, counting the rest", async () => {
    const r = await readStatsFile(OV2, user);
    // row 0: packetsLost + packetsReceived only (the notebook raises, C6); row 1: 10 / (50 + 190)
    expect(cells(r.tables.inbound_audio, 'packetLoss')).toEqual([NaN, 10 / 240]);
    // IA row 0 and IV: packetsLost with only packetsReceived
    expect(r.counts.packetLossUncomputable).toBe(2);
    for (const n of QOS_TABLE_NAMES.filter(x => x !== 'inbound_audio'))
      expect(columnNames(r.tables[n])).not.toContain('packetLoss');
  });

  it('computes a correct loss ratio per report type', async () => {
    const t = (await readStatsFile(OV2, user)).tables;
    // inbound: lost / (lost + received)
    expect(Array.from(t.inbound_audio.lossRatio)).toEqual([10 / 100, 10 / 200]);
    expect(Array.from(t.inbound_video.lossRatio)).toEqual([0]);
    // outbound audio: its remote-inbound report's fractionLost; video: 20 lost of 1000 sent
    expect(Array.from(t.outbound_audio.lossRatio)).toEqual([0.01]);
    expect(Array.from(t.outbound_video.lossRatio)).toEqual([0.02]);
    expect(Array.from(t.remote_inbound_audio.lossRatio)).toEqual([0.01]);
    expect(Array.from(t.remote_inbound_video.lossRatio)).toEqual([0.02]);
    expect(Array.from(t.remote_outbound_audio.lossRatio)).toEqual([NaN]);
  });

  it('keeps packetRate raw and adds packets per second (÷ 8)', async () => {
    const t = (await readStatsFile(OV2, user)).tables;
    expect(cells(t.inbound_audio, 'packetRate')).toEqual([0, 400]);
    expect(Array.from(t.inbound_audio.packetsPerSecond)).toEqual([0, 50]);
    expect(Array.from(t.outbound_video.packetsPerSecond)).toEqual([100]);
    expect(Array.from(t.remote_inbound_audio.packetsPerSecond)).toEqual([NaN]);
  });

  it('records the element index and byte offset of every row', async () => {
    const text = readFileSync(OV2, 'utf8');
    const second = text.indexOf('},{"webrtcStats"') + 2;
    const t = (await readStatsFile(OV2, user)).tables;
    expect(Array.from(t.inbound_audio.element)).toEqual([0, 1]);
    expect(Array.from(t.inbound_audio.offset)).toEqual([1, second]);
    expect(Array.from(t.remote_outbound_audio.element)).toEqual([0]);
    expect(Array.from(t.outbound_audio.source)).toEqual([0]);
  });

  it('counts every item kind and keeps the network scores', async () => {
    const r = await readStatsFile(OV2, user);
    expect(r.counts).toMatchObject({
      elements: 2,
      invalidElements: 0,
      statsItems: 3,
      networkScores: 1,
      unknownItems: 0,
      duplicateRows: 0,
      badReports: 0,
    });
    expect({ ...r.counts.timelineEvents }).toEqual({ onconnectionstatechange: 1 });
    expect({ ...r.counts.issues }).toEqual({ 'inbound-network-quality': 1 });
    const s = r.networkScores;
    expect(s.rows).toBe(1);
    expect([s.inbound[0], s.outbound[0], s.element[0]]).toEqual([4.1, 4.3, 0]);
    expect(s.time[0]).toBe(Date.UTC(2024, 5, 20, 10, 15, 13));
  });

  it('takes user and session from the elements when they are not given', async () => {
    const r = await readStatsFile(OV2);
    expect(r.sources[0]).toMatchObject({ user: 'User1', session: 'LoadTestSession1' });
    expect(cells(r.tables.inbound_video, 'user')).toEqual(['User1']);
  });

  it('is structured-cloneable', async () => {
    const r = await readStatsFile(OV2, user);
    const copy = structuredClone(r);
    expect(cells(copy.tables.inbound_audio, 'packetLoss')).toEqual([NaN, 10 / 240]);
    expect(copy.counts.issues['inbound-network-quality']).toBe(1);
  });
});

describe('readStatsFile: LiveKit fixture (one subscriber PC under two peerIds)', () => {
  it('drops the copies of a report under other peerIds (same id and timestamp)', async () => {
    const r = await readStatsFile(LIVEKIT, { user: 'User1', session: 'LoadTestSession1' });
    const ia = r.tables.inbound_audio;
    expect(ia.rows).toBe(2);
    expect(cells(ia, 'peerId')).toEqual(['PA_a', 'PA_a']);
    expect(cells(ia, 'timestamp')).toEqual([5000, 6000]);
    expect(Array.from(ia.element)).toEqual([0, 0]);
    expect(r.tables.inbound_video.rows).toBe(2);
    // PA_b's audio+video at 5000 (element 0) and at 6000 (element 1)
    expect(r.counts.duplicateRows).toBe(4);
    // remote-inbound reports without an id are never de-duplicated
    expect(r.tables.remote_inbound_audio.rows).toBe(2);
    expect(r.tables.outbound_audio.rows).toBe(1);
    expect(r.counts.packetLossUncomputable).toBe(4);
  });

  it('keeps every copy with dedupe off (the notebook profile)', async () => {
    const r = await readStatsFile(LIVEKIT, { dedupe: false });
    const ia = r.tables.inbound_audio;
    expect(ia.rows).toBe(4);
    expect(cells(ia, 'peerId')).toEqual(['PA_a', 'PA_b', 'PA_a', 'PA_b']);
    expect(cells(ia, 'timestamp')).toEqual([5000, 5000, 6000, 6000]);
    expect(Array.from(ia.element)).toEqual([0, 0, 0, 1]);
    expect(r.tables.inbound_video.rows).toBe(4);
    expect(r.counts.duplicateRows).toBe(0);
    expect(r.counts.packetLossUncomputable).toBe(8);
  });

  it('reads the @timestamp key of [HEAD] LiveKit elements', async () => {
    const r = await readStatsFile(LIVEKIT);
    expect(r.networkScores.rows).toBe(1);
    expect(r.networkScores.time[0]).toBe(Date.UTC(2026, 6, 1, 9, 0, 15));
    expect([r.networkScores.inbound[0], r.networkScores.outbound[0]]).toEqual([3.9, NaN]);
  });

  it('finds the outbound loss through the remote-inbound localId', async () => {
    const t = (await readStatsFile(LIVEKIT)).tables;
    expect(Array.from(t.outbound_audio.lossRatio)).toEqual([0]);
    expect(Array.from(t.inbound_video.lossRatio)).toEqual([4 / 3004, 4 / 3004]);
  });
});

describe('readStatsFile: malformed content', () => {
  const stats = (data: unknown) => ({ event: 'stats', peerId: 'P', data });
  const media = () => ({ inbound: [], outbound: [] });
  const goodData = () => ({
    audio: media(),
    video: media(),
    remote: { audio: media(), video: media() },
  });

  it('names each problem by its JSON path and loads the rest', async () => {
    const elements = [
      {
        webrtcStats: [
          stats({
            ...goodData(),
            audio: { inbound: [{ id: 'ok', packetsReceived: 1 }], outbound: [] },
          }),
        ],
      },
      { timestamp: '2024-01-01T00:00:00Z' },
      'not an object',
      {
        webrtcStats: [
          { event: 'stats', peerId: 'P' },
          stats({ video: media(), remote: { audio: media(), video: media() } }),
          stats({ ...goodData(), video: { inbound: { id: 'x' }, outbound: [] } }),
          stats({ ...goodData(), audio: { inbound: [42, null, { id: 'ok2' }], outbound: [] } }),
          { something: 'else' },
          7,
        ],
      },
      { webrtcStats: 'nope' },
    ];
    const file = tempFile('malformed.json', JSON.stringify(elements));
    const r = await readStatsFile(file);
    expect(cells(r.tables.inbound_audio, 'id')).toEqual(['ok', 'ok2']);
    expect(Array.from(r.tables.inbound_audio.element)).toEqual([0, 3]);
    const paths = r.diagnostics.map(d => `${d.code} ${d.jsonPath}`);
    expect(paths).toEqual([
      'stats.noWebrtcStats [1].webrtcStats',
      'stats.notObject [2]',
      'stats.badData [3].webrtcStats[0].data',
      'stats.badData [3].webrtcStats[1].data.audio',
      'stats.badList [3].webrtcStats[2].data.video.inbound',
      'stats.badReport [3].webrtcStats[3].data.audio.inbound[0]',
      'stats.badReport [3].webrtcStats[3].data.audio.inbound[1]',
      'stats.unknownItem [3].webrtcStats[4]',
      'stats.unknownItem [3].webrtcStats[5]',
      'stats.noWebrtcStats [4].webrtcStats',
    ]);
    expect(r.counts).toMatchObject({ elements: 5, statsItems: 5, unknownItems: 2, badReports: 2 });
  });

  it('keeps the rows of a truncated file and reports the cut', async () => {
    const text = readFileSync(OV2, 'utf8');
    const cut = text.indexOf('},{"webrtcStats"') + 40;
    const r = await readStatsFile(tempFile('cut.json', text.slice(0, cut)));
    expect(codes(r.diagnostics)).toEqual(['json.truncated']);
    expect(rowCounts(r)).toEqual([1, 1, 0, 0, 0, 0, 1, 0]);
  });

  it('skips an invalid element and counts it', async () => {
    const text = readFileSync(OV2, 'utf8');
    const second = text.indexOf('},{"webrtcStats"') + 2;
    // an invalid number inside element 1; its brackets stay balanced
    const broken =
      text.slice(0, second) + text.slice(second).replace('"timeTaken":2', '"timeTaken":2.0.0');
    const r = await readStatsFile(tempFile('broken.json', broken));
    expect(codes(r.diagnostics)).toEqual(['json.badElement']);
    expect(r.diagnostics[0]?.jsonPath).toBe('[1]');
    expect(r.counts).toMatchObject({ elements: 1, invalidElements: 1 });
    expect(rowCounts(r)).toEqual([1, 1, 0, 0, 0, 0, 1, 0]);
  });

  it('limits repeated findings and summarises the rest', async () => {
    const file = tempFile(
      'many.json',
      JSON.stringify(Array.from({ length: 25 }, () => ({ x: 1 }))),
    );
    const r = await readStatsFile(file);
    expect(codes(r.diagnostics).filter(c => c === 'stats.noWebrtcStats')).toHaveLength(20);
    expect(r.diagnostics.at(-1)).toMatchObject({
      code: 'stats.noWebrtcStats.more',
      severity: 'info',
    });
    expect(r.diagnostics.at(-1)?.message).toContain('5 more');
  });
});
