/**
 * CSV cells that a spreadsheet would run as formulas (issue 19): in the `spreadsheet` mode (the
 * default profile of `analyze`) text cells starting with `= + - @`, tab or CR get a leading `'`;
 * numbers stay numbers; the `pandas` mode (notebook profile) writes them unchanged, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionStatsRow } from '../../../src/core/analysis/types';
import { connectionStatsCsv, recordsCsv } from '../../../src/core/report/tables';
import { spreadsheetSafe } from '../../../src/shared/spreadsheet';

const row = (index: string, full_user: string, start_time: number): ConnectionStatsRow => ({
  type: 'connectionSuccess',
  start_time,
  end_time: 2,
  total_duration: 3,
  attempt: 0,
  batch: 1,
  user: '1',
  session: '1',
  full_user,
  cpu_mean: -0.5,
  cpu_start: 0,
  cpu_end: 0,
  cpu_median: 0,
  cpu_max: 0,
  cpu_min: 0,
  index,
});

describe('spreadsheetSafe', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (cell, expected) => {
    expect(spreadsheetSafe(cell)).toBe(expected);
  });
});

describe('connection_stats.csv in both modes', () => {
  const rows = [row('=cmd|" /C calc"!A0', '@x', -1.5), row('plain-test', '1-1', 0.25)];

  it('spreadsheet: hostile text cells prefixed, negative numbers left as numbers', () => {
    const csv = connectionStatsCsv(rows, 'spreadsheet');
    const lines = csv.split('\n');
    // type,start_time,end_time,total_duration,attempt,batch,user,session,full_user,cpu_*,qoe,qoe_metric,index
    expect(lines[1]).toBe(
      `connectionSuccess,-1.5,2.0,3.0,0.0,1,1,1,'@x,-0.5,0.0,0.0,0.0,0.0,0.0,,,"'=cmd|"" /C calc""!A0"`,
    );
    expect(lines[2]).toBe(
      'connectionSuccess,0.25,2.0,3.0,0.0,1,1,1,1-1,-0.5,0.0,0.0,0.0,0.0,0.0,,,plain-test',
    );
  });

  it('pandas (notebook profile): byte-identical to the mode-less writer, cells unchanged', () => {
    const csv = connectionStatsCsv(rows, 'pandas');
    expect(csv).toBe(connectionStatsCsv(rows));
    expect(csv).toContain(',@x,');
    expect(csv).toContain('"=cmd|"" /C calc""!A0"');
  });

  it('records tables (basics, comparisons): the same rule', () => {
    const records = [{ X: '=1+1', value: -3, nested: { label: '+x', n: 2 } }];
    expect(recordsCsv(records, 'spreadsheet')).toBe(
      "X,value,nested label,nested n\n'=1+1,-3.0,'+x,2.0\n",
    );
    expect(recordsCsv(records)).toBe('X,value,nested label,nested n\n=1+1,-3.0,+x,2.0\n');
  });
});
