import { describe, expect, it } from 'vitest';
import { chartZoomKeys, runKey, zoomKeys } from '../../../src/webview/common/zoomKeys';

/** A key event with only what runKey reads, recording whether the default was prevented. */
function key(name: string): KeyboardEvent & { prevented: boolean } {
  const e = {
    key: name,
    prevented: false,
    preventDefault() {
      e.prevented = true;
    },
  };
  return e as unknown as KeyboardEvent & { prevented: boolean };
}

describe('zoom keys', () => {
  it('binds + and = to zoom in, - to zoom out, arrows to pan and 0 to reset', () => {
    const done: string[] = [];
    const keys = zoomKeys({
      zoomIn: () => done.push('in'),
      zoomOut: () => done.push('out'),
      panLeft: () => done.push('left'),
      panRight: () => done.push('right'),
      reset: () => done.push('reset'),
    });
    for (const k of ['+', '=', '-', 'ArrowLeft', 'ArrowRight', '0']) runKey(key(k), keys);
    expect(done).toEqual(['in', 'in', 'out', 'left', 'right', 'reset']);
  });

  it('prevents the default only for a bound key', () => {
    const bound = key('x');
    const unbound = key('y');
    let ran = 0;
    expect(runKey(bound, { x: () => ran++ })).toBe(true);
    expect(runKey(unbound, { x: () => ran++ })).toBe(false);
    expect([ran, bound.prevented, unbound.prevented]).toEqual([1, true, false]);
  });

  it('zooms a Chart.js chart by 1.5 and pans it by 80 px, then reports the change', () => {
    const calls: string[] = [];
    const chart = {
      zoom: (a: { x: number }) => calls.push(`zoom ${a.x}`),
      pan: (a: { x: number }) => calls.push(`pan ${a.x}`),
    };
    const keys = chartZoomKeys(
      () => chart,
      () => calls.push('changed'),
    );
    for (const k of ['+', '-', 'ArrowLeft', 'ArrowRight']) runKey(key(k), keys);
    expect(calls).toEqual([
      'zoom 1.5',
      'changed',
      `zoom ${1 / 1.5}`,
      'changed',
      'pan 80',
      'changed',
      'pan -80',
      'changed',
    ]);
  });
});
