// Load knees on generated tests whose truth is known (docs/generator.md, "A degraded candidate"):
// a step of VMAF past a user count and past a CPU level, a bend past a user count (users
// triggered: its CPU knee must be the CPU at that load), two changes, a connection-time step past
// a CPU level, and no change. Expected values come from the generator's truth (`truthSummary`:
// the first second each change point is reached, its users and CPU; the batch size) and from the
// plan's own CPU series and connected users (one CPU plateau), never from the code under test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_LOAD_CONFIG, loadRoot } from '../../../src/core/compare';
import { loadOfRows, type Knee, type TestLoad } from '../../../src/core/compare/compare';
import { defaultOptions, type Degradation } from '../../../src/generate/options';
import { planRoot } from '../../../src/generate/plan';
import { connectedAt } from '../../../src/generate/qoe';
import { truthSummary } from '../../../src/generate/truth';
import { writeRoot } from '../../../src/generate/writer';
import type { TestPlan } from '../../../src/generate/model';
import { InlineRunner } from '../../../src/core/pipeline/runner';

const TEST = 'loadtest-webrtc-2024-kurento-2p';

interface Truth {
  batchSize: number;
  cpuMax: number;
  degradation: {
    usersAtKnee: number | null;
    cpuAtKnee: number | null;
    usersAtSecond: number | null;
    cpuAtSecond: number | null;
  } | null;
}

interface Case {
  readonly sessions: number;
  /** Media-node capacity × this: the higher, the lower the CPU at a given load. */
  readonly scale: number;
  readonly degradation: Degradation | null;
}

const CASES = {
  // VMAF −8 from 96 users on; the CPU stays below the generator's own QoE onset (0.6)
  stepUsers: {
    sessions: 56,
    scale: 10,
    degradation: { on: 'users', at: 96, qoeSlope: 0, qoeStep: 0.08, failureFactor: 1 },
  },
  // VMAF −8 from CPU 0.69 on (the generator's own QoE onset at CPU 0.6 comes first)
  stepCpu: {
    sessions: 48,
    scale: 5,
    degradation: { on: 'cpu', at: 0.69, qoeSlope: 0, qoeStep: 0.08, failureFactor: 1 },
  },
  // flat until 64 users, then 1 VMAF point lost per user: users-triggered, CPU ≈ 0.5 there
  bendUsers: {
    sessions: 48,
    scale: 6,
    degradation: { on: 'users', at: 64, qoeSlope: 0.01, failureFactor: 1 },
  },
  // a bend at 40 users (0.4 VMAF point per user) and a step of −8 at 80 users
  two: {
    sessions: 56,
    scale: 10,
    degradation: {
      on: 'users',
      at: 40,
      qoeSlope: 0.004,
      failureFactor: 1,
      second: { at: 80, qoeSlope: 0, qoeStep: 0.08 },
    },
  },
  // connection setup × 1.5 from CPU 0.40 on, QoE untouched
  connection: {
    sessions: 48,
    scale: 6,
    degradation: { on: 'cpu', at: 0.4, qoeSlope: 0, connectionFactor: 1.5, failureFactor: 1 },
  },
  // no change, the CPU below the generator's own QoE onset
  none: { sessions: 48, scale: 12, degradation: null },
} satisfies Record<string, Case>;

type Name = keyof typeof CASES;

interface Result {
  readonly plan: TestPlan;
  readonly truth: Truth;
  readonly load: TestLoad;
}

const results = new Map<Name, Result>();
let dir = '';

async function run(name: Name): Promise<Result> {
  const c: Case = CASES[name];
  const plan = planRoot({
    ...defaultOptions(),
    seed: `knees-${name}`,
    tests: [TEST],
    sessionsByTest: { [TEST]: c.sessions },
    capacityScale: c.scale,
    statsSessions: 0,
    degradation: c.degradation,
  });
  const root = join(dir, name);
  await writeRoot(plan, root);
  const [test] = (await loadRoot(root, { runner: new InlineRunner() })).tests;
  const truth = (truthSummary(plan) as unknown as { tests: Truth[] }).tests[0] as Truth;
  return {
    plan: plan.tests[0] as TestPlan,
    truth,
    load: loadOfRows(test!.rows, DEFAULT_CONFIG, DEFAULT_LOAD_CONFIG),
  };
}

function knee(r: Result, metric: Knee['metric'], load: Knee['load']): Knee {
  const k = r.load.knees.find(x => x.metric === metric && x.load === load);
  if (!k) throw new Error(`no ${metric}/${load} entry`);
  return k;
}

/**
 * One CPU plateau around a user count: the CPU of every second of the plan during which the
 * users connected were within one batch of it.
 */
function cpuPlateau(r: Result, users: number): [number, number] {
  const t = r.plan;
  const cpus: number[] = [];
  t.cpu.cpu.forEach((cpu, i) => {
    const at = t.cpu.startAt + i * t.cpu.stepMs;
    if (at < t.testStartAt || at > t.testEndAt) return;
    if (Math.abs(connectedAt(t.users, at) - users) <= r.truth.batchSize) cpus.push(cpu);
  });
  return [Math.min(...cpus), Math.max(...cpus)];
}

/** The change point (knee or knee2) nearest the truth, with its interval. */
function nearest(k: Knee, truth: number): { at: number; low: number; high: number } | null {
  const found = [
    { at: k.knee, low: k.low, high: k.high },
    { at: k.knee2, low: k.low2, high: k.high2 },
  ].filter((c): c is { at: number; low: number; high: number } => c.at !== null);
  found.sort((p, q) => Math.abs(p.at - truth) - Math.abs(q.at - truth));
  return found[0] ?? null;
}

function expectUsersKnee(
  r: Result,
  k: { at: number; low: number; high: number } | null,
  truth: number,
): void {
  expect(k).not.toBeNull();
  expect(Math.abs(k!.at - truth)).toBeLessThanOrEqual(r.truth.batchSize);
  expect(k!.low).toBeLessThanOrEqual(truth);
  expect(k!.high).toBeGreaterThanOrEqual(truth);
}

function expectCpuKnee(
  r: Result,
  k: { at: number; low: number; high: number } | null,
  truth: number,
  users: number,
): void {
  const [lo, hi] = cpuPlateau(r, users);
  expect(lo).toBeLessThanOrEqual(truth);
  expect(k).not.toBeNull();
  expect(k!.at).toBeGreaterThanOrEqual(lo);
  expect(k!.at).toBeLessThanOrEqual(hi);
  expect(k!.low).toBeLessThanOrEqual(truth);
  expect(k!.high).toBeGreaterThanOrEqual(truth);
}

const first = (k: Knee) => (k.knee === null ? null : { at: k.knee, low: k.low!, high: k.high! });
const second = (k: Knee) =>
  k.knee2 === null ? null : { at: k.knee2, low: k.low2!, high: k.high2! };

describe('load knees against the generator’s truth', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ltl-knees-'));
    for (const name of Object.keys(CASES) as Name[]) results.set(name, await run(name));
  }, 240_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const get = (name: Name): Result => {
    const r = results.get(name) as Result;
    if (process.env.KNEES_DEBUG)
      console.log(
        name,
        JSON.stringify(r.truth.degradation),
        JSON.stringify(r.load.knees.map(({ fit: _f, ...k }) => k)),
      );
    return r;
  };

  it('a VMAF step past 96 users: the VMAF knee against users within one batch, its interval reaching it', () => {
    const r = get('stepUsers');
    const truth = r.truth.degradation!.usersAtKnee!;
    expect(truth).toBeGreaterThanOrEqual(96);
    expectUsersKnee(r, first(knee(r, 'vmaf', 'users')), truth);
  });

  it('a VMAF step past CPU 0.69: one of the VMAF change points against CPU within one CPU plateau', () => {
    const r = get('stepCpu');
    const d = r.truth.degradation!;
    expect(d.cpuAtKnee).toBeGreaterThanOrEqual(0.69);
    const k = knee(r, 'vmaf', 'cpu');
    expectCpuKnee(r, nearest(k, d.cpuAtKnee!), d.cpuAtKnee!, d.usersAtKnee!);
  });

  it('a users-triggered bend past 64 users: the users knee, and as CPU knee the CPU at that load', () => {
    const r = get('bendUsers');
    const d = r.truth.degradation!;
    expectUsersKnee(r, first(knee(r, 'vmaf', 'users')), d.usersAtKnee!);
    // the CPU when 64 users were first connected, not the CPU where the fit against CPU bends
    expectCpuKnee(r, first(knee(r, 'vmaf', 'cpu')), d.cpuAtKnee!, d.usersAtKnee!);
    expect(knee(r, 'vmaf', 'cpu').follows).toBe(knee(r, 'vmaf', 'users').follows);
  });

  it('two changes (a bend at 40 users, a step at 80): both found, each interval reaching its truth', () => {
    const r = get('two');
    const d = r.truth.degradation!;
    const k = knee(r, 'vmaf', 'users');
    expect(k.model).toBe('two');
    expectUsersKnee(r, first(k), d.usersAtKnee!);
    expectUsersKnee(r, second(k), d.usersAtSecond!);
  });

  it('connection time × 1.5 past CPU 0.40: a connection-time knee against CPU within one CPU plateau', () => {
    const r = get('connection');
    const d = r.truth.degradation!;
    expectCpuKnee(r, first(knee(r, 'connectionTime', 'cpu')), d.cpuAtKnee!, d.usersAtKnee!);
  });

  it('no change: no VMAF or connection-time knee against users or CPU', () => {
    const r = get('none');
    expect(r.truth.cpuMax).toBeLessThan(0.6);
    for (const k of r.load.knees)
      expect([k.metric, k.load, k.knee]).toEqual([k.metric, k.load, null]);
  });
});
