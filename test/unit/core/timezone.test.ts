import { describe, expect, it } from 'vitest';
import {
  eventTimes,
  formatOffset,
  inferOffsetMinutes,
  parseOffset,
  resolveTimezone,
  stampToUtc,
} from '../../../src/core/ingest/timezone';

const start = { wallClock: Date.UTC(2024, 5, 20, 12, 15, 0, 100), line: 3, offset: 0 };
const NONE = eventTimes([]);

describe('log time zone', () => {
  it('infers +02:00 when the first event (UTC) follows the local start line by seconds', () => {
    const firstEvent = Date.UTC(2024, 5, 20, 10, 15, 3, 0);
    expect(inferOffsetMinutes(start.wallClock, firstEvent)).toBe(120);
    expect(resolveTimezone('auto', { start }, eventTimes([[firstEvent]]))).toEqual({
      zone: { kind: 'offset', offsetMinutes: 120 },
      source: 'inferred',
    });
  });

  it('prefers the offset written in the line, then the setting, then inference, then +02:00', () => {
    expect(resolveTimezone('-05:00', { start: { ...start, offsetMinutes: 60 } }, NONE).source).toBe(
      'log',
    );
    expect(
      resolveTimezone('-05:00', { start }, eventTimes([[Date.UTC(2024, 5, 20, 10, 15, 3)]])),
    ).toEqual({
      zone: { kind: 'offset', offsetMinutes: -300 },
      source: 'setting',
    });
    expect(resolveTimezone('auto', undefined, NONE)).toEqual({
      zone: { kind: 'offset', offsetMinutes: 120 },
      source: 'default',
    });
  });

  it('handles half-hour zones and rejects impossible offsets', () => {
    expect(
      inferOffsetMinutes(Date.UTC(2024, 0, 1, 15, 30, 5), Date.UTC(2024, 0, 1, 10, 0, 0)),
    ).toBe(330);
    expect(inferOffsetMinutes(Date.UTC(2024, 0, 3), Date.UTC(2024, 0, 1))).toBeUndefined();
    expect(parseOffset('+0530')).toBe(330);
    expect(parseOffset('Z')).toBe(0);
    expect(parseOffset('+15:00')).toBeUndefined();
    expect(parseOffset('Madrid')).toBeUndefined();
    expect(formatOffset(-330)).toBe('-05:30');
  });

  it('converts a local stamp to UTC', () => {
    expect(
      stampToUtc(start, { zone: { kind: 'offset', offsetMinutes: 120 }, source: 'default' }),
    ).toBe(Date.UTC(2024, 5, 20, 10, 15, 0, 100));
  });
});
