/**
 * Streams a text file line by line with the 1-based line number and the byte offset of each
 * line, so a finding can later be opened at its exact place without reading the whole file.
 * Handles `\n` and `\r\n`; never holds more than one chunk plus one line in memory.
 */
import { createReadStream } from 'node:fs';

export interface LineVisitor {
  (text: string, line: number, offset: number): void;
}

export async function forEachLine(
  file: string,
  visit: LineVisitor,
  signal?: AbortSignal,
): Promise<{ lines: number; bytes: number }> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20, signal });
  let carry: Buffer = Buffer.alloc(0);
  let carryOffset = 0;
  let line = 0;
  let bytes = 0;
  const emit = (buf: Buffer, offset: number) => {
    const end = buf.length > 0 && buf[buf.length - 1] === 13 ? buf.length - 1 : buf.length;
    visit(buf.toString('utf8', 0, end), ++line, offset);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    let nl = data.indexOf(10, start);
    while (nl >= 0) {
      emit(data.subarray(start, nl), carryOffset + start);
      start = nl + 1;
      nl = data.indexOf(10, start);
    }
    carry = Buffer.from(data.subarray(start));
    carryOffset += start;
    bytes += chunk.length;
  }
  if (carry.length > 0) emit(carry, carryOffset);
  return { lines: line, bytes };
}
