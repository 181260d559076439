/**
 * Kruskal–Wallis H test, as scipy 1.10 `kruskal(*samples)` (scipy/stats/_stats_py.py):
 * H = [12/(N(N+1))·Σ R_i²/n_i − 3(N+1)] / (1 − Σ(t³−t)/(N³−N)), p = χ²_{k−1}.sf(H)
 * (Kruskal & Wallis 1952, JASA 47:583; tie correction as in scipy `tiecorrect`).
 */
import { prepareGroups, type Groups } from './groups';
import type { Sample, SampleInput } from './sample';
import { chi2Sf } from './special';
import { notComputable, scipyError, scipyValue, type TestResult } from './result';

export type KruskalResult = TestResult<{ readonly df: number }>;

export function kruskal(...inputs: SampleInput[]): KruskalResult {
  return kruskalOf(prepareGroups(inputs));
}

/** `kruskal` on prepared samples (their pooled ranks are shared with other tests). */
export function kruskalOf(groups: Groups): KruskalResult {
  const k = groups.samples.length;
  if (k < 2) {
    return notComputable(
      groups.counts,
      'too_few_observations',
      'Kruskal–Wallis needs at least two samples.',
      scipyError('ValueError: Need at least two groups in kruskal'),
    );
  }
  if (groups.anyEmpty) {
    return notComputable(
      groups.counts,
      'too_few_observations',
      'Kruskal–Wallis needs at least one observation in each sample.',
      scipyValue(NaN, NaN),
    );
  }
  if (groups.identical) {
    return notComputable(
      groups.counts,
      'all_values_identical',
      'Every observation has the same value; H is 0/0.',
      scipyError('ValueError: All numbers are identical in kruskal'),
    );
  }
  const N = groups.total;
  const ranks = groups.ranks;
  const ties = 1 - ranks.tieTerm / (N * N * N - N);
  let ssbn = 0;
  for (let i = 0; i < k; i++)
    ssbn += (ranks.rankSums[i] as number) ** 2 / (groups.samples[i] as Sample).n;
  const h = ((12 / (N * (N + 1))) * ssbn - 3 * (N + 1)) / ties;
  return {
    ok: true,
    statistic: h,
    pvalue: chi2Sf(h, k - 1),
    df: k - 1,
    warnings: [],
    ...groups.counts,
  };
}
