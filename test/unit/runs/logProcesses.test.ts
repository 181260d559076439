/**
 * A run folder's controller log that is not, or not only, the run's: the controller started
 * again in the same container (`docker compose logs` gives every start) or a capture appended
 * to; and a folder that keeps earlier runs' reports (e2e `--keep-results`, the root compose's
 * `./results`) with the last run's log only. Built from generated runs: a clean run A, and the
 * log of a run tripped to be invalid (request timeouts) moved a day later. A's verdict must be
 * what its own log (or no log) gives, whatever else the file holds.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listRuns, loadRun, type RunData } from '../../../src/core/runs/run';
import { runProcess } from '../../../src/core/runs/runLog';
import { summarizeRun, type RunSummary } from '../../../src/core/runs/summary';
import type { LogRecord } from '../../../src/core/model/run';
import { generatedRun } from './runs';

const DAY = 86_400_000;
const STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})(Z|[+-]\d{2}:\d{2})/;

/** A log line's stamp moved by `ms`, in the same offset. */
function shifted(line: string, ms: number): string {
  const m = STAMP.exec(line);
  if (!m) return line;
  const wall = new Date(Date.parse(`${m[1]}Z`) + ms).toISOString().slice(0, 23);
  return `${wall}${m[2]}${line.slice(m[0].length)}`;
}

/** Spring Boot's first line of a process, two seconds before the log's first line. */
function springStart(firstLine: string): string {
  const start = shifted(firstLine, -2000).slice(0, STAMP.exec(firstLine)![0].length);
  return `${start}  INFO 1 --- [           main] i.o.l.LoadTestApplication                : Starting LoadTestApplication v5.0.1 using Java 21.0.8 with PID 1 (/app/app.jar started by 1000 in /app)`;
}

const linesOf = (text: string) => text.split('\n').filter(l => l !== '');

/** One process's log: its start line, then the run's lines moved by `ms`. */
function process(text: string, ms = 0): string[] {
  const lines = linesOf(text).map(l => shifted(l, ms));
  return [springStart(lines[0]!), ...lines];
}

async function reload(dir: string): Promise<RunData> {
  const [files] = await listRuns(dir);
  return loadRun(files!);
}

/** What the verdict is made of, per scenario. */
function verdicts(s: RunSummary) {
  return {
    verdict: s.verdict,
    scenarios: s.scenarios.map(x => ({
      checks: x.validity.checks.map(c => [c.cls, c.status]),
      duration: x.duration,
    })),
  };
}

describe("a run folder's log holding other controller processes", () => {
  let dir: string;
  let logFile: string;
  let ownLog: string;
  let laterLog: string;
  let clean: RunSummary;
  beforeAll(async () => {
    const a = await generatedRun();
    dir = a.dir;
    clean = summarizeRun(a.run);
    logFile = join(dir, 'logs', 'controller.log');
    ownLog = readFileSync(logFile, 'utf8');
    const tripped = await generatedRun({ trips: ['generatorSaturation'] });
    laterLog = readFileSync(join(tripped.dir, 'logs', 'controller.log'), 'utf8');
    // The tripped run's log does make a run invalid (request timeouts), on its own day.
    expect(summarizeRun(tripped.run).verdict).toBe('invalid');
  }, 60_000);

  it('reads only the lines of the process that ran it, and says so', async () => {
    const both = [...process(ownLog), ...process(laterLog, DAY)];
    writeFileSync(logFile, both.join('\n') + '\n');
    const run = await reload(dir);
    expect(clean.verdict).toBe('valid');
    expect(verdicts(summarizeRun(run))).toEqual(verdicts(clean));
    const note = run.diagnostics.find(d => d.code === 'log.otherRuns');
    expect(note?.severity).toBe('info');
    expect(note?.line).toBe(1);
    expect(note?.message).toContain('2 controller processes');
    // Every line kept is in the first process (lines 1 … its length).
    const ownLength = linesOf(ownLog).length + 1;
    for (const s of run.scenarios)
      for (const r of s.log) expect(r.line).toBeLessThanOrEqual(ownLength);
  });

  it('the same when the run is the later process', async () => {
    const earlier = [...process(laterLog, -DAY), ...process(ownLog)];
    writeFileSync(logFile, earlier.join('\n') + '\n');
    const run = await reload(dir);
    expect(verdicts(summarizeRun(run))).toEqual(verdicts(clean));
    const second = linesOf(laterLog).length + 2;
    expect(run.diagnostics.find(d => d.code === 'log.otherRuns')?.line).toBe(second);
  });

  it('a log of another run only is not used for this one, as if there were none', async () => {
    writeFileSync(logFile, process(laterLog, DAY).join('\n') + '\n');
    const run = await reload(dir);
    const warning = run.diagnostics.find(d => d.code === 'log.notThisRun');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('holds no line of this run');
    rmSync(logFile);
    const withoutLog = summarizeRun(await reload(dir));
    expect(verdicts(summarizeRun(run))).toEqual(verdicts(withoutLog));
    expect(summarizeRun(run).verdict).not.toBe('invalid');
    writeFileSync(logFile, ownLog);
  });

  it('its own log alone reads as before, with no note', async () => {
    writeFileSync(logFile, process(ownLog).join('\n') + '\n');
    const run = await reload(dir);
    expect(verdicts(summarizeRun(run))).toEqual(verdicts(clean));
    expect(run.diagnostics.map(d => d.code)).not.toContain('log.otherRuns');
    expect(run.diagnostics.map(d => d.code)).not.toContain('log.notThisRun');
  });
});

describe('runProcess', () => {
  const rec = (t: number | undefined, message: string, line: number, local = false): LogRecord => ({
    t,
    level:
      message.startsWith('Starting LoadTest') || message.startsWith('Saved') ? 'INFO' : 'ERROR',
    message,
    line,
    ...(local ? { local } : {}),
  });
  const START = 'Starting LoadTestApplication v5.0.1 using Java 21.0.8 with PID 1';

  it('keeps everything when the lines carry no offset (their zone is assumed)', () => {
    const records = [rec(0, START, 1, true), rec(10, 'x', 2, true), rec(DAY, START, 3, true)];
    expect(runProcess(records, { start: 5 * DAY }).records).toEqual(records);
  });

  it('keeps a log without start lines that reaches into the run, drops one that does not', () => {
    const records = [rec(1000, 'x', 1), rec(200_000, 'Saved result in r.txt', 2)];
    expect(runProcess(records, { start: 0, end: 300_000 }).records).toEqual(records);
    expect(runProcess(records, { start: DAY, end: DAY + 300_000 }).own).toBeUndefined();
    expect(runProcess(records, { start: -DAY, end: -DAY + 300_000 }).own).toBeUndefined();
  });

  it('takes the lines before the first start when the run began before it', () => {
    const records = [rec(1000, 'x', 1), rec(DAY, START, 2), rec(DAY + 5, 'y', 3)];
    const p = runProcess(records, { start: 0, end: 300_000 });
    expect(p.records.map(r => r.line)).toEqual([1]);
    expect(p.processes).toBe(2);
  });
});

describe("a run folder's workers' files holding an earlier run's entries", () => {
  /** Every `timestamp` / `@timestamp` of a JSON value moved by `ms`. */
  function moved(value: unknown, ms: number): unknown {
    if (Array.isArray(value)) return value.map(v => moved(v, ms));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if ((k === 'timestamp' || k === '@timestamp') && typeof v === 'string')
          return [k, new Date(Date.parse(v) + ms).toISOString()];
        if ((k === 'timestamp' || k === '@timestamp') && typeof v === 'number') return [k, v + ms];
        return [k, moved(v, ms)];
      }),
    );
  }

  function jsonFiles(dir: string, name: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
      e.isDirectory()
        ? jsonFiles(join(dir, e.name), name)
        : e.name === name
          ? [join(dir, e.name)]
          : [],
    );
  }

  it('leaves them out and says so: the run is judged on its own', async () => {
    const a = await generatedRun();
    const clean = summarizeRun(a.run);
    const tripped = await generatedRun({ trips: ['environment'] });
    expect(summarizeRun(tripped.run).verdict).toBe('invalid');
    const earlier = jsonFiles(join(tripped.dir, 'stats'), 'errors.json');
    expect(earlier.length).toBeGreaterThan(0);
    for (const file of earlier) {
      const target = join(a.dir, relative(tripped.dir, file));
      mkdirSync(dirname(target), { recursive: true });
      const before = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
      const own = existsSync(target) ? (JSON.parse(readFileSync(target, 'utf8')) as unknown[]) : [];
      writeFileSync(target, JSON.stringify([...(moved(before, -DAY) as unknown[]), ...own]));
    }
    const run = await reload(a.dir);
    expect(verdicts(summarizeRun(run))).toEqual(verdicts(clean));
    const warning = run.diagnostics.find(d => d.code === 'emulator.otherRun');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toMatch(/^\d+ errors\.json and connections\.json entries/);
  });
});

describe('a run whose zone was assumed (the HTML report alone)', () => {
  it('keeps its log even when the log is hours off the assumed times', async () => {
    const sample = join(__dirname, '..', '..', '..', 'samples', 'today');
    const dir = join(mkdtempSync(join(tmpdir(), 'ltl-zone-assumed-')), 'today');
    cpSync(sample, dir, { recursive: true });
    // No text report: nothing tells the controller's zone, so the HTML's dates are read as UTC.
    for (const f of readdirSync(dir)) if (f.startsWith('results-')) rmSync(join(dir, f));
    // The log's lines carry their offset; written at −02:00, they are 2 hours after the
    // HTML's dates read as UTC (as when the controller ran at +02:00 and its HTML said 12:00).
    const logFile = join(dir, 'logs', 'controller.log');
    writeFileSync(logFile, readFileSync(logFile, 'utf8').replace(/(\d{2}\.\d{3})Z /g, '$1-02:00 '));
    const run = await reload(dir);
    expect(run.htmlOffsetFrom).toBe('default (UTC)');
    expect(run.diagnostics.map(d => d.code)).not.toContain('log.notThisRun');
    expect(run.scenarios.every(s => s.logFile === logFile)).toBe(true);
  });
});
