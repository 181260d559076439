// A candidate that degrades past a known load: QoE penalty, failure factor and the truth's knee.
import { describe, expect, it } from 'vitest';
import { parseGenerateArgs } from '../../../src/cli/generate';
import type { RootPlan, TestPlan } from '../../../src/generate/model';
import {
  defaultOptions,
  loadExcess,
  pastKnee,
  validateOptions,
  type Degradation,
  type GenerateOptions,
} from '../../../src/generate/options';
import { planRoot } from '../../../src/generate/plan';
import { Rng } from '../../../src/generate/prng';
import { cutScores } from '../../../src/generate/qoe';
import { truthSummary } from '../../../src/generate/truth';

const TEST = 'loadtest-webrtc-2024-kurento-2p';

function options(seed: string, degradation: Degradation | null): GenerateOptions {
  return {
    ...defaultOptions(),
    seed,
    tests: [TEST],
    sessionsByTest: { [TEST]: 30 },
    capacityScale: 8,
    stats: false,
    degradation,
  };
}

interface KneeTruth {
  reached: boolean;
  usersAtKnee: number;
  kneeAt: string;
}

function kneeOf(plan: RootPlan): KneeTruth {
  const tests = truthSummary(plan).tests as Array<{ degradation: KneeTruth }>;
  return tests[0]?.degradation as KneeTruth;
}

/** Users whose truth intervals contain the instant: recomputed here from the plan's users. */
function usersConnected(test: TestPlan, at: number): number {
  return test.users.filter(u => u.intervals.some(([s, e]) => s <= at && at < e)).length;
}

function failedUsers(plan: RootPlan): number {
  return (plan.tests[0] as TestPlan).users.filter(u => u.attempts.some(a => a.failure)).length;
}

describe('degradation options', () => {
  it('counts the load past the knee in users or in hundredths of CPU', () => {
    const users: Degradation = { on: 'users', at: 40, qoeSlope: 0.01, failureFactor: 3 };
    const cpu: Degradation = { on: 'cpu', at: 0.5, qoeSlope: 0.01, failureFactor: 3 };
    expect(loadExcess(users, 39, 0.9)).toBe(0);
    expect(loadExcess(users, 46, 0.1)).toBe(6);
    expect(loadExcess(cpu, 100, 0.45)).toBe(0);
    expect(loadExcess(cpu, 0, 0.62)).toBeCloseTo(12, 10);
    expect(pastKnee(users, 40, 0)).toBe(true);
    expect(pastKnee(users, 39, 1)).toBe(false);
    expect(pastKnee(cpu, 0, 0.5)).toBe(true);
    expect(pastKnee(null, 1000, 1)).toBe(false);
  });

  it('takes away the penalty from VMAF and 0.6 of it from ViSQOL', () => {
    const plain = cutScores('kurento', 0.3, new Rng('x'));
    const hit = cutScores('kurento', 0.3, new Rng('x'), 0.1);
    expect(hit.vmaf).toBeCloseTo(plain.vmaf - 0.1, 3);
    expect(hit.visqol).toBeCloseTo(plain.visqol - 0.06, 3);
  });

  it('refuses a knee that cannot be reached or a negative slope', () => {
    const bad = (d: Degradation): string[] =>
      validateOptions({ ...defaultOptions(), degradation: d });
    expect(bad({ on: 'users', at: NaN, qoeSlope: 0.01, failureFactor: 1 })[0]).toMatch(
      /--degrade-at/,
    );
    expect(bad({ on: 'users', at: 0, qoeSlope: 0.01, failureFactor: 1 })).toHaveLength(1);
    expect(bad({ on: 'cpu', at: 1.2, qoeSlope: 0.01, failureFactor: 1 })).toHaveLength(1);
    expect(bad({ on: 'cpu', at: 0.5, qoeSlope: -1, failureFactor: 1 })).toHaveLength(1);
    expect(bad({ on: 'cpu', at: 0.5, qoeSlope: 0.02, failureFactor: 4 })).toEqual([]);
  });

  it('parses --degrade-at, --degrade-qoe and --degrade-failures', () => {
    const p = parseGenerateArgs([
      '--out',
      '/tmp/x',
      '--degrade-at',
      'cpu:0.55',
      '--degrade-failures=7',
    ]);
    expect(p.options.degradation).toEqual({
      on: 'cpu',
      at: 0.55,
      qoeSlope: 0.01,
      failureFactor: 7,
    });
    expect(() => parseGenerateArgs(['--degrade-at', 'load:3'])).toThrow(/users:N or cpu:C/);
    expect(() => parseGenerateArgs(['--degrade-qoe', 'lots'])).toThrow(/needs a number/);
  });
});

describe('a degraded candidate', () => {
  const knee = 30;
  const degraded = planRoot(
    options('cand', { on: 'users', at: knee, qoeSlope: 0.01, failureFactor: 1 }),
  );
  const plain = planRoot(options('cand', null));

  it('writes the first second with ≥ knee users connected as the truth', () => {
    const truth = kneeOf(degraded);
    const test = degraded.tests[0] as TestPlan;
    const at = Date.parse(truth.kneeAt);
    expect(truth.reached).toBe(true);
    expect(usersConnected(test, at)).toBe(truth.usersAtKnee);
    expect(truth.usersAtKnee).toBeGreaterThanOrEqual(knee);
    expect(usersConnected(test, at - 1000)).toBeLessThan(knee);
  });

  it('keeps every QoE cut before the knee and lowers those past it (same seed, no failure factor)', () => {
    // failureFactor 1: the simulation is identical, only the cut scores change
    const a = (plain.tests[0] as TestPlan).qoe.flatMap(q => q.cuts);
    const b = (degraded.tests[0] as TestPlan).qoe.flatMap(q => q.cuts);
    expect(b.length).toBe(a.length);
    const lowered = b.filter((c, i) => c.vmaf < (a[i]?.vmaf ?? 0) - 1e-9).length;
    const unchanged = b.filter((c, i) => c.vmaf === a[i]?.vmaf).length;
    expect(lowered).toBeGreaterThan(0);
    expect(unchanged).toBeGreaterThan(0);
    expect(lowered + unchanged).toBe(b.length);
  });

  it('fails more users past the knee with a failure factor', () => {
    const seeds = ['s1', 's2', 's3'];
    const count = (factor: number): number =>
      seeds
        .map(s =>
          failedUsers(
            planRoot(options(s, { on: 'users', at: knee, qoeSlope: 0, failureFactor: factor })),
          ),
        )
        .reduce((x, y) => x + y, 0);
    expect(count(20)).toBeGreaterThan(3 * count(1));
  });

  it('has no degradation truth without the option', () => {
    expect(truthSummary(plain).tests).toHaveLength(1);
    expect(
      (truthSummary(plain).tests as Array<{ degradation: unknown }>)[0]?.degradation,
    ).toBeNull();
  });
});
