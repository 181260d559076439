// pandas 1.5 read_csv's float converter, values checked with Debian's pandas 1.5.3:
// pd.read_csv of "0.30000000000000004" gives 0.3 (not correctly rounded).
import { describe, expect, it } from 'vitest';
import { csvRoundTrip, pandasParseFloat } from '../../../src/core/analysis/downstream';

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
