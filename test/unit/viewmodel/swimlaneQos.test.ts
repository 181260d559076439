// The swimlane's QoS colouring from a hand-made QoS table; every expectation is worked out by
// hand from the rows below (1 s bins of the default profile, duration-weighted merges).
import { describe, expect, it } from 'vitest';
import { numberTable, qosTables } from '../qosTables';
import {
  bucketIntervals,
  QOS_VARIANTS,
  qosVariant,
  swimQosVM,
  userQosIntervals,
  userQosVM,
} from '../../../src/core/viewmodel/swimlaneQos';
import type { SwimRowVM } from '../../../src/shared/views/swimlane';

const ORIGIN = 1_000_000;

/** A table of `timestamp` (epoch ms) and `roundTripTime` rows, `source` per row. */
function table(rows: [number, number, number][]) {
  return numberTable(
    rows.map(r => r[0]),
    { timestamp: rows.map(r => r[1]), roundTripTime: rows.map(r => r[2]) },
  );
}

const tables = qosTables;

// User1: 0.5 s → 0.1 and 0.8 s → 0.3 (bin 0, mean 0.2); 1.2 s → 0.5 (bin 1); 3.1 s → 0.4 (bin 3).
// User2: 2.0 s has no value (skipped); 2.5 s → 0.05 (bin 2).
const RTT = tables({
  remote_inbound_video: table([
    [0, ORIGIN + 500, 0.1],
    [0, ORIGIN + 800, 0.3],
    [0, ORIGIN + 1200, 0.5],
    [0, ORIGIN + 3100, 0.4],
    [1, ORIGIN + 2000, NaN],
    [1, ORIGIN + 2500, 0.05],
  ]),
});

const row = (session: string, user: string): SwimRowVM => ({
  session,
  user,
  label: `S${session}-U${user}`,
  role: 'publisher',
  failed: false,
  batch: 0,
  segments: [],
});
const VM = { rows: [row('1', '1'), row('1', '2'), row('1', '3')], window: [0, 10] as const };
const rtt = qosVariant('outbound/rtt/video')!;
const BIG = { maxSegments: 100, pixels: 10 };

function close(got: readonly number[], want: readonly number[]): void {
  expect(got.length).toBe(want.length);
  got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
}

describe('QoS variants: the notebook’s draw_cons_plot_qos ranges', () => {
  it('offers RTT outbound, jitter, loss and bitrate both ways, for video and audio', () => {
    expect(QOS_VARIANTS).toHaveLength(14);
    expect(rtt).toEqual({
      key: 'outbound/rtt/video',
      direction: 'outbound',
      metric: 'rtt',
      media: 'video',
      unit: 'seconds',
      range: [0, 0.5],
      higherIsBetter: false,
      source: 'remote_inbound_video.roundTripTime',
    });
    expect(qosVariant('inbound/rtt/video')).toBeUndefined();
    expect(qosVariant('inbound/jitter/audio')).toMatchObject({
      range: [0, 0.1],
      higherIsBetter: false,
      source: 'inbound_audio.jitter',
    });
    expect(qosVariant('outbound/jitter/video')?.source).toBe('remote_inbound_video.jitter');
    expect(qosVariant('inbound/bitrate/video')).toMatchObject({
      range: [0, 1_500_000],
      higherIsBetter: true,
      unit: 'bitsPerSecond',
      source: 'inbound_video.bitrate',
    });
    expect(qosVariant('outbound/bitrate/audio')).toMatchObject({
      range: [0, 64_000],
      source: 'outbound_audio.bitrate',
    });
    expect(qosVariant('inbound/loss/video')).toMatchObject({
      unit: 'share',
      range: [0, 0.1],
      source: 'inbound_video.lossRatio',
    });
  });
});

describe('swimQosVM', () => {
  const intervals = userQosIntervals(RTT, rtt, ORIGIN);

  it('averages each user’s values over 1 s bins, per row in the swimlane’s order', () => {
    const vm = swimQosVM(VM, rtt, intervals, null, BIG);
    expect(vm.variant).toBe('outbound/rtt/video');
    expect(vm.mergeBelow).toBe(0);
    close(vm.rows[0]!, [0, 1, 0.2, 1, 2, 0.5, 3, 4, 0.4]);
    close(vm.rows[1]!, [2, 3, 0.05]);
    expect(vm.rows[2]).toEqual([]);
    expect(vm.empty).toBeUndefined();
  });

  it('merges contiguous intervals within time buckets to fit the budget', () => {
    // 4 intervals > 3: below = 10 s / 10 px = 1 s changes nothing; 2 s joins [0,1] and [1,2]
    // (mean (0.2 + 0.5) / 2 = 0.35); [3,4] is in the next bucket. 3 intervals fit.
    const vm = swimQosVM(VM, rtt, intervals, null, { maxSegments: 3, pixels: 10 });
    expect(vm.mergeBelow).toBe(2);
    close(vm.rows[0]!, [0, 2, 0.35, 3, 4, 0.4]);
    close(vm.rows[1]!, [2, 3, 0.05]);
  });

  it('sends only the intervals overlapping a zoomed range', () => {
    const vm = swimQosVM(VM, rtt, intervals, { start: 2.5, end: 10 }, BIG);
    expect(vm.range).toEqual({ start: 2.5, end: 10 });
    close(vm.rows[0]!, [3, 4, 0.4]);
    close(vm.rows[1]!, [2, 3, 0.05]);
  });

  it('says why there is nothing to draw when the table lacks the metric', () => {
    const jitter = qosVariant('inbound/jitter/video')!;
    const none = userQosIntervals(RTT, jitter, ORIGIN);
    expect(none).toBeUndefined();
    const vm = swimQosVM(VM, jitter, none, null, BIG);
    expect(vm.rows).toEqual([[], [], []]);
    expect(vm.empty).toContain('inbound_video.jitter');
  });
});

describe('bucketIntervals', () => {
  it('weights by duration and keeps gaps', () => {
    // [0,1]=1 and [1,3]=4 are contiguous: (1·1 + 4·2) / 3 = 3; [3.5,4] follows a gap.
    close(bucketIntervals([0, 1, 1, 1, 3, 4, 3.5, 4, 9], 10, 0), [0, 3, 3, 3.5, 4, 9]);
    close(bucketIntervals([0, 1, 1, 1, 3, 4], 0, 0), [0, 1, 1, 1, 3, 4]);
  });
});

describe("the detail panel's QoS figures of a user", () => {
  it('counts, averages and bounds each variant over the finite values of that user only', () => {
    // User1's RTT reports: 0.1, 0.3, 0.5, 0.4 → n 4, mean 1.3/4 = 0.325, min 0.1, max 0.5.
    const one = userQosVM(RTT, 't', '1', '1');
    expect(one).toMatchObject({ test: 't', session: '1', user: '1' });
    expect(one.figures).toHaveLength(1);
    const [f] = one.figures;
    expect(f).toMatchObject({ variant: 'outbound/rtt/video', n: 4, min: 0.1, max: 0.5 });
    expect(f!.mean).toBeCloseTo(0.325, 15);
    // User2: the NaN report is not counted → one value, 0.05.
    expect(userQosVM(RTT, 't', '1', '2').figures).toEqual([
      { variant: 'outbound/rtt/video', n: 1, mean: 0.05, min: 0.05, max: 0.05 },
    ]);
  });

  it('is empty for a user without reports and without stats', () => {
    expect(userQosVM(RTT, 't', '1', '3').figures).toEqual([]);
    expect(userQosVM(undefined, 't', '1', '1')).toEqual({
      test: 't',
      session: '1',
      user: '1',
      figures: [],
    });
  });
});
