/**
 * Model of the self-contained HTML report (`loadtest-lens report`), embedded in the page as JSON:
 * per test the decimated series the page draws, the load knees and capacity, the failure
 * taxonomy. Built by src/core/viewmodel/report.ts, drawn by src/webview/report/main.ts.
 */
import type { RunProgress, Taxonomy, TestLoad } from './loadResults';

export interface ReportTest {
  readonly name: string;
  readonly platform: string;
  readonly users: number;
  /** Null where the log alone cannot tell (2024 on: emulated users log no connection). */
  readonly connected: number | null;
  readonly failedUsers: number;
  readonly failureLines: number;
  readonly durationSeconds: number | null;
  /** Users connected after each change (s since the test start), and failure lines so far. */
  readonly progression: {
    readonly t: number[];
    readonly users: number[];
    readonly failures: number[];
  };
  /** Media-node CPU (%), s since the test start; min and max kept per bucket. */
  readonly cpu: { readonly t: number[]; readonly cpu: number[] };
  /** VMAF (0–100) of QoE segments against users connected. */
  readonly qoe: { readonly users: number[]; readonly vmaf: number[] };
  /** Fitted VMAF per user count (the knee model), if any. */
  readonly vmafCurve: { readonly users: number[]; readonly vmaf: number[] } | null;
  readonly load: TestLoad;
  /** Users started against planned, stop reason (a test that stopped early says so). */
  readonly progress: RunProgress;
  /** The same in words. */
  readonly progressText: string;
  readonly failures: Taxonomy;
  /**
   * The controller log's start-up parameter block (secrets redacted) and its topology lines, to
   * set two reports side by side (compare lists the differences: verdict.json `configDiff`).
   */
  readonly parameters: ReadonlyArray<{
    readonly section: string;
    readonly key: string;
    readonly value: string;
  }>;
}

export interface ReportModel {
  readonly root: string;
  readonly capacityVmaf: number;
  readonly tests: ReportTest[];
  readonly method: Readonly<Record<string, string>>;
}
