import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonArraySplitter, forEachJsonArrayBatch } from '../../../src/core/ingest/stats';
import { FIXTURES, codes, split, tempFile, type SplitResult } from './helpers';

// The last ones cut the fast path's parses short (runs of at most 1 or 24 bytes: an element
// each, or a few small ones), as PARSE_BYTES does on real files.
const CHUNKINGS: [chunk: number, batch: number, parse?: number][] = [
  [1, 1],
  [2, 5],
  [7, 7],
  [7, 64],
  [13, 1 << 20],
  [1 << 20, 1 << 22],
  [1 << 20, 1 << 22, 1],
  [5, 64, 24],
];

async function readAll(
  file: string,
  readChunkBytes?: number,
  batchBytes?: number,
  blockingReads = false,
): Promise<SplitResult> {
  const out: SplitResult = { values: [], indexes: [], offsets: [], diagnostics: [] };
  const end = await forEachJsonArrayBatch(
    file,
    b => {
      out.values.push(...b.values);
      out.indexes.push(...b.indexes);
      out.offsets.push(...b.offsets);
    },
    { readChunkBytes, batchBytes, blockingReads },
  );
  out.diagnostics = end.diagnostics;
  return out;
}

/** The splitter gives the same elements, offsets and diagnostics under every chunking. */
function splitEverywhere(text: string | Buffer): SplitResult {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const [first, ...rest] = CHUNKINGS.map(([c, b, p]) => split(bytes, c, b, undefined, p));
  const strip = (r: SplitResult) => ({
    ...r,
    diagnostics: r.diagnostics.map(d => ({ ...d, file: '' })),
  });
  for (const r of rest) expect(strip(r)).toEqual(strip(first as SplitResult));
  return first as SplitResult;
}

describe('JsonArraySplitter: well-formed arrays', () => {
  it('reads the elements of an OV2 fixture with their byte offsets, in every chunking', () => {
    const text = readFileSync(join(FIXTURES, 'ov2-two-elements.json'), 'utf8');
    const r = splitEverywhere(text);
    expect(r.values).toEqual(JSON.parse(text));
    expect(r.indexes).toEqual([0, 1]);
    // element 1 starts right after the "},{" that closes element 0 (no whitespace in the writer)
    expect(r.offsets).toEqual([1, text.indexOf('},{"webrtcStats"') + 2]);
    expect(r.diagnostics).toEqual([]);
  });

  it('reads [] and [ ] as no elements without diagnostics', () => {
    for (const t of ['[]', ' [ ] \n', '[\n]']) {
      const r = splitEverywhere(t);
      expect(r.values).toEqual([]);
      expect(r.diagnostics).toEqual([]);
    }
  });

  it('reads scalars, nested arrays and strings full of brackets', () => {
    const text = '[1,"a]},{\\"b",[2,[3]],{"x":"},{\\"x\\":"},null,true,-2.5e3]';
    const r = splitEverywhere(text);
    expect(r.values).toEqual([1, 'a]},{"b', [2, [3]], { x: '},{"x":' }, null, true, -2500]);
    expect(r.offsets).toEqual([1, 3, 14, 22, 40, 45, 50]);
  });

  it('reads elements whose nested objects contain the element boundary pattern', () => {
    // `},{"webrtcStats":` inside element 0 is not a top-level boundary
    const a = { webrtcStats: [], nested: [{ webrtcStats: 1 }, { webrtcStats: 2 }] };
    const b = { webrtcStats: [3] };
    const text = JSON.stringify([a, b, a, b]);
    const r = splitEverywhere(text);
    expect(r.values).toEqual([a, b, a, b]);
    // a is 65 bytes, b is 19
    expect(JSON.stringify(a).length).toBe(65);
    expect(r.offsets).toEqual([1, 67, 87, 153]);
    expect(r.diagnostics).toEqual([]);
  });

  it('skips a leading BOM; offsets stay file byte offsets', () => {
    const body = '[{"a":1},{"a":2}]';
    const r = splitEverywhere(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]));
    expect(r.values).toEqual([{ a: 1 }, { a: 2 }]);
    expect(r.offsets).toEqual([4, 12]);
    expect(r.diagnostics).toEqual([]);
  });

  it('gives byte (not character) offsets after multi-byte UTF-8', () => {
    const text = '[{"n":"é€😀"},{"n":"x"}]';
    const r = splitEverywhere(text);
    expect(r.values).toEqual([{ n: 'é€😀' }, { n: 'x' }]);
    // é = 2 bytes, € = 3, 😀 = 4: element 0 is 8 + 9 bytes long
    expect(r.offsets).toEqual([1, 19]);
  });

  it('reads a pretty-printed array (whitespace between elements)', () => {
    const values = [{ a: [1, 2] }, { a: { b: 'c' } }, { a: null }];
    const r = splitEverywhere(JSON.stringify(values, null, 2));
    expect(r.values).toEqual(values);
    expect(r.offsets).toEqual([4, 47, 88]);
  });
});

describe('JsonArraySplitter: damaged files', () => {
  it('reports an empty file', () => {
    for (const t of ['', '  \n', '\ufeff']) {
      const r = splitEverywhere(t);
      expect(r.values).toEqual([]);
      expect(codes(r.diagnostics)).toEqual(['json.empty']);
      expect(r.diagnostics[0]?.severity).toBe('warning');
    }
  });

  it('reports a file that is not an array', () => {
    const r = splitEverywhere('{"webrtcStats":[]}');
    expect(r.values).toEqual([]);
    expect(codes(r.diagnostics)).toEqual(['json.notArray']);
    expect(r.diagnostics[0]?.severity).toBe('error');
  });

  it('names a UTF-16 file by its byte-order mark, and an unprintable first byte by its value', async () => {
    const array = '[{"a":1}]';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(array, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    const cases: Array<[Buffer, RegExp]> = [
      [le, /UTF-16 \(it starts with the byte-order mark FF FE\)/],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), /byte-order mark FE FF/],
      [Buffer.from([0x00, 0x5b, 0x5d]), /starts with the byte 0x00\./],
      [Buffer.from('x[]'), /starts with "x"\./],
    ];
    for (const [bytes, message] of cases) {
      const r = await readAll(tempFile('encoded-stats.json', bytes));
      expect(r.values).toEqual([]);
      expect(codes(r.diagnostics)).toEqual(['json.notArray']);
      expect(r.diagnostics[0]?.message).toMatch(message);
    }
  });

  it('keeps every complete element of a file cut mid-element, naming the cut', () => {
    const text = '[{"a":1},{"a":2},{"a":[3,';
    const r = splitEverywhere(text);
    expect(r.values).toEqual([{ a: 1 }, { a: 2 }]);
    expect(codes(r.diagnostics)).toEqual(['json.truncated']);
    const d = r.diagnostics[0];
    expect(d?.severity).toBe('warning');
    expect(d?.message).toContain('byte 17');
    expect(d?.message).toContain('kept the 2 complete element(s)');
    expect([d?.line, d?.column]).toEqual([1, 18]);
  });

  it('gives the line and column of a cut in a multi-line file', () => {
    const text = '[\n{"a":1},\n{"a":2},\n{"a":';
    const r = splitEverywhere(text);
    expect(r.values).toEqual([{ a: 1 }, { a: 2 }]);
    expect([r.diagnostics[0]?.line, r.diagnostics[0]?.column]).toEqual([4, 1]);
  });

  it('keeps everything when only the closing bracket is missing', () => {
    for (const t of ['[{"a":1},{"a":2}', '[{"a":1},{"a":2},', '[']) {
      const r = splitEverywhere(t);
      expect(r.values).toEqual(t === '[' ? [] : [{ a: 1 }, { a: 2 }]);
      expect(codes(r.diagnostics)).toEqual(['json.truncated']);
    }
  });

  it('skips an invalid element, naming its index and byte offset, and keeps the ones after it', () => {
    const text =
      '[{"webrtcStats":[],"n":0},{"webrtcStats":[},{"webrtcStats":[],"n":2},{"webrtcStats":[],"n":3}]';
    const r = splitEverywhere(text);
    expect(r.values).toEqual([
      { webrtcStats: [], n: 0 },
      { webrtcStats: [], n: 2 },
      { webrtcStats: [], n: 3 },
    ]);
    expect(r.indexes).toEqual([0, 2, 3]);
    expect(codes(r.diagnostics)).toEqual(['json.badElement']);
    const d = r.diagnostics[0];
    expect(d?.severity).toBe('error');
    expect(d?.jsonPath).toBe('[1]');
    expect(d?.message).toContain('byte 26');
  });

  it('skips garbage between two elements and resynchronises on the next element', () => {
    const text = '[{"k":1},xx yy{"k":2},{"k":3}]';
    const r = splitEverywhere(text);
    expect(r.values).toEqual([{ k: 1 }, { k: 2 }, { k: 3 }]);
    expect(r.indexes).toEqual([0, 1, 2]);
    expect(codes(r.diagnostics)).toEqual(['json.garbage']);
    expect(r.diagnostics[0]?.message).toContain('byte 9');
  });

  it('recovers after an unterminated string in the middle', () => {
    const text = '[{"k":1},{"k":"oops},{"k":3},{"k":4}]';
    const r = splitEverywhere(text);
    expect(r.values).toEqual([{ k: 1 }, { k: 3 }, { k: 4 }]);
    expect(r.indexes).toEqual([0, 2, 3]);
    expect(codes(r.diagnostics)).toEqual(['json.badElement']);
  });

  it('gives up on an element that stays unfinished past the size limit, before the end of the file', () => {
    const rest = Array.from({ length: 40 }, (_, i) => `{"k":${i + 3}}`).join(',');
    const text = Buffer.from(`[{"k":1},{"k":"oops},${rest}]`);
    const s = new JsonArraySplitter('mem.json', 16, 64);
    // 8-byte pushes: element 1 is declared broken while most of the file is still unread
    const early: unknown[] = [];
    let pushed = 0;
    while (pushed < 120) {
      early.push(...s.push(text.subarray(pushed, pushed + 8)).values);
      pushed += 8;
    }
    expect(early.slice(0, 2)).toEqual([{ k: 1 }, { k: 3 }]);
    const late = s.push(text.subarray(pushed)).values.concat(s.end().values);
    expect([...early, ...late]).toEqual([
      { k: 1 },
      ...Array.from({ length: 40 }, (_, i) => ({ k: i + 3 })),
    ]);
    expect(codes(s.diagnostics)).toEqual(['json.badElement']);
  });

  it('leaves the bytes it was given as they were (it borrows the bytes around a run to parse it)', () => {
    const text = '  [{"a":1},{"a":2},{"a":3}]  ';
    // A chunk inside a memory big enough to be the reader's own (a file read), with neighbours
    // the parse must not change; and one cut from Node's shared pool, never borrowed from.
    const own = Buffer.alloc(128 << 10, 'x');
    own.write(text, 2);
    const pooled = Buffer.from(`xx${text}yy`);
    expect(pooled.buffer.byteLength).toBeLessThan(128 << 10);
    for (const memory of [own, pooled]) {
      const before = Buffer.from(memory);
      const chunk = memory.subarray(2, 2 + text.length);
      for (const batch of [1, 8, 1 << 20]) {
        const s = new JsonArraySplitter('f.json', batch, 1 << 20);
        const values = [...s.push(chunk).values, ...s.end().values];
        expect(values).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
        expect(memory.equals(before)).toBe(true);
      }
    }
  });

  it('warns about data after the closing bracket', () => {
    const r = splitEverywhere('[{"a":1}] trailing');
    expect(r.values).toEqual([{ a: 1 }]);
    expect(codes(r.diagnostics)).toEqual(['json.trailingData']);
  });
});

// Blocking reads (a pool worker's) must give what the async reads give, and fail the same way.
describe.each([false, true])('streamJsonArray over files (blocking reads: %s)', blocking => {
  it('gives the same result with 7-byte reads as with the defaults', async () => {
    const file = join(FIXTURES, 'livekit-shared-pc.json');
    const small = await readAll(file, 7, 7, blocking);
    const big = await readAll(file, undefined, undefined, blocking);
    expect(small).toEqual(big);
    expect(big.values).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('reads a file bigger than one read in several, with the same result as one whole read', async () => {
    const values = Array.from({ length: 500 }, (_, i) => ({ i, s: 'é'.repeat(i % 7) }));
    const file = tempFile('chunks.json', JSON.stringify(values));
    const whole = await readAll(file, undefined, undefined, blocking);
    expect(whole.values).toEqual(values);
    expect(await readAll(file, 1000, 4096, blocking)).toEqual(whole);
  });

  it('reads files side by side, each its own bytes', async () => {
    // Same sizes, other values: with blocking reads a file's memory is reused by the next file
    // only once its last element is parsed.
    const valuesOf = (k: number) => Array.from({ length: 300 }, (_, i) => ({ k, i: i + 1000 * k }));
    const files = [1, 2, 3].map(k => tempFile(`side-${k}.json`, JSON.stringify(valuesOf(k))));
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(files.map(f => readAll(f, undefined, undefined, blocking)));
      results.forEach((r, k) => expect(r.values).toEqual(valuesOf(k + 1)));
    }
  });

  it('turns a folder where the file should be into a read diagnostic', async () => {
    const r = await readAll(FIXTURES, undefined, undefined, blocking);
    expect(r.values).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]?.file).toBe(FIXTURES);
  });

  it('turns a missing file into a diagnostic', async () => {
    const r = await readAll(join(FIXTURES, 'no-such-file.json'), undefined, undefined, blocking);
    expect(r.values).toEqual([]);
    expect(codes(r.diagnostics)).toEqual(['file.missing']);
  });

  it('rejects with the abort reason when the signal is aborted', async () => {
    const file = tempFile(
      'abort.json',
      JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ i }))),
    );
    const controller = new AbortController();
    let batches = 0;
    const run = forEachJsonArrayBatch(
      file,
      () => {
        batches++;
        controller.abort(new Error('stop'));
      },
      { signal: controller.signal, readChunkBytes: 64, batchBytes: 64, blockingReads: blocking },
    );
    await expect(run).rejects.toThrow('stop');
    expect(batches).toBe(1);
  });
});
