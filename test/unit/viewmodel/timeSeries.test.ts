import { describe, expect, it } from 'vitest';
import { QOS_TABLE_NAMES, type QosTable, type QosTables } from '../../../src/core/ingest/stats';
import { chartVM, qosSource, type TimeSeriesSource } from '../../../src/core/viewmodel/timeSeries';

const point = (timestamp: number, number: number) => ({
  timestamp,
  number,
  user: '1',
  session: '1',
});

/** A test of 100 s: two publishers join at 5 s and 8 s, one leaves at 50 s. */
const source: TimeSeriesSource = {
  test: 't-2p',
  origin: 1_700_000_000_000,
  window: [0, 100],
  progression: {
    publishers: [point(5, 1), point(8, 2), point(50, 1)],
    subscribers: [point(5, 0), point(8, 0), point(50, 0)],
    streams_in: [point(5, 2), point(8, 4), point(50, 2)],
    streams_out: [point(5, 0), point(8, 4), point(50, 0)],
  },
  qoe: {
    vmaf: [
      { time_group: 10, qoe: 0.9 },
      { time_group: 11, qoe: 0.5 },
    ],
    visqol: [{ time_group: 10, qoe: 0.75 }],
  },
  cpu: { xs: [-2, 0, 60, 120], ys: [0.1, 0.2, 0.8, 0.3] },
  memory: { xs: [0, 60], ys: [0.4, 0.5] },
};

describe('chartVM: progression counts with CPU', () => {
  it('draws the four counts as steps on the count axis and CPU on the 0–1 axis', () => {
    const c = chartVM(source, { key: 'progression', columns: 1000 });
    expect(c.lines.map(l => [l.id, l.axis, l.stepped])).toEqual([
      ['publishers', 'y', true],
      ['subscribers', 'y', true],
      ['streams_in', 'y', true],
      ['streams_out', 'y', true],
      ['cpu', 'node', false],
    ]);
    expect(c.lines[0]).toMatchObject({ xs: [5, 8, 50], ys: [1, 2, 1], unit: 'count' });
    expect(c.lines[3]).toMatchObject({ xs: [5, 8, 50], ys: [0, 4, 0] });
    // The window is the test's [0, 100] widened to the CPU samples at −2 s and 120 s.
    expect(c.window).toEqual([-2, 120]);
    expect(c.range).toEqual([-2, 120]);
    expect(c.decimated).toBe(false);
    expect(c.empty).toBeUndefined();
  });

  it('cuts a zoomed range, keeping one neighbour each side', () => {
    const c = chartVM(source, { key: 'progression', range: [6, 40], columns: 1000 });
    expect(c.range).toEqual([6, 40]);
    expect(c.window).toEqual([-2, 120]);
    expect(c.lines[0]).toMatchObject({ xs: [5, 8, 50], ys: [1, 2, 1] });
    expect(c.lines[4]).toMatchObject({ xs: [0, 60], ys: [0.2, 0.8] });
  });

  it('says plainly when nobody connected (CPU alone is not data)', () => {
    const none = {
      ...source,
      progression: { publishers: [], subscribers: [], streams_in: [], streams_out: [] },
    };
    expect(chartVM(none, { key: 'progression', columns: 500 }).empty).toMatch(/No user connected/);
  });
});

describe('chartVM: QoE progression on the scales users know', () => {
  it('writes VMAF as 0–100 and ViSQOL as MOS 1–5 (stored 0–1: ×100, 1 + 4x)', () => {
    const c = chartVM(source, { key: 'qoe', columns: 500 });
    expect(c.lines.find(l => l.id === 'vmaf')).toMatchObject({
      xs: [10, 11],
      ys: [90, 50],
      axis: 'y',
    });
    expect(c.lines.find(l => l.id === 'visqol')).toMatchObject({ xs: [10], ys: [4], axis: 'y2' });
    expect(c.lines.map(l => l.id)).toEqual(['vmaf', 'visqol', 'cpu', 'memory']);
    expect(c.axes.map(a => [a.id, a.min, a.max])).toEqual([
      ['y', 0, 100],
      ['y2', 1, 5],
      ['node', 0, 1],
    ]);
  });

  it('says there is no QoE when the test has none', () => {
    const c = chartVM({ ...source, qoe: { vmaf: [], visqol: [] } }, { key: 'qoe', columns: 500 });
    expect(c.empty).toMatch(/No QoE values/);
  });
});

/** A QoS table with only the columns the charts read. */
function table(columns: Record<string, number[]>, lossRatio: number[] = []): QosTable {
  const rows = columns['timestamp']?.length ?? 0;
  return {
    rows,
    columns: Object.entries(columns).map(([name, v]) => ({
      name,
      kind: 'number' as const,
      values: Float64Array.from(v),
    })),
    source: new Int32Array(rows),
    element: new Int32Array(rows),
    offset: new Float64Array(rows),
    lossRatio: Float64Array.from(lossRatio.length ? lossRatio : Array(rows).fill(NaN)),
    packetsPerSecond: Float64Array.from(
      (columns['packetRate'] ?? Array(rows).fill(NaN)).map(v => v / 8),
    ),
  };
}

const empty = table({});

function tables(parts: Partial<Record<keyof QosTables['tables'], QosTable>>): QosTables {
  return {
    sources: [],
    tables: Object.fromEntries(
      QOS_TABLE_NAMES.map(n => [n, parts[n] ?? empty]),
    ) as QosTables['tables'],
    networkScores: undefined as never,
    counts: undefined as never,
    diagnostics: [],
  };
}

describe('chartVM: QoS over time, mean with the min–max band across users', () => {
  const t0 = source.origin!;
  // Two users' inbound video reports in second 3 (jitter 0.01 and 0.05) and one in second 4.
  const qos = qosSource(
    tables({
      inbound_video: table(
        {
          timestamp: [t0 + 3000, t0 + 3900, t0 + 4100],
          jitter: [0.01, 0.05, 0.02],
          bitrate: [0, 800_000, 1_200_000],
          packetRate: [800, 640, 0],
        },
        [0, 0.1, 0.2],
      ),
      remote_inbound_audio: table({ timestamp: [t0 + 1000], roundTripTime: [0.3] }),
    }),
    t0,
  );

  it('groups per second since the test start with the jitter threshold of 0.03 s', () => {
    const c = chartVM(source, { key: 'qos/inbound/jitter', columns: 500 }, qos);
    expect(c.bands).toEqual([
      {
        id: 'video',
        label: 'Video Jitter, inbound',
        axis: 'y',
        unit: 'seconds',
        xs: [3, 4],
        mean: [expect.closeTo(0.03, 15), 0.02],
        min: [0.01, 0.02],
        max: [0.05, 0.02],
        n: [2, 1],
      },
    ]);
    expect(c.thresholds).toEqual([{ axis: 'y', value: 0.03, label: 'threshold 0.03 s' }]);
  });

  it('drops rates ≤ 0, writes packet rates per second (÷ 8) and loss as our loss ratio', () => {
    const bitrate = chartVM(source, { key: 'qos/inbound/bitrate', columns: 500 }, qos);
    expect(bitrate.bands[0]).toMatchObject({ xs: [3, 4], mean: [800_000, 1_200_000] });
    const rate = chartVM(source, { key: 'qos/inbound/packetRate', columns: 500 }, qos);
    expect(rate.bands[0]).toMatchObject({ xs: [3], mean: [90], min: [80], max: [100] });
    const loss = chartVM(source, { key: 'qos/inbound/loss', columns: 500 }, qos);
    expect(loss.bands[0]).toMatchObject({ xs: [3, 4], mean: [0.05, 0.2] });
  });

  it('takes outbound RTT from the receiver’s reports, with the 0.25 s threshold', () => {
    const c = chartVM(source, { key: 'qos/outbound/rtt', columns: 500 }, qos);
    expect(c.bands.map(b => [b.id, b.xs, b.mean])).toEqual([['audio', [1], [0.3]]]);
    expect(c.thresholds[0]?.value).toBe(0.25);
  });

  it('says why a QoS chart is empty: still reading, no stats.json, no such metric', () => {
    expect(chartVM(source, { key: 'qos/outbound/rtt', columns: 500 }).empty).toMatch(/Reading/);
    const none = qosSource(undefined, t0);
    expect(chartVM(source, { key: 'qos/inbound/jitter', columns: 500 }, none).empty).toMatch(
      /no stats\.json/,
    );
    expect(chartVM(source, { key: 'qos/outbound/bitrate', columns: 500 }, qos).empty).toBe(
      'No bitrate in the outbound reports of this test.',
    );
  });

  it('stays within two rows per pixel column whatever the samples (payload bound)', () => {
    const n = 200_000;
    const ts = Array.from({ length: n }, (_, i) => t0 + i * 100);
    const big = qosSource(
      tables({ inbound_video: table({ timestamp: ts, jitter: ts.map((_, i) => (i % 13) / 100) }) }),
      t0,
    );
    const c = chartVM(source, { key: 'qos/inbound/jitter', columns: 800 }, big);
    expect(c.decimated).toBe(true);
    expect(c.bands[0]!.xs.length).toBeLessThanOrEqual(1600);
    expect(Math.max(...c.bands[0]!.max)).toBe(0.12);
    const zoomed = chartVM(
      source,
      { key: 'qos/inbound/jitter', range: [100, 200], columns: 800 },
      big,
    );
    expect(zoomed.decimated).toBe(false);
    expect(zoomed.bands[0]!.xs).toEqual(Array.from({ length: 103 }, (_, i) => 99 + i));
  });
});
