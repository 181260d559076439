/**
 * `summary.json` of `loadtest-lens analyze`: one typed, versioned document with, per test,
 * everything the other files hold except the raw rows (connection_stats and QoS rows are
 * counted, not repeated). Bump `schemaVersion` on any incompatible change.
 */
import type {
  BandStats,
  BasicsRow,
  ComparisonRow,
  Progression,
  QoePoint,
  SectionDiagnostic,
  SectionName,
} from '../analysis/downstream';
import type { TestCounts } from '../analysis/testSummary';
import type { Profile, QoeMetric } from '../analysis/types';

export const SUMMARY_SCHEMA = 'loadtest-lens.analyze.summary';
export const SUMMARY_SCHEMA_VERSION = 1;

export interface SummaryDiagnostic {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly test?: string;
  readonly section?: SectionName;
}

export interface SectionSummary {
  readonly section: SectionName;
  readonly label: string;
  readonly cpu_thresholds: readonly BandStats[];
  readonly basics: readonly BasicsRow[];
  readonly basics_clean: readonly BasicsRow[];
  readonly comparisons: readonly ComparisonRow[];
  readonly comparisons_clean: readonly ComparisonRow[];
  readonly diagnostics: readonly SectionDiagnostic[];
}

export interface QosTableSummary {
  readonly rows: number;
  readonly columns: readonly string[];
}

/** One test's entry in `summary.json` (the CLI document), not the analysed test of core/analysis. */
export interface SummaryDocumentTest {
  readonly name: string;
  /** connection_stats rows of this test (both passes in the notebook profile). */
  readonly connection_stats_rows: number;
  readonly duplicate_rows_dropped: number;
  readonly progression: Progression;
  readonly qoe_progression: Record<QoeMetric, readonly QoePoint[]>;
  readonly sections: readonly SectionSummary[];
  /** Per QoS table name; absent when the test has no stats folder. */
  readonly qos?: Readonly<Record<string, QosTableSummary>>;
}

export interface AnalyzeSummary {
  readonly schema: typeof SUMMARY_SCHEMA;
  readonly schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  readonly profile: Profile;
  readonly input: { readonly root?: string; readonly connectionStats?: string };
  readonly tests: readonly SummaryDocumentTest[];
  /**
   * Every test read from the root (analysed or not: a logs-only test has no rows) with its
   * users, sessions, connected users and failures, and where each count comes from.
   */
  readonly counts?: readonly TestCounts[];
  readonly diagnostics: readonly SummaryDiagnostic[];
  /** Every file written, relative to the output folder (what a later run may replace). */
  readonly files: readonly string[];
}

/** Whether a parsed JSON value is a summary written by `analyze` (any version). */
export function isAnalyzeSummary(value: unknown): value is { files?: unknown; schema: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { schema?: unknown }).schema === SUMMARY_SCHEMA
  );
}
