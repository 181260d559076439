// Results on the controller's configuration: which runs match a test case of a hand-written
// config (today's YAML and 2024's test_cases.json), the CodeLens text, the hover and the keys
// that differ between two runs. Every expected value is worked out by hand from the texts below.
import { describe, expect, it } from 'vitest';
import {
  caseAtKey,
  caseMatches,
  differingKeys,
  keyHover,
  lensTitle,
  participantsAsked,
  readConfigFile,
  readProperties,
  relativeTime,
  runsOfCase,
  type CaseRun,
  type RecordedRun,
} from '../../../src/core/compare/configLens';
import { sessionShape } from '../../../src/core/runs/analysis';
import type { ConfigRow } from '../../../src/core/runs/configYaml';

const YAML = `platform:
  url: https://ov.example.com
testcases:
  - topology: N:N
    participants: [8, 16]
    sessions: 2
    browser: chrome
  - topology: N:M
    participants: ["3:10"]
    sessions: 1
`;

const TEST_CASES_JSON = `{"testcases":[
  {"typology":"N:M","participants":["3:10"],"sessions":"2","startingParticipants":0,
   "resolution":"640x480","recording":false,"headless":false}
]}`;

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);

/** A controller run with its kept YAML's test case (defaults as the schema fills them). */
function controllerRun(
  key: string,
  start: number,
  participants: string,
  extra: Partial<{ browser: string; sessions: number; reached: number }> = {},
  rows: ConfigRow[] = [],
): RecordedRun {
  return {
    key,
    name: `Run ${key}`,
    start,
    cases: [
      {
        config: {
          topology: 'N:N',
          participants,
          sessions: extra.sessions ?? 2,
          browser: extra.browser ?? 'chrome',
          simulcast: false,
          startingParticipants: 0,
          testcase: 0,
        },
        topology: 'N:N: All participants will be PUBLISHER',
        participants,
        reached: extra.reached,
        validity: 'valid',
      },
    ],
    yamlRows: rows,
  };
}

/** A 2024 notebook test: participants from its name, planned sessions from its log. */
function notebookTest(
  key: string,
  start: number,
  participants: string,
  sessions: number,
  block: Array<[string, string]> = [],
): RecordedRun {
  return {
    key,
    name: key,
    start,
    cases: [{ participants, sessions, reached: 25, failed: 1 }],
    logConfig: block.map(([k, value]) => ({ section: '', key: k, value })),
  };
}

describe('reading a configuration file', () => {
  it('lists one case per participants element, with its line', () => {
    const file = readConfigFile(YAML, 'config.yaml');
    expect(
      file?.cases.map(c => [c.testcase, c.line, c.config.participants, c.config.sessions]),
    ).toEqual([
      [0, 5, '8', 2],
      [0, 5, '16', 2],
      [1, 9, '3:10', 1],
    ]);
  });
  it('reads 2024 test_cases.json (typology, sessions as text) as the controller does', () => {
    const file = readConfigFile(TEST_CASES_JSON, 'test_cases.json');
    expect(
      file?.cases.map(c => [c.config.topology, c.config.participants, c.config.sessions]),
    ).toEqual([['N:M', '3:10', 2]]);
  });
  it('is not a configuration without test cases', () => {
    expect(readConfigFile('name: app\nversion: 2\n', 'docker-compose.yaml')).toBeUndefined();
    expect(readConfigFile('{"a": 1}', 'test_cases.json')).toBeUndefined();
  });
  it('reads application.properties keys with their lines', () => {
    expect(readProperties('# c\nA=1\n\nSECONDS_TO_WAIT_BETWEEN_PARTICIPANTS = 5\n')).toEqual([
      { path: 'A', value: '1', line: 2 },
      { path: 'SECONDS_TO_WAIT_BETWEEN_PARTICIPANTS', value: '5', line: 4 },
    ]);
  });
});

describe('matching runs to a test case by content', () => {
  const file = readConfigFile(YAML, 'config.yaml')!;
  const [nn8, nn16, nm] = file.cases as [
    (typeof file.cases)[0],
    (typeof file.cases)[0],
    (typeof file.cases)[0],
  ];
  it('reads publishers and subscribers per session', () => {
    expect(sessionShape('8')).toEqual({ publishers: 8, subscribers: 0 });
    expect(sessionShape(' 3:10 ')).toEqual({ publishers: 3, subscribers: 10 });
    expect(sessionShape('x')).toBeUndefined();
  });
  it('asks participants × sessions (one session for ONE_SESSION)', () => {
    expect(participantsAsked(nn16.config)).toBe(32);
    expect(participantsAsked(nm.config)).toBe(13);
    expect(participantsAsked({ ...nm.config, topology: 'ONE_SESSION_NXM', sessions: 5 })).toBe(13);
    expect(participantsAsked({ ...nm.config, sessions: 'infinite' })).toBeUndefined();
  });
  it('matches the same test case wherever the run sits, and not another', () => {
    const run = controllerRun('a', NOW - HOUR, '16')!;
    expect(caseMatches(nn16, run.cases[0]!)).toBe(true);
    expect(caseMatches(nn8, run.cases[0]!)).toBe(false);
    expect(caseMatches(nm, run.cases[0]!)).toBe(false);
  });
  it('a kept YAML with another browser or other sessions is another test case', () => {
    expect(caseMatches(nn16, controllerRun('f', 0, '16', { browser: 'firefox' }).cases[0]!)).toBe(
      false,
    );
    expect(caseMatches(nn16, controllerRun('s', 0, '16', { sessions: 3 }).cases[0]!)).toBe(false);
  });
  it('a 2024 test matches by participants from its name and planned sessions', () => {
    const json = readConfigFile(TEST_CASES_JSON, 'test_cases.json')!.cases[0]!;
    expect(caseMatches(json, notebookTest('t', 0, '3:10', 2).cases[0]!)).toBe(true);
    expect(caseMatches(json, notebookTest('t', 0, '3:10', 1).cases[0]!)).toBe(false);
    expect(caseMatches(json, notebookTest('t', 0, '3', 2).cases[0]!)).toBe(false);
  });
  it('orders a case’s runs by start, oldest first', () => {
    const runs = [
      controllerRun('late', NOW - HOUR, '16'),
      controllerRun('other', NOW, '8'),
      controllerRun('early', NOW - 5 * HOUR, '16'),
    ];
    expect(runsOfCase(nn16, runs).map(h => h.run.key)).toEqual(['early', 'late']);
  });
});

describe('the CodeLens text', () => {
  const c = readConfigFile(YAML, 'config.yaml')!.cases[1]!;
  it('says the last run, its participants against the asked 2 × 16 and when', () => {
    const runs = [
      controllerRun('a', NOW - 26 * HOUR, '16', { reached: 30 }),
      controllerRun('b', NOW - 2 * HOUR - 60_000, '16', { reached: 32 }),
    ];
    expect(lensTitle(c, runsOfCase(c, runs), NOW)).toBe(
      'Last run: VALID · 32/32 participants · 2 h ago (2 runs)',
    );
  });
  it('says a 2024 test’s failed users', () => {
    const json = readConfigFile(TEST_CASES_JSON, 'test_cases.json')!.cases[0]!;
    const hits = runsOfCase(json, [notebookTest('t', NOW - 3 * 86_400_000, '3:10', 2)]);
    expect(lensTitle(json, hits, NOW)).toBe('Last run: 25/26 participants · 1 failed · 3 days ago');
  });
  it('says when no run matches', () => {
    expect(lensTitle(c, [], NOW)).toBe('No run of this config found');
  });
  it('words relative times', () => {
    expect(relativeTime(NOW - 30_000, NOW)).toBe('just now');
    expect(relativeTime(NOW - 12 * 60_000, NOW)).toBe('12 min ago');
    expect(relativeTime(NOW - 47 * HOUR, NOW)).toBe('47 h ago');
    expect(relativeTime(NOW - 49 * HOUR, NOW)).toBe('2 days ago');
    expect(relativeTime(undefined, NOW)).toBe('start unknown');
  });
});

describe('hover and differing keys', () => {
  const file = readConfigFile(YAML, 'config.yaml')!;
  const row = (path: string, value: string): ConfigRow => ({ path, value, defaulted: false });
  const older = controllerRun('old', NOW - 5 * HOUR, '16', { reached: 20 }, [
    row('platform.url', 'https://a'),
    row('testcases[0].browser', 'chrome'),
  ]);
  const newer = controllerRun('new', NOW - HOUR, '16', { reached: 32 }, [
    row('platform.url', 'https://b'),
    row('testcases[0].browser', 'chrome'),
  ]);
  const c = file.cases[1]!;
  const hits: CaseRun[] = runsOfCase(c, [older, newer]);

  it('finds the case of a key', () => {
    expect(caseAtKey(file, 'testcases[0].participants[1]')?.config.participants).toBe('16');
    expect(caseAtKey(file, 'testcases[1].sessions')?.config.participants).toBe('3:10');
    expect(caseAtKey(file, 'platform.url')).toBeUndefined();
  });
  it('shows the value each recent run used and the participants reached, newest first', () => {
    const key = file.keys.find(k => k.path === 'testcases[0].participants[1]')!;
    expect(keyHover(key, c, hits, NOW)).toEqual([
      '`testcases[0].participants[1]` = `16` in this file; recent runs:',
      '',
      '- Run new, 1 h ago: `16` · 32/32 reached',
      '- Run old, 5 h ago: `16` · 20/32 reached',
    ]);
    const url = file.keys.find(k => k.path === 'platform.url')!;
    expect(keyHover(url, undefined, hits, NOW).slice(2)).toEqual([
      '- Run new, 1 h ago: `https://b` (differs from this file)',
      '- Run old, 5 h ago: `https://a` (differs from this file)',
    ]);
  });
  it('names the keys that differ between two runs (YAML rows, log block by properties key)', () => {
    expect([...differingKeys(c, hits[0]!, hits[1]!)]).toEqual(['platform.url']);
    const a = notebookTest('a', 0, '3:10', 2, [
      ['Seconds between users', '5'],
      ['Users per worker', '10'],
    ]);
    const b = notebookTest('b', 1, '3:10', 2, [
      ['Seconds between users', '2'],
      ['Users per worker', '10'],
    ]);
    expect([
      ...differingKeys(undefined, { run: a, case: a.cases[0]! }, { run: b, case: b.cases[0]! }),
    ]).toEqual(['SECONDS_TO_WAIT_BETWEEN_PARTICIPANTS']);
  });
  it('says when no run of the config is found', () => {
    expect(keyHover(file.keys[0]!, undefined, [], NOW)).toEqual([
      '`platform.url`: no run of this config found',
    ]);
  });
});
