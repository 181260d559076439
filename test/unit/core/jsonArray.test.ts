import { describe, expect, it } from 'vitest';
import { lineColumnAt, parseJsonArray } from '../../../src/core/ingest/jsonArray';

describe('parseJsonArray', () => {
  it('reads a complete array without findings', () => {
    const r = parseJsonArray('[{"a":1},{"a":2}]', '/r/x.json');
    expect(r.elements).toEqual([{ a: 1 }, { a: 2 }]);
    expect(r.diagnostics).toEqual([]);
  });

  it('keeps the complete elements of an array cut mid-write (the writer appends ",<json>]")', () => {
    const text = '[{"a":1,"s":"x]}"},{"a":2},{"a":3,"b":[1,2';
    const r = parseJsonArray(text, '/r/x.json');
    expect(r.elements).toEqual([{ a: 1, s: 'x]}' }, { a: 2 }]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      severity: 'warning',
      code: 'json.truncated',
      file: '/r/x.json',
      line: 1,
    });
    expect(r.diagnostics[0]?.message).toContain('2 complete element');
  });

  it('reports an empty file, a non-array and garbage with a position', () => {
    expect(parseJsonArray('  \n', 'f').diagnostics[0]?.code).toBe('json.empty');
    expect(parseJsonArray('{"a":1}', 'f').diagnostics[0]?.code).toBe('json.notArray');
    const bad = parseJsonArray('[1,\n2,\n}x', 'f');
    expect(bad.elements).toEqual([1, 2]);
    expect(bad.diagnostics[0]).toMatchObject({ code: 'json.garbage', severity: 'error', line: 3 });
  });

  it('treats "[]" (the file as created) as empty without complaint', () => {
    expect(parseJsonArray('[]', 'f')).toEqual({ elements: [], indexes: [], diagnostics: [] });
  });
});

describe('lineColumnAt', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumnAt('ab\ncd\ne', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd\ne', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('ab\ncd\ne', 6)).toEqual({ line: 3, column: 1 });
  });
});
