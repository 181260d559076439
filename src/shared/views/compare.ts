/**
 * The comparison of a baseline and one or more candidates: the host sends the whole view model
 * once; the page may ask to swap the baseline with a candidate (the comparison runs again).
 */
import { command, event } from '../ipc';
import type { FailureCausesVM } from './failureCauses';

export interface CompareSeriesVM {
  /** `<test> (<root folder>)`. */
  readonly label: string;
  readonly root: string;
  readonly test: string;
  /** Users connected after each change, s since the test start. */
  readonly users: { readonly t: number[]; readonly users: number[] };
  /** Media-node CPU % with the users connected at each sample. */
  readonly cpu: { readonly t: number[]; readonly users: number[]; readonly cpu: number[] };
  /** VMAF (0–100) of QoE segments: middle time and users connected. */
  readonly vmaf: { readonly t: number[]; readonly users: number[]; readonly vmaf: number[] };
  /** Connection-start time (s) per connection segment: start time and users connected. */
  readonly connection: {
    readonly t: number[];
    readonly users: number[];
    readonly seconds: number[];
  };
  /** Users connected where VMAF starts degrading (null: no knee). */
  readonly knee: number | null;
  readonly capacity: string | null;
}

export type ChangeVerdictVM =
  'improved' | 'regressed' | 'no detectable change' | 'underpowered' | 'no data';

export interface MetricVerdictRowVM {
  readonly metric: string;
  readonly unit: string;
  readonly verdict: ChangeVerdictVM;
  readonly baseline: number | null;
  readonly candidate: number | null;
  /** e.g. "δ -0.91 [-0.94, -0.89]" or "+12.5 pts [4.1, 20.9]". */
  readonly effect: string;
  readonly pAdjusted: number | null;
  readonly test: string;
}

/** Compare's baseline-vs-candidate pair: one change verdict per metric. */
export interface MetricComparisonVM {
  readonly baseline: string;
  readonly candidate: string;
  readonly rows: MetricVerdictRowVM[];
  readonly warnings: Array<{
    readonly message: string;
    readonly baseline: string;
    readonly candidate: string;
  }>;
  /** Users started of planned, most connected at once and the stop reason, per side. */
  readonly progress: { readonly baseline: string; readonly candidate: string };
  /** The controller parameters that differ, each "section › key: baseline → candidate". */
  readonly configDiff: readonly string[];
  /** Who fails across the two runs: failing users and failure causes, in both or only one. */
  readonly crossRun: ReadonlyArray<{
    readonly what: string;
    readonly text: string;
    /** Those that fail only in the candidate (at most 20 named). */
    readonly onlyCandidate: readonly string[];
  }>;
}

export interface CompareViewVM {
  readonly series: CompareSeriesVM[];
  readonly comparisons: MetricComparisonVM[];
  /** The failure causes of every test, in the order of `series`. */
  readonly failures: FailureCausesVM;
}

/** A candidate's index in the series: the baseline is 0, a comparison holds at most 50 tests. */
function isCandidateIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v < 50;
}

export const compare = {
  name: 'compare',
  inbound: {
    /** Make candidate `candidate` (its index in `series`, ≥ 1) the baseline, and the baseline that candidate. */
    swapSides: command('swapSides', m =>
      isCandidateIndex(m['candidate']) ? { candidate: m['candidate'] } : undefined,
    ),
  },
  events: {
    comparison: event('comparison').carries<{ readonly comparison: CompareViewVM }>(),
  },
} as const;
