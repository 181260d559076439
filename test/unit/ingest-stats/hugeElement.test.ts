/**
 * Issue 19, "Crashes": a stats.json holding one 600 MB value crashed the reader (a string longer
 * than V8 allows). An element still unfinished after the cap is now crossed without keeping its
 * bytes, reported with its index and byte offset, and the elements after it are read. The cap is
 * injected small here; bench/hostile-huge-value.bench.ts runs the 600 MB file.
 */
import { describe, expect, it } from 'vitest';
import {
  JsonArraySplitter,
  MAX_ELEMENT_BYTES,
  readStatsFile,
} from '../../../src/core/ingest/stats';
import { INCOMPLETE, ValueSkipper, scanValue } from '../../../src/core/ingest/stats/byteScan';
import { codes, split, tempFile } from './helpers';

const CAP = 1024;
/** [chunk, batch] pairs, every chunk smaller than the cap (a read never exceeds 4 MiB). */
const CHUNKINGS: [number, number][] = [
  [1, 1],
  [7, 64],
  [100, 256],
  [333, 1000],
];

const small = (k: number) => `{"event":"stats","k":${k}}`;

/** `[small0,<huge>,small2,small3]` and the byte offset and size of `<huge>`, counted here. */
function withHuge(huge: string): { bytes: Buffer; offset: number; size: number } {
  const head = `[${small(0)},`;
  const text = `${head}${huge},${small(2)},${small(3)}]`;
  return {
    bytes: Buffer.from(text),
    offset: Buffer.byteLength(head),
    size: Buffer.byteLength(huge),
  };
}

describe('an element larger than the cap', () => {
  it('is skipped with its index, byte offset and size; the elements after it are read', () => {
    const huge = `{"event":"stats","x":"${'x'.repeat(10_000)}"}`;
    const { bytes, offset, size } = withHuge(huge);
    for (const [chunk, batch] of CHUNKINGS) {
      const r = split(bytes, chunk, batch, CAP);
      expect(r.values, `chunk ${chunk}`).toEqual([
        { event: 'stats', k: 0 },
        { event: 'stats', k: 2 },
        { event: 'stats', k: 3 },
      ]);
      expect(r.indexes).toEqual([0, 2, 3]);
      expect(codes(r.diagnostics)).toEqual(['json.elementTooLarge']);
      const d = r.diagnostics[0];
      expect(d?.severity).toBe('error');
      expect(d?.jsonPath).toBe('[1]');
      expect(d?.line).toBe(1);
      expect(d?.message).toContain(`Element [1] at byte ${offset} `);
      expect(d?.message).toContain(`is ${size} bytes long, more than the 1024 bytes`);
    }
  });

  it('keeps memory bounded: never more than about twice the cap is held', () => {
    const { bytes } = withHuge(`{"event":"stats","x":"${'x'.repeat(100_000)}"}`);
    for (const [chunk, batch] of CHUNKINGS) {
      const s = new JsonArraySplitter('mem.json', batch, CAP);
      let most = 0;
      for (let i = 0; i < bytes.length; i += chunk) {
        s.push(bytes.subarray(i, i + chunk));
        most = Math.max(most, s.buffered);
      }
      s.end();
      expect(most, `chunk ${chunk}`).toBeLessThanOrEqual(2 * CAP + chunk + batch);
      expect(codes(s.diagnostics)).toEqual(['json.elementTooLarge']);
    }
  });

  it('crosses escaped quotes and backslashes split across chunks, and nested brackets in strings', () => {
    const body = 'ab\\"cd\\\\ef]}'.repeat(400);
    const nested = Array.from({ length: 300 }, (_, i) => `{"y":[${i},"]}{["]}`).join(',');
    const huge = `{"event":"stats","x":"${body}","n":[${nested}]}`;
    expect(() => JSON.parse(huge) as unknown).not.toThrow();
    const { bytes } = withHuge(huge);
    for (const [chunk, batch] of CHUNKINGS) {
      const r = split(bytes, chunk, batch, CAP);
      expect(r.indexes, `chunk ${chunk}`).toEqual([0, 2, 3]);
      expect(codes(r.diagnostics)).toEqual(['json.elementTooLarge']);
    }
  });

  it('skips a huge top-level string or number too', () => {
    for (const huge of [`"${'s'.repeat(5000)}"`, '9'.repeat(5000)]) {
      const bytes = Buffer.from(`[1,${huge},2]`);
      for (const [chunk, batch] of CHUNKINGS) {
        const r = split(bytes, chunk, batch, CAP);
        expect(r.values, `chunk ${chunk}`).toEqual([1, 2]);
        expect(r.indexes).toEqual([0, 2]);
        expect(codes(r.diagnostics)).toEqual(['json.elementTooLarge']);
      }
    }
  });

  it('resumes at the next element when the huge element is broken (an unterminated string)', () => {
    const bytes = Buffer.from(
      `[${small(0)},{"event":"stats","x":"${'x'.repeat(5000)},${small(2)}]`,
    );
    for (const [chunk, batch] of CHUNKINGS) {
      const r = split(bytes, chunk, batch, CAP);
      expect(r.values, `chunk ${chunk}`).toEqual([
        { event: 'stats', k: 0 },
        { event: 'stats', k: 2 },
      ]);
      expect(r.diagnostics.length).toBe(1);
      expect(r.diagnostics[0]?.jsonPath).toBe('[1]');
    }
  });

  it('says the file is cut when it ends inside the huge element', () => {
    const head = `[${small(0)},`;
    const bytes = Buffer.from(`${head}{"event":"stats","x":"${'x'.repeat(5000)}`);
    for (const [chunk, batch] of CHUNKINGS) {
      const r = split(bytes, chunk, batch, CAP);
      expect(r.values, `chunk ${chunk}`).toEqual([{ event: 'stats', k: 0 }]);
      expect(codes(r.diagnostics)).toEqual(['json.elementTooLarge', 'json.truncated']);
      expect(r.diagnostics[1]?.message).toContain(`cut off at byte ${Buffer.byteLength(head)}`);
    }
  });

  it('reads an element just under the cap', () => {
    const under = `{"event":"stats","x":"${'x'.repeat(CAP - 40)}"}`;
    expect(Buffer.byteLength(under)).toBeLessThan(CAP);
    const { bytes } = withHuge(under);
    for (const [chunk, batch] of CHUNKINGS) {
      const r = split(bytes, chunk, batch, CAP);
      expect(r.indexes, `chunk ${chunk}`).toEqual([0, 1, 2, 3]);
      expect(r.diagnostics).toEqual([]);
    }
  });

  it('through readStatsFile: the option reaches the reader and the file is named', async () => {
    const { bytes, offset } = withHuge(`{"event":"stats","x":"${'x'.repeat(50_000)}"}`);
    const file = tempFile('huge-value.json', bytes);
    const r = await readStatsFile(file, {
      maxElementBytes: 4096,
      readChunkBytes: 1000,
      batchBytes: 2000,
    });
    const d = r.diagnostics.find(x => x.code === 'json.elementTooLarge');
    expect(d?.file).toBe(file);
    expect(d?.message).toContain(`at byte ${offset} `);
    expect(r.counts.elements).toBe(3);
    expect(r.counts.invalidElements).toBe(1);
  });

  it('defaults to 64 MiB', () => {
    expect(MAX_ELEMENT_BYTES).toBe(64 * 1024 * 1024);
  });
});

describe('ValueSkipper', () => {
  const VALUES = [
    '{"a":"x\\\\"}',
    '{"a":"\\"}]","b":[1,{"c":"\\\\\\""}]}',
    '"plain \\\\\\" string"',
    '[[],{},"]",["[",{"}":"{"}]]',
    '12345',
    'true',
  ];

  it('finds the same end as scanValue wherever the value is cut', () => {
    for (const v of VALUES) {
      const buf = Buffer.from(`${v},`);
      const expected = scanValue(buf, 0, buf.length);
      expect(expected, v).toBe(Buffer.byteLength(v));
      for (let cut = 1; cut < buf.length; cut++) {
        for (let cut2 = cut; cut2 < buf.length; cut2++) {
          const skipper = new ValueSkipper(buf[0] as number);
          const parts = [buf.subarray(0, cut), buf.subarray(cut, cut2), buf.subarray(cut2)];
          let end = INCOMPLETE;
          let base = 0;
          for (const [k, part] of parts.entries()) {
            const e = skipper.feed(part, k === 0 ? 1 : 0, part.length);
            if (e !== INCOMPLETE) {
              end = base + e;
              break;
            }
            base += part.length;
          }
          expect(end, `${v} cut at ${cut}, ${cut2}`).toBe(expected);
        }
      }
    }
  });
});
