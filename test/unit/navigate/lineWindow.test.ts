import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSparseIndex,
  checkpointFor,
  MAX_LINE_CHARS,
  readLinesFrom,
  readWindow,
  startFor,
} from '../../../src/core/navigate/lineWindow';

let dir: string;
let file: string;
/** Line n (1-based) is `line n` + n−1 times "é" (2 bytes each): lengths and offsets are known. */
function lineText(n: number): string {
  return `line ${n}${'é'.repeat(n - 1)}`;
}
/** Byte offset of line n: Σ over k < n of (bytes of "line k") + 2·(k−1) + 1 newline. */
function offsetOf(n: number): number {
  let sum = 0;
  for (let k = 1; k < n; k++) sum += `line ${k}`.length + 2 * (k - 1) + 1;
  return sum;
}
const LINES = 100;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ltl-window-'));
  file = join(dir, 'fixture.log');
  const text = Array.from({ length: LINES }, (_, i) => lineText(i + 1)).join('\n') + '\n';
  writeFileSync(file, text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sparse line index', () => {
  it('counts lines and records the offset of every k-th line', async () => {
    const index = await buildSparseIndex(file, 10);
    expect(index.lines).toBe(100);
    expect(index.checkpoints).toHaveLength(10); // lines 1, 11, …, 91
    expect(index.checkpoints[0]).toBe(0);
    expect(index.checkpoints[1]).toBe(offsetOf(11));
    expect(index.checkpoints[9]).toBe(offsetOf(91));
    expect(checkpointFor(index, 57)).toEqual({ line: 51, offset: offsetOf(51) });
    expect(checkpointFor(index, 1)).toEqual({ line: 1, offset: 0 });
  });

  it('counts a last line without a newline, and an empty file as 0 lines', async () => {
    const a = join(dir, 'nonl.log');
    writeFileSync(a, 'a\nb\nc');
    expect((await buildSparseIndex(a, 2)).lines).toBe(3);
    const b = join(dir, 'empty.log');
    writeFileSync(b, '');
    expect((await buildSparseIndex(b, 2)).lines).toBe(0);
  });
});

describe('reading a window by byte offset', () => {
  it('reads the lines asked for from a checkpoint, with their offsets', async () => {
    const index = await buildSparseIndex(file, 10);
    const w = await readWindow(file, index, 57, 5);
    expect(w.firstLine).toBe(57);
    expect(w.lines).toEqual([57, 58, 59, 60, 61].map(lineText));
    expect(w.offsets).toEqual([57, 58, 59, 60, 61].map(offsetOf));
  });

  it('starts at a known line (a failure offset) nearer than the checkpoint', async () => {
    const index = await buildSparseIndex(file, 10);
    const known = [{ line: 55, offset: offsetOf(55) }];
    expect(startFor(index, 57, known)).toEqual(known[0]);
    expect(startFor(index, 54, known)).toEqual({ line: 51, offset: offsetOf(51) });
    const w = await readLinesFrom(file, known[0]!, 55, 2);
    expect(w.lines).toEqual([lineText(55), lineText(56)]);
  });

  it('stops at the end of the file, also across tiny chunks of a long line', async () => {
    const index = await buildSparseIndex(file, 10);
    const w = await readWindow(file, index, 98, 10);
    expect(w.lines).toEqual([98, 99, 100].map(lineText));
    const long = join(dir, 'long.log');
    writeFileSync(long, `short\n${'x'.repeat(200_000)}\r\nafter`);
    const l = await readLinesFrom(long, { line: 1, offset: 0 }, 1, 5);
    expect(l.lines[0]).toBe('short');
    expect(l.lines[1]).toBe(`${'x'.repeat(MAX_LINE_CHARS)} …`);
    expect(l.lines[2]).toBe('after');
    expect(l.offsets).toEqual([0, 6, 6 + 200_000 + 2]);
  });
});
