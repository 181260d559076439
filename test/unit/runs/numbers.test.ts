// Numbers as Java's String.format prints them in any JVM locale (%.2f, %.1f, %,.0f): edge cases.
import { describe, expect, it } from 'vitest';
import {
  NumberReader,
  parseGroupedNumber,
  parseReportNumber,
  readJavaNumber,
} from '../../../src/core/runs/numbers';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('readJavaNumber: the shapes %,.0f and %.2f/%.1f print', () => {
  it.each([
    ['12,345', 12345, '.'], // en %,.0f
    ['12.345', 12345, ','], // es/de/it/pt %,.0f
    ['3.656', 3656, ','], // the case: %.2f never prints three decimals
    ['1.056', 1056, ','],
    ['1,056', 1056, '.'],
    ['12,03', 12.03, ','], // es %.2f
    ['12.03', 12.03, '.'],
    ['26,8', 26.8, ','], // %.1f%% of the worker CPU
    ['0,52', 0.52, ','],
    ['1.836.840', 1836840, ','],
    ['1,836,840', 1836840, '.'],
    ['1.234,56', 1234.56, ','],
    ['1,234.56', 1234.56, '.'],
    [`12${NNBSP}345,67`, 12345.67, ','], // fr-FR: narrow no-break space groups
    [`1${NNBSP}836${NNBSP}840`, 1836840, undefined],
    [`12${NBSP}345`, 12345, undefined], // fr before CLDR 34
    ['1’234', 1234, undefined], // de-CH
    ['1’234.50', 1234.5, '.'],
    ['18,36,840', 1836840, '.'], // Indian lakh grouping, should a JVM print it
    ['980', 980, undefined],
    ['-1.234', -1234, ','],
    ['−0,52', -0.52, ','], // U+2212 minus
    ['-12,03', -12.03, ','],
  ])('%s → %d (decimal mark %s)', (text, value, mark) => {
    const r = readJavaNumber(text);
    expect(r?.value).toBeCloseTo(value, 10);
    expect(r?.decimalMark).toBe(mark);
    expect(r?.doubt).toBeUndefined();
  });

  it.each([
    ['0.125', 0.125], // a group cannot start with 0, and no format prints three decimals
    ['1234.567', 1234.567], // a first group of four digits
    ['12,3456', 12.3456],
    ['12.34.5', 12345], // groups of the wrong size
    [`12${NNBSP}34`, 1234],
  ])('%s is read as %d but flagged (no controller format prints it)', (text, value) => {
    const r = readJavaNumber(text);
    expect(r?.value).toBeCloseTo(value, 10);
    expect(r?.doubt).toMatch(/read as/);
  });

  it.each(['', '-', 'NaN', 'abc', '12.', '.5', '1..2', '12 ms'])('%j is not a number', text => {
    expect(readJavaNumber(text)).toBeUndefined();
  });

  it('parseGroupedNumber keeps its number-or-undefined contract', () => {
    expect(parseGroupedNumber('3.656')).toBe(3656);
    expect(parseGroupedNumber('-')).toBeUndefined();
  });
});

describe('parseReportNumber: number and unit as formatMetricValue prints them', () => {
  it.each([
    ['3.656 pkts/s', 3656, 'pkts/s'],
    [`3${NNBSP}656 pkts/s`, 3656, 'pkts/s'],
    ['1.024 participants', 1024, 'participants'],
    ['12,03 Mbps', 12_030_000, 'bps'],
    ['800,00 Kbps', 800_000, 'bps'],
    ['18,45 Gbps', 18_450_000_000, 'bps'],
    ['26,8%', 26.8, '%'],
    ['0,52%', 0.52, '%'],
    ['45,50 ms', 45.5, 'ms'],
    ['4,20 score', 4.2, 'score'],
    ['980 bps', 980, 'bps'],
  ])('%s → %d %s', (text, value, unit) => {
    const r = parseReportNumber(text);
    expect(r?.unit).toBe(unit);
    expect(r?.value).toBeCloseTo(value, 3);
  });
});

describe('NumberReader: the document decides, contradictions are flagged', () => {
  it('a consistent es-ES document gives no diagnostic', () => {
    const r = new NumberReader('/r/report.html');
    expect(r.withUnit('3.656 pkts/s', 10)?.value).toBe(3656);
    expect(r.withUnit('12,03 Mbps', 11)?.value).toBe(12_030_000);
    expect(r.withUnit('26,8%', 12)?.value).toBeCloseTo(26.8, 10);
    expect(r.decimalMark()).toBe(',');
    expect(r.diagnostics()).toEqual([]);
  });

  it('a grouping dot in an English document is flagged with its file and line', () => {
    const r = new NumberReader('/r/report.html');
    r.withUnit('12.03 Mbps', 10);
    r.withUnit('0.52%', 11);
    r.withUnit('3.656 pkts/s', 12);
    expect(r.decimalMark()).toBe('.');
    const d = r.diagnostics();
    expect(d.map(x => [x.code, x.file, x.line])).toEqual([
      ['number.localeMismatch', '/r/report.html', 12],
    ]);
    expect(d[0]!.message).toContain('3656');
  });

  it('a number no format prints is flagged and says what was assumed', () => {
    const r = new NumberReader('/r/results.txt');
    r.number('0,52', 3);
    r.number('0.125', 4);
    const d = r.diagnostics();
    expect(d.map(x => [x.code, x.line])).toEqual([['number.unusual', 4]]);
    expect(d[0]!.message).toMatch(/0\.125.*decimal mark.*","/s);
  });

  it('as many "." as "," decimals: one file-level warning', () => {
    const r = new NumberReader('/r/report.html');
    r.number('12,03', 1);
    r.number('12.03', 2);
    expect(r.decimalMark()).toBeUndefined();
    expect(r.diagnostics().map(x => x.code)).toEqual(['number.mixedLocale']);
  });

  it('plain integers prove nothing and raise nothing', () => {
    const r = new NumberReader('/r/report.html');
    r.number('1024', 1);
    r.number('0', 2);
    expect(r.decimalMark()).toBeUndefined();
    expect(r.diagnostics()).toEqual([]);
  });
});
