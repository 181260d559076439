/**
 * Result types shared by every test in this module.
 *
 * A test either computes (`ok: true`, with scipy's field names `statistic`, `pvalue`, …) or is not
 * computable (`ok: false`) with a machine-readable `reason`, a human `message`, and `scipy`: what
 * scipy 1.10 itself returns for the same input (a value, possibly NaN, or the exception it raises),
 * so that a table can still reproduce the notebook cell by cell. Nothing here throws.
 *
 * Both variants carry `n` (the observations used, per sample, after NaN removal), `nan_dropped`
 * (the NaN removed per sample) and `warnings` (scipy's warning messages, verbatim).
 */

export type NotComputableReason =
  /** A sample is empty, or too small for the statistic to exist (e.g. Shapiro–Wilk with n < 3). */
  | 'too_few_observations'
  /** Every observation (all samples pooled) has the same value. */
  | 'all_values_identical'
  /** One input of a correlation is constant, so the coefficient is undefined. */
  | 'constant_input'
  /** Paired inputs of different lengths. */
  | 'length_mismatch';

/** What scipy 1.10 returns for an input that this module reports as not computable. */
export type ScipyOutcome =
  | { readonly kind: 'value'; readonly statistic: number; readonly pvalue: number }
  | { readonly kind: 'error'; readonly error: string };

interface Common {
  /** Observations used per sample (after NaN removal). */
  readonly n: readonly number[];
  /** NaN values removed per sample before the test. */
  readonly nan_dropped: readonly number[];
  /** scipy's warning messages for this input, verbatim. */
  readonly warnings: readonly string[];
}

export interface NotComputable extends Common {
  readonly ok: false;
  readonly reason: NotComputableReason;
  readonly message: string;
  /** What scipy 1.10 (or the notebook's arithmetic) gives instead; absent where neither applies. */
  readonly scipy?: ScipyOutcome;
}

export type Computed<Extra extends object = object> = Common & {
  readonly ok: true;
  readonly statistic: number;
  readonly pvalue: number;
} & Extra;

export type TestResult<Extra extends object = object> = Computed<Extra> | NotComputable;

/** Sizes and NaN counts of the samples a result was computed from. */
export interface SampleCounts {
  readonly n: readonly number[];
  readonly nan_dropped: readonly number[];
}

export function notComputable(
  counts: SampleCounts,
  reason: NotComputableReason,
  message: string,
  scipy?: ScipyOutcome,
  warnings: readonly string[] = [],
): NotComputable {
  const base = {
    ok: false as const,
    reason,
    message,
    warnings,
    n: counts.n,
    nan_dropped: counts.nan_dropped,
  };
  return scipy ? { ...base, scipy } : base;
}

export function scipyValue(statistic: number, pvalue: number): ScipyOutcome {
  return { kind: 'value', statistic, pvalue };
}

export function scipyError(error: string): ScipyOutcome {
  return { kind: 'error', error };
}

/**
 * The pair `[statistic, pvalue]` as scipy would return it (the notebook stores these tuples):
 * the computed values, scipy's own NaN/fallback values, or `null` where scipy raises.
 */
export function scipyTuple(result: TestResult): [number, number] | null {
  if (result.ok) return [result.statistic, result.pvalue];
  const s = result.scipy;
  return s?.kind === 'value' ? [s.statistic, s.pvalue] : null;
}

/** A point estimate (effect size, shift, …) or why it cannot be computed. */
export type Estimate<Extra extends object = object> =
  (Common & { readonly ok: true; readonly estimate: number } & Extra) | NotComputable;
