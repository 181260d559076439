// pandas 1.5 read_csv's float converter, values checked with Debian's pandas 1.5.3:
// pd.read_csv of "0.30000000000000004" gives 0.3 (not correctly rounded).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pyFloat } from '../../../src/core/format/pandasText';
import {
  csvRoundTrip,
  pandasParseFloat,
  readBackAsPandas,
} from '../../../src/core/analysis/downstream';
import { connectionRow } from '../connectionRow';

describe('pandasParseFloat', () => {
  it('reproduces pandas where it is not correctly rounded', () => {
    expect(pandasParseFloat('0.30000000000000004')).toBe(0.3);
    expect(Number('0.30000000000000004')).not.toBe(0.3);
    expect(csvRoundTrip(0.1 + 0.2)).toBe(0.3);
  });
  it('agrees with pandas on ordinary values', () => {
    expect(pandasParseFloat('0.1')).toBe(0.1);
    expect(pandasParseFloat('1.2345678901234568e+17')).toBe(1.2345678901234568e17);
    expect(pandasParseFloat('2.675')).toBe(2.675);
    expect(pandasParseFloat('1e-05')).toBe(1e-5);
    expect(pandasParseFloat('123.456789012345678')).toBe(123.45678901234568);
    expect(pandasParseFloat('-4.5')).toBe(-4.5);
  });
});

describe('csvRoundTrip', () => {
  // The round trip skips the converter where repr(x) has at most 15 digits; on any double it
  // must give what writing repr(x) and converting it gives.
  it('equals the converter on repr(x) for any double', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true }),
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.integer().map(n => n / 1000),
          fc.maxSafeInteger(),
        ),
        x => {
          const full = Number.isFinite(x) ? pandasParseFloat(pyFloat(x)) : x;
          expect(Object.is(csvRoundTrip(x), full)).toBe(true);
        },
      ),
      { numRuns: 20_000 },
    );
  });
  it('keeps the values a 16- or 17-digit repr moves', () => {
    expect(csvRoundTrip(0.30000000000000004)).toBe(0.3);
    expect(csvRoundTrip(1.0000000000000002)).toBe(pandasParseFloat('1.0000000000000002'));
    expect(csvRoundTrip(-0)).toBe(-0);
  });
});

describe('readBackAsPandas', () => {
  it('moves only the values pandas reads back differently, and leaves the input alone', () => {
    // pandas 1.5.3: read_csv of 0.30000000000000004 gives 0.3; of 0.1, 12.5 and 3.0 the same value.
    const moved = connectionRow('1', '2', 'QOE', 10, 12.5, {
      cpu_mean: 0.1 + 0.2,
      cpu_median: 0.1,
      qoe: 0.1 + 0.2,
      qoe_metric: 'vmaf',
    });
    const kept = connectionRow('1', '3', 'connectionStart', 3, 12.5, { cpu_median: 0.1 });
    const [a, b] = readBackAsPandas([moved, kept]);
    expect(a).toEqual({ ...moved, cpu_mean: 0.3, qoe: 0.3 });
    expect(moved.cpu_mean).toBe(0.30000000000000004);
    expect(b).toEqual(kept);
    expect(Object.keys(a as object)).toEqual(Object.keys(moved));
  });
});
