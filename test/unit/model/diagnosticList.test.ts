/**
 * Capped findings (issue 19): 15 MB of bad cells once gave 1.5 M diagnostics, a 310 MB
 * summary.json and 2.1 GB of memory. Every finding is counted; the first KEPT_PER_KIND of each
 * kind per file are kept, and one closing finding says how many more there were.
 */
import { describe, expect, it } from 'vitest';
import {
  cappedDiagnostics,
  diagnostic,
  DiagnosticList,
  KEPT_PER_KIND,
} from '../../../src/core/model/diagnostic';
import { parseMedianodeCsv } from '../../../src/core/ingest/medianodeCsv';

describe('DiagnosticList', () => {
  it('keeps the first findings of a kind per file and counts the rest', () => {
    const list = new DiagnosticList();
    for (let i = 1; i <= 300_000; i++) {
      list.push(diagnostic('warning', 'csv.badNumber', '/r/a.csv', `cell ${i}`, { line: i }));
    }
    list.push(diagnostic('warning', 'csv.badNumber', '/r/b.csv', 'other file'));
    list.push(diagnostic('error', 'csv.other', '/r/a.csv', 'other kind'));
    expect(list).toHaveLength(KEPT_PER_KIND + 3);
    expect(list.slice(0, KEPT_PER_KIND).map(d => d.line)).toEqual(
      Array.from({ length: KEPT_PER_KIND }, (_, i) => i + 1),
    );
    const summary = list[KEPT_PER_KIND]!;
    expect(summary.file).toBe('/r/a.csv');
    expect(summary.code).toBe('csv.badNumber');
    expect(summary.message).toContain(`${(300_000 - KEPT_PER_KIND).toLocaleString('en-US')} more`);
    expect(list.slice(KEPT_PER_KIND + 1).map(d => d.message)).toEqual(['other file', 'other kind']);
  });

  it('gives plain arrays from map and filter, and copies with the same cap', () => {
    const list = cappedDiagnostics(
      Array.from({ length: 200 }, (_, i) => diagnostic('info', 'k', '/f', String(i))),
    );
    expect(list).toHaveLength(KEPT_PER_KIND + 1);
    const kept = list.filter(d => d.message !== '0');
    expect(kept).toBeInstanceOf(Array);
    expect(kept).not.toBeInstanceOf(DiagnosticList);
    expect(kept).toHaveLength(KEPT_PER_KIND);
  });

  it('bounds the findings of a medianode CSV full of bad cells', () => {
    const rows = ['@timestamp,cpu,memory'];
    for (let i = 0; i < 20_000; i++) rows.push(`2024-06-20T10:15:00.000Z,x${i},y`);
    const csv = parseMedianodeCsv(rows.join('\n'), '/r/dfs_final/t-medianode.csv');
    expect(csv.diagnostics.length).toBeLessThanOrEqual(4 * (KEPT_PER_KIND + 1));
    expect(csv.diagnostics.some(d => /more findings/.test(d.message))).toBe(true);
  });
});

describe('the closing finding', () => {
  it('serialises with its count, as JSON and through structured cloning', () => {
    const list = cappedDiagnostics(
      Array.from({ length: KEPT_PER_KIND + 2 }, (_, i) => diagnostic('info', 'k', '/f', String(i))),
    );
    const last = list[KEPT_PER_KIND]!;
    expect(JSON.parse(JSON.stringify(last)).message).toContain('2 more findings');
    expect(structuredClone(last).message).toContain('2 more findings');
  });
});
