import { describe, expect, it } from 'vitest';
import { parseWebviewMessage } from '../webviewMessages';

describe('statistics messages are validated before the host acts on them', () => {
  it('accepts openStats for a test or for every test (null)', () => {
    expect(parseWebviewMessage({ type: 'openStats', test: 't1' })).toEqual({
      type: 'openStats',
      test: 't1',
    });
    expect(parseWebviewMessage({ type: 'openStats', test: null })).toEqual({
      type: 'openStats',
      test: null,
    });
    expect(parseWebviewMessage({ type: 'openStats', test: '' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'openStats' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'openStats', test: 3 })).toBeUndefined();
  });

  it('accepts a known section with no custom case or two ordered CPU ranges, dropping extra fields', () => {
    expect(parseWebviewMessage({ type: 'statsQuery', section: 'qoe_vmaf', custom: null })).toEqual({
      type: 'statsQuery',
      section: 'qoe_vmaf',
      custom: null,
    });
    expect(
      parseWebviewMessage({
        type: 'statsQuery',
        section: 'connection_start_subscribers',
        custom: { x: [0, 0.85], y: [0.85, null], z: 1 },
        extra: true,
      }),
    ).toEqual({
      type: 'statsQuery',
      section: 'connection_start_subscribers',
      custom: { x: [0, 0.85], y: [0.85, null] },
    });
  });

  it('rejects unknown sections and malformed, reversed, negative, infinite or huge ranges', () => {
    const ok = { x: [0, 0.9], y: [0.9, null] };
    expect(parseWebviewMessage({ type: 'statsQuery', section: 'qos', custom: ok })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'statsQuery', section: 'qoe_vmaf' })).toBeUndefined();
    for (const x of [
      [0.9, 0.9],
      [0.9, 0.5],
      [-0.1, 0.5],
      [0, Infinity],
      [NaN, 1],
      [0, 17],
      ['0', 1],
      [0],
      [0, 1, 2],
      [null, 1],
      { 0: 0, 1: 1 },
    ])
      expect(
        parseWebviewMessage({
          type: 'statsQuery',
          section: 'qoe_vmaf',
          custom: { x, y: [0.9, null] },
        }),
        JSON.stringify(x),
      ).toBeUndefined();
    expect(
      parseWebviewMessage({ type: 'statsQuery', section: 'qoe_vmaf', custom: 'x' }),
    ).toBeUndefined();
  });
});

describe('participants messages are validated', () => {
  it('accepts openParticipants for a named test and heatmapQuery for a known metric only', () => {
    expect(parseWebviewMessage({ type: 'openParticipants', test: 't' })).toEqual({
      type: 'openParticipants',
      test: 't',
    });
    expect(parseWebviewMessage({ type: 'openParticipants', test: null })).toBeUndefined();
    for (const metric of ['bitrate', 'jitter', 'qoe', 'state'])
      expect(parseWebviewMessage({ type: 'heatmapQuery', metric, x: 1 })).toEqual({
        type: 'heatmapQuery',
        metric,
      });
    for (const metric of ['rtt', '', 3, undefined, '__proto__'])
      expect(parseWebviewMessage({ type: 'heatmapQuery', metric })).toBeUndefined();
  });
});
