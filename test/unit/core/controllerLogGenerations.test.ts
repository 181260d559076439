/**
 * Every controller generation's log (test/fixtures/real/controller-logs, README there): the
 * expected users, sessions, connections, exceptions, failures and start/end were read off each
 * fixture by hand (the README's table), not computed by the code under test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseControllerLogText,
  readControllerLog,
  type ControllerLog,
} from '../../../src/core/ingest/controllerLog';
import { matchFailedTimes, type ScanSteps } from '../../../src/core/ingest/logLine';

const DIR = join(__dirname, '..', '..', 'fixtures', 'real', 'controller-logs');

interface Expected {
  readonly generation: string;
  readonly lines: number;
  readonly users: readonly string[];
  readonly sessions: readonly string[];
  readonly connections?: number;
  readonly connected: readonly string[];
  /** user@session, attempts, cause, line */
  readonly failures: ReadonlyArray<readonly [string, number, string | undefined, number]>;
  /** cause, name, user@session, line */
  readonly exceptions: ReadonlyArray<readonly [string, string | undefined, string, number]>;
  readonly start: readonly [number, string];
  readonly end?: readonly [number, string];
}

const S1 = 'LoadTestSession1';
const S2 = 'LoadTestSession2';

/** The 2024 generation's facts (the 2026 fixture holds the same run in that format). */
const SAME_AS_2024: Expected = {
  generation: '2024',
  lines: 35,
  users: [`User1@${S1}`, `User2@${S1}`, `User1@${S2}`, `User2@${S2}`],
  sessions: [S1, S2],
  connected: [],
  failures: [
    [`User2@${S1}`, 1, 'ice', 13],
    [`User1@${S2}`, 1, 'ice', 24],
    [`User2@${S2}`, 1, 'no browser event', 30],
  ],
  exceptions: [
    ['ice', 'ICE_CANDIDATE_ERROR', `User2@${S1}`, 12],
    ['ice', 'ICE_CONNECTION_FAILED', `User1@${S2}`, 23],
  ],
  start: [1, '2024-06-20T12:15:00.000'],
  end: [34, '2024-06-20T12:15:15.863'],
};

const EXPECTED: Record<string, Expected> = {
  '2021-01': {
    generation: '2021-01',
    lines: 24,
    users: [`User0@${S1}`, `User1@${S1}`, `User0@${S2}`, `User1@${S2}`],
    sessions: [S1, S2],
    connections: 3,
    connected: [`User0@${S1}`, `User1@${S1}`, `User0@${S2}`],
    failures: [[`User1@${S2}`, 1, 'no browser event', 22]],
    exceptions: [],
    start: [1, '2021-01-29T10:15:00.000'],
  },
  '2021-v2': {
    generation: '2021-v2',
    lines: 57,
    users: [`User1@${S1}`, `User2@${S1}`, `User1@${S2}`, `User2@${S2}`],
    sessions: [S1, S2],
    connections: 3,
    connected: [`User1@${S1}`, `User2@${S1}`, `User1@${S2}`],
    failures: [[`User1@${S2}`, 1, 'ice', 50]],
    exceptions: [['ice', undefined, `User1@${S2}`, 47]],
    start: [19, '2021-05-10T09:30:00.900'],
    // `Saved result in a …` (System.out, line 56) takes the time of line 55.
    end: [56, '2021-05-10T09:30:18.678'],
  },
  '2022': {
    generation: '2022',
    lines: 49,
    users: [`User1@${S1}`, `User2@${S1}`, `User3@${S1}`, `User1@${S2}`, `User2@${S2}`],
    sessions: [S1, S2],
    connections: 4,
    connected: [`User1@${S1}`, `User2@${S1}`, `User3@${S1}`, `User1@${S2}`],
    failures: [[`User1@${S2}`, 1, 'ice', 42]],
    exceptions: [['ice', undefined, `User1@${S2}`, 39]],
    start: [1, '2023-11-20T16:02:00.000'],
    end: [48, '2023-11-20T16:02:23.435'],
  },
  '2024': SAME_AS_2024,
  '2026': {
    // The 2024 run's lines in the 2026 format (ISO stamps with an offset): the same facts.
    ...SAME_AS_2024,
    generation: '2026',
    start: [1, '2026-07-29T10:00:00.000'],
    end: [34, '2026-07-29T10:00:15.863'],
  },
};

const wall = (iso: string) => Date.parse(`${iso}Z`);

/** The parts of a parsed log that the table above states. */
function facts(log: ControllerLog) {
  return {
    generation: log.generation,
    users: log.users.map(u => `${u.user}@${u.session}`),
    sessions: log.sessions,
    connections: log.connections,
    connected: log.users.filter(u => u.connected).map(u => `${u.user}@${u.session}`),
    failures: log.failures.map(f => [`${f.user}@${f.session}`, f.attempts, f.cause, f.stamp.line]),
    exceptions: log.exceptions.map(e => [e.cause, e.name, `${e.user}@${e.session}`, e.stamp.line]),
    start: log.start && [log.start.line, log.start.wallClock],
    end: log.end && [log.end.line, log.end.wallClock],
    skipped: log.skipped,
  };
}

function expectedFacts(e: Expected) {
  return {
    generation: e.generation,
    users: e.users,
    sessions: e.sessions,
    connections: e.connections,
    connected: e.connected,
    failures: e.failures,
    exceptions: e.exceptions,
    start: [e.start[0], wall(e.start[1])],
    end: e.end && [e.end[0], wall(e.end[1])],
    skipped: 0,
  };
}

describe('controller log generations (real-format fixtures)', () => {
  for (const [name, e] of Object.entries(EXPECTED)) {
    it(`${name}: users, sessions, connections, exceptions, failures, start and end`, async () => {
      const log = await readControllerLog(join(DIR, `${name}.log`));
      expect(facts(log)).toEqual(expectedFacts(e));
      expect(log.lines).toBe(e.lines);
      expect(log.diagnostics.filter(d => d.severity !== 'info').map(d => d.code)).toEqual(
        e.end ? [] : ['log.noEndLine'],
      );
    });
  }

  it('v2.1.0: the System.out end line is said to take the time of the line before', async () => {
    const log = await readControllerLog(join(DIR, '2021-v2.log'));
    expect(log.diagnostics.map(d => [d.code, d.line])).toContainEqual(['log.endWithoutTime', 56]);
    // The config block (System.out) still reads: 15 keys, the secret never kept.
    expect(log.config).toHaveLength(15);
    expect(log.config.find(c => c.key === 'OpenVidu SECRET')?.redacted).toBe(true);
    expect(JSON.stringify(log)).not.toContain('MY_SECRET');
  });

  it("2024: a failure keeps the time its browser gave the forwarded event (events.json's clock)", async () => {
    const log = await readControllerLog(join(DIR, '2024.log'));
    // Lines 12 and 23's bodies carry "timestamp"; the worker's refusal (line 30) has no event.
    expect(log.failures.map(f => [f.stamp.line, f.eventTime])).toEqual([
      [13, Date.parse('2024-06-20T10:15:01.012Z')],
      [24, Date.parse('2024-06-20T10:15:05.923Z')],
      [30, undefined],
    ]);
  });

  it('2026: the offset written in each line is kept', async () => {
    const log = await readControllerLog(join(DIR, '2026.log'));
    expect(log.start?.offsetMinutes).toBe(120);
  });

  it('the in-memory parser agrees with the streaming one on every generation', async () => {
    for (const name of Object.keys(EXPECTED)) {
      const file = join(DIR, `${name}.log`);
      const text = parseControllerLogText(readFileSync(file, 'utf8'), file);
      expect(facts(text)).toEqual(facts(await readControllerLog(file)));
    }
  });

  const COPIES: Record<string, string | undefined> = {
    'utf16le-bom': 'Read with encoding UTF-16LE',
    'utf16be-bom': 'Read with encoding UTF-16BE',
    'utf8-bom': 'Read with encoding UTF-8-BOM',
    crlf: 'Read with CRLF line ends',
    cr: 'Read with CR-only line ends',
    ansi: undefined,
  };
  for (const [copy, note] of Object.entries(COPIES)) {
    it(`the ${copy} copy of the v2.1.0 log reads the same, and says how it was read`, async () => {
      const log = await readControllerLog(join(DIR, 'copies', `2021-v2.${copy}.log`));
      expect(facts(log)).toEqual(expectedFacts(EXPECTED['2021-v2'] as Expected));
      expect(log.lines).toBe(57);
      const notes = log.diagnostics.filter(d => d.code === 'file.encoding').map(d => d.message);
      if (note) expect(notes).toEqual([expect.stringContaining(note)]);
      else expect(notes).toEqual([]);
    });
  }
});

const NOTEBOOK = /Participant (.*) in session (.*) failed (\d+) times/;

describe('failure line matching', () => {
  it('reads what the notebook regex reads on short lines', () => {
    const samples = [
      'x ERROR 1 --- [t] l : Participant User1 in session LoadTestSession1 failed 3 times',
      'Participant A in session B in session C failed 2 times',
      'Participant Participant X in session S failed 10 times and more',
      'Participant X in session S failed 2 times, then failed 3 times',
      'Participant X in session S failed times',
      'Participant X in session S failed 1 time',
      'no failure here',
    ];
    for (const s of samples) {
      const m = NOTEBOOK.exec(s);
      const want = m ? { user: m[1] ?? '', session: m[2], attempts: Number(m[3]) } : undefined;
      const got = matchFailedTimes(s);
      expect(got && { ...got, user: got.user.replace(/^Participant /, '') }).toEqual(
        want && { ...want, user: want.user.replace(/^Participant /, '') },
      );
    }
  });

  it('scans a 100 KB hostile line a bounded number of times (counted, not timed)', () => {
    const hostile = (n: number) =>
      'Participant ' + ' in session  failed 1 time'.repeat(Math.ceil(n / 26)).slice(0, n);
    const steps = (text: string) => {
      const s: ScanSteps = { n: 0 };
      matchFailedTimes(text, s);
      return s.n;
    };
    const small = hostile(50_000);
    const big = hostile(100_000);
    expect(big.length).toBeGreaterThanOrEqual(100_000);
    expect(steps(big)).toBeLessThanOrEqual(4 * big.length);
    // Doubling the line at most doubles the work (plus a constant).
    expect(steps(big)).toBeLessThanOrEqual(2 * steps(small) + 100);
    expect(matchFailedTimes(big)).toBeUndefined();
    // The same long line with a real failure at its end is read.
    const real = `${big} Participant User7 in session LoadTestSession3 failed 4 times`;
    expect(matchFailedTimes(real)).toMatchObject({ session: 'LoadTestSession3', attempts: 4 });
    expect(steps(real)).toBeLessThanOrEqual(4 * real.length);
  });
});

describe('controller-looking lines that cannot be read', () => {
  it('are counted and reported with the first line, not dropped silently', () => {
    const log = parseControllerLogText(
      [
        '2024-06-20 12:15:00.000  INFO 1 --- [main] i.o.l.c.LoadTestController : Starting test with N:N session typology',
        '2024-06-20 12:15:01.000  INFO 1 --- [main] i.o.l.c.LoadTestController : Creating PUBLISHER User1 in session',
        '2024-06-20 12:15:02.000 ERROR 1 --- [main] i.o.l.s.BrowserEmulatorClient : Participant User1 in session S failed many times',
        '2024-06-20 12:15:03.000 ERROR 1 --- [main] i.o.l.s.BrowserEmulatorClient : There was an EXCEPTION: {"event":"exception","connectionId":"con_unknown"}',
        '2024-06-20 12:15:04.000  INFO 1 --- [main] i.o.l.u.DataIO : Saved result in a /r/results.txt',
      ].join('\n'),
      'f',
    );
    expect(log.skipped).toBe(3);
    const d = log.diagnostics.find(x => x.code === 'log.skippedLines');
    expect(d?.line).toBe(2);
    expect(d?.message).toMatch(/^3 line\(s\) look like controller lines/);
  });
});

describe('controller lines with a time the pattern does not allow', () => {
  it('are counted as skipped, whatever line they claim to be', () => {
    const log = parseControllerLogText(
      [
        "2024/06/20 12:15:01  INFO 1 --- [main] i.o.l.c.LoadTestController : Creating PUBLISHER 'User1' in session S1",
        '20-06-2024 12:16 ERROR 1 --- [x] y : Participant User1 in session S1 failed 1 times',
      ].join('\n'),
      'f',
    );
    expect([log.users.length, log.failures.length, log.skipped]).toEqual([0, 0, 2]);
    expect(log.diagnostics.find(d => d.code === 'log.skippedLines')?.line).toBe(1);
  });
});
