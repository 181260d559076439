/**
 * One controller process runs every test case of its test_cases.json, each from its "Starting
 * test with" to its "Saved result in" (LoadTestController.startLoadTests, db1ae485), so a raw
 * log can hold several. test/fixtures/real/controller-logs/2024.log (35 lines: start on line 1,
 * end on line 34) twice is a log of two test cases, the second starting on line 36.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseControllerLogText,
  readControllerLog,
  type ControllerLog,
} from '../../../src/core/ingest/controllerLog';
import { realLogPath } from './tmpRoot';

const ONE = readFileSync(
  join(__dirname, '..', '..', 'fixtures', 'real', 'controller-logs', '2024.log'),
  'utf8',
);

describe('a log of several test cases', () => {
  it('is said at the second start line, naming the window read', () => {
    const log = parseControllerLogText(ONE + ONE + ONE, 'three.log');
    const found = log.diagnostics.filter(d => d.code === 'log.moreTestCases');
    expect(found.map(d => d.line)).toEqual([36]);
    expect(found[0]?.message).toContain('This log holds 3 test cases');
    expect(found[0]?.message).toContain('also on lines 36, 71');
    expect(found[0]?.message).toContain("the first one's start and end (line 1–34)");
    expect([log.start?.line, log.end?.line]).toEqual([1, 34]);
  });

  it('reads the same from the file (the streamed reader skips lines by needle)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ltl-cases-')), 'two.log');
    writeFileSync(file, ONE + ONE);
    const log = await readControllerLog(file);
    expect(log.diagnostics.filter(d => d.code === 'log.moreTestCases').map(d => d.line)).toEqual([
      36,
    ]);
  });

  it('a log of one test case says nothing of it, and has no cases', () => {
    const log = parseControllerLogText(ONE, 'one.log');
    expect(log.diagnostics.filter(d => d.code === 'log.moreTestCases')).toEqual([]);
    expect(log.cases).toBeUndefined();
  });
});

/**
 * cases/2024.log: two test cases of one controller process (scripts/fixtures/controller-logs.mjs,
 * `twoCases2024`): each is 2024.log's run without its `Finished` line (the first on lines 1–34,
 * then the between-cases lines 35–38; the second on lines 39–72, `Finished` on 73). By hand from
 * the file: each case creates LoadTestSession1/User1, User2 and LoadTestSession2/User1, User2 (on
 * its lines 5, 9, 20, 26 counted from its start) and has three failure lines (its lines 13, 24,
 * 30: ICE, ICE, worker refused) and two forwarded exceptions (12, 23).
 */
describe('each test case of a log, read on its own', () => {
  const file = realLogPath('cases/2024.log');
  const text = readFileSync(file, 'utf8');
  const shape = (log: ControllerLog) =>
    log.cases?.map(c => ({
      start: c.start?.line,
      end: c.end?.line,
      next: c.nextStart?.line,
      users: c.users.map(u => `${u.session}/${u.user}@${u.line}`),
      failures: c.failures.map(f => `${f.user}@${f.stamp.line}:${f.cause}`),
      exceptions: c.exceptions.map(e => e.stamp.line),
      topology: [c.topology?.sessions, c.topology?.usersPerSession, c.topology?.line],
      diagnostics: c.diagnostics.length,
    }));
  const expected = [0, 38].map((o, i) => ({
    start: 1 + o,
    end: 34 + o,
    next: i === 0 ? 39 : undefined,
    users: [
      `LoadTestSession1/User1@${5 + o}`,
      `LoadTestSession1/User2@${9 + o}`,
      `LoadTestSession2/User1@${20 + o}`,
      `LoadTestSession2/User2@${26 + o}`,
    ],
    failures: [`User2@${13 + o}:ice`, `User1@${24 + o}:ice`, `User2@${30 + o}:no browser event`],
    exceptions: [12 + o, 23 + o],
    topology: [2, 2, 2 + o],
    diagnostics: 0,
  }));

  it('gives each case its lines, users, failures and exceptions; the whole log stays as read', () => {
    const log = parseControllerLogText(text, file);
    expect(shape(log)).toEqual(expected);
    // The whole log: the first case's start and end, every failure line, each user once.
    expect([log.start?.line, log.end?.line, log.nextStart?.line]).toEqual([1, 34, 39]);
    expect(log.failures).toHaveLength(6);
    expect(log.users).toHaveLength(4);
  });

  it('the streamed reader, which skips lines by needle, reads the same cases', async () => {
    expect(shape(await readControllerLog(file))).toEqual(expected);
  });

  it('the same log behind docker compose prefixes reads the same cases', () => {
    const composed = text
      .split('\n')
      .map(l => (l ? `loadtest-controller  | ${l}` : l))
      .join('\n');
    expect(shape(parseControllerLogText(composed, 'compose.log'))).toEqual(expected);
  });
});

describe('a log of two controller processes, each with its configuration block', () => {
  // with-config/2024.log (68 lines: the block from line 1, `OpenVidu URL:` on line 2 and
  // `Users per worker:   10` on line 9, then the run) and the same with another URL and 20
  // users per worker: the second process's block opens on line 69.
  const one = readFileSync(realLogPath('with-config/2024.log'), 'utf8');
  const other = one
    .replace('https://openvidu.example.com', 'https://openvidu-b.example.com')
    .replace(/^(Users per worker:\s+)10$/m, '$120');
  const value = (log: ControllerLog | undefined, key: string) =>
    log?.config.find(e => e.key === key)?.value;

  it('reads the second block for the test case after it, and says so at its line', () => {
    const log = parseControllerLogText(one + other, 'two-processes.log');
    const found = log.diagnostics.filter(d => d.code === 'log.laterConfig');
    expect(found.map(d => [d.severity, d.line])).toEqual([['info', 69]]);
    expect(found[0]?.message).toContain('keeps the first block (line 2)');
    expect(log.cases).toHaveLength(2);
    const [first, second] = log.cases ?? [];
    expect([value(first, 'OpenVidu URL'), value(first, 'Users per worker')]).toEqual([
      'https://openvidu.example.com',
      '10',
    ]);
    expect([value(second, 'OpenVidu URL'), value(second, 'Users per worker')]).toEqual([
      'https://openvidu-b.example.com',
      '20',
    ]);
    expect(second?.config[0]?.line).toBe(70);
    expect(value(log, 'OpenVidu URL')).toBe('https://openvidu.example.com');
  });

  it('the streamed reader, which skips lines by needle, reads the same', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ltl-processes-')), 'two.log');
    writeFileSync(file, one + other);
    const log = await readControllerLog(file);
    expect(log.diagnostics.filter(d => d.code === 'log.laterConfig').map(d => d.line)).toEqual([
      69,
    ]);
    expect(value(log.cases?.[1], 'Users per worker')).toBe('20');
  });

  it('one process: nothing said', () => {
    const log = parseControllerLogText(one, 'one.log');
    expect(log.diagnostics.filter(d => d.code === 'log.laterConfig')).toEqual([]);
  });
});
