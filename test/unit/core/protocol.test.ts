import { describe, expect, it } from 'vitest';
import { parseWebviewMessage } from '../webviewMessages';
import { formatDuration } from '../../../src/shared/format';

describe('webview messages are validated before the host acts on them', () => {
  it('accepts the well-formed messages', () => {
    expect(parseWebviewMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseWebviewMessage({ type: 'selectTest', test: 'a' })).toEqual({
      type: 'selectTest',
      test: 'a',
    });
    expect(parseWebviewMessage({ type: 'openTestFile', test: 'a', kind: 'log', extra: 1 })).toEqual(
      { type: 'openTestFile', test: 'a', kind: 'log' },
    );
  });
  it('rejects unknown types, wrong field types, unknown file kinds and paths smuggled as kinds', () => {
    for (const bad of [
      null,
      'ready',
      { type: 'exec' },
      { type: 'selectTest', test: 3 },
      { type: 'selectTest', test: '' },
      { type: 'openTestFile', test: 'a', kind: '../../etc/passwd' },
      { type: 'selectTest', test: 'x'.repeat(513) },
    ]) {
      expect(parseWebviewMessage(bad)).toBeUndefined();
    }
  });
});

describe('formatDuration', () => {
  it('formats minutes and seconds', () => {
    expect(formatDuration(754.2)).toBe('12m 34s');
    expect(formatDuration(59.6)).toBe('1m 00s');
    expect(formatDuration(undefined)).toBe('—');
  });
});
