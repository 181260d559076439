import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanLines, textLines } from '../../../src/core/ingest/lineReader';
import { decodeUtf8 } from '../../../src/core/ingest/readFile';

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

describe('scanLines: encodings and line ends', () => {
  const lines = ['first Participant é', '', 'second', 'third Participant ünï'];

  function fileOf(bytes: Buffer): string {
    const file = join(dir, `e${n++}.txt`);
    writeFileSync(file, bytes);
    return file;
  }

  async function all(file: string, chunkSize?: number) {
    const out: string[] = [];
    const r = await scanLines(file, { needles: () => [], visit: t => out.push(t), chunkSize });
    return { out, ...r };
  }

  const utf16 = (text: string, be: boolean) => {
    const le = Buffer.from(`\ufeff${text}`, 'utf16le');
    return be ? swapPairs(le) : le;
  };
  const swapPairs = (b: Buffer) => {
    const o = Buffer.alloc(b.length);
    for (let i = 0; i < b.length; i += 2) [o[i], o[i + 1]] = [b[i + 1] as number, b[i] as number];
    return o;
  };

  const cases: Array<[string, Buffer, string, string]> = [
    ['LF', Buffer.from(lines.join('\n') + '\n'), 'utf-8', 'lf'],
    ['CRLF', Buffer.from(lines.join('\r\n') + '\r\n'), 'utf-8', 'crlf'],
    ['CR only', Buffer.from(lines.join('\r') + '\r'), 'utf-8', 'cr'],
    ['CR only, no final break', Buffer.from(lines.join('\r')), 'utf-8', 'cr'],
    ['UTF-8 BOM', Buffer.from('\ufeff' + lines.join('\n')), 'utf-8-bom', 'lf'],
    ['UTF-16LE BOM, CRLF', utf16(lines.join('\r\n') + '\r\n', false), 'utf-16le', 'crlf'],
    ['UTF-16BE BOM, CR', utf16(lines.join('\r'), true), 'utf-16be', 'cr'],
  ];
  for (const [label, bytes, encoding, lineEnd] of cases) {
    it(`${label}: the same lines at every chunk size, and says what it read`, async () => {
      const file = fileOf(bytes);
      for (const chunk of [undefined, 1, 2, 3, 5, 7]) {
        const r = await all(file, chunk);
        expect(r.out).toEqual(lines);
        expect(r.lines).toBe(4);
        expect([r.encoding, r.lineEnd]).toEqual([encoding, lineEnd]);
      }
    });
  }

  it('CR-only: byte offsets stay those of the file', async () => {
    const text = lines.join('\r') + '\r';
    const file = fileOf(Buffer.from(text));
    const got: Array<[number, number]> = [];
    await scanLines(file, {
      needles: () => ['Participant'],
      visit: (_t, l, o) => got.push([l, o]),
    });
    const second = Buffer.byteLength(lines.slice(0, 3).join('\r') + '\r');
    expect(got).toEqual([
      [1, 0],
      [4, second],
    ]);
  });

  it('textLines splits an in-memory text by the same rule', () => {
    expect(textLines('a\rb\r\nc\nd').map(l => [l.text, l.line, l.offset])).toEqual([
      ['a', 1, 0],
      ['b', 2, 2],
      ['c', 3, 5],
      ['d', 4, 7],
    ]);
  });

  it('decodeUtf8 reads UTF-16 files with a BOM and says so', () => {
    const le = decodeUtf8(utf16('Größe\n', false), 'f');
    const be = decodeUtf8(utf16('Größe\n', true), 'f');
    expect([le.text, be.text]).toEqual(['Größe\n', 'Größe\n']);
    expect(le.diagnostics.map(d => [d.severity, d.code])).toEqual([['info', 'file.encoding']]);
    expect(decodeUtf8(Buffer.from('\ufeffplain'), 'f')).toEqual({ text: 'plain', diagnostics: [] });
  });
});
