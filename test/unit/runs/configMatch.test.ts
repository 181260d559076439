// The configuration against the reports (issue 18 item 7, issue 19): a stale config.yaml in a
// reused run folder labels only the test cases it agrees with; maxParticipantErrors resolves as
// the controller resolves it; matching is linear; deep nesting is a diagnostic; surplus rooms fail
// the geometry check.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  matchConfig,
  parseRunConfig,
  resolveStopOnErrors,
  topologyKey,
  type ReportFacts,
} from '../../../src/core/runs/configYaml';
import { listRuns, loadRun, type ScenarioData } from '../../../src/core/runs/run';
import { summarizeRun } from '../../../src/core/runs/summary';
import { assessValidity } from '../../../src/core/runs/validity';
import { generatedRun, scenario } from './runs';

/** A generated run (N:N 4, 8, 16; 4 sessions each) whose config.yaml is replaced by `yaml`. */
async function withConfig(yaml: string) {
  const { dir } = await generatedRun();
  writeFileSync(join(dir, 'config.yaml'), yaml);
  const [files] = await listRuns(dir);
  return { run: await loadRun(files!), dir };
}

describe('a stale configuration in a reused run folder', () => {
  // Lines counted by hand: the "2:6" element is on line 3, "8" and "16" on line 8.
  const stale = [
    'testcases:',
    '  - topology: "N:M"',
    '    participants: ["2:6"]',
    '    sessions: 10',
    '    browser: chrome',
    '    description: "stale mediasoup run"',
    '  - topology: "N:N"',
    '    participants: ["8", "16"]',
    '    sessions: 4',
    '    browser: firefox',
    '    description: "stale, agrees on 8 and 16"',
    '',
  ].join('\n');

  it('labels only the test cases it agrees with and warns, naming its line and the report', async () => {
    const { run } = await withConfig(stale);
    // The reports say N:N 4, 8, 16 with 4 sessions: the first agrees with nothing configured.
    expect(run.scenarios.map(s => s.config?.browser)).toEqual([undefined, 'firefox', 'firefox']);
    expect(run.scenarios.map(s => s.config?.description)).toEqual([
      undefined,
      'stale, agrees on 8 and 16',
      'stale, agrees on 8 and 16',
    ]);
    const warnings = run.diagnostics.filter(d => d.code === 'config.mismatch');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', line: 3 });
    expect(warnings[0]!.file).toMatch(/config\.yaml$/);
    expect(warnings[0]!.message).toMatch(/Test case 1 of .*report-2026-07-01_10-00-00\.html/);
    expect(warnings[0]!.message).toMatch(/N:N 4, 4 sessions created/);
  });

  it('does not mix: the geometry comes from the report, not the stale 10 sessions', async () => {
    const { run } = await withConfig(stale);
    const summary = summarizeRun(run);
    const first = summary.scenarios[0]!;
    expect(first.browser).toBeUndefined();
    expect(first.geometry.roomsExpected).toBe(4);
    expect(first.validity.checks.find(c => c.cls === 'geometry')!.status).toBe('pass');
    expect(summary.verdict).toBe('valid');
  });

  it('a configuration of another run entirely labels nothing and warns once per test case', async () => {
    const other =
      'testcases:\n  - topology: N:M\n    participants: ["2:6", "3:9"]\n    sessions: 2\n';
    const { run } = await withConfig(other);
    expect(run.scenarios.map(s => s.config)).toEqual([undefined, undefined, undefined]);
    const warnings = run.diagnostics.filter(d => d.code === 'config.mismatch');
    expect(warnings.map(w => w.message.match(/^Test case (\d)/)![1])).toEqual(['1', '2', '3']);
    expect(summarizeRun(run).scenarios.map(s => s.label)).toEqual(
      summarizeRun((await generatedRun()).run).scenarios.map(s => s.label),
    );
  });

  it('the run’s own configuration matches every test case without a warning', async () => {
    const { run } = await generatedRun();
    expect(run.scenarios.map(s => s.config?.participants)).toEqual(['4', '8', '16']);
    expect(run.diagnostics.filter(d => d.code.startsWith('config.'))).toEqual([]);
  });
});

const facts = (
  topology: string | undefined,
  participants: string | undefined,
  sessionsCreated: number | undefined,
  index: number,
): ReportFacts => ({
  index,
  topology,
  participantsPerSession: participants,
  sessionsCreated,
  sources: [{ file: '/r/report-1.html' }],
});

describe('matching test cases to reports', () => {
  it('reads the report’s topology as Topology.toString() writes it', () => {
    expect(topologyKey('N:N: All participants will be PUBLISHER')).toBe('N:N');
    expect(
      topologyKey('ONE_SESSION_NXM: One session with N publishers filled with M subscribers'),
    ).toBe('ONE_SESSION_NXM');
    expect(topologyKey('n:m')).toBe('N:M');
  });

  it('a report cannot have created more sessions than configured', () => {
    const config = parseRunConfig(
      'testcases:\n  - topology: N:N\n    participants: ["2"]\n    sessions: 3\n',
      '/r/c.yaml',
    );
    const ok = matchConfig([facts('N:N', '2', 3, 1)], config);
    expect(ok.configs[0]?.participants).toBe('2');
    const bad = matchConfig([facts('N:N', '2', 5, 1)], config);
    expect(bad.configs).toEqual([undefined]);
    expect(bad.diagnostics[0]).toMatchObject({ code: 'config.mismatch', line: 3 });
    expect(bad.diagnostics[0]!.message).toMatch(/fewer sessions than the report created/);
    // A stopped test creates fewer: still the same test case.
    expect(matchConfig([facts('N:N', '2', 1, 1)], config).configs[0]).toBeDefined();
  });

  it('a skipped test case leaves a gap: the later ones still match, and a note lists it', () => {
    const config = parseRunConfig(
      'testcases:\n  - topology: N:N\n    participants: ["2", "4", "6"]\n    sessions: 1\n',
      '/r/c.yaml',
    );
    // v4.0.0+ controllers would report "2" three times; a report that says 6 is also read right.
    const m = matchConfig([facts('N:N', '2', 1, 1), facts('N:N', '6', 1, 2)], config);
    expect(m.configs.map(c => c?.participants)).toEqual(['2', '6']);
    expect(m.diagnostics).toHaveLength(1);
    expect(m.diagnostics[0]).toMatchObject({
      code: 'config.unreported',
      severity: 'info',
      line: 3,
    });
    expect(m.diagnostics[0]!.message).toMatch(/1 configured test case has no report/);
  });

  it('N:N elements after the first ran with the first one (controllers from v4.0.0): the report wins', () => {
    const config = parseRunConfig(
      'testcases:\n  - topology: N:N\n    participants: ["4", "8"]\n    sessions: 2\n    browser: emulated\n',
      '/r/c.yaml',
    );
    const m = matchConfig([facts('N:N', '4', 2, 1), facts('N:N', '4', 2, 2)], config);
    expect(m.configs.map(c => [c?.participants, c?.browser])).toEqual([
      ['4', 'emulated'],
      ['4', 'emulated'],
    ]);
    expect(m.diagnostics.map(d => [d.code, d.line])).toEqual([['config.nxnFirstElement', 3]]);
  });

  it('a report without topology and participants takes the next test case', () => {
    const config = parseRunConfig(
      'testcases:\n  - topology: N:M\n    participants: ["2:6"]\n',
      '/r/c.yaml',
    );
    expect(
      matchConfig([facts(undefined, undefined, undefined, 1)], config).configs[0]?.topology,
    ).toBe('N:M');
  });

  it('is linear: 20,000 test cases and 20,000 reports take at most one step per element', () => {
    const n = 20_000;
    const yaml = ['testcases:'];
    for (let i = 0; i < n; i++) yaml.push(`  - topology: N:N`, `    participants: ["${i + 1}"]`);
    const config = parseRunConfig(yaml.join('\n') + '\n', '/r/c.yaml');
    expect(config.scenarios).toHaveLength(n);
    const inOrder = Array.from({ length: n }, (_, i) => facts('N:N', String(i + 1), 1, i + 1));
    const all = matchConfig(inOrder, config);
    expect(all.configs.every((c, i) => c?.participants === String(i + 1))).toBe(true);
    expect(all.steps).toBeLessThanOrEqual(2 * n);
    // None matches: one step per report, not one per pair (which would be 4 × 10^8).
    const none = matchConfig(
      Array.from({ length: n }, (_, i) => facts('N:M', '1:1', 1, i + 1)),
      config,
    );
    expect(none.steps).toBe(n);
    // All on one key, in reverse: every test case is passed over at most once.
    const oneKey = parseRunConfig(
      [
        'testcases:',
        '  - topology: N:N',
        `    participants: [${Array(n).fill('"5"').join(', ')}]`,
      ].join('\n'),
      '/r/c.yaml',
    );
    const same = matchConfig(
      Array.from({ length: n }, (_, i) => facts('N:N', '5', 1, i + 1)),
      oneKey,
    );
    expect(same.configs.every(c => c !== undefined)).toBe(true);
    expect(same.steps).toBeLessThanOrEqual(2 * n);
  });
});

describe('advanced.maxParticipantErrors as the controller resolves it', () => {
  // Cases from LoadTestConfig.resolveRetryAndMaxParticipantErrorsDefaults (OpenVidu/openvidu-loadtest
  // 831331d3ad4c, v5.0.0): [YAML under advanced:, retry on, maxParticipantErrors, emulated mode].
  const cases: [string, boolean, number, number][] = [
    ['', false, 1, 1], // neither set: stop at the first errored participant
    ['  retry:\n    enabled: true\n', true, -1, 1], // retry only: maxParticipantErrors off
    ['  retry:\n    enabled: false\n', false, 1, 1], // retry explicitly off: falls back to 1
    ['  maxParticipantErrors: 3\n', false, 3, 3], // max only: retry off
    ['  retry:\n    enabled: true\n  maxParticipantErrors: 3\n', true, 3, 3], // both: as written
    ['  retry:\n    enabled: false\n  maxParticipantErrors: 0\n', false, 0, 0], // 0 is explicit
    ['  retry:\n    enabled: true\n  maxParticipantErrors: -1\n', true, -1, 1], // −1 = unset
    ['  retry:\n    enabled: "TRUE"\n', true, -1, 1], // Boolean.parseBoolean ignores case
    ['  retry:\n    enabled: "yes"\n', false, 1, 1], // not "true": explicit false
    ['  retry:\n    enabled:\n  maxParticipantErrors:\n', false, 1, 1], // null = not set
    ['  maxParticipantErrors: 2.9\n', false, 2, 2], // a YAML float: Number.intValue()
    ['  maxParticipantErrors: "4"\n', false, 4, 4], // a string: Integer.parseInt
  ];
  for (const [yaml, retry, max, emulated] of cases) {
    it(`${JSON.stringify(yaml || '(nothing)')} → retry ${retry}, max ${max}`, () => {
      const c = parseRunConfig(`advanced:\n${yaml}`, '/r/c.yaml');
      expect([c.retryEnabled, c.maxParticipantErrors, c.maxParticipantErrorsEmulated]).toEqual([
        retry,
        max,
        emulated,
      ]);
      expect(c.diagnostics.filter(d => d.code === 'config.badInteger')).toEqual([]);
    });
  }

  it('a value that is not an integer reads as unset, with a warning on its line', () => {
    const c = parseRunConfig(
      'advanced:\n  retry:\n    enabled: true\n  maxParticipantErrors: many\n',
      '/r/c.yaml',
    );
    expect([c.retryEnabled, c.maxParticipantErrors]).toEqual([true, -1]);
    expect(c.diagnostics.filter(d => d.code === 'config.badInteger')).toEqual([
      expect.objectContaining({ line: 4, severity: 'warning' }),
    ]);
  });

  it('the default row shows the resolved value', () => {
    const c = parseRunConfig('advanced:\n  retry:\n    enabled: true\n', '/r/c.yaml');
    expect(c.rows.find(r => r.path === 'advanced.maxParticipantErrors')).toMatchObject({
      value: '-1',
      defaulted: true,
    });
    expect(resolveStopOnErrors(undefined, undefined).maxParticipantErrors).toBe(1);
  });
});

describe('deeply nested YAML is a diagnostic, not a crash', () => {
  it('1,000 nested [ are refused before the recursive parser sees them', () => {
    const c = parseRunConfig(`testcases: ${'['.repeat(1000)}${']'.repeat(1000)}\n`, '/r/c.yaml');
    expect(c.diagnostics.map(d => d.code)).toEqual(['config.tooDeep']);
    expect(c.diagnostics[0]!.message).toMatch(/1000 levels/);
    expect(c.scenarios).toEqual([]);
  });

  it('1,000 and 3,000 levels of block nesting are refused from their indentation', () => {
    for (const levels of [1000, 3000]) {
      let text = '';
      for (let i = 0; i < levels; i++) text += `${' '.repeat(i)}k:\n`;
      const d = parseRunConfig(text, '/r/c.yaml').diagnostics;
      expect(d.map(x => x.code)).toEqual(['config.tooDeep']);
      expect(d[0]!.message).toContain(`${levels} levels of indentation`);
    }
  });

  it('flow nesting past MAX_DEPTH inside block nesting is cut there; the rest still reads', () => {
    // 40 block levels and 40 flow levels: each under MAX_DEPTH (64), together past it.
    let deep = '';
    for (let i = 0; i < 40; i++) deep += `${' '.repeat(i + 2)}k:\n`;
    deep = deep.trimEnd() + ` ${'['.repeat(40)}${']'.repeat(40)}\n`;
    const c = parseRunConfig(
      `session:\n  secondsBetweenTestCases: 7\nx:\n${deep}testcases:\n  - topology: N:N\n    participants: ["2"]\n`,
      '/r/c.yaml',
    );
    expect(c.diagnostics.map(d => d.code)).toEqual(['config.tooDeep']);
    expect(c.secondsBetweenTestCases).toBe(7);
    expect(c.scenarios.map(s => s.participants)).toEqual(['2']);
  });

  it('a run whose config.yaml is 1,000 [ deep still loads from its reports', async () => {
    const { run } = await withConfig(`a: ${'['.repeat(1000)}\n`);
    expect(run.scenarios).toHaveLength(3);
    expect(run.diagnostics.some(d => d.code === 'config.tooDeep')).toBe(true);
  });
});

describe('surplus rooms fail the geometry check', () => {
  const users = (rooms: number) =>
    Array.from({ length: rooms * 2 }, (_, i) => ({
      user: `User${(i % 2) + 1}`,
      session: `LoadTestSession${Math.floor(i / 2) + 1}`,
      role: 'PUBLISHER',
      retries: 0,
      attempts: [],
    }));
  const withRooms = (rooms: number, sessions: number): ScenarioData =>
    scenario({
      report: { users: users(rooms) },
      config: {
        topology: 'N:N',
        participants: '2',
        sessions,
        browser: 'emulated',
        simulcast: false,
        startingParticipants: 0,
      },
      windowStart: undefined,
      windowEnd: undefined,
    });
  const geometry = (s: ScenarioData) =>
    assessValidity(s, undefined).checks.find(c => c.cls === 'geometry')!;

  it('3 rooms of 2 where 3 are expected pass; 5 where 3 are expected do not', () => {
    expect(geometry(withRooms(3, 3)).status).toBe('pass');
    const over = geometry(withRooms(5, 3));
    expect(over.status).toBe('invalid');
    expect(over.evidence.map(e => e.text)).toEqual([
      '5 rooms where 3 are expected: 2 more (LoadTestSession4, LoadTestSession5)',
    ]);
    expect(over.summary).toMatch(/More rooms than the 3 expected/);
  });

  it('fewer rooms than expected still fail too', () => {
    expect(geometry(withRooms(2, 3)).evidence.map(e => e.text)).toEqual([
      '1 of 3 rooms never appear in the reports',
    ]);
  });
});
