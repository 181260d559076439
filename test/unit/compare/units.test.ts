// Unit tests of the comparison functions, with numbers derived by hand or from published tables.
import { describe, expect, it } from 'vitest';
import type { ConnectionStatsRow } from '../../../src/core/analysis/types';
import type { UserEvent } from '../../../src/core/ingest/events';
import {
  capacityOf,
  classify,
  isIceException,
  withLogCause,
  cohenH,
  connectedTimeline,
  decide,
  DEFAULT_CONFIG,
  fitHinge,
  kneeGrid,
  loadKnee,
  metricSpec,
  proportionPower,
  qoeScale,
  testContinuous,
  testProportion,
  twoProportionTest,
  usersConnectedAt,
  wilson,
  chooseTest,
} from '../../../src/core/compare';

function success(start: number, end: number): ConnectionStatsRow {
  return { type: 'connectionSuccess', start_time: start, end_time: end } as ConnectionStatsRow;
}

describe('two proportions', () => {
  it('z test: 10/50 vs 5/50 (pooled p 0.15, se √(0.15·0.85·2/50))', () => {
    const t = twoProportionTest(10, 50, 5, 50);
    expect(t.z).toBeCloseTo(0.1 / Math.sqrt(0.15 * 0.85 * 0.04), 12);
    expect(t.pvalue).toBeCloseTo(0.16142946236708333, 9);
  });
  it("Wilson's interval of 10/50 and Newcombe's example 56/70 − 48/80 (Newcombe 1998: 0.0524 to 0.3339)", () => {
    const [lo, hi] = wilson(10, 50);
    expect(lo).toBeCloseTo(0.1124, 4);
    expect(hi).toBeCloseTo(0.3304, 4);
    const t = twoProportionTest(56, 70, 48, 80);
    expect(t.low).toBeCloseTo(0.0524, 4);
    expect(t.high).toBeCloseTo(0.3339, 4);
  });
  it("Cohen's h and power (h = 0.5 with 64 per group: Cohen's table ≈ 0.80)", () => {
    expect(cohenH(0.2, 0.1)).toBeCloseTo(
      2 * Math.asin(Math.sqrt(0.2)) - 2 * Math.asin(Math.sqrt(0.1)),
      14,
    );
    expect(proportionPower(0.5, 64, 64)).toBeCloseTo(0.8074, 3);
    expect(proportionPower(0.5, 0, 64)).toBe(0);
  });
});

describe('users connected', () => {
  it('counts the intervals [start, end) containing an instant', () => {
    const tl = connectedTimeline([
      success(0, 10),
      success(5, 20),
      success(8, 9),
      { type: 'QOE', start_time: 0, end_time: 100 } as ConnectionStatsRow,
    ]);
    expect(usersConnectedAt(tl, -1)).toBe(0);
    expect(usersConnectedAt(tl, 5)).toBe(2);
    expect(usersConnectedAt(tl, 8.5)).toBe(3);
    expect(usersConnectedAt(tl, 9)).toBe(2);
    expect(usersConnectedAt(tl, 10)).toBe(1);
    expect(usersConnectedAt(tl, 20)).toBe(0);
  });
});

describe('segmented regression', () => {
  // y = 10 up to x = 8, then falls by 2 per unit: the knee is 8 by construction
  const pts = Array.from({ length: 21 }, (_, x) => ({ x, y: x <= 8 ? 10 : 10 - 2 * (x - 8) }));
  const xs = Float64Array.from(pts, p => p.x);
  const ys = Float64Array.from(pts, p => p.y);

  it('keeps ≥ 4 points below a candidate knee and ≥ 4 at or above it', () => {
    // 0..3 are the 4 points below 4; 17..20 the 4 points at or above 17
    expect(kneeGrid(xs)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
  });
  it('recovers an exact hinge: knee 8, slope 0 then −2', () => {
    const f = fitHinge(xs, ys);
    expect(f?.knee).toBe(8);
    expect(f?.a).toBeCloseTo(10, 9);
    expect(f?.b).toBeCloseTo(0, 9);
    expect(f?.c).toBeCloseTo(-2, 9);
    expect(f?.sse).toBeCloseTo(0, 9);
  });
  it('reports the knee with a bootstrap interval around it, and none on a straight line', () => {
    const r = loadKnee(pts, { worse: 'down', resamples: 100, seed: 1, alpha: 0.05 });
    expect(r.knee).toBe(8);
    expect(r.low).toBeGreaterThanOrEqual(7);
    expect(r.high).toBeLessThanOrEqual(9);
    const line = loadKnee(
      pts.map(p => ({ x: p.x, y: 3 - 0.5 * p.x + (p.x % 2) * 0.01 })),
      { worse: 'down', resamples: 20, seed: 1, alpha: 0.05 },
    );
    expect(line.knee).toBeNull();
    // a slope turning better (up) is not a degradation
    const up = loadKnee(
      pts.map(p => ({ x: p.x, y: 20 - p.y })),
      { worse: 'down', resamples: 20, seed: 1, alpha: 0.05 },
    );
    expect(up.knee).toBeNull();
  });
  it('capacity: 10 − 2(x − 8) ≥ 4 up to x = 11; censored when never crossed', () => {
    const f = fitHinge(xs, ys);
    if (!f) throw new Error('no fit');
    expect(capacityOf(f, 4, 0, 20)).toEqual({ value: 11, censored: false });
    expect(capacityOf(f, -100, 0, 20)).toEqual({ value: 20, censored: true });
    expect(capacityOf(f, 11, 0, 20)).toEqual({ value: null, censored: false });
  });
});

describe('verdicts', () => {
  const seq = (n: number, shift = 0): number[] =>
    Array.from({ length: n }, (_, i) => ((i * 37) % n) / n + shift);
  const rtt = metricSpec('rtt');
  const vmaf = metricSpec('vmaf');

  it('direction: a higher RTT is a regression, a higher VMAF an improvement', () => {
    const b = seq(40);
    const c = seq(40, 0.5);
    const [r, v] = decide(
      [testContinuous(rtt, b, c, DEFAULT_CONFIG), testContinuous(vmaf, b, c, DEFAULT_CONFIG)],
      DEFAULT_CONFIG,
    );
    expect(r?.verdict).toBe('regressed');
    expect(v?.verdict).toBe('improved');
    // every candidate value above every baseline one except the overlap of 0.5..1: δ = 1 − 2·P(overlap) > 0
    expect(r?.cliffsDelta?.estimate).toBeGreaterThan(0.7);
    expect(r?.shift?.estimate).toBeCloseTo(0.5, 1);
  });
  it('complete separation: δ = 1 exactly (every candidate RTT above every baseline one), a regression beyond the threshold', () => {
    const [r] = decide([testContinuous(rtt, seq(20), seq(20, 2), DEFAULT_CONFIG)], DEFAULT_CONFIG);
    // Every one of the 20 × 20 pairs has the candidate higher: δ = 400 / 400; every bootstrap
    // resample keeps the separation, so the interval is [1, 1].
    expect(r?.cliffsDelta).toEqual({ estimate: 1, low: 1, high: 1 });
    expect(r?.verdict).toBe('regressed');
    expect(r?.beyondThreshold).toBe(true);
    const [v] = decide([testContinuous(vmaf, seq(20), seq(20, 2), DEFAULT_CONFIG)], DEFAULT_CONFIG);
    expect(v?.verdict).toBe('improved');
    expect(v?.cliffsDelta?.estimate).toBe(1);
  });
  it('Holm: the smaller of two p-values is doubled', () => {
    const out = decide(
      [
        testContinuous(rtt, seq(40), seq(40, 0.5), DEFAULT_CONFIG),
        testContinuous(vmaf, seq(40), seq(40, 0.05), DEFAULT_CONFIG),
      ],
      DEFAULT_CONFIG,
    );
    const p = out.map(v => v.pvalue as number);
    const i = (p[0] as number) < (p[1] as number) ? 0 : 1;
    expect(out[i]?.pAdjusted).toBeCloseTo(Math.min(1, 2 * (p[i] as number)), 14);
  });
  it('underpowered with 5 per side, no detectable change with 400 per side', () => {
    const [small] = decide(
      [testContinuous(rtt, [1, 2, 3, 4, 5], [1.5, 2.5, 3.5, 4.5, 5.5], DEFAULT_CONFIG)],
      DEFAULT_CONFIG,
    );
    expect(small?.verdict).toBe('underpowered');
    expect(small?.power).toBeLessThan(0.8);
    const [big] = decide(
      [testContinuous(rtt, seq(400), seq(400, 0.001), DEFAULT_CONFIG)],
      DEFAULT_CONFIG,
    );
    expect(big?.verdict).toBe('no detectable change');
    expect(big?.power).toBeGreaterThan(0.99);
  });
  it('too few observations: no test, underpowered', () => {
    const [v] = decide([testContinuous(rtt, [1], [2, 3], DEFAULT_CONFIG)], DEFAULT_CONFIG);
    expect(v?.test).toBe('none');
    expect(v?.verdict).toBe('underpowered');
  });
  it('failure rate: 30/100 vs 5/100 regressed beyond the 5-point threshold', () => {
    const [v] = decide(
      [
        testProportion(
          metricSpec('failureRate'),
          { failed: 5, total: 100 },
          { failed: 30, total: 100 },
          DEFAULT_CONFIG,
        ),
      ],
      DEFAULT_CONFIG,
    );
    expect(v?.verdict).toBe('regressed');
    expect(v?.rateDifference?.estimate).toBeCloseTo(0.25, 14);
    expect(v?.beyondThreshold).toBe(true);
  });
  it('chooses Welch only when both samples look normal', () => {
    const normalish = Array.from(
      { length: 30 },
      (_, i) => Math.sqrt(2) * inverseErf((2 * (i + 0.5)) / 30 - 1),
    );
    expect(
      chooseTest(
        normalish,
        normalish.map(v => v + 1),
      ).test,
    ).toBe('welch');
    const skewed = Array.from({ length: 30 }, (_, i) => Math.exp(i / 3));
    expect(chooseTest(normalish, skewed).test).toBe('mann-whitney');
  });
  it('scales QoE to VMAF 0–100 and MOS 1–5', () => {
    expect(qoeScale('vmaf', 0.93)).toBeCloseTo(93, 12);
    expect(qoeScale('visqol', 0.5)).toBe(3);
  });
});

/** Inverse error function by bisection (independent of the code under test). */
function inverseErf(y: number): number {
  let lo = -6;
  let hi = 6;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (erf(mid) < y) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
function erf(x: number): number {
  // A&S 7.1.26 is too coarse for a bisection target; integrate exp(−t²) by Simpson instead
  const n = 400;
  const h = x / n;
  let s = 1 + Math.exp(-x * x);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * Math.exp(-((i * h) ** 2));
  return ((2 / Math.sqrt(Math.PI)) * s * h) / 3;
}

describe('failure causes', () => {
  const ev = (event: string, time: number, name?: string): UserEvent =>
    ({ event, key: event, time, index: 0, ...(name ? { name } : {}) }) as UserEvent;
  it('ICE exception, failed reconnection, plain disconnection, nothing', () => {
    expect(
      classify([ev('connectionStart', 0), ev('exception', 5000, 'ICE_CONNECTION_FAILED')], 5100),
    ).toBe('ice');
    expect(classify([ev('reconnecting', 1000), ev('sessionDisconnected', 6000)], 6100)).toBe(
      'reconnection failed',
    );
    expect(
      classify([ev('Reconnecting', 1000), ev('Reconnected', 2000), ev('Disconnected', 9000)], 9100),
    ).toBe('disconnected');
    expect(classify([ev('connectionStart', 0)], 2000)).toBe('no browser event');
    // an event more than 30 s before the log line is not its cause
    expect(classify([ev('exception', 0, 'ICE_CONNECTION_FAILED')], 40_000)).toBe(
      'no browser event',
    );
  });

  it('an ICE-candidate exception is ice, named ICE_CANDIDATE_ERROR or not (older emulators sent only its reason)', () => {
    const reason =
      'There was an unexpected error on the server-side processing an ICE candidate generated and sent by the client-side';
    const unnamed = { ...ev('exception', 5000), reason } as UserEvent;
    expect(classify([ev('exception', 5000, 'ICE_CANDIDATE_ERROR')], 5100)).toBe('ice');
    expect(classify([unnamed], 5100)).toBe('ice');
    expect(classify([ev('exception', 5000, 'NO_STREAM_PLAYING_EVENT')], 5100)).toBe('exception');
    expect(isIceException({ reason: 'Connection lost' })).toBe(false);
  });

  it('without a browser event, a report in errors.json within 30 s before the line is an exception', () => {
    const report = (time: number | undefined) => ({
      index: 0,
      text: 'OPENVIDU_PERMISSION_DENIED',
      time,
    });
    expect(classify([ev('connectionStart', 0)], 2000, [report(1500)])).toBe('exception');
    expect(classify([], 40_000, [report(10_500)])).toBe('exception');
    // Too early, or without a time (a bare string): not this failure's.
    expect(classify([], 40_000, [report(9_000)])).toBe('no browser event');
    expect(classify([], 40_000, [report(undefined)])).toBe('no browser event');
    // An event that says what happened comes first.
    expect(classify([ev('sessionDisconnected', 1000)], 2000, [report(1500)])).toBe('disconnected');
  });

  it("the log's own cause wins when it is ice or when the events say nothing", () => {
    expect(withLogCause('no browser event', 'ice')).toBe('ice');
    expect(withLogCause('exception', 'ice')).toBe('ice');
    expect(withLogCause('no browser event', 'exception')).toBe('exception');
    expect(withLogCause('disconnected', 'exception')).toBe('disconnected');
    expect(withLogCause('disconnected', undefined)).toBe('disconnected');
  });
});
