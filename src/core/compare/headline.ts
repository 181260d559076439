/**
 * One comparison in one phrase, for a notification or a CodeLens: the metric that says the most
 * about the change and its verdict, `QoE VMAF −3.1 vs previous (no detectable change)`. The
 * verdicts are the comparison's own (compareTests, compareRuns): nothing is recomputed here, a
 * metric is only picked and worded. The pick: a regression beyond the thresholds, else any
 * regression, else an improvement, else VMAF, else the first metric with both sides measured.
 */
import { formatWithUnit } from '../../shared/format';

/** What both comparisons' verdicts have (MetricVerdict, RunMetricVerdict). */
export interface HeadlineVerdict {
  readonly metric: string;
  readonly label: string;
  readonly unit: string;
  readonly baseline: number | null;
  readonly candidate: number | null;
  readonly verdict: string;
  readonly beyondThreshold: boolean;
}

const measured = (v: HeadlineVerdict): boolean => v.baseline !== null && v.candidate !== null;

/** The verdict the phrase is about, or undefined when no metric was measured on both sides. */
export function headlineMetric<V extends HeadlineVerdict>(verdicts: readonly V[]): V | undefined {
  const both = verdicts.filter(measured);
  return (
    both.find(v => v.beyondThreshold) ??
    both.find(v => v.verdict === 'regressed') ??
    both.find(v => v.verdict === 'improved') ??
    both.find(v => /vmaf/i.test(v.metric)) ??
    both[0]
  );
}

/**
 * `−3.10`, `+12.0 ms`: candidate − baseline with its unit and a true minus sign. A unit that
 * describes a scale (`VMAF 0–100`, `MOS 1–5`: it has a space) is left out: the label names it.
 */
export function signedDifference(v: HeadlineVerdict): string {
  const d = (v.candidate ?? 0) - (v.baseline ?? 0);
  const unit = /\s/.test(v.unit) ? '' : v.unit;
  return `${d < 0 ? '−' : '+'}${formatWithUnit(Math.abs(d), unit)}`;
}

/** `QoE VMAF −3.1 vs previous (no detectable change)`; `no metric measured on both runs`. */
export function headlineText(verdicts: readonly HeadlineVerdict[], against = 'previous'): string {
  const v = headlineMetric(verdicts);
  if (!v) return `no metric measured on both runs vs ${against}`;
  return `${v.label} ${signedDifference(v)} vs ${against} (${v.verdict})`;
}
