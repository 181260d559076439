// Zones as the user names them: fixed offsets and IANA names, DST-correct per wall-clock time.
// Every instant below is worked out by hand from the zone's rules (EU: summer time from the last
// Sunday of March 01:00Z to the last Sunday of October 01:00Z; China +08:00 all year; US Central
// −06:00 / −05:00 from the second Sunday of March to the first Sunday of November).
import { describe, expect, it } from 'vitest';
import {
  describeZone,
  offsetAt,
  parseZone,
  utcToWall,
  wallToUtc,
  type Zone,
} from '../../../src/shared/zone';
import { parseLogStamp } from '../../../src/core/ingest/controllerLog';
import {
  eventTimes,
  resolveTimezone,
  stampToUtc,
  zoneOptionError,
} from '../../../src/core/ingest/timezone';

const madrid = parseZone('Europe/Madrid')!;
const wall = (y: number, mo: number, d: number, h: number, mi = 0, s = 0) =>
  Date.UTC(y, mo - 1, d, h, mi, s);

describe('zones: offsets and IANA names', () => {
  it('reads offsets and IANA names, and refuses abbreviations and unknown names', () => {
    expect(parseZone('+08:00')).toEqual({ kind: 'offset', offsetMinutes: 480 });
    expect(parseZone('-0530')).toEqual({ kind: 'offset', offsetMinutes: -330 });
    expect(parseZone('Asia/Shanghai')).toEqual({ kind: 'iana', name: 'Asia/Shanghai' });
    expect(parseZone('America/Argentina/Buenos_Aires')?.kind).toBe('iana');
    // ICU would take CST as America/Chicago and IST as Asia/Calcutta: exactly the guess we refuse.
    for (const bad of ['CST', 'IST', 'BST', 'Mars/Olympus_Mons', 'Madrid', '+15:00', ''])
      expect(parseZone(bad), bad).toBeUndefined();
    expect(zoneOptionError('--tz', 'Europe/Madrid')).toBeUndefined();
    expect(zoneOptionError('--tz', 'auto')).toBeUndefined();
    expect(zoneOptionError('--tz', 'CST')).toMatch(/--tz takes auto, an offset like \+08:00/);
  });

  it('converts Madrid wall clock across the 2024-03-31 spring-forward change', () => {
    // 01:59:59 CET (+01:00) is 00:59:59Z; at 01:00Z clocks jump from 02:00 to 03:00 CEST (+02:00).
    expect(wallToUtc(madrid, wall(2024, 3, 31, 1, 59, 59))).toBe(wall(2024, 3, 31, 0, 59, 59));
    expect(wallToUtc(madrid, wall(2024, 3, 31, 3, 0, 0))).toBe(wall(2024, 3, 31, 1, 0, 0));
    expect(wallToUtc(madrid, wall(2024, 3, 31, 12, 0, 0))).toBe(wall(2024, 3, 31, 10, 0, 0));
    // 02:30 never happens that day: read with the offset before the gap (+01:00) → 01:30Z.
    expect(wallToUtc(madrid, wall(2024, 3, 31, 2, 30))).toBe(wall(2024, 3, 31, 1, 30));
    expect(offsetAt(madrid, wall(2024, 3, 31, 0, 59, 59))).toBe(60);
    expect(offsetAt(madrid, wall(2024, 3, 31, 1, 0, 0))).toBe(120);
  });

  it('converts Madrid wall clock across the 2024-10-27 fall-back change', () => {
    // 01:59:59 CEST (+02:00) is 23:59:59Z the day before; at 01:00Z clocks go back from 03:00 to 02:00 CET.
    expect(wallToUtc(madrid, wall(2024, 10, 27, 1, 59, 59))).toBe(wall(2024, 10, 26, 23, 59, 59));
    expect(wallToUtc(madrid, wall(2024, 10, 27, 3, 0, 0))).toBe(wall(2024, 10, 27, 2, 0, 0));
    expect(wallToUtc(madrid, wall(2024, 10, 27, 12, 0, 0))).toBe(wall(2024, 10, 27, 11, 0, 0));
    // 02:30 happens twice (00:30Z CEST, 01:30Z CET): the earlier instant, as java.time does.
    expect(wallToUtc(madrid, wall(2024, 10, 27, 2, 30))).toBe(wall(2024, 10, 27, 0, 30));
    // And back: both instants show 02:30 on the wall.
    expect(utcToWall(madrid, wall(2024, 10, 27, 0, 30))).toBe(wall(2024, 10, 27, 2, 30));
    expect(utcToWall(madrid, wall(2024, 10, 27, 1, 30))).toBe(wall(2024, 10, 27, 2, 30));
  });

  it('converts China and US Central wall clock with the offset of the day', () => {
    const shanghai = parseZone('Asia/Shanghai')!;
    const chicago = parseZone('America/Chicago')!;
    expect(wallToUtc(shanghai, wall(2024, 6, 20, 18, 15))).toBe(wall(2024, 6, 20, 10, 15));
    expect(wallToUtc(shanghai, wall(2024, 1, 15, 20, 0))).toBe(wall(2024, 1, 15, 12, 0));
    expect(wallToUtc(chicago, wall(2024, 1, 15, 6, 0))).toBe(wall(2024, 1, 15, 12, 0)); // CST −06
    expect(wallToUtc(chicago, wall(2024, 7, 15, 7, 0))).toBe(wall(2024, 7, 15, 12, 0)); // CDT −05
    expect(describeZone(madrid, wall(2024, 7, 1, 0))).toBe('Europe/Madrid (+02:00)');
    expect(describeZone({ kind: 'offset', offsetMinutes: -330 })).toBe('-05:30');
  });
});

describe('controller log zone setting', () => {
  /** A 2024 controller line (local time, no offset) at `time` on `day`. */
  const line = (day: string, time: string) =>
    `${day} ${time}.250  INFO 1 --- [main] i.o.l.utils.LoadTestController : Starting test with`;

  it('reads a Madrid log that crosses the October change right on both sides of it', () => {
    const before = parseLogStamp(line('2024-10-26', '23:00:00'), 1, 0)!;
    const after = parseLogStamp(line('2024-10-27', '09:00:00'), 2, 0)!;
    const zone = resolveTimezone('Europe/Madrid', { start: before }, eventTimes([]));
    expect(zone.source).toBe('setting');
    expect(stampToUtc(before, zone)).toBe(wall(2024, 10, 26, 21, 0) + 250); // CEST +02:00
    expect(stampToUtc(after, zone)).toBe(wall(2024, 10, 27, 8, 0) + 250); // CET +01:00
    // One fixed offset (what an inferred zone is) is an hour off after the change:
    const fixed: Zone = { kind: 'offset', offsetMinutes: 120 };
    expect(stampToUtc(after, fixed)).toBe(wall(2024, 10, 27, 7, 0) + 250);
  });

  it('reads a Madrid log across the March change', () => {
    const before = parseLogStamp(line('2024-03-30', '23:00:00'), 1, 0)!;
    const after = parseLogStamp(line('2024-03-31', '09:00:00'), 2, 0)!;
    const zone = resolveTimezone('Europe/Madrid', { start: before }, eventTimes([]));
    expect(stampToUtc(before, zone)).toBe(wall(2024, 3, 30, 22, 0) + 250); // CET +01:00
    expect(stampToUtc(after, zone)).toBe(wall(2024, 3, 31, 7, 0) + 250); // CEST +02:00
  });

  it('keeps an offset written in the line over the setting', () => {
    const written = parseLogStamp(
      '2024-10-27T09:00:00.250+05:30  INFO 1 --- [main] i.o.l.utils.LoadTestController : x',
      1,
      0,
    )!;
    expect(
      stampToUtc(written, resolveTimezone('Europe/Madrid', { start: written }, eventTimes([]))),
    ).toBe(wall(2024, 10, 27, 3, 30) + 250);
  });
});
