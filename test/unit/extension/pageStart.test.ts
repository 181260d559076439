import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PageStart } from '../../../src/extension/host/pageStart';

describe('PageStart', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function watched({
    visible = (): boolean => true,
    replaceable = false,
  }: { visible?: () => boolean; replaceable?: boolean } = {}) {
    const loads: number[] = [];
    const retries: number[] = [];
    const replaced: number[] = [];
    const start = new PageStart({
      load: () => loads.push(Date.now()),
      visible,
      retrying: n => retries.push(n),
      replace: replaceable ? () => replaced.push(Date.now()) : undefined,
      delays: [100, 200, 400],
    });
    return { start, loads, retries, replaced };
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
    vi.advanceTimersByTime(400); // third wait over: load 4
    vi.advanceTimersByTime(10_000); // no more delays: no more loads
    expect(loads).toHaveLength(4);
    expect(retries).toEqual([1, 2, 3]);
  });

  it('replaces a panel that can be replaced at the second attempt, and then stops', () => {
    const { start, loads, retries, replaced } = watched({ replaceable: true });
    const t0 = Date.now();
    start.begin();
    vi.advanceTimersByTime(100); // first wait over: load 2 (the loader may not have been up)
    expect(loads).toHaveLength(2);
    vi.advanceTimersByTime(200); // second wait over: the frame is stuck, a new panel
    expect(replaced).toEqual([t0 + 300]);
    vi.advanceTimersByTime(10_000); // the new panel watches itself: nothing more here
    expect(loads).toHaveLength(2);
    expect(retries).toEqual([1]);
    expect(replaced).toHaveLength(1);
  });

  it('does not replace a panel whose page started after its reload', () => {
    const { start, replaced } = watched({ replaceable: true });
    start.begin();
    vi.advanceTimersByTime(150);
    start.ready();
    vi.advanceTimersByTime(10_000);
    expect(replaced).toEqual([]);
  });

  it('does not count the time a hidden panel waits', () => {
    let shown = false;
    const { start, loads } = watched({ visible: () => shown });
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
