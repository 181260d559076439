// The one-phrase verdict of a comparison (notification, CodeLens): which metric is picked and
// how it is worded, on hand-made verdicts (differences worked out by hand).
import { describe, expect, it } from 'vitest';
import {
  headlineMetric,
  headlineText,
  type HeadlineVerdict,
} from '../../../src/core/compare/headline';

function v(
  metric: string,
  baseline: number | null,
  candidate: number | null,
  verdict: string,
  beyondThreshold = false,
  unit = '',
): HeadlineVerdict {
  return {
    metric,
    label: metric.toUpperCase(),
    unit,
    baseline,
    candidate,
    verdict,
    beyondThreshold,
  };
}

describe('headline verdict', () => {
  it('says VMAF when nothing changed', () => {
    const verdicts = [
      v('connectionTime', 100, 110, 'no detectable change', false, 'ms'),
      v('vmaf', 80.4, 77.3, 'no detectable change', false, 'VMAF 0–100'),
    ];
    // The scale `VMAF 0–100` is not a unit of the difference: left out.
    expect(headlineText(verdicts)).toBe('VMAF −3.10 vs previous (no detectable change)');
  });
  it('prefers a regression beyond the thresholds, then any regression, then an improvement', () => {
    const verdicts = [
      v('vmaf', 80, 70, 'improved'),
      v('jitter', 10, 12, 'regressed', false, 'ms'),
      v('rtt', 100, 150, 'regressed', true, 'ms'),
    ];
    expect(headlineMetric(verdicts)?.metric).toBe('rtt');
    expect(headlineMetric(verdicts.slice(0, 2))?.metric).toBe('jitter');
    expect(headlineText(verdicts.slice(0, 2))).toBe('JITTER +2.00 ms vs previous (regressed)');
    expect(headlineMetric(verdicts.slice(0, 1))?.metric).toBe('vmaf');
  });
  it('skips metrics not measured on both sides', () => {
    expect(headlineText([v('vmaf', null, 3, 'no data')])).toBe(
      'no metric measured on both runs vs previous',
    );
    expect(
      headlineText([v('vmaf', null, 3, 'no data'), v('rtt', 20, 15, 'underpowered', false, 'ms')]),
    ).toBe('RTT −5.00 ms vs previous (underpowered)');
  });
});
