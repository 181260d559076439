// Today's runs compared with statistics (src/core/runs/compareRuns.ts) on generated pairs whose
// truth is known: a candidate generated with a media-node CPU or bitrate factor (recorded in its
// truth) regresses on that metric; a candidate with the same options and another seed shows no
// change; test cases of other participants are not compared; an invalid side is flagged.
import { describe, expect, it } from 'vitest';
import { compareRuns, shiftedTPower, type RunSide } from '../../../src/core/runs/compareRuns';
import { summarizeRun } from '../../../src/core/runs/summary';
import type { RunGenOptions, RunTruth } from '../../../src/generate/runs';
import { generatedRun } from './runs';

/** A long hold: 20 Prometheus samples and 60 Metricbeat samples per steady window. */
const BASE: Partial<RunGenOptions> = { scenarios: ['4', '8'], holdSeconds: 600 };

async function side(
  patch: Partial<RunGenOptions>,
  only?: number,
): Promise<RunSide & { truth: RunTruth }> {
  const { run, truth } = await generatedRun({ ...BASE, ...patch });
  return { run, summary: summarizeRun(run), truth, ...(only !== undefined ? { only } : {}) };
}

/** The metric ids the truth's factors move, and the direction that is worse. */
function shiftedMetrics(truth: RunTruth): string[] {
  return [
    ...(truth.factors.cpu > 1 ? ['cpu medianode'] : []),
    ...(truth.factors.bitrate < 1 ? ['bandwidth_in', 'bandwidth_out'] : []),
  ];
}

describe('two generated runs of the same platform', () => {
  it('give no regression and no improvement (same options, another seed)', async () => {
    const b = await side({});
    const c = await side({ seed: 'another seed' });
    const cmp = compareRuns(b, c);
    expect(cmp.schema).toBe('loadtest-lens/run-compare');
    expect(cmp.version).toBe(1);
    expect(cmp.pairs.map(p => p.key)).toEqual(['N:N 4', 'N:N 8']);
    expect(cmp.unmatched).toEqual([]);
    for (const p of cmp.pairs) {
      expect(p.flags).toEqual([]);
      for (const v of p.verdicts)
        expect(['no detectable change', 'underpowered'], `${p.key} ${v.metric}`).toContain(
          v.verdict,
        );
      // The CPU series has 60 samples per window: the test has the power to say "no change".
      expect(p.verdicts.find(v => v.metric === 'cpu medianode')!.verdict).toBe(
        'no detectable change',
      );
    }
    expect(cmp.failing).toEqual([]);
  });
});

describe('a candidate with a known platform shift', () => {
  it.each([[{ cpu: 1.2, bitrate: 1 }], [{ cpu: 1, bitrate: 0.85 }]])(
    'regresses on the metrics its truth moves (%o), and only there',
    async factors => {
      const b = await side({});
      const c = await side({ seed: 'candidate', factors });
      const shifted = shiftedMetrics(c.truth);
      expect(shifted.length).toBeGreaterThan(0);
      const cmp = compareRuns(b, c);
      for (const p of cmp.pairs) {
        for (const v of p.verdicts) {
          if (shifted.includes(v.metric)) {
            expect(v.verdict, `${p.key} ${v.metric}`).toBe('regressed');
            expect(v.beyondThreshold).toBe(true);
            expect(v.difference!.low * v.difference!.high).toBeGreaterThan(0);
          } else if (v.metric !== 'nack_rate')
            // NACKs are a share of the packets sent: fewer packets, fewer NACKs.
            expect(v.verdict, `${p.key} ${v.metric}`).not.toBe('regressed');
        }
      }
      if (c.truth.factors.cpu !== 1) {
        // Media CPU = 4 % idle + load + noise uniform on [0, 1.5 %] (mean 0.75 %); the factor
        // multiplies the load: the true difference is 0.2 × (baseline − 4.75 %).
        const v = cmp.pairs[0]!.verdicts.find(x => x.metric === 'cpu medianode')!;
        const truth = (v.baseline! - 4.75) * 0.2;
        expect(v.difference!.low).toBeLessThan(truth + 0.1);
        expect(v.difference!.high).toBeGreaterThan(truth - 0.1);
      }
      expect(cmp.failing.map(f => f.metric).sort()).toEqual(
        cmp.pairs.flatMap(() => shifted).sort(),
      );
    },
  );
});

describe('which test cases are compared', () => {
  it('pairs by topology and participants, and says which did not match', async () => {
    const b = await side({ scenarios: ['4', '8'] });
    const c = await side({ seed: 'c', scenarios: ['4', '16'] });
    const cmp = compareRuns(b, c);
    expect(cmp.pairs.map(p => p.key)).toEqual(['N:N 4']);
    expect(cmp.unmatched.map(u => [u.side, u.index])).toEqual([
      ['baseline', 2],
      ['candidate', 2],
    ]);
    expect(cmp.unmatched[0]!.reason).toBe(
      'no candidate test case with N:N 8 × 4 sessions (candidate has N:N 4 × 4 sessions, N:N 16 × 4 sessions)',
    );
  });
  it('does not pair test cases configured with other sessions (another total load)', async () => {
    const b = await side({ scenarios: ['4'] });
    const c = await side({ seed: 'c', scenarios: ['4'], sessions: 5 });
    const cmp = compareRuns(b, c);
    expect(cmp.pairs).toEqual([]);
    expect(cmp.unmatched[0]!.reason).toBe(
      'no candidate test case with N:N 4 × 4 sessions (candidate has N:N 4 × 5 sessions)',
    );
    expect(cmp.configDiff).toContainEqual({
      path: 'testcases[0].sessions',
      baseline: '4',
      candidate: '5',
      defaulted: [false, false],
    });
  });
  it('compares only the test cases asked for (#N)', async () => {
    const b = await side({}, 2);
    const c = await side({ seed: 'c' }, 2);
    const cmp = compareRuns(b, c);
    expect(cmp.pairs.map(p => [p.baseline.index, p.candidate.index])).toEqual([[2, 2]]);
    expect(cmp.baseline.case).toBe(2);
  });
  it('flags an invalid side beside its verdicts', async () => {
    const b = await side({ scenarios: ['4'] });
    const c = await side({ seed: 'c', scenarios: ['4'], trips: ['generatorSaturation'] });
    const [pair] = compareRuns(b, c).pairs;
    expect(pair!.candidate.validity).toBe('invalid');
    expect(pair!.flags.join('\n')).toMatch(/^candidate is INVALID: .*Load generator saturation/m);
    expect(pair!.verdicts.length).toBeGreaterThan(0);
  });
  it('says "no data" for a metric one side does not have', async () => {
    const b = await side({ scenarios: ['4'] });
    // Without the Elasticsearch exports there is no per-node CPU (Metricbeat).
    const c = await side({ seed: 'c', scenarios: ['4'], metricsExport: false });
    const v = compareRuns(b, c).pairs[0]!.verdicts.find(x => x.metric === 'cpu medianode')!;
    expect(v.verdict).toBe('no data');
    expect(v.reason).toBe('the candidate has no cpu medianode series');
    expect(compareRuns(b, c).pairs[0]!.flags).toContain(
      "candidate's platform metrics are rebuilt from the report's sparklines (no Elasticsearch export): 0.3 % of their range, estimated times",
    );
  });
});

describe('power of the t test on the bootstrap se', () => {
  it('is 80 % when the effect is (z₀.₉₇₅ + z₀.₈₀) standard errors, df → ∞', () => {
    // 1.959964 + 0.841621 (normal tables): Φ(0.841621) = 0.8, plus the far tail Φ(−4.76) ≈ 1e-6.
    expect(shiftedTPower(2.801585, 1, 1e7, 0.05)).toBeCloseTo(0.8, 4);
  });
  it('is lower with few blocks (df = 2) for the same effect', () => {
    expect(shiftedTPower(2.801585, 1, 2, 0.05)).toBeLessThan(0.4);
  });
  it('is 1 without noise', () => {
    expect(shiftedTPower(0, 0, 3, 0.05)).toBe(1);
  });
});
