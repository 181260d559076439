import { describe, expect, it } from 'vitest';
import { ZoomLink } from '../../../src/extension/zoomLink';
import type { TimeRange } from '../../../src/shared/views/checks';

function recorder(): { got: Array<TimeRange | null>; post: (r: TimeRange | null) => void } {
  const got: Array<TimeRange | null> = [];
  return { got, post: r => got.push(r) };
}

describe('ZoomLink forwards a view’s range to the other views of the same root and test', () => {
  it('forwards to siblings only, never to the sender or to other tests and roots', () => {
    const link = new ZoomLink();
    const a = recorder();
    const b = recorder();
    const c = recorder();
    const otherTest = recorder();
    const otherRoot = recorder();
    const ma = link.join('/r', 't', a.post);
    link.join('/r', 't', b.post);
    link.join('/r', 't', c.post);
    link.join('/r', 'u', otherTest.post);
    link.join('/s', 't', otherRoot.post);
    ma.report({ start: 10, end: 20 });
    expect(a.got).toEqual([]);
    expect(b.got).toEqual([{ start: 10, end: 20 }]);
    expect(c.got).toEqual([{ start: 10, end: 20 }]);
    expect(otherTest.got).toEqual([]);
    expect(otherRoot.got).toEqual([]);
  });

  it('does not forward a range equal to the current one, so echoes stop at once', () => {
    const link = new ZoomLink();
    const a = recorder();
    const b = recorder();
    const ma = link.join('/r', 't', a.post);
    const mb = link.join('/r', 't', b.post);
    ma.report({ start: 1, end: 2 });
    mb.report({ start: 1, end: 2 }); // b applied it and reported it back
    expect(a.got).toEqual([]);
    ma.report(null);
    mb.report(null);
    expect(b.got).toEqual([{ start: 1, end: 2 }, null]);
    expect(a.got).toEqual([]);
  });

  it('starts with everything, remembers the last range for late joiners, forgets empty groups', () => {
    const link = new ZoomLink();
    const a = link.join('/r', 't', () => undefined);
    expect(a.current()).toBeNull();
    a.report({ start: 3, end: 9 });
    const late = link.join('/r', 't', () => undefined);
    expect(late.current()).toEqual({ start: 3, end: 9 });
    expect(link.size('/r', 't')).toBe(2);
    a.dispose();
    late.dispose();
    expect(link.size('/r', 't')).toBe(0);
    expect(link.join('/r', 't', () => undefined).current()).toBeNull();
  });

  it('ignores reports from a member that left', () => {
    const link = new ZoomLink();
    const b = recorder();
    const a = link.join('/r', 't', () => undefined);
    link.join('/r', 't', b.post);
    a.dispose();
    a.report({ start: 0, end: 1 });
    expect(b.got).toEqual([]);
  });
});
