import { describe, expect, it, vi } from 'vitest';

// The chart module loads Chart.js's zoom plugin, which needs a browser window; the state only
// takes the row label from it.
vi.mock('../../../src/webview/swimlane/swimChart', () => ({
  axisLabel: (row: { label: string }) => row.label,
}));
import { SwimDataState } from '../../../src/webview/swimlane/finer';
import type { SwimlaneVM, SwimSegmentsVM } from '../../../src/shared/views/swimlane';

/** A merged 0–1000 s model of one row: only what SwimDataState reads. */
const vm = {
  test: 't',
  window: [0, 1000],
  rows: [{ session: 'S', user: 'U', segments: [] }],
  totalRows: 1,
  batches: [],
  cpu: [],
  memory: [],
  metrics: [],
  mergeBelow: 5,
} as unknown as SwimlaneVM;

const answer = (start: number, end: number, mergeBelow: number): SwimSegmentsVM => ({
  range: { start, end },
  mergeBelow,
  rows: [[]],
});

describe('finer swimlane segments', () => {
  it('asks once for a zoomed range and not again while the request covers the view', () => {
    const s = new SwimDataState(vm, undefined);
    expect(s.wants(0, 500)).toEqual([
      { type: 'swimlaneSegments', test: 't', range: { start: 0, end: 500 } },
    ]);
    // Zoomed on within twice the asked width: the pending request still serves.
    expect(s.wants(100, 400)).toEqual([]);
  });

  it('asks again for the view when a merged answer came for a range much wider than it', () => {
    const s = new SwimDataState(vm, undefined);
    s.wants(0, 500);
    expect(s.wants(100, 400)).toEqual([]);
    expect(s.acceptSegments(answer(0, 500, 2))).toBe(true);
    // 500 s merged for a 300 s view: the host can do better for the view.
    expect(s.wants(100, 400)).toEqual([
      { type: 'swimlaneSegments', test: 't', range: { start: 100, end: 400 } },
    ]);
  });

  it('keeps an unmerged answer for any view inside it, and a merged one about as wide as the view', () => {
    const unmerged = new SwimDataState(vm, undefined);
    unmerged.wants(0, 500);
    unmerged.acceptSegments(answer(0, 500, 0));
    expect(unmerged.wants(100, 300)).toEqual([]);
    const merged = new SwimDataState(vm, undefined);
    merged.wants(0, 500);
    merged.acceptSegments(answer(0, 500, 1));
    // 500 ≤ 1.25 × 420: close enough to the view.
    expect(merged.wants(40, 460)).toEqual([]);
  });

  it('ignores an answer to an older request', () => {
    const s = new SwimDataState(vm, undefined);
    s.wants(0, 900);
    s.wants(0, 100);
    expect(s.acceptSegments(answer(0, 900, 3))).toBe(false);
    expect(s.hasFine).toBe(false);
  });
});
