import { describe, expect, it } from 'vitest';
import { parseWebviewMessage } from '../../../src/shared/protocol';

describe('swimlane messages are validated before the host acts on them', () => {
  it('accepts openSwimlane and openUserEvents, dropping extra fields', () => {
    expect(parseWebviewMessage({ type: 'openSwimlane', test: 'kurento-2p', x: 1 })).toEqual({
      type: 'openSwimlane',
      test: 'kurento-2p',
    });
    expect(
      parseWebviewMessage({ type: 'openUserEvents', test: 't', session: '12', user: '3', x: 1 }),
    ).toEqual({ type: 'openUserEvents', test: 't', session: '12', user: '3' });
  });

  it('rejects missing tests and session or user that are not plain numbers', () => {
    for (const bad of [
      { type: 'openSwimlane' },
      { type: 'openSwimlane', test: '' },
      { type: 'openSwimlane', test: 'x'.repeat(513) },
      { type: 'openUserEvents', test: 't', session: '1' },
      { type: 'openUserEvents', test: 't', session: '1', user: 3 },
      { type: 'openUserEvents', test: 't', session: '../1', user: '3' },
      { type: 'openUserEvents', test: 't', session: '1', user: 'User3/../../x' },
      { type: 'openUserEvents', test: 't', session: '', user: '3' },
      { type: 'openUserEvents', test: 't', session: '1'.repeat(10), user: '3' },
    ]) {
      expect(parseWebviewMessage(bad)).toBeUndefined();
    }
  });
});
