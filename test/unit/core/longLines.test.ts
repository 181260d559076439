/**
 * Long lines (issue 19): a line that spans many chunks is joined once, when it ends (joining at
 * every chunk made a 200 MB line cost 170 s and 889 MB), and a line past the cap is visited with
 * its first bytes only, the rest counted so that the lines after it keep their numbers and byte
 * offsets. The copying is counted, not timed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { scanLines } from '../../../src/core/ingest/lineReader';

const dir = mkdtempSync(join(tmpdir(), 'ltl-long-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Seen {
  text: string;
  line: number;
  offset: number;
}

async function scan(file: string, chunkSize: number, maxLineBytes?: number) {
  const seen: Seen[] = [];
  const long: number[][] = [];
  const r = await scanLines(file, {
    needles: () => [],
    visit: (text, line, offset) => void seen.push({ text, line, offset }),
    onLongLine: (line, offset, bytes) => void long.push([line, offset, bytes]),
    chunkSize,
    ...(maxLineBytes === undefined ? {} : { maxLineBytes }),
  });
  return { seen, long, lines: r.lines };
}

/** Bytes copied by Buffer.concat while `fn` runs. */
async function concatBytes<T>(fn: () => Promise<T>): Promise<number> {
  let copied = 0;
  const original = Buffer.concat;
  const spy = vi.spyOn(Buffer, 'concat').mockImplementation((list, total) => {
    const out = original(list, total);
    copied += out.length;
    return out;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return copied;
}

describe('long lines', () => {
  it('joins a line spanning many chunks once: the bytes copied grow linearly with it', async () => {
    const copied: number[] = [];
    for (const n of [20_000, 40_000]) {
      const file = join(dir, `one-${n}.log`);
      writeFileSync(file, `start\n${'x'.repeat(n)}\nend\n`);
      copied.push(await concatBytes(() => scan(file, 16)));
      const { seen } = await scan(file, 16);
      expect(seen.map(s => s.text.length)).toEqual([5, n, 3]);
    }
    // One join of the long line (plus the chunk it ends in), not one per 16-byte chunk (~n²/32).
    expect(copied[0]!).toBeLessThan(3 * 20_000);
    expect(copied[1]!).toBeLessThan(2.2 * copied[0]!);
  });

  it('visits a line past the cap with its first bytes; the lines after it keep number and offset', async () => {
    const file = join(dir, 'capped.log');
    const long = 'L'.repeat(1000);
    writeFileSync(file, `a\n${long}\nb\r\nc\n`);
    // Chunks smaller than the cap, as in use (1 MiB chunks, a 16 MiB cap).
    for (const chunk of [1, 7, 64]) {
      const { seen, long: reported, lines } = await scan(file, chunk, 100);
      expect(seen).toEqual([
        { text: 'a', line: 1, offset: 0 },
        { text: 'L'.repeat(100), line: 2, offset: 2 },
        { text: 'b', line: 3, offset: 1003 },
        { text: 'c', line: 4, offset: 1006 },
      ]);
      expect(reported).toEqual([[2, 2, 1001]]);
      expect(lines).toBe(4);
    }
  });

  it('a last line past the cap without a line break is reported too', async () => {
    const file = join(dir, 'tail.log');
    writeFileSync(file, `a\n${'T'.repeat(500)}`);
    const { seen, long } = await scan(file, 8, 50);
    expect(seen.map(s => [s.text.length, s.line])).toEqual([
      [1, 1],
      [50, 2],
    ]);
    expect(long).toEqual([[2, 2, 500]]);
  });
});
