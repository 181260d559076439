// pandas to_csv texts; expected strings are what CPython/pandas 1.5.3 print.
import { describe, expect, it } from 'vitest';
import { pyFloat, pyReprOfJson } from '../../../src/core/format/pandasText';
import { unparse } from '../../../src/core/report/csv';
import { recordsCsv } from '../../../src/core/report/tables';

describe('pandas cell texts', () => {
  it('repr(float)', () => {
    const cases: Array<[number, string]> = [
      [0.1, '0.1'],
      [1e-5, '1e-05'],
      [1.5e-7, '1.5e-07'],
      [0.0001, '0.0001'],
      [1e16, '1e+16'],
      [1e15, '1000000000000000.0'],
      [1.2345678901234568e17, '1.2345678901234568e+17'],
      [0.1 + 0.2, '0.30000000000000004'],
      [100, '100.0'],
      [-0, '-0.0'],
      [-1234.5, '-1234.5'],
    ];
    for (const [x, text] of cases) expect(pyFloat(x)).toBe(text);
  });
  it("str() of orjson's value, ints and floats kept apart", () => {
    expect(pyReprOfJson('{"k":[1,2.0,null,"it\'s",true]}')).toBe(
      `{'k': [1, 2.0, None, "it's", True]}`,
    );
    expect(pyReprOfJson(' { } ')).toBe('{}');
    expect(pyReprOfJson('[ ]')).toBe('[]');
    expect(pyReprOfJson('{ "a" : { }, "b" : [ [ ], { "c" : false } ] }')).toBe(
      `{'a': {}, 'b': [[], {'c': False}]}`,
    );
  });
  it('CSV: empty frame, quoting, one-column empty cell', () => {
    expect(unparse([], [])).toBe('\n');
    expect(unparse(['a'], [['1'], ['']])).toBe('a\n1\n""\n');
    expect(recordsCsv([{ X: 'a,b', 'len(X)': 3, m: NaN }])).toBe('X,len(X),m\n"a,b",3,\n');
  });
  it('CSV quoting: quotes doubled; line breaks, BOM and edge spaces quoted; empty cells bare', () => {
    // Python's csv.writer (QUOTE_MINIMAL) writes the first rows the same way; the edge spaces and
    // the BOM are quoted as papaparse did, which these files have always followed.
    expect(unparse(['a', 'b'], [['say "hi"', 'x\ny']])).toBe('a,b\n"say ""hi""","x\ny"\n');
    expect(unparse(['a', 'b'], [['r\rs', '']])).toBe('a,b\n"r\rs",\n');
    expect(unparse(['a', 'b'], [[' lead', 'trail ']])).toBe('a,b\n" lead","trail "\n');
    expect(unparse(['a', 'b'], [['in ner', '\ufeffx']])).toBe('a,b\nin ner,"\ufeffx"\n');
    expect(unparse(['a,1', 'b'], [])).toBe('"a,1",b\n');
  });
});
