// Generated pairs whose truth is known: a candidate degrading past a known number of users, and a
// pair with no change (same options, another seed). Expected answers come from the generator's
// truth (knee, slope, QoE model, batch size), never from the comparison's output.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCommand, runCompare } from '../../../src/cli/compare';
import { readFile } from 'node:fs/promises';
import {
  DEFAULT_CONFIG,
  DEFAULT_LOAD_CONFIG,
  type Comparison,
  type FailureCause,
  type VerdictDocument,
} from '../../../src/core/compare';
import { defaultOptions, type Degradation } from '../../../src/generate/options';
import { planRoot } from '../../../src/generate/plan';
import { truthSummary } from '../../../src/generate/truth';
import { writeRoot } from '../../../src/generate/writer';
import type { RootPlan } from '../../../src/generate/model';
import { InlineRunner } from '../../../src/core/pipeline/runner';

const TEST = 'loadtest-webrtc-2024-kurento-2p';
const DEGRADATION: Degradation = { on: 'users', at: 30, qoeSlope: 0.01, failureFactor: 15 };

async function root(dir: string, seed: string, degradation: Degradation | null): Promise<RootPlan> {
  const plan = planRoot({
    ...defaultOptions(),
    seed,
    tests: [TEST],
    sessionsByTest: { [TEST]: 40 },
    capacityScale: 8,
    statsSessions: 6,
    statsInterval: 4,
    statsPoll: 2,
    degradation,
  });
  await writeRoot(plan, dir);
  return plan;
}

interface TestTruth {
  batchSize: number;
  cpuMax: number;
  maxConnected: number;
  degradation: (Degradation & { usersAtKnee: number }) | null;
  failureLines: unknown[];
  users: Array<{
    attempts: Array<{
      failure: { cause: string; lines: Array<{ via: string }> } | null;
      reconnects: Array<{ recovered: boolean }>;
    }>;
  }>;
}

function truthOf(plan: RootPlan): { test: TestTruth; vmafBase: number; cpuOnset: number } {
  const t = truthSummary(plan) as unknown as {
    tests: TestTruth[];
    qoeModel: { vmafBase: number; cpuOnset: number };
  };
  return { test: t.tests[0] as TestTruth, ...t.qoeModel };
}

async function compare(b: string, c: string): Promise<Comparison> {
  const runner = new InlineRunner();
  const doc = (await runCompare(
    {
      baseline: b,
      candidate: c,
      out: '',
      config: DEFAULT_CONFIG,
      load: DEFAULT_LOAD_CONFIG,
    },
    runner,
  )) as VerdictDocument;
  expect(typeof doc).toBe('object');
  return doc.comparisons[0] as Comparison;
}

/** The cause the taxonomy must give each failure line, from the truth's cause and trigger. */
function expectedCauses(t: TestTruth): FailureCause[] {
  return t.users.flatMap(u =>
    u.attempts.flatMap(a =>
      (a.failure?.lines ?? []).map((l): FailureCause => {
        if (l.via === 'http') return 'no browser event';
        if (l.via === 'exception') return 'ice';
        const lost = a.reconnects.some(r => !r.recovered);
        return lost ? 'reconnection failed' : 'disconnected';
      }),
    ),
  );
}

describe('compare on generated pairs with a known truth', () => {
  let dir = '';
  let base: RootPlan;
  let cand: RootPlan;
  let regression: Comparison;
  let noChange: Comparison;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ltl-compare-'));
    base = await root(join(dir, 'base'), 'base', null);
    cand = await root(join(dir, 'cand'), 'cand', DEGRADATION);
    await root(join(dir, 'same'), 'same', null);
    regression = await compare(join(dir, 'base'), join(dir, 'cand'));
    noChange = await compare(join(dir, 'base'), join(dir, 'same'));
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const verdict = (c: Comparison, metric: string): string | undefined =>
    c.overall.find(v => v.metric === metric)?.verdict;

  it('the truth keeps the CPU below the QoE onset, so the injected knee is the only one', () => {
    const t = truthOf(base);
    expect(t.test.cpuMax).toBeLessThan(t.cpuOnset);
    expect(truthOf(cand).test.cpuMax).toBeLessThan(t.cpuOnset);
    expect(truthOf(cand).test.degradation?.usersAtKnee).toBeGreaterThanOrEqual(DEGRADATION.at);
  });

  it('finds the regressed QoE and failure rate of the candidate', () => {
    expect(verdict(regression, 'vmaf')).toBe('regressed');
    expect(verdict(regression, 'visqol')).toBe('regressed');
    expect(verdict(regression, 'failureRate')).toBe('regressed');
    expect(regression.overall.find(v => v.metric === 'vmaf')?.beyondThreshold).toBe(true);
  });

  it('places the candidate’s VMAF knee at the truth’s users, within one batch', () => {
    const t = truthOf(cand).test;
    const knee = regression.load.candidate.knees.find(
      k => k.metric === 'vmaf' && k.load === 'users',
    );
    const truthKnee = t.degradation?.usersAtKnee as number;
    expect(knee?.knee).not.toBeNull();
    expect(Math.abs((knee?.knee as number) - truthKnee)).toBeLessThanOrEqual(t.batchSize);
    expect(knee?.low as number).toBeLessThanOrEqual(truthKnee + t.batchSize);
    expect(knee?.high as number).toBeGreaterThanOrEqual(truthKnee - t.batchSize);
    // no knee in the baseline, whose QoE does not depend on the load below the CPU onset
    const b = regression.load.baseline.knees.find(k => k.metric === 'vmaf' && k.load === 'users');
    expect(b?.knee).toBeNull();
  });

  it('states the capacity the truth implies: knee + (VMAF base − limit) / slope users', () => {
    const t = truthOf(cand);
    const limit = DEFAULT_LOAD_CONFIG.capacityVmaf;
    const expected = DEGRADATION.at + (100 * t.vmafBase - limit) / (100 * DEGRADATION.qoeSlope);
    const cap = regression.load.candidate.capacity;
    expect(cap?.censored).toBe(false);
    expect(Math.abs((cap?.users as number) - expected)).toBeLessThanOrEqual(t.test.batchSize);
    expect(cap?.low as number).toBeLessThanOrEqual(expected + t.test.batchSize);
    expect(cap?.high as number).toBeGreaterThanOrEqual(expected - t.test.batchSize);
    expect(cap?.statement).toMatch(/^up to \d+ users per media node with median VMAF ≥ 80/);
    // the baseline never drops below the limit: a lower bound at its load
    const bc = regression.load.baseline.capacity;
    expect(bc?.censored).toBe(true);
    expect(bc?.users as number).toBeLessThanOrEqual(truthOf(base).test.maxConnected);
  });

  it('tests the QoS metrics within the CPU bands too, with no regression without a change', () => {
    const QOS = ['rtt', 'jitter', 'packetLoss', 'bitrate'];
    const inBands = noChange.bands.flatMap(b => b.verdicts.filter(v => QOS.includes(v.metric)));
    expect(inBands.some(v => v.n[0] > 0 && v.n[1] > 0)).toBe(true);
    expect(inBands.filter(v => v.verdict === 'regressed' || v.verdict === 'improved')).toEqual([]);
  });

  it('gives no detectable change (or underpowered) on the pair without a change', () => {
    for (const v of noChange.overall)
      expect(['no detectable change', 'underpowered']).toContain(v.verdict);
    expect(verdict(noChange, 'vmaf')).toBe('no detectable change');
    expect(noChange.comparability).toEqual([]);
  });

  it('classifies every failure line as the truth’s cause', () => {
    const t = truthOf(cand).test;
    const got = regression.failures.candidate.points.map(p => p.cause).sort();
    expect(got).toEqual(expectedCauses(t).sort());
    expect(got.length).toBe(t.failureLines.length);
  });

  it('the CLI writes verdict.json and exits 1 on the regression, 0 without a change', async () => {
    const io = { out: '', err: '' };
    const cli = {
      stdout: (t: string) => void (io.out += t),
      stderr: (t: string) => void (io.err += t),
    };
    const out = join(dir, 'out-regression');
    expect(await compareCommand([join(dir, 'base'), join(dir, 'cand'), '--out', out], cli)).toBe(1);
    const doc = JSON.parse(await readFile(join(out, 'verdict.json'), 'utf8')) as VerdictDocument;
    expect(doc.schema).toBe('loadtest-lens/verdict');
    expect(doc.version).toBe(2);
    expect(doc.failing.map(f => f.metric).sort()).toEqual(
      doc.comparisons[0]?.overall
        .filter(v => v.beyondThreshold)
        .map(v => v.metric)
        .sort(),
    );
    expect(doc.failing.map(f => f.metric)).toContain('vmaf');
    expect(io.err).toMatch(/regression beyond threshold: .* vmaf/);
    // the candidate degrades past 30 users (the truth): its VMAF knee against users is listed
    expect(io.out).toMatch(
      /knees candidate: VMAF vs users (hinge|step|step\+hinge|two) at \d+ \[\d+–\d+\]/,
    );
    const gate = (failOn: string): string[] => [
      join(dir, 'base'),
      join(dir, 'cand'),
      '--out',
      `${out}-${failOn}`,
      '--fail-on',
      failOn,
    ];
    expect(await compareCommand(gate('regression'), cli)).toBe(1);
    expect(await compareCommand(gate('never'), cli)).toBe(0);
    expect(
      await compareCommand(
        [join(dir, 'base'), join(dir, 'same'), '--out', join(dir, 'out-same')],
        cli,
      ),
    ).toBe(0);
  }, 60_000);
});
