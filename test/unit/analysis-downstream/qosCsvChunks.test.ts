import { describe, expect, it } from 'vitest';
import { QOS_CSV_CHUNK_ROWS, qosCsv, qosCsvChunks } from '../../../src/core/report/qosCsv';
import type { QosTable } from '../../../src/core/ingest/stats';

/** A hand-made table of n rows: an integer column, a float column, a string column. */
function table(n: number): QosTable {
  const ints = Float64Array.from({ length: n }, (_, i) => i);
  const floats = Float64Array.from({ length: n }, (_, i) => i + 0.5);
  const ids = Int32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : i % 2));
  return {
    rows: n,
    columns: [
      { name: 'packetsReceived', kind: 'number', values: ints },
      { name: 'jitter', kind: 'number', values: floats },
      { name: 'kind', kind: 'string', ids, dict: ['audio', 'video'] },
    ],
  } as unknown as QosTable;
}

describe('QoS CSV in chunks', () => {
  it('writes the header once and every row in order across chunks', () => {
    const n = QOS_CSV_CHUNK_ROWS * 2 + 7;
    const chunks = [...qosCsvChunks(table(n))];
    expect(chunks).toHaveLength(3);
    const lines = chunks.join('').split('\n');
    expect(lines[0]).toBe('packetsReceived,jitter,kind');
    expect(lines.length).toBe(n + 2); // header, n rows, final empty string after the last \n
    // Row i: i, i + 0.5, '' when i % 3 == 0 else audio/video by parity (worked out by hand).
    for (const i of [0, 1, 2, QOS_CSV_CHUNK_ROWS - 1, QOS_CSV_CHUNK_ROWS, n - 1]) {
      const kind = i % 3 === 0 ? '' : i % 2 === 0 ? 'audio' : 'video';
      expect(lines[i + 1]).toBe(`${i},${i + 0.5},${kind}`);
    }
    expect(qosCsv(table(n))).toBe(chunks.join(''));
  });
});

describe('QoS CSV quoting', () => {
  it('quotes text cells that need it, and empty cells of a one-column table', () => {
    const ids = Int32Array.from([0, 1, -1, 2]);
    const dict = ['a,b', 'say "x"', ' pad'];
    const two = {
      rows: 4,
      columns: [
        { name: 'n', kind: 'number', values: Float64Array.from([1, 2, NaN, 4]) },
        { name: 'label', kind: 'string', ids, dict },
      ],
    } as unknown as QosTable;
    // Worked by hand: pandas writes NaN in an int column's place as empty (the column is float
    // then: 1.0), quotes the delimiter, doubles quotes, and (as papaparse did) quotes edge spaces.
    expect(qosCsv(two)).toBe('n,label\n1.0,"a,b"\n2.0,"say ""x"""\n,\n4.0," pad"\n');
    const one = {
      rows: 3,
      columns: [{ name: 'label', kind: 'string', ids: Int32Array.from([0, -1, 0]), dict: ['v'] }],
    } as unknown as QosTable;
    expect(qosCsv(one)).toBe('label\nv\n""\nv\n');
  });
});

describe('QoS CSV of repeated values', () => {
  it('writes each row its own value where values repeat, -0 apart from 0', () => {
    // Worked by hand from Python's repr: -0.0 and 0.0 differ, NaN is empty, 2 is an int column's 2.
    const t = {
      rows: 8,
      columns: [
        {
          name: 'f',
          kind: 'number',
          values: Float64Array.from([1.5, 1.5, -0, 0, 0, NaN, NaN, 1.5]),
        },
        { name: 'i', kind: 'number', values: Float64Array.from([2, 2, 2, 3, 3, 3, 2, 2]) },
      ],
    } as unknown as QosTable;
    expect(qosCsv(t)).toBe('f,i\n1.5,2\n1.5,2\n-0.0,2\n0.0,3\n0.0,3\n,3\n,2\n1.5,2\n');
  });
});
