import { describe, expect, it } from 'vitest';
import { TableBuilder } from '../../../src/core/ingest/stats/columns';
import {
  concatTables,
  mergeQosTables,
  readStatsFile,
  transferables,
} from '../../../src/core/ingest/stats';
import { join } from 'node:path';
import { FIXTURES, cells, column, columnNames } from './helpers';

function table(rows: Record<string, unknown>[]) {
  const b = new TableBuilder();
  for (const r of rows) b.addObject(r);
  return b.finish();
}

describe('TableBuilder typing rules', () => {
  it('types each column by its values; null and absent are missing', () => {
    const t = table([
      { n: 1, s: 'a', b: true, o: { x: 1 }, z: null },
      { n: null, s: 'b', b: false, o: [1, 2] },
      { s: 'a', n: 2.5 },
    ]);
    expect(t.rows).toBe(3);
    expect(t.columns.map(c => `${c.name}:${c.kind}`)).toEqual([
      'n:number',
      's:string',
      'b:boolean',
      'o:json',
      'z:number',
    ]);
    expect(cells(t, 'n')).toEqual([1, NaN, 2.5]);
    expect(cells(t, 's')).toEqual(['a', 'b', 'a']);
    expect(column(t, 's')).toMatchObject({ dict: ['a', 'b'] });
    expect(cells(t, 'b')).toEqual([1, 0, NaN]);
    expect(cells(t, 'o')).toEqual(['{"x":1}', '[1,2]', undefined]);
    expect(cells(t, 'z')).toEqual([NaN, NaN, NaN]);
  });

  it('turns a column with values of several kinds into JSON texts', () => {
    const t = table([{ v: 1 }, { v: 'x' }, { v: true }, {}, { v: { a: 'b' } }, { v: '1' }]);
    expect(column(t, 'v').kind).toBe('mixed');
    expect(cells(t, 'v')).toEqual(['1', '"x"', 'true', undefined, '{"a":"b"}', '"1"']);
  });

  it('turns a string column into JSON texts when a number arrives', () => {
    const t = table([{ v: 'a' }, { v: 'a' }, { v: 3 }]);
    expect(cells(t, 'v')).toEqual(['"a"', '"a"', '3']);
  });

  it('keeps first-appearance order when rows change shape', () => {
    const t = table([{ a: 1, b: 2 }, { b: 3, c: 4, a: 5 }, { d: 6 }, { a: 7, b: 8 }]);
    expect(columnNames(t)).toEqual(['a', 'b', 'c', 'd']);
    expect(cells(t, 'a')).toEqual([1, 5, NaN, 7]);
    expect(cells(t, 'b')).toEqual([2, 3, NaN, 8]);
    expect(cells(t, 'c')).toEqual([NaN, 4, NaN, NaN]);
  });

  it('grows past its initial capacity', () => {
    const rows = Array.from({ length: 1000 }, (_, i) =>
      i % 3 === 0 ? { i, s: `s${i % 5}` } : { i },
    );
    const t = table(rows);
    const s = cells(t, 's');
    expect(cells(t, 'i')).toEqual(rows.map(r => r.i));
    expect(s[999]).toBe('s4');
    expect(s[998]).toBeUndefined();
  });
});

describe('concatTables', () => {
  it('unions columns in first-appearance order and re-maps dictionaries', () => {
    const a = table([{ x: 1, s: 'p' }]);
    const b = table([
      { s: 'q', y: true },
      { s: 'p', x: 2 },
    ]);
    const t = concatTables([a, b]);
    expect(t.rows).toBe(3);
    expect(columnNames(t)).toEqual(['x', 's', 'y']);
    expect(cells(t, 'x')).toEqual([1, NaN, 2]);
    expect(cells(t, 's')).toEqual(['p', 'q', 'p']);
    expect(column(t, 's')).toMatchObject({ dict: ['p', 'q'] });
    expect(cells(t, 'y')).toEqual([NaN, 1, NaN]);
  });

  it('makes a column mixed when the parts disagree on its kind', () => {
    const t = concatTables([table([{ v: 1 }]), table([{ v: 'a' }]), table([{ v: { k: 1 } }])]);
    expect(column(t, 'v').kind).toBe('mixed');
    expect(cells(t, 'v')).toEqual(['1', '"a"', '{"k":1}']);
  });
});

describe('mergeQosTables', () => {
  it('concatenates per-user results and re-bases the source index', async () => {
    const ov2 = await readStatsFile(join(FIXTURES, 'ov2-two-elements.json'), {
      user: 'User1',
      session: 'S1',
    });
    const lk = await readStatsFile(join(FIXTURES, 'livekit-shared-pc.json'), {
      user: 'User2',
      session: 'S1',
    });
    const m = mergeQosTables([ov2, lk]);
    expect(m.sources.map(s => s.user)).toEqual(['User1', 'User2']);
    const ia = m.tables.inbound_audio;
    // 2 OV2 rows, then 2 LiveKit rows (after de-duplication)
    expect(ia.rows).toBe(4);
    expect(Array.from(ia.source)).toEqual([0, 0, 1, 1]);
    expect(cells(ia, 'user')).toEqual(['User1', 'User1', 'User2', 'User2']);
    expect(cells(ia, 'id')).toEqual(['IA', 'IA', 'IA1', 'IA1']);
    // the LiveKit rows have no packetsSent/mediaType/packetLoss/track
    expect(columnNames(ia)).toEqual(columnNames(ov2.tables.inbound_audio));
    expect(cells(ia, 'packetLoss')).toEqual([NaN, 10 / 240, NaN, NaN]);
    expect(Array.from(ia.lossRatio)).toEqual([0.1, 0.05, 0, 0]);
    expect(Array.from(m.networkScores.source)).toEqual([0, 1]);
    expect(m.counts.statsItems).toBe(3 + 6);
    expect(m.counts.duplicateRows).toBe(4);
    expect(m.counts.rows.inbound_audio).toBe(4);
    expect({ ...m.counts.timelineEvents }).toEqual({ onconnectionstatechange: 1 });
    // merging merged results keeps re-basing
    const twice = mergeQosTables([m, lk]);
    expect(Array.from(twice.tables.inbound_audio.source)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('transferables', () => {
  it('lists every typed array buffer once, so a result can be transferred', async () => {
    const r = await readStatsFile(join(FIXTURES, 'ov2-two-elements.json'));
    const list = transferables(r);
    // 8 tables × 5 per-row arrays + one array per column + 5 network-score arrays
    const columns = Object.values(r.tables).reduce((n, t) => n + t.columns.length, 0);
    expect(list).toHaveLength(8 * 5 + columns + 5);
    const copy = structuredClone(r, { transfer: list });
    expect(cells(copy.tables.inbound_audio, 'packetLoss')).toEqual([NaN, 10 / 240]);
    expect(r.tables.inbound_audio.element.length).toBe(0); // detached
  });
});
