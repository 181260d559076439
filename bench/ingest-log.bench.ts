/**
 * Controller-log indexing speed. Writes (once, cached under bench-results/) a log of
 * LTL_BENCH_LOG_MB megabytes (default 1024) in the 2024 Spring Boot format, with the line mix of
 * a real run (INFO chatter, WebSocket event JSON, failure lines), then measures in one run:
 * the floor (streaming the bytes with nothing done), the line splitter alone, and the full
 * `readControllerLog` (start/end/failures with line numbers and byte offsets, config block); then
 * the same log as `docker compose logs` captures it (every line behind `loadtest-controller  | `,
 * logCollector.ts), whose lines the reader takes apart first; then the log as one of two test
 * cases (a second `Starting test with` in its middle), whose second half each line is read by the
 * second case's parser too (ControllerLog.cases).
 * Target: ≥ 300 MB/s for the full index.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readControllerLog } from '../src/core/ingest/controllerLog';
import { forEachLine } from '../src/core/ingest/lineReader';

const MB = 1024 * 1024;
const targetMb = Number(process.env['LTL_BENCH_LOG_MB'] ?? 1024);
const dir = join('bench-results', 'logs');
const file = join(dir, `controller-${targetMb}mb.log`);
const composeFile = join(dir, `controller-${targetMb}mb.compose.log`);
const casesFile = join(dir, `controller-${targetMb}mb.cases.log`);

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

const LOGGERS = [
  'i.o.l.controller.LoadTestController      ',
  'i.o.l.services.BrowserEmulatorClient     ',
  'i.o.loadtest.services.WebSocketClient    ',
];

function line(i: number, t: number): string {
  const user = `User${(i % 40) + 1}`;
  const session = `LoadTestSession${(i % 500) + 1}`;
  switch (i % 50) {
    case 7:
      return `${stamp(t)} ERROR 4695 --- [ctor-http-nio-3] ${LOGGERS[1]}: Participant ${user} in session ${session} failed ${(i % 5) + 1} times`;
    case 6:
      return `${stamp(t)} ERROR 4695 --- [ctReadThread-21] ${LOGGERS[2]}: Received exception from ws://10.0.0.1:5000/events: {"event":"exception","connectionId":"con_x","reason":"ICE connection failed","name":"ICE_CONNECTION_FAILED","participant":"${user}","session":"${session}","timestamp":"2024-06-20T10:15:02.123Z"}`;
    default:
      return `${stamp(t)}  INFO 4695 --- [           main] ${LOGGERS[i % 2 === 0 ? 0 : 1]}: Creating PUBLISHER '${user}' in session ${session}`;
  }
}

async function writeLog(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(file);
  const t0 = Date.UTC(2024, 5, 20, 10, 0, 0);
  let bytes = 0;
  const write = (text: string) => {
    bytes += Buffer.byteLength(text) + 1;
    return out.write(text + '\n');
  };
  write(
    `${stamp(t0)}  INFO 4695 --- [           main] ${LOGGERS[0]}: Starting test with N:N session typology`,
  );
  let i = 0;
  while (bytes < targetMb * MB) {
    let chunk = '';
    for (let k = 0; k < 1000; k++, i++) chunk += line(i, t0 + i * 10) + '\n';
    bytes += chunk.length;
    if (!out.write(chunk)) await new Promise<void>(r => out.once('drain', () => r()));
  }
  write(
    `${stamp(t0 + i * 10)}  INFO 4695 --- [           main] i.o.l.utils.DataIO                       : Saved result in a /opt/results.txt`,
  );
  await new Promise<void>(r => out.end(() => r()));
}

/** The log as `docker compose logs` writes it (written once, beside it). */
async function writeComposeCopy(): Promise<void> {
  const out = createWriteStream(composeFile);
  let rest = '';
  for await (const chunk of createReadStream(file, { highWaterMark: MB, encoding: 'utf8' })) {
    const lines = (rest + (chunk as string)).split('\n');
    rest = lines.pop() ?? '';
    const text = lines.map(l => `loadtest-controller  | ${l}\n`).join('');
    if (!out.write(text)) await new Promise<void>(r => out.once('drain', () => r()));
  }
  if (rest) out.write(`loadtest-controller  | ${rest}\n`);
  await new Promise<void>(r => out.end(() => r()));
}

/** The log with a second test case starting at its middle line (written once, beside it). */
async function writeCasesCopy(lines: number): Promise<void> {
  const out = createWriteStream(casesFile);
  let rest = '';
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: MB, encoding: 'utf8' })) {
    const parts = (rest + (chunk as string)).split('\n');
    rest = parts.pop() ?? '';
    let text = '';
    for (const l of parts) {
      if (++n === Math.floor(lines / 2))
        text += `${l.slice(0, 23)}  INFO 4695 --- [           main] ${LOGGERS[0]}: Starting test with N:N session typology\n`;
      text += l + '\n';
    }
    if (!out.write(text)) await new Promise<void>(r => out.once('drain', () => r()));
  }
  if (rest) out.write(rest + '\n');
  await new Promise<void>(r => out.end(() => r()));
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e9, value];
}

async function streamBytes(): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: MB }) as AsyncIterable<Buffer>)
    n += chunk.length;
  return n;
}

async function main(): Promise<void> {
  if (!existsSync(file)) await writeLog();
  const size = statSync(file).size / MB;
  await streamBytes(); // warm the page cache
  const [floor] = await time(streamBytes);
  const [split, lines] = await time(() => forEachLine(file, () => undefined));
  const [full, log] = await time(() => readControllerLog(file));
  const rate = (s: number) => `${(size / s).toFixed(0)} MB/s`;
  console.log(
    `log: ${size.toFixed(0)} MB, ${lines.lines} lines, ${log.failures.length} failure lines indexed`,
  );
  console.log(`floor (stream bytes only):   ${floor.toFixed(2)} s  ${rate(floor)}`);
  console.log(`line splitter alone:         ${split.toFixed(2)} s  ${rate(split)}`);
  console.log(
    `readControllerLog (index):   ${full.toFixed(2)} s  ${rate(full)}   target ≥ 300 MB/s: ${size / full >= 300 ? 'met' : 'NOT met'}`,
  );
  console.log(`ratio index / floor:         ${(full / floor).toFixed(2)}`);
  if (!existsSync(composeFile)) await writeComposeCopy();
  const composeMb = statSync(composeFile).size / MB;
  const [composed, composedLog] = await time(() => readControllerLog(composeFile));
  console.log(
    `the same, docker compose logs: ${composed.toFixed(2)} s  ${(composeMb / composed).toFixed(0)} MB/s (${composeMb.toFixed(0)} MB), ${composedLog.failures.length} failure lines; ${(composed / full).toFixed(2)}× the bare log's time`,
  );
  if (!existsSync(casesFile)) await writeCasesCopy(lines.lines);
  const [twoCases, casesLog] = await time(() => readControllerLog(casesFile));
  console.log(
    `the same as two test cases:  ${twoCases.toFixed(2)} s  ${rate(twoCases)}, cases of ${casesLog.cases?.map(c => c.failures.length).join(' + ')} failure lines; ${(twoCases / full).toFixed(2)}× the one-case log's time`,
  );
}

void main();
