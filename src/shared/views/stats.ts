/**
 * The statistics of a test or of every test pooled: the host answers `statsQuery` (a section and
 * an optional comparison of two CPU ranges the user picked) with the whole view model.
 */
import { command, event } from '../ipc';
import { oneOf } from './checks';

/** The test key of the statistics panel of every test pooled (a test folder is never `*`). */
export const ALL_TESTS = '*';

/** The comparison sections of the notebook (src/core/analysis/downstream/sections.ts). */
export type StatsSectionVM =
  | 'qoe_vmaf'
  | 'qoe_visqol'
  | 'connection_start'
  | 'connection_start_publishers'
  | 'connection_start_subscribers';

/** A CPU range `[low, high)`; `high` null = no upper bound. */
export type CpuRangeVM = readonly [number, number | null];

/** Tukey box of one group (NaN dropped): whiskers at the extreme values inside the IQR fences. */
export interface BoxVM {
  readonly n: number;
  readonly nanDropped: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly mean: number;
  readonly whiskerLow: number;
  readonly whiskerHigh: number;
  /** Values outside [q1 − 1.5·IQR, q3 + 1.5·IQR] (the notebook's outliers). */
  readonly outliers: readonly number[];
}

/** Gaussian kernel density (Scott's bandwidth, cut 2 bandwidths past the data), host-computed. */
export interface DensityVM {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly bandwidth: number;
}

export interface DistributionVM {
  readonly label: string;
  /** null when the group has no value. */
  readonly box: BoxVM | null;
  /** Empty when there are fewer than two distinct values. */
  readonly density: DensityVM;
}

/** `[cpu_median, metric]` of one row. */
/** [median CPU, metric value, full_user] of one row. */
export type ScatterPointVM = readonly [number, number, string];

/** A statistic and its p-value, or why it is missing. */
export type StatValueVM =
  | { readonly statistic: number; readonly pvalue?: number; readonly detail?: string }
  | { readonly missing: string };

export interface AssumptionVM {
  /** `Normality of X (Shapiro–Wilk)`, `Equal variance (Brown–Forsythe)`. */
  readonly label: string;
  readonly raw: { readonly pvalue: number; readonly holds: boolean } | null;
  readonly clean: { readonly pvalue: number; readonly holds: boolean } | null;
}

export interface StatTestRowVM {
  /** The notebook's key (`p-value (MWU)` family, `Shapiro X`, …). */
  readonly key: string;
  readonly label: string;
  readonly raw: StatValueVM;
  readonly clean: StatValueVM;
  /** What the test assumes, with the tests that check it. */
  readonly assumptions: readonly AssumptionVM[];
}

export interface IntervalVM {
  readonly key: string;
  readonly label: string;
  readonly raw: StatIntervalVM;
  readonly clean: StatIntervalVM;
}

export type StatIntervalVM =
  | {
      readonly estimate: number;
      readonly low: number;
      readonly high: number;
      readonly level: number;
      readonly method: string;
    }
  | { readonly missing: string };

export interface BasicsRowVM {
  /** The notebook's key: `mean(X)`, `median diff %`, `len(outliers(Y))`, … */
  readonly key: string;
  readonly raw: number;
  readonly clean: number;
}

export interface CaseVM {
  readonly id: string;
  readonly X: string;
  readonly Y: string;
  readonly custom: boolean;
  readonly groups: readonly [DistributionVM, DistributionVM];
  /** Points of X then Y (at most `STATS_MAX_POINTS` each, evenly thinned). */
  readonly scatter: readonly [readonly ScatterPointVM[], readonly ScatterPointVM[]];
  readonly basics: readonly BasicsRowVM[];
  readonly tests: readonly StatTestRowVM[];
  readonly intervals: readonly IntervalVM[];
  /** Plain-language readings generated from the statistics (raw, outlier-cleaned). */
  readonly reading: { readonly raw: string; readonly clean: string };
}

export interface BandRowVM {
  readonly threshold: string;
  readonly n: number;
  readonly median: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly std: number;
}

export interface BandTableVM {
  readonly section: StatsSectionVM;
  readonly title: string;
  /** The metric's label in the notebook's column names. */
  readonly label: string;
  readonly rows: readonly BandRowVM[];
}

/** Connection-start durations per role, per batch, and against CPU. */
export interface StartsVM {
  readonly roles: readonly DistributionVM[];
  readonly batches: readonly DistributionVM[];
  /** Publishers' then subscribers' `[cpu_median, duration]`. */
  readonly scatter: readonly [readonly ScatterPointVM[], readonly ScatterPointVM[]];
}

export interface StatsVM {
  /** The test, or null for every test of the root pooled. */
  readonly test: string | null;
  readonly root: string;
  /** Tests whose rows are in the figures. */
  readonly tests: readonly string[];
  readonly sections: readonly {
    readonly name: StatsSectionVM;
    readonly title: string;
    readonly rows: number;
  }[];
  readonly section: StatsSectionVM;
  /** The metric's label (`VMAF`, `connection start duration (seconds)`). */
  readonly metric: string;
  readonly bandTables: readonly BandTableVM[];
  readonly cases: readonly CaseVM[];
  readonly custom: { readonly x: CpuRangeVM; readonly y: CpuRangeVM } | null;
  readonly starts: StartsVM | null;
  /** Findings of the comparisons (not computable tests, empty groups). */
  readonly notes: readonly string[];
}

/* ---------- Participants overview (the second notebook applied to load-test users) ---------- */

const STATS_SECTIONS: readonly StatsSectionVM[] = [
  'qoe_vmaf',
  'qoe_visqol',
  'connection_start',
  'connection_start_publishers',
  'connection_start_subscribers',
];

/** CPU bounds a user may pick (CPU is a 0–1 share; a few cores' worth of headroom). */
const MAX_CPU_BOUND = 16;

function isBound(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_CPU_BOUND;
}

/** `[low, high)` with `high` null (no upper bound) or above `low`. */
function cpuRange(v: unknown): CpuRangeVM | undefined {
  if (!Array.isArray(v) || v.length !== 2) return undefined;
  const [low, high] = v as unknown[];
  if (!isBound(low)) return undefined;
  if (high === null) return [low, null];
  return isBound(high) && high > low ? [low, high] : undefined;
}

export interface StatsQuery {
  readonly section: StatsSectionVM;
  readonly custom: { readonly x: CpuRangeVM; readonly y: CpuRangeVM } | null;
}

function statsQuery(m: Readonly<Record<string, unknown>>): StatsQuery | undefined {
  const section = oneOf(STATS_SECTIONS, m['section']);
  if (!section) return undefined;
  if (m['custom'] === null) return { section, custom: null };
  const c = m['custom'];
  if (typeof c !== 'object' || c === null) return undefined;
  const x = cpuRange((c as Record<string, unknown>)['x']);
  const y = cpuRange((c as Record<string, unknown>)['y']);
  return x && y ? { section, custom: { x, y } } : undefined;
}

export const stats = {
  name: 'stats',
  inbound: {
    statsQuery: command('statsQuery', statsQuery),
  },
  events: {
    stats: event('stats').carries<{ readonly stats: StatsVM }>(),
  },
} as const;
