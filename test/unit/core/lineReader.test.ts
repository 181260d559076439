import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanLines } from '../../../src/core/ingest/lineReader';

const dir = mkdtempSync(join(tmpdir(), 'ltl-lines-'));
let n = 0;

function fileWith(text: string): string {
  const file = join(dir, `f${n++}.txt`);
  writeFileSync(file, text, 'utf8');
  return file;
}

/** The expected visits, computed by splitting the whole text: [text, line, byte offset]. */
function expected(text: string, keep: (line: string) => boolean): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  let offset = 0;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (keep(line)) out.push([line, i + 1, offset]);
    offset += Buffer.byteLength(raw, 'utf8') + 1;
  });
  return out;
}

async function visits(file: string, needles: string[], chunkSize?: number) {
  const out: Array<[string, number, number]> = [];
  const r = await scanLines(file, {
    needles: () => needles,
    visit: (t, l, o) => out.push([t, l, o]),
    chunkSize,
  });
  return { out, lines: r.lines };
}

describe('scanLines', () => {
  const text = 'alpha\r\nbeta Participant ünïcode\n\ngamma\nParticipant again\nlast Participant';

  it('visits the lines with a needle, with line numbers and byte offsets, whatever the chunk size', async () => {
    const file = fileWith(text);
    const want = expected(text, l => l.includes('Participant'));
    expect(want.map(w => w[1])).toEqual([2, 5, 6]);
    for (const chunk of [undefined, 1, 3, 7, 64]) {
      const got = await visits(file, ['Participant'], chunk);
      expect(got.out).toEqual(want);
      expect(got.lines).toBe(6);
    }
  });

  it('visits every line when there are no needles, empty lines included', async () => {
    const file = fileWith(text);
    expect((await visits(file, [], 5)).out).toEqual(expected(text, () => true));
  });

  it('matches a whole-text split on random texts and chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constantFrom('Participant', 'x', 'é', '\n', '\r\n', ' '),
            fc.string({ maxLength: 5 }),
          ),
          { maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 50 }),
        async (parts, chunk) => {
          const t = parts.join('');
          const file = fileWith(t);
          const got = await visits(file, ['Participant'], chunk);
          expect(got.out).toEqual(expected(t, l => l.includes('Participant')));
        },
      ),
      { numRuns: 300 },
    );
  });
});
