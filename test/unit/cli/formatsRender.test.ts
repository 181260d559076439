/**
 * The CI renderers on a hand-made report (every outcome, a finding with and without a place):
 * GitHub workflow-command syntax and escaping, SARIF 2.1.0 against the OASIS schema, JUnit XML
 * parsed back, the Markdown table. Every expected value is written out by hand from the report.
 */
import { describe, expect, it } from 'vitest';
import { parseStringPromise } from 'xml2js';
import { escapeData, escapeProperty, githubAnnotations } from '../../../src/cli/formats/github';
import { junitXml } from '../../../src/cli/formats/junit';
import { markdownSummary } from '../../../src/cli/formats/markdown';
import type { CiReport } from '../../../src/cli/formats/model';
import { sarifLog } from '../../../src/cli/formats/sarif';
import { errorsOf, sarifValidator } from './schemas';

const report: CiReport = {
  command: 'run',
  subject: 'r/1',
  verdict: { failed: true, text: 'r/1: invalid' },
  columns: ['Status'],
  checks: [
    { suite: 'S1', rule: 'geometry', name: 'Geometry', outcome: 'pass', message: 'ok' },
    {
      suite: 'S1',
      rule: 'stopReason',
      name: 'Stop, reason',
      outcome: 'fail',
      message: '100 % done\nthen stopped',
      file: '/w/logs/controller.log',
      line: 7,
      values: { Status: 'invalid' },
    },
    { suite: 'S2', rule: 'geometry', name: 'Geometry', outcome: 'warn', message: 'a | b' },
    {
      suite: 'S2',
      rule: 'zeroCounters',
      name: 'Zero <counters>',
      outcome: 'skip',
      message: 'no data',
    },
  ],
  findings: [
    { severity: 'error', code: 'json.truncated', message: 'cut off', file: '/w/a b.json', line: 3 },
    { severity: 'info', code: 'note.x', message: 'a note' },
  ],
};
const o = { cwd: '/w', version: '9.9.9' };

describe('github annotations', () => {
  it('escapes % CR LF in the message, and : , too in properties', () => {
    expect(escapeData('50%\r\nx')).toBe('50%25%0D%0Ax');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('one command per failing or suspect check and per finding, then the verdict', () => {
    expect(githubAnnotations(report, o).split('\n')).toEqual([
      '::error file=logs/controller.log,line=7,title=S1%3A Stop%2C reason::100 %25 done%0Athen stopped',
      '::warning title=S2%3A Geometry::a | b',
      '::error file=a b.json,line=3,title=json.truncated::cut off',
      '::notice title=note.x::a note',
      '::error title=loadtest-lens run::r/1: invalid',
      '',
    ]);
  });
});

describe('SARIF', () => {
  const log = JSON.parse(sarifLog(report, o)) as {
    version: string;
    runs: {
      tool: { driver: { name: string; rules: { id: string }[] } };
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        locations?: {
          physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
        }[];
      }[];
    }[];
  };

  it('is valid SARIF 2.1.0 (the OASIS schema)', () => {
    const validate = sarifValidator();
    expect(errorsOf(validate, log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    // The validator can fail: a level SARIF does not know, a result without its message.
    const bad = structuredClone(log) as unknown as { runs: { results: object[] }[] };
    bad.runs[0]!.results[0] = { ...bad.runs[0]!.results[0], level: 'fatal' };
    bad.runs[0]!.results[1] = { ruleId: 'x' };
    expect(errorsOf(validate, bad).length).toBeGreaterThan(0);
  });

  it('has a result per non-passing check and per finding, with level and location', () => {
    const [run] = log.runs;
    expect(run!.tool.driver.rules.map(r => r.id)).toEqual([
      'stopReason',
      'geometry',
      'json.truncated',
      'note.x',
    ]);
    expect(run!.results.map(r => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['stopReason', 0, 'error'],
      ['geometry', 1, 'warning'],
      ['json.truncated', 2, 'error'],
      ['note.x', 3, 'note'],
    ]);
    expect(run!.results[0]!.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'logs/controller.log' },
      region: { startLine: 7 },
    });
    expect(run!.results[2]!.locations![0]!.physicalLocation.artifactLocation.uri).toBe(
      'a%20b.json',
    );
    expect(run!.results[3]!.locations).toBeUndefined();
  });

  it('a file outside the working folder is a file: URI', () => {
    const outside = sarifLog({ ...report, checks: [] }, { ...o, cwd: '/elsewhere' });
    expect(outside).toContain('"uri": "file:///w/a%20b.json"');
    expect(errorsOf(sarifValidator(), JSON.parse(outside))).toEqual([]);
  });
});

describe('JUnit XML', () => {
  it('parses back: one test case per check, failures and skipped counted', async () => {
    const xml = (await parseStringPromise(junitXml(report))) as {
      testsuites: {
        $: Record<string, string>;
        testsuite: {
          $: Record<string, string>;
          testcase: { $: Record<string, string>; failure?: unknown[]; skipped?: unknown[] }[];
        }[];
      };
    };
    const root = xml.testsuites;
    expect([root.$['tests'], root.$['failures'], root.$['skipped']]).toEqual(['4', '1', '1']);
    expect(root.testsuite.map(s => [s.$['name'], s.$['tests'], s.$['failures']])).toEqual([
      ['S1', '2', '1'],
      ['S2', '2', '0'],
    ]);
    const cases = root.testsuite.flatMap(s => s.testcase);
    expect(cases.map(c => c.$['name'])).toEqual([
      'Geometry',
      'Stop, reason',
      'Geometry',
      'Zero <counters>',
    ]);
    expect(cases.map(c => [!!c.failure, !!c.skipped])).toEqual([
      [false, false],
      [true, false],
      [false, false],
      [false, true],
    ]);
  });
});

describe('Markdown', () => {
  it('verdict line, one row per check with its figures, the findings', () => {
    const md = markdownSummary(report, o);
    expect(md).toContain('**Verdict: ❌ r/1: invalid** (1 pass, 1 warn, 1 fail, 1 skip)');
    expect(md).toContain('| ❌ fail | S1 | Stop, reason | invalid | 100 % done then stopped |');
    expect(md).toContain('| ⚠️ warn | S2 | Geometry |  | a \\| b |');
    expect(md).toContain('### Findings in the data: 1 error(s), 0 warning(s), 1 note(s)');
    expect(md).toContain('| error |  | a b.json:3 | cut off |');
  });
});

describe('compared metric outcomes (docs/ci.md)', () => {
  it('fail only beyond the threshold when it exits 1; inconclusive comparisons are skipped', async () => {
    const { metricOutcome } = await import('../../../src/cli/formats/fromCompare');
    expect(metricOutcome('regressed', true, true)).toBe('fail');
    expect(metricOutcome('regressed', true, false)).toBe('warn');
    expect(metricOutcome('regressed', false, true)).toBe('warn');
    expect(metricOutcome('no detectable change', false, true)).toBe('pass');
    expect(metricOutcome('improved', false, true)).toBe('pass');
    expect(metricOutcome('underpowered', false, true)).toBe('skip');
    expect(metricOutcome('no data', false, true)).toBe('skip');
  });
});
