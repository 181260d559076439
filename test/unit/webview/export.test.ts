import { describe, expect, it } from 'vitest';
import { csvText, exportName } from '../../../src/webview/common/export';
import { parseExportFile } from '../../../src/shared/views/common';

describe('export helpers', () => {
  it('writes RFC 4180 CSV with CRLF, quoting, empty cells for missing numbers', () => {
    expect(
      csvText(
        ['a', 'b'],
        [
          ['x,y', 1.5],
          ['say "hi"', NaN],
          [undefined, -2],
        ],
      ),
    ).toBe('a,b\r\n"x,y",1.5\r\n"say ""hi""",\r\n,-2\r\n');
  });

  it('quotes as analyze does: edge spaces, a byte-order mark, an empty lone column', () => {
    expect(
      csvText(
        ['a', 'b'],
        [
          [' x', 'y '],
          ['\ufeffz', ''],
        ],
      ),
    ).toBe('a,b\r\n" x","y "\r\n"\ufeffz",\r\n');
    expect(csvText(['a'], [[''], [undefined], ['x']])).toBe('a\r\n""\r\n""\r\nx\r\n');
  });

  it('keeps spreadsheet formulas from running (text cells only; numbers stay numbers)', () => {
    expect(csvText(['c'], [['=1+1'], ['@x'], ['+1'], ['-1'], [-1]])).toBe(
      "c\r\n'=1+1\r\n'@x\r\n'+1\r\n'-1\r\n-1\r\n",
    );
  });

  it('builds file names the host accepts from any test name', () => {
    expect(exportName(['t/x:y', 'progression'], 'png')).toBe('t_x_y-progression.png');
    expect(exportName(['../..', 'a'], 'csv')).toBe('_..-a.csv');
    expect(exportName(['', ''], 'csv')).toBe('-.csv');
    for (const parts of [['t/x:y'], ['../..'], ['.hidden'], ['ü'.repeat(300)], ['\u0000']]) {
      const name = exportName(parts, 'csv');
      expect(parseExportFile({ test: 't', format: 'csv', name, data: 'a' }), name).toBeDefined();
    }
  });
});
