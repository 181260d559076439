import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PageStart } from '../../../src/extension/host/pageStart';

describe('PageStart', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function watched(visible = () => true) {
    const loads: number[] = [];
    const retries: number[] = [];
    const start = new PageStart(
      () => loads.push(Date.now()),
      visible,
      n => retries.push(n),
      [100, 200],
    );
    return { start, loads, retries };
  }

  it('loads once and never again when the page says ready in time', () => {
    const { start, loads, retries } = watched();
    start.begin();
    vi.advanceTimersByTime(50);
    start.ready();
    vi.advanceTimersByTime(10_000);
    expect(loads).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('loads again after each delay without ready, as many times as there are delays', () => {
    const { start, loads, retries } = watched();
    start.begin();
    vi.advanceTimersByTime(100); // first wait over: load 2
    vi.advanceTimersByTime(200); // second wait over: load 3
    vi.advanceTimersByTime(10_000); // no more delays: no more loads
    expect(loads).toHaveLength(3);
    expect(retries).toEqual([1, 2]);
  });

  it('does not count the time a hidden panel waits', () => {
    let shown = false;
    const { start, loads } = watched(() => shown);
    start.begin();
    vi.advanceTimersByTime(1_000); // hidden all along: the page could not start
    expect(loads).toHaveLength(1);
    shown = true;
    vi.advanceTimersByTime(100);
    expect(loads).toHaveLength(2);
    start.ready();
    vi.advanceTimersByTime(10_000);
    expect(loads).toHaveLength(2);
  });
});
