import { describe, expect, it } from 'vitest';
import { parseTimeRange } from '../../../src/shared/views/checks';
import { parseWebviewMessage } from '../webviewMessages';

describe('visibleRange messages are validated before the host forwards them', () => {
  it('accepts a finite ordered range or null, dropping extra fields', () => {
    expect(
      parseWebviewMessage({
        type: 'visibleRange',
        test: 't',
        range: { start: -2, end: 30.5, x: 1 },
      }),
    ).toEqual({ type: 'visibleRange', test: 't', range: { start: -2, end: 30.5 } });
    expect(parseWebviewMessage({ type: 'visibleRange', test: 't', range: null })).toEqual({
      type: 'visibleRange',
      test: 't',
      range: null,
    });
  });

  it('rejects reversed, empty, infinite, NaN, huge or non-numeric ranges and missing tests', () => {
    for (const range of [
      { start: 5, end: 5 },
      { start: 6, end: 5 },
      { start: 0, end: Infinity },
      { start: NaN, end: 1 },
      { start: 0, end: 4e8 },
      { start: '0', end: 1 },
      { start: 0 },
      [0, 1],
      undefined,
      'all',
    ]) {
      expect(parseWebviewMessage({ type: 'visibleRange', test: 't', range })).toBeUndefined();
    }
    expect(parseWebviewMessage({ type: 'visibleRange', range: null })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'visibleRange', test: '', range: null })).toBeUndefined();
    expect(parseTimeRange({ start: -1, end: 0 })).toEqual({ start: -1, end: 0 });
  });
});
