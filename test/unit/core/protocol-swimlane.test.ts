import { describe, expect, it } from 'vitest';
import { parseWebviewMessage } from '../webviewMessages';

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

describe('swimlane QoS and finer-segment requests', () => {
  const range = { start: 10, end: 20.5 };
  it('accepts a known QoS variant with a range or null, and a segment range', () => {
    expect(
      parseWebviewMessage({ type: 'swimlaneQos', test: 't', variant: 'outbound/rtt/video', range }),
    ).toEqual({ type: 'swimlaneQos', test: 't', variant: 'outbound/rtt/video', range });
    expect(
      parseWebviewMessage({
        type: 'swimlaneQos',
        test: 't',
        variant: 'inbound/loss/audio',
        range: null,
      }),
    ).toEqual({ type: 'swimlaneQos', test: 't', variant: 'inbound/loss/audio', range: null });
    expect(parseWebviewMessage({ type: 'swimlaneSegments', test: 't', range, x: 1 })).toEqual({
      type: 'swimlaneSegments',
      test: 't',
      range,
    });
  });

  it('rejects unknown variants, bad ranges and a missing test', () => {
    for (const bad of [
      { type: 'swimlaneQos', test: 't', variant: 'outbound/rtt', range: null },
      { type: 'swimlaneQos', test: 't', variant: 'outbound/mos/video', range: null },
      { type: 'swimlaneQos', test: 't', variant: 'outbound/rtt/video/x', range: null },
      { type: 'swimlaneQos', test: 't', variant: 'outbound/rtt/video' },
      {
        type: 'swimlaneQos',
        test: 't',
        variant: 'outbound/rtt/video',
        range: { start: 5, end: 5 },
      },
      { type: 'swimlaneQos', variant: 'outbound/rtt/video', range: null },
      { type: 'swimlaneSegments', test: 't', range: null },
      { type: 'swimlaneSegments', test: 't', range: { start: 0, end: Infinity } },
      { type: 'swimlaneSegments', test: 't', range: { start: 9, end: 1 } },
      { type: 'swimlaneSegments', range },
    ]) {
      expect(parseWebviewMessage(bad)).toBeUndefined();
    }
  });
});
