// A candidate that degrades past a known load: QoE penalty, failure factor and the truth's knee.
import { describe, expect, it } from 'vitest';
import { generateCommand, parseGenerateArgs } from '../../../src/cli/generate';
import type { RootPlan, TestPlan } from '../../../src/generate/model';
import {
  defaultOptions,
  loadExcess,
  pastKnee,
  qoePenalty,
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

describe('steps, connection time and a second change point', () => {
  const d: Degradation = {
    on: 'users',
    at: 40,
    qoeSlope: 0.01,
    qoeStep: 0.08,
    failureFactor: 1,
    second: { at: 60, qoeSlope: 0.02, qoeStep: 0.05 },
  };

  it('adds each change’s slope and step past its load', () => {
    expect(qoePenalty(d, 39, 0)).toBe(0);
    expect(qoePenalty(d, 40, 0)).toBeCloseTo(0.08, 12); // the step alone at the knee
    expect(qoePenalty(d, 45, 0)).toBeCloseTo(0.05 + 0.08, 12);
    expect(qoePenalty(d, 60, 0)).toBeCloseTo(0.2 + 0.08 + 0.05, 12);
    expect(qoePenalty(d, 62, 0)).toBeCloseTo(0.22 + 0.08 + 0.04 + 0.05, 12);
  });

  it('refuses a step outside [0, 1], a factor ≤ 0 and a second change not above the knee', () => {
    const bad = (x: Partial<Degradation>): string[] =>
      validateOptions({ ...defaultOptions(), degradation: { ...d, ...x } });
    expect(bad({})).toEqual([]);
    expect(bad({ qoeStep: 1.5 })).toEqual(['degradation QoE step must be in [0, 1]']);
    expect(bad({ connectionFactor: 0 })).toEqual(['degradation connection factor must be > 0']);
    expect(bad({ second: { at: 40, qoeSlope: 0.01, qoeStep: 0 } })).toEqual([
      'the second change point must be above the knee',
    ]);
    expect(bad({ second: { at: 50, qoeSlope: 0, qoeStep: 0 } })[0]).toMatch(/slope or step/);
    expect(bad({ second: { at: NaN, qoeSlope: 0, qoeStep: 0.1 } })[0]).toMatch(/--degrade-second/);
  });

  it('parses the new flags and exits 2 on a bad value', async () => {
    const p = parseGenerateArgs([
      '--degrade-at',
      'users:40',
      '--degrade-qoe',
      '0',
      '--degrade-step',
      '0.08',
      '--degrade-connection',
      '1.5',
      '--degrade-second',
      '80',
      '--degrade-second-step',
      '0.05',
    ]);
    expect(p.options.degradation).toEqual({
      on: 'users',
      at: 40,
      qoeSlope: 0,
      failureFactor: 1,
      qoeStep: 0.08,
      connectionFactor: 1.5,
      second: { at: 80, qoeSlope: 0, qoeStep: 0.05 },
    });
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => void err.push(t) };
    const args = ['--out', '/tmp/ltl-never-written', '--degrade-at', 'users:40'];
    expect(await generateCommand([...args, '--degrade-connection', '-1'], io)).toBe(2);
    expect(
      await generateCommand(
        [...args, '--degrade-second', '20', '--degrade-second-step', '0.1'],
        io,
      ),
    ).toBe(2);
    expect(await generateCommand([...args, '--degrade-step', 'big'], io)).toBe(2);
    expect(err.join('')).toMatch(/connection factor/);
  });

  it('writes the first second past the second change point as the truth', () => {
    const plan = planRoot(
      options('cand', { ...d, second: { at: 45, qoeSlope: 0, qoeStep: 0.05 } }),
    );
    const t = (truthSummary(plan).tests as Array<{ degradation: Record<string, unknown> }>)[0]!
      .degradation;
    const test = plan.tests[0] as TestPlan;
    const at = Date.parse(t.secondAt as string);
    expect(t.secondReached).toBe(true);
    expect(usersConnected(test, at)).toBe(t.usersAtSecond);
    expect(t.usersAtSecond as number).toBeGreaterThanOrEqual(45);
    expect(usersConnected(test, at - 1000)).toBeLessThan(45);
  });

  it('multiplies the connection setup by the factor past the knee', () => {
    // knee at 1 user: every attempt but those launched with nobody connected yet
    const setup = (f: number): number[] => {
      const plan = planRoot(
        options('conn', { on: 'users', at: 1, qoeSlope: 0, failureFactor: 1, connectionFactor: f }),
      );
      return (plan.tests[0] as TestPlan).users.flatMap(u =>
        u.attempts.filter(a => a.connectedAt !== null).map(a => a.connectedAt! - a.startAt),
      );
    };
    const median = (v: number[]): number => v.sort((p, q) => p - q)[v.length >> 1] as number;
    const ratio = median(setup(1.5)) / median(setup(1));
    expect(ratio).toBeGreaterThan(1.4);
    expect(ratio).toBeLessThan(1.6);
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
