// qosInRun: the rows of a run's time window, every array of the tables taken alike.
import { describe, expect, it } from 'vitest';
import { qosInRun, readStatsFile } from '../../../src/core/ingest/stats';
import { cells, tempFile } from './helpers';

const report = (id: string, timestamp: number | undefined, packetsReceived: number) => ({
  id,
  ...(timestamp === undefined ? {} : { timestamp }),
  type: 'inbound-rtp',
  kind: 'audio',
  packetsReceived,
});

/** One stats element at `t` (epoch ms) with the given inbound audio reports, and a network score. */
function element(t: number, reports: object[], mos: number) {
  const timestamp = new Date(t).toISOString();
  return {
    webrtcStats: [
      {
        event: 'stats',
        tag: 'stats',
        peerId: 'User2',
        connectionId: 'c',
        timestamp,
        data: { audio: { inbound: reports, outbound: [] }, video: { inbound: [], outbound: [] } },
      },
      { inbound: mos, outbound: mos, statsSamples: {} },
    ],
    timestamp,
    user: 'User1',
    session: 'LoadTestSession1',
  };
}

describe('qosInRun', () => {
  it('keeps the rows and scores of the window and the rows without a timestamp, in order', async () => {
    // Times 1,000 s, 2,000 s and 3,000 s; the window holds the second only.
    const file = tempFile(
      'run-window.json',
      JSON.stringify([
        element(1_000_000, [report('A', 1_000_000, 10)], 1.5),
        element(2_000_000, [report('B', 2_000_000, 20), report('C', undefined, 30)], 2.5),
        element(3_000_000, [report('D', 3_000_000, 40)], 3.5),
      ]),
    );
    const all = await readStatsFile(file);
    expect(all.tables.inbound_audio.rows).toBe(4);
    const run = qosInRun(all, { from: 1_500_000, to: 2_500_000 });
    const t = run.tables.inbound_audio;
    expect(t.rows).toBe(2);
    expect(cells(t, 'id')).toEqual(['B', 'C']);
    expect(cells(t, 'packetsReceived')).toEqual([20, 30]);
    expect(cells(t, 'timestamp')).toEqual([2_000_000, NaN]);
    expect(Array.from(t.element)).toEqual([1, 1]);
    expect(Array.from(t.source)).toEqual([0, 0]);
    expect(t.offset.length).toBe(2);
    expect(run.counts.rows.inbound_audio).toBe(2);
    expect(Array.from(run.networkScores.inbound)).toEqual([2.5]);
    expect(Array.from(run.networkScores.time)).toEqual([2_000_000]);
    // The input is not changed, and a window that holds everything gives the same object.
    expect(all.tables.inbound_audio.rows).toBe(4);
    expect(qosInRun(all, { from: 0, to: 4_000_000 }).tables.inbound_audio).toBe(
      all.tables.inbound_audio,
    );
    expect(qosInRun(all, undefined)).toBe(all);
  });
});
