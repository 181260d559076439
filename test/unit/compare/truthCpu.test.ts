// A candidate that degrades past a known media-node CPU (generator `--degrade-at cpu:C`): the
// VMAF knee against CPU must be found at the truth's CPU level, and the baseline must have none.
// Expected answers come from the generator's truth (its knee's CPU), never from the comparison.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompare } from '../../../src/cli/compare';
import {
  DEFAULT_CONFIG,
  DEFAULT_LOAD_CONFIG,
  type Comparison,
  type VerdictDocument,
} from '../../../src/core/compare';
import { defaultOptions, type Degradation } from '../../../src/generate/options';
import { planRoot } from '../../../src/generate/plan';
import { truthSummary } from '../../../src/generate/truth';
import { writeRoot } from '../../../src/generate/writer';
import type { RootPlan } from '../../../src/generate/model';
import { InlineRunner } from '../../../src/core/pipeline/runner';
import { loadRoot } from '../../../src/core/compare';
import { nodeSeriesVM } from '../../../src/core/viewmodel/overview';
import { swimKnees } from '../../../src/core/viewmodel/swimlaneKnees';

const TEST = 'loadtest-webrtc-2024-kurento-2p';
const CPU_KNEE = 0.2;
const DEGRADATION: Degradation = { on: 'cpu', at: CPU_KNEE, qoeSlope: 0.01, failureFactor: 1 };

async function root(dir: string, seed: string, degradation: Degradation | null): Promise<RootPlan> {
  const plan = planRoot({
    ...defaultOptions(),
    seed,
    tests: [TEST],
    sessionsByTest: { [TEST]: 40 },
    capacityScale: 8,
    statsSessions: 0,
    degradation,
  });
  await writeRoot(plan, dir);
  return plan;
}

function truthKnee(plan: RootPlan): { cpu: number; cpuMax: number } {
  const t = truthSummary(plan) as unknown as {
    tests: Array<{ cpuMax: number; degradation: { cpuAtKnee: number | null } | null }>;
  };
  const test = t.tests[0]!;
  return { cpu: test.degradation?.cpuAtKnee ?? NaN, cpuMax: test.cpuMax };
}

describe('compare on a pair degrading past a known CPU', () => {
  let dir = '';
  let cand: RootPlan;
  let comparison: Comparison;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ltl-compare-cpu-'));
    await root(join(dir, 'base'), 'base', null);
    cand = await root(join(dir, 'cand'), 'cand', DEGRADATION);
    const doc = (await runCompare(
      {
        baseline: join(dir, 'base'),
        candidate: join(dir, 'cand'),
        out: '',
        config: DEFAULT_CONFIG,
        load: DEFAULT_LOAD_CONFIG,
      },
      new InlineRunner(),
    )) as VerdictDocument;
    comparison = doc.comparisons[0] as Comparison;
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the run goes well past the knee (the truth)', () => {
    const t = truthKnee(cand);
    expect(t.cpu).toBeGreaterThanOrEqual(CPU_KNEE);
    expect(t.cpuMax).toBeGreaterThan(CPU_KNEE + 0.05);
  });

  it('finds the VMAF knee against CPU at the truth’s CPU, within its interval', () => {
    const knee = comparison.load.candidate.knees.find(k => k.metric === 'vmaf' && k.load === 'cpu');
    const truth = truthKnee(cand).cpu;
    expect(knee?.knee).not.toBeNull();
    expect(Math.abs((knee?.knee as number) - truth)).toBeLessThanOrEqual(0.03);
    expect(knee?.low as number).toBeLessThanOrEqual(truth + 0.03);
    expect(knee?.high as number).toBeGreaterThanOrEqual(truth - 0.03);
    expect(comparison.overall.find(v => v.metric === 'vmaf')?.verdict).toBe('regressed');
  });

  it('the swimlane marks the candidate’s VMAF knees where the load first reaches them', async () => {
    const [cand2] = (await loadRoot(join(dir, 'cand'), { runner: new InlineRunner() })).tests;
    const cpu = nodeSeriesVM(cand2!.summary)?.cpu ?? [];
    const marks = swimKnees(cand2!.rows, cpu);
    const vmafCpu = marks.find(k => k.metric === 'vmaf' && k.load === 'cpu');
    expect(vmafCpu).toBeDefined();
    // The first CPU sample at or above the knee, found here by scanning the series.
    const first = cpu.find(p => p[1] >= vmafCpu!.value);
    expect(vmafCpu!.time).toBe(first![0]);
    expect(vmafCpu!.label).toMatch(/^VMAF knee at CPU \d+ %/);
    const [base2] = (await loadRoot(join(dir, 'base'), { runner: new InlineRunner() })).tests;
    const baseMarks = swimKnees(base2!.rows, nodeSeriesVM(base2!.summary)?.cpu ?? []);
    expect(baseMarks.filter(k => k.metric === 'vmaf')).toEqual([]);
  });

  it('the baseline has no VMAF knee against CPU', () => {
    const b = comparison.load.baseline.knees.find(k => k.metric === 'vmaf' && k.load === 'cpu');
    expect(b?.knee).toBeNull();
  });
});
