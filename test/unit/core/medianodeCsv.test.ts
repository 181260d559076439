import { describe, expect, it } from 'vitest';
import { parseMedianodeCsv } from '../../../src/core/ingest/medianodeCsv';

describe('medianode CSV', () => {
  it('reads @timestamp,cpu,memory, keeps empty cells as missing per column (pandas dropna per column), sorts by time', () => {
    const text = [
      '@timestamp,cpu,memory',
      '2024-06-20T10:15:10.000Z,0.5,0.3',
      '2024-06-20T10:15:05.000Z,0.25,',
      '2024-06-20T10:15:15.000Z,,0.35',
      '',
    ].join('\n');
    const r = parseMedianodeCsv(text, 'f.csv');
    expect(Array.from(r.series.time)).toEqual([
      Date.UTC(2024, 5, 20, 10, 15, 5),
      Date.UTC(2024, 5, 20, 10, 15, 10),
      Date.UTC(2024, 5, 20, 10, 15, 15),
    ]);
    expect(Array.from(r.series.cpu)).toEqual([0.25, 0.5, NaN]);
    expect(Array.from(r.series.memory)).toEqual([NaN, 0.3, 0.35]);
    expect(r.diagnostics).toEqual([]);
  });

  it('names the line of a bad timestamp or number and keeps the other rows', () => {
    const text = '@timestamp,cpu,memory\nnot-a-date,0.1,0.1\n2024-06-20T10:15:05Z,high,0.2\n';
    const r = parseMedianodeCsv(text, 'f.csv');
    expect(r.series.time.length).toBe(1);
    expect(r.diagnostics.map(d => [d.code, d.line])).toEqual([
      ['csv.badTimestamp', 2],
      ['csv.badNumber', 3],
    ]);
  });

  it('reports missing columns on line 1 and zone-less timestamps', () => {
    const r = parseMedianodeCsv('@timestamp,cpu\n2024-06-20 10:15:05,0.4\n', 'f.csv');
    expect(r.diagnostics.map(d => d.code)).toEqual(['csv.missingColumn', 'csv.naiveTimestamp']);
    expect(r.series.time[0]).toBe(Date.UTC(2024, 5, 20, 10, 15, 5));
    expect(Number.isNaN(r.series.memory[0])).toBe(true);
  });
  it('reads the decimal commas of a CSV saved again by a comma-decimal spreadsheet (; between cells, BOM, CRLF) and says so once', () => {
    const text =
      '\uFEFF@timestamp;cpu;memory\r\n' +
      '2024-06-20T09:59:30.039Z;0,0329;0,2153\r\n' +
      '2024-06-20T09:59:35.027Z;0,0747;1\r\n' +
      '2024-06-20T09:59:40.000Z;;0,25\r\n';
    const r = parseMedianodeCsv(text, 'f.csv');
    expect(Array.from(r.series.cpu)).toEqual([0.0329, 0.0747, NaN]);
    expect(Array.from(r.series.memory)).toEqual([0.2153, 1, 0.25]);
    expect(r.diagnostics.map(d => [d.code, d.severity, d.line])).toEqual([
      ['csv.decimalComma', 'info', 2],
    ]);
    expect(r.diagnostics[0]?.message).toContain('4 value(s)');
    expect(r.diagnostics[0]?.message).toContain('"0,0329" as 0.0329');
  });

  it('reads a quoted decimal comma in a comma-separated file, and still flags a cell that is no number', () => {
    const text = '@timestamp,cpu,memory\n2024-06-20T10:15:05Z,"0,5","1,2,3"\n';
    const r = parseMedianodeCsv(text, 'f.csv');
    expect(r.series.cpu[0]).toBe(0.5);
    expect(Number.isNaN(r.series.memory[0])).toBe(true);
    expect(r.diagnostics.map(d => [d.code, d.line])).toEqual([
      ['csv.badNumber', 2],
      ['csv.decimalComma', 2],
    ]);
  });
});

describe('medianode CSV from disk (streamed)', () => {
  it('gives the same series as the text parser and keeps line numbers past empty lines', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readMedianodeCsv } = await import('../../../src/core/ingest/medianodeCsv');
    const text =
      '@timestamp,cpu,memory\r\n2024-06-20T10:15:05Z,0.2,0.3\r\n\r\n2024-06-20T10:15:10Z,oops,0.4\r\n';
    const file = join(mkdtempSync(join(tmpdir(), 'ltl-csv-')), 'x-medianode.csv');
    writeFileSync(file, text);
    const streamed = await readMedianodeCsv(file);
    expect(streamed).toEqual(parseMedianodeCsv(text, file));
    expect(streamed.diagnostics.map(d => [d.code, d.line])).toEqual([['csv.badNumber', 4]]);
    const missing = await readMedianodeCsv(join(tmpdir(), 'nope', 'x.csv'));
    expect(missing.diagnostics.map(d => d.code)).toContain('file.missing');
  });

  it('reports an empty file', () => {
    expect(parseMedianodeCsv('', 'f').diagnostics.map(d => d.code)).toEqual(['csv.empty']);
  });
});
