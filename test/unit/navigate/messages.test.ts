import { describe, expect, it } from 'vitest';
import { MAX_LOG_WINDOW } from '../../../src/shared/views/logView';
import { parseWebviewMessage } from '../webviewMessages';
import {
  blockOf,
  blocksToKeep,
  LOG_BLOCK,
  scrollForTop,
  topForScroll,
} from '../../../src/webview/logview/viewport';
import {
  describeFilter,
  isFiltered,
  keepUser,
  NO_FILTER,
} from '../../../src/extension/resultsFilter';
import type { UserSummary } from '../../../src/core/model/session';

describe('log view and failure messages', () => {
  it('accepts readLines with whole numbers in range and openFailureLog with a finite time', () => {
    expect(parseWebviewMessage({ type: 'readLines', id: 4, first: 1, count: 200 })).toEqual({
      type: 'readLines',
      id: 4,
      first: 1,
      count: 200,
    });
    expect(
      parseWebviewMessage({ type: 'openFailureLog', test: 't', session: '3', user: '7', at: 5.5 }),
    ).toEqual({ type: 'openFailureLog', test: 't', session: '3', user: '7', at: 5.5 });
  });
  it('rejects fractions, zero, too large windows, paths and non-finite times', () => {
    for (const bad of [
      { type: 'readLines', id: 1, first: 0, count: 10 },
      { type: 'readLines', first: 1, count: 10 }, // a request without its id
      { type: 'readLines', id: 1, first: 1.5, count: 10 },
      { type: 'readLines', id: 1, first: 1, count: MAX_LOG_WINDOW + 1 },
      { type: 'readLines', id: 1, first: '1', count: 10 },
      { type: 'openFailureLog', test: 't', session: '../3', user: '7', at: 1 },
      { type: 'openFailureLog', test: 't', session: '3', user: '7', at: Infinity },
      { type: 'openFailureLog', test: 't', session: '3', user: '7' },
    ]) {
      expect(parseWebviewMessage(bad)).toBeUndefined();
    }
  });
});

describe('log view viewport', () => {
  it('maps lines to blocks of LOG_BLOCK lines', () => {
    expect(blockOf(1)).toBe(0);
    expect(blockOf(LOG_BLOCK)).toBe(0);
    expect(blockOf(LOG_BLOCK + 1)).toBe(1);
  });
  it('drops the blocks farthest from the centre first', () => {
    expect(blocksToKeep([0, 1, 2, 9, 10], 1, 3, true).sort((a, b) => a - b)).toEqual([9, 10]);
    expect(blocksToKeep([0, 1, 2, 9, 10], 1, 3, false).sort((a, b) => a - b)).toEqual([0, 1, 2]);
  });
  it('maps scroll offsets to the first line and back, unscaled and scaled', () => {
    // 1000 lines of 18 px, 180 px (10 lines) visible: unscaled, line n is first at (n−1)·18 px.
    expect(topForScroll(18 * 99, { lines: 1000, visible: 10, spacer: 18_000, viewport: 180 })).toBe(
      100,
    );
    expect(
      scrollForTop(101, { lines: 1000, visible: 10, spacer: 18_000, viewport: 180 }),
    ).toBeCloseTo(18 * 100);
    expect(
      topForScroll(18_000 - 180, { lines: 1000, visible: 10, spacer: 18_000, viewport: 180 }),
    ).toBe(991);
    // 10 M lines squeezed into 4 M px: half the range shows the middle line.
    const huge = { lines: 10_000_000, visible: 10, spacer: 4_000_000, viewport: 180 };
    const mid = topForScroll((4_000_000 - 180) / 2, huge);
    expect(mid).toBe(1 + Math.round((10_000_000 - 10) / 2));
    expect(topForScroll(0, { lines: 5, visible: 10, spacer: 90, viewport: 180 })).toBe(1);
    expect(scrollForTop(1, { lines: 5, visible: 10, spacer: 90, viewport: 180 })).toBe(0);
  });
});

function user(over: Partial<UserSummary>): UserSummary {
  return {
    user: 'User1',
    session: 'LoadTestSession1',
    dir: '/x',
    role: 'publisher',
    roleSource: 'events',
    connected: true,
    eventCount: 1,
    failures: [],
    ...over,
  };
}

describe('Results view filters', () => {
  const failed = user({
    failures: [{ user: 'User1', session: 'S', attempts: 1, time: 0, line: 1, offset: 0 }],
  });
  it('keeps users by failure, role and session', () => {
    expect(keepUser(NO_FILTER, user({}))).toBe(true);
    expect(keepUser({ failedOnly: true }, user({}))).toBe(false);
    expect(keepUser({ failedOnly: true }, failed)).toBe(true);
    expect(keepUser({ failedOnly: false, role: 'subscriber' }, user({}))).toBe(false);
    expect(keepUser({ failedOnly: false, session: 'LoadTestSession2' }, user({}))).toBe(false);
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(describeFilter({ failedOnly: true, role: 'publisher', session: 'S3' })).toBe(
      'failed · publishers · S3',
    );
  });
});
