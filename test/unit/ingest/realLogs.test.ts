/**
 * Controller logs that users of openvidu-loadtest posted in its GitHub issues (#10, #36, #38),
 * committed as posted under test/fixtures/real/user-logs/ (README there: thread, author, date).
 * No one here wrote them, so they check the controller-log reader from outside. Every expected
 * value below was counted by hand from the fixture's text (the README lists the same counts);
 * none comes from the code under test.
 *
 * The fields users / sessions / connections / exceptions / generation / skipped are those of the
 * every-generation reader (branch loggen); the reader these tests were written against did not
 * have them, which is why they are read through `Facts` rather than the ControllerLog type.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { parseControllerLogText, parseLogStamp } from '../../../src/core/ingest/controllerLog';
import { collect } from '../cli/collect';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'real', 'user-logs');

/** What these tests read from a parsed log (the every-generation reader's fields). */
interface Facts {
  readonly users?: readonly { user: string; session: string; connected: boolean }[];
  readonly sessions?: readonly string[];
  readonly connections?: number;
  readonly exceptions?: readonly { cause: string; connectionId?: string; stamp: Stamp }[];
  readonly failures: readonly unknown[];
  readonly generation?: string;
  readonly skipped?: number;
  readonly diagnostics: readonly { code: string }[];
}
interface Stamp {
  readonly wallClock: number;
}

/** One hand-counted fixture (README.md in the fixture folder gives the same numbers). */
interface Case {
  readonly folder: string;
  readonly users: number;
  /** The users as the text names them, where it names them in words (not bare numbers). */
  readonly named?: readonly { user: string; session: string }[];
  readonly sessions: number;
  readonly connections: number;
  readonly failures: number;
  readonly exceptions: { readonly count: number; readonly cause?: string; readonly at?: string[] };
  readonly first: string;
  readonly last: string;
  /** undefined: no line of the excerpt tells the generation (README.md says why). */
  readonly generation?: string;
}

const CASES: Case[] = [
  {
    folder: 'issue-10',
    users: 1,
    named: [{ user: 'S9_User1', session: 'LoadTestSession1' }],
    sessions: 1,
    connections: 0,
    failures: 0,
    exceptions: { count: 0 },
    first: '2021-05-10T07:17:37.936Z',
    last: '2021-05-10T07:17:37.936Z',
    generation: '2021-v2',
  },
  {
    folder: 'issue-36',
    // "Creating participant 0 in session 0": bare numbers, so only the count is asserted.
    users: 1,
    sessions: 1,
    connections: 1,
    failures: 0,
    exceptions: { count: 0 },
    first: '2024-05-17T09:24:52.510Z',
    last: '2024-05-17T09:25:50.174Z',
    generation: '2022',
  },
  {
    // Three log lines and a stack trace printed without a log prefix (no ERROR line).
    folder: 'issue-36-b',
    users: 0,
    named: [],
    sessions: 0,
    connections: 0,
    failures: 0,
    exceptions: { count: 0 },
    first: '2024-05-20T07:34:35.674Z',
    last: '2024-05-20T07:34:35.675Z',
    generation: undefined,
  },
  {
    folder: 'issue-38-a',
    users: 0,
    named: [],
    sessions: 1,
    connections: 1,
    failures: 0,
    exceptions: { count: 0 },
    first: '2024-05-27T12:25:44.150Z',
    last: '2024-05-27T12:25:44.938Z',
    generation: undefined,
  },
  {
    folder: 'issue-38-b',
    users: 0,
    named: [],
    sessions: 0,
    connections: 0,
    failures: 0,
    exceptions: {
      count: 4,
      cause: 'ice',
      at: [
        '2024-05-27T12:26:00.470Z',
        '2024-05-27T12:26:00.472Z',
        '2024-05-27T12:26:00.473Z',
        '2024-05-27T12:26:00.475Z',
      ],
    },
    first: '2024-05-27T12:26:00.470Z',
    last: '2024-05-27T12:26:00.475Z',
    generation: '2021-v2',
  },
  {
    folder: 'issue-38-c',
    users: 1,
    named: [{ user: 'User1', session: 'LoadTestSession14' }],
    sessions: 1,
    connections: 1,
    failures: 0,
    exceptions: { count: 0 },
    first: '2024-05-31T10:52:06.426Z',
    last: '2024-05-31T10:52:08.419Z',
    generation: '2021-v2',
  },
];

function logPath(c: Case): string {
  return join(FIXTURES, c.folder, 'logs', `${c.folder}.log`);
}

function parse(c: Case): Facts {
  const file = logPath(c);
  return parseControllerLogText(readFileSync(file, 'utf8'), file) as unknown as Facts;
}

/** The wall-clock time of the first and last stamped lines (the logs carry no zone). */
function firstAndLast(text: string): [string, string] {
  const stamps = text
    .split('\n')
    .map((l, i) => parseLogStamp(l, i + 1, 0))
    .filter((s): s is NonNullable<typeof s> => s !== undefined);
  const iso = (s: Stamp | undefined) => new Date(s?.wallClock ?? NaN).toISOString();
  return [iso(stamps[0]), iso(stamps[stamps.length - 1])];
}

describe.each(CASES)('user-posted controller log $folder', c => {
  it('reads every line as a controller log line (first and last time as written)', () => {
    const text = readFileSync(logPath(c), 'utf8');
    expect(firstAndLast(text)).toEqual([c.first, c.last]);
  });

  it('counts the users and sessions the controller created', () => {
    const log = parse(c);
    expect(log.users?.length).toBe(c.users);
    if (c.named)
      expect(log.users?.map(u => ({ user: u.user, session: u.session }))).toEqual(c.named);
    expect(log.sessions?.length).toBe(c.sessions);
  });

  it('counts the connections, failures and forwarded exceptions', () => {
    const log = parse(c);
    // With no generation told, "no Connection line" may also be read as "not logged" (undefined).
    if (c.generation === undefined && c.connections === 0)
      expect([0, undefined]).toContain(log.connections);
    else expect(log.connections).toBe(c.connections);
    expect(log.failures.length).toBe(c.failures);
    expect(log.exceptions?.length).toBe(c.exceptions.count);
    if (c.exceptions.cause)
      expect(new Set(log.exceptions?.map(e => e.cause))).toEqual(new Set([c.exceptions.cause]));
    if (c.exceptions.at)
      expect(log.exceptions?.map(e => new Date(e.stamp.wallClock).toISOString())).toEqual(
        c.exceptions.at,
      );
  });

  it('names the controller generation and skips no line', () => {
    const log = parse(c);
    expect(log.generation).toBe(c.generation);
    expect(log.skipped).toBe(0);
  });

  it('says the excerpt has neither a start nor an end line', () => {
    const codes = parse(c).diagnostics.map(d => d.code);
    expect(codes).toContain('log.noStartLine');
    expect(codes).toContain('log.noEndLine');
  });
});

describe('user-posted logs through `summary --json` (logs-only folders)', () => {
  it.each(CASES)('$folder: users, sessions and failures counted from the log', async c => {
    const { io, out } = collect();
    const code = await main(['summary', join(FIXTURES, c.folder), '--json'], io);
    expect(code, out.stderr).toBe(0);
    const rows = (
      JSON.parse(out.stdout) as {
        tests: {
          users: number;
          sessions: number;
          failures: number;
          sources?: Record<string, string>;
        }[];
      }
    ).tests;
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row?.users).toBe(c.users);
    expect(row?.sessions).toBe(c.sessions);
    expect(row?.failures).toBe(c.failures);
    // The folder has no stats/: every count comes from the log (or is unknown), never from stats.
    for (const key of ['users', 'sessions', 'failures'])
      expect(['log', 'none'], key).toContain(row?.sources?.[key]);
    if (c.users > 0) expect(row?.sources?.users).toBe('log');
  });
});

describe('the ICE-candidate exception of issue #38', () => {
  it('belongs to one connection, con_M8VzX8NMJK', () => {
    const log = parse(CASES.find(c => c.folder === 'issue-38-b') as Case);
    expect(new Set(log.exceptions?.map(e => e.connectionId))).toEqual(new Set(['con_M8VzX8NMJK']));
  });
});
