import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pyFloat } from '../../../src/core/format/pandasText';

/** Python's repr(float) rules written out from the digits of toExponential (the slow way). */
function reference(x: number): string {
  const [mantissa = '', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  return `${sign}${digits.slice(0, exp + 1).padEnd(exp + 1, '0')}.${digits.slice(exp + 1) || '0'}`;
}

describe('pyFloat (Python repr of a float)', () => {
  it('matches values printed by Python 3', () => {
    // From python3: repr(0.1), repr(3.0), repr(1e16), repr(1e-05), repr(0.0001), repr(-2.5), repr(123456789.125)
    expect([0.1, 3, 1e16, 1e-5, 0.0001, -2.5, 123456789.125].map(pyFloat)).toEqual([
      '0.1',
      '3.0',
      '1e+16',
      '1e-05',
      '0.0001',
      '-2.5',
      '123456789.125',
    ]);
  });
  it('agrees with the digit-by-digit rules on any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), x => {
        if (x !== 0) expect(pyFloat(x)).toBe(reference(x));
      }),
      { numRuns: 20000 },
    );
  });
});
