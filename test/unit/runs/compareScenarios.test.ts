import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../../../src/core/runs/compareScenarios';
import type { ScenarioSummary } from '../../../src/core/runs/summary';

function summary(
  label: string,
  verdict: 'valid' | 'suspect' | 'invalid',
  quality: number,
  peak: number,
): ScenarioSummary {
  return {
    label,
    validity: {
      verdict,
      checks:
        verdict === 'invalid'
          ? [
              {
                cls: 'geometry',
                title: 'Expected vs observed room geometry',
                status: 'invalid',
                summary: '',
                evidence: [],
              },
            ]
          : [],
    },
    headlines: [
      {
        name: 'quality_score',
        unit: 'score',
        whole: { mean: 0, max: 5, n: 3 },
        steady: { mean: quality, max: 5, n: 2 },
      },
      { name: 'participants', unit: 'participants', whole: { mean: peak / 2, max: peak, n: 3 } },
    ],
  } as unknown as ScenarioSummary;
}

describe('scenarios compared', () => {
  const list = [
    { run: 'r1', summary: summary('#1', 'valid', 4.8, 16) },
    { run: 'r1', summary: summary('#2', 'invalid', 1.0, 20) },
    { run: 'r1', summary: summary('#3', 'suspect', 4.1, 64) },
  ];
  it('leaves invalid scenarios out by default, saying why, and gives deltas to the first kept', () => {
    const c = compareScenarios(list);
    expect(c.rows.map(r => [r.scenario, r.baseline])).toEqual([
      ['#1', true],
      ['#3', false],
    ]);
    expect(c.excluded).toEqual([
      { run: 'r1', scenario: '#2', reason: 'Expected vs observed room geometry' },
    ]);
    expect(c.rows[1]!.cells['quality_score']).toEqual({
      value: 4.1,
      unit: 'score',
      delta: 4.1 - 4.8,
    });
    expect(c.rows[1]!.cells['participants']).toEqual({
      value: 64,
      unit: 'participants',
      delta: 48,
    });
    expect(c.rows[0]!.cells['rtt_p95']).toEqual({ unit: '', delta: undefined });
  });
  it('keeps them when asked', () => {
    const c = compareScenarios(list, { includeInvalid: true });
    expect(c.rows.map(r => r.scenario)).toEqual(['#1', '#2', '#3']);
    expect(c.excluded).toEqual([]);
  });
});
