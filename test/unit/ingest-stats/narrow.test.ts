import { describe, expect, it } from 'vitest';
import { TableBuilder } from '../../../src/core/ingest/stats/columns';
import { concatTables, type NumberColumn, type TextColumn } from '../../../src/core/ingest/stats';
import { narrowIds, narrowNumbers, numberIn } from '../../../src/core/ingest/stats/narrow';
import { cells, column } from './helpers';

function narrowed(values: number[]) {
  return narrowNumbers(Float64Array.from(values));
}

function back(values: number[]): number[] {
  const a = narrowed(values);
  return values.map((_, r) => numberIn(a, r));
}

function table(rows: Record<string, unknown>[]) {
  const b = new TableBuilder();
  for (const r of rows) b.addObject(r);
  return b.finish();
}

describe('narrow storage of number columns', () => {
  // Each boundary is the type's range minus its sentinel (largest unsigned value, -2^31, NaN).
  it.each([
    [[0, 1, 254, NaN], Uint8Array],
    [[255], Uint16Array],
    [[0, 65534], Uint16Array],
    [[65535], Int32Array],
    [[-1, 7], Int32Array],
    [[-2147483647, 2147483647], Int32Array],
    [[-2147483648], Float32Array], // -2^31 is the Int32 sentinel; it is a float32 value
    [[2147483648, 4294967294], Uint32Array], // ssrc-sized counters
    [[4294967295], Float64Array], // 2^32-1 is the Uint32 sentinel and needs 32 mantissa bits
    [[0.5, 0.25, -3], Float32Array], // exact in float32
    [[0.1], Float64Array], // 0.1 rounds in float32
    [[1718881421406.3], Float64Array], // timestamps
    [[-0, 1], Float32Array], // -0 is not an integer slot
    [[2 ** 60], Float32Array], // a power of two is exact in float32
    [[NaN, NaN], Uint8Array], // all missing
  ])('%j → %o', (values, type) => {
    expect(narrowed(values)).toBeInstanceOf(type);
  });

  it('gives every value back exactly, missing as NaN', () => {
    const samples = [
      [0, 1, 254, NaN],
      [-2147483648, 3],
      [4294967295, NaN, 0],
      [0.1, NaN, 1718881421406.3, -0],
      [2 ** 53, -(2 ** 53)],
    ];
    for (const s of samples) expect(back(s)).toEqual(s);
    expect(Object.is(back([-0, 0.5])[0], -0)).toBe(true);
  });

  it('stores dictionary ids by dictionary size, -1 = missing', () => {
    const ids = Int32Array.from([0, -1, 3]);
    expect(narrowIds(ids, 254)).toBeInstanceOf(Uint8Array);
    expect(narrowIds(ids, 255)).toBeInstanceOf(Uint16Array);
    expect(narrowIds(ids, 65535)).toBeInstanceOf(Int32Array);
    expect(Array.from(narrowIds(ids, 4))).toEqual([0, 255, 3]);
  });
});

describe('narrow storage through tables and merges', () => {
  it('a boolean column is one byte per row', () => {
    const t = table([{ b: true }, { b: false }, {}]);
    expect((column(t, 'b') as NumberColumn).values).toBeInstanceOf(Uint8Array);
    expect(cells(t, 'b')).toEqual([1, 0, NaN]);
  });

  it('merging widens to what every part needs, values unchanged', () => {
    const small = table([{ n: 3 }, { n: null }]);
    const big = table([{ n: 3000000000 }]);
    const frac = table([{ n: 0.1 }]);
    const a = concatTables([small, big]);
    expect((column(a, 'n') as NumberColumn).values).toBeInstanceOf(Uint32Array);
    expect(cells(a, 'n')).toEqual([3, NaN, 3000000000]);
    const b = concatTables([small, big, frac]);
    expect((column(b, 'n') as NumberColumn).values).toBeInstanceOf(Float64Array);
    expect(cells(b, 'n')).toEqual([3, NaN, 3000000000, 0.1]);
  });

  it('merged dictionaries past 255 entries switch to 16-bit ids', () => {
    const parts = Array.from({ length: 300 }, (_, i) => table([{ s: `v${i}` }, {}]));
    const t = concatTables(parts);
    expect((column(t, 's') as TextColumn).ids).toBeInstanceOf(Uint16Array);
    expect(cells(t, 's').slice(596)).toEqual(['v298', undefined, 'v299', undefined]);
  });

  it('a number part merged into a mixed column keeps its text', () => {
    const t = concatTables([table([{ m: 7 }, { m: true }]), table([{ m: 'x' }])]);
    expect(column(t, 'm').kind).toBe('mixed');
    expect(cells(t, 'm')).toEqual(['7', 'true', '"x"']);
  });
});
