// pandas to_csv texts; expected strings are what CPython/pandas 1.5.3 print.
import { describe, expect, it } from 'vitest';
import { pyFloat, pyReprOfJson } from '../../../src/core/format/pandasText';
import { toCsv, unparse, type CsvColumn } from '../../../src/core/report/csv';
import {
  ConnectionStatsCsv,
  connectionStatsCsv,
  recordsCsv,
} from '../../../src/core/report/tables';
import { connectionRow } from '../connectionRow';

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

describe('typed CSV rows', () => {
  // Expected texts: what pandas 1.5.3's to_csv(index=False) writes for these frames.
  const columns: CsvColumn<{ s?: string; f: number; i: number }>[] = [
    { name: 's', kind: 'str', get: r => r.s },
    { name: 'f', kind: 'float', get: r => r.f },
    { name: 'i', kind: 'int', get: r => r.i },
  ];
  it('writes each cell by its column, quoting only text that needs it', () => {
    const rows = [
      { s: 'a,b', f: 1, i: 2 },
      { f: NaN, i: NaN },
      { s: '=1+1', f: 0.1 + 0.2, i: -3 },
    ];
    expect(toCsv(columns, rows)).toBe('s,f,i\n"a,b",1.0,2\n,,\n=1+1,0.30000000000000004,-3\n');
    expect(toCsv(columns, [])).toBe('s,f,i\n');
    expect(toCsv([], rows)).toBe('\n');
  });
  it('quotes the empty cell of a one-column table, numbers included', () => {
    const only: CsvColumn<{ f: number }>[] = [{ name: 'f', kind: 'float', get: r => r.f }];
    expect(toCsv(only, [{ f: 2.5 }, { f: NaN }])).toBe('f\n2.5\n""\n');
  });
  it("gives a test's connection_stats.csv the root's lines for its rows", () => {
    const a = connectionRow('1', '1', 'connectionSuccess', 1.5, 3, { index: 't1' });
    const b = connectionRow('1', '2', 'QOE', 2, 4.25, {
      index: 't2',
      qoe: 0.5,
      qoe_metric: 'vmaf',
    });
    const writer = new ConnectionStatsCsv();
    const root = writer.csv([a, b]);
    const lineB = 'QOE,2.0,4.25,2.25,0.0,0,2,1,2-1,,,,,,,0.5,vmaf,t2';
    expect(root.split('\n')[2]).toBe(lineB);
    expect(writer.csv([b])).toBe(`${root.split('\n')[0]}\n${lineB}\n`);
    expect(writer.csv([b])).toBe(connectionStatsCsv([b]));
  });
});
