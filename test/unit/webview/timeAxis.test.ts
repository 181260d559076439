import { describe, expect, it } from 'vitest';
import {
  axisTitle,
  clockStep,
  clockTicks,
  effectiveMode,
  formatClock,
  formatClockFull,
  formatInstant,
  timeScaleOptions,
  zoneText,
} from '../../../src/webview/common/timeAxis';

// 10:00:07.250 UTC; the log writes +02:00, so its wall clock reads 12:00:07.250.
const origin = Date.UTC(2024, 4, 10, 10, 0, 7, 250);
const madrid = { origin, timezone: { offsetMinutes: 120, label: '+02:00 (from the log)' } };

describe('time axis: relative vs wall clock in the log timezone', () => {
  it('formats instants in the log zone', () => {
    expect(formatClock(madrid, 0)).toBe('12:00:07');
    expect(formatClock(madrid, 0, true)).toBe('12:00:07.250');
    expect(formatClock(madrid, 3600.5)).toBe('13:00:07');
    const india = { origin, timezone: { offsetMinutes: -330, label: '-05:30' } };
    expect(formatClock(india, 0)).toBe('04:30:07');
    expect(zoneText(india)).toBe('UTC-05:30');
    expect(zoneText(madrid)).toBe('UTC+02:00');
    expect(zoneText({ origin })).toBe('UTC');
  });

  it('carries the date over midnight', () => {
    const late = {
      origin: Date.UTC(2024, 0, 1, 23, 59, 50),
      timezone: { offsetMinutes: 0, label: 'UTC' },
    };
    expect(formatClockFull(late, 20)).toBe('2024-01-02 00:00:10.000');
  });

  it('shows relative time and the clock in tooltips', () => {
    expect(formatInstant(madrid, 12.5)).toBe('12.50 s (12:00:19.750 UTC+02:00)');
    expect(formatInstant({}, 12.5)).toBe('12.50 s');
  });

  it('picks the smallest round clock step within the tick budget', () => {
    expect(clockStep(60, 8)).toBe(10); // 60/5 = 12 ticks > 8, 60/10 = 6
    expect(clockStep(3600, 8)).toBe(600); // 3600/300 = 12 > 8, 3600/600 = 6
    expect(clockStep(7, 8)).toBe(1);
  });

  it('puts wall-clock ticks on round local times', () => {
    // Local 12:00:07.25 at t = 0; 10 s steps: 12:00:10 is t = 2.75, then every 10 s to 52.75.
    const ticks = clockTicks(madrid, 0, 60);
    expect(ticks.map(t => Math.round(t * 1000) / 1000)).toEqual([
      2.75, 12.75, 22.75, 32.75, 42.75, 52.75,
    ]);
    expect(ticks.map(t => formatClock(madrid, t))).toEqual([
      '12:00:10',
      '12:00:20',
      '12:00:30',
      '12:00:40',
      '12:00:50',
      '12:01:00',
    ]);
    expect(clockTicks({}, 0, 60)).toEqual([]);
    expect(clockTicks(madrid, 5, 5)).toEqual([]);
  });

  it('falls back to relative time without an origin', () => {
    expect(effectiveMode('clock', {})).toBe('relative');
    expect(effectiveMode('clock', madrid)).toBe('clock');
    expect(axisTitle('clock', {})).toBe('Seconds since test start');
    expect(axisTitle('clock', madrid)).toBe('Wall clock, log timezone +02:00 (from the log)');
  });

  it('gives Chart.js scale options: clock labels and round tick positions', () => {
    const clock = timeScaleOptions('clock', madrid, '#fff');
    expect(clock.title.text).toBe('Wall clock, log timezone +02:00 (from the log)');
    expect(clock.ticks.callback(2.75)).toBe('12:00:10');
    const scale = { min: 0, max: 60, ticks: [{ value: 0 }] };
    clock.afterBuildTicks(scale);
    expect(scale.ticks).toHaveLength(6);
    const relative = timeScaleOptions('relative', madrid, '#fff');
    expect(relative.ticks.callback(20)).toBe('20');
    expect(relative.ticks.callback(2.5)).toBe('2.5');
    const kept = { min: 0, max: 60, ticks: [{ value: 0 }] };
    relative.afterBuildTicks(kept);
    expect(kept.ticks).toEqual([{ value: 0 }]);
  });
});

describe('time axis in an IANA zone', () => {
  it('shows each instant with the offset in force then (Madrid, 2024-10-27 fall-back)', () => {
    // 00:30Z is 02:30 CEST; an hour later, 01:30Z, clocks went back: 02:30 CET again; 02:30Z is 03:30.
    const base = {
      origin: Date.UTC(2024, 9, 27, 0, 30),
      timezone: { offsetMinutes: 120, name: 'Europe/Madrid', label: 'Europe/Madrid (+02:00)' },
    };
    expect([0, 3600, 7200].map(s => formatClock(base, s))).toEqual([
      '02:30:00',
      '02:30:00',
      '03:30:00',
    ]);
    expect(zoneText(base)).toBe('Europe/Madrid');
  });
});
