/**
 * `--format` on real CLI runs: every format keeps the exit code (0 valid, 1 with --fail-on on a
 * run generated to fail one check, or a regression), and each output carries what the input
 * holds: the tripped check at the controller-log line the test finds itself, the number of
 * checks of the sample (3 test cases × the 8 validity classes of docs/today.md), schemas.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseStringPromise } from 'xml2js';
import { main } from '../../../src/cli/main';
import { FORMATS } from '../../../src/cli/formats/model';
import { collect } from './collect';
import { docsValidator, errorsOf, sarifValidator } from './schemas';

const SAMPLE = join(__dirname, '..', '..', '..', 'samples', 'today');
const DEMO = join(__dirname, '..', '..', '..', 'samples', 'demo');
const root = mkdtempSync(join(tmpdir(), 'ltl-formats-'));
let tripped = '';
let base = '';
let slower = '';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { out, io } = collect();
  const code = await main(argv, io);
  return { code, ...out };
}

async function generate(name: string, ...args: string[]): Promise<string> {
  const dir = join(root, name);
  const r = await run('generate-today', '--out', dir, '--scenarios', '4', ...args);
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

interface JUnit {
  testsuites: {
    $: Record<string, string>;
    testsuite: { testcase: { $: Record<string, string>; failure?: unknown[] }[] }[];
  };
}

async function junit(xml: string): Promise<JUnit['testsuites']> {
  return ((await parseStringPromise(xml)) as JUnit).testsuites;
}

interface Sarif {
  runs: {
    results: {
      ruleId: string;
      level: string;
      locations?: {
        physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } };
      }[];
    }[];
  }[];
}

beforeAll(async () => {
  tripped = await generate('tripped', '--trip', 'generatorSaturation');
  base = await generate('base', '--hold', '600');
  slower = await generate('slower', '--hold', '600', '--seed', 'candidate', '--cpu-factor', '1.25');
}, 180_000);

describe('run --format', () => {
  it('every format exits 0 on the valid sample, 1 on the tripped run with --fail-on invalid', async () => {
    for (const format of FORMATS) {
      expect((await run('run', SAMPLE, '--format', format)).code, format).toBe(0);
      const r = await run('run', tripped, '--format', format, '--fail-on', 'invalid');
      expect(r.code, `${format}: ${r.stderr}`).toBe(1);
    }
  });

  it('junit: 24 test cases for the sample (3 test cases × 8 checks), none failing', async () => {
    const t = await junit((await run('run', SAMPLE, '--format', 'junit')).stdout);
    expect([t.$['tests'], t.$['failures']]).toEqual(['24', '0']);
    expect(t.testsuite).toHaveLength(3);
  });

  it('the tripped check fails at the first timed-out request of the controller log', async () => {
    const log = join(tripped, 'logs', 'controller.log');
    const line =
      readFileSync(log, 'utf8')
        .split('\n')
        .findIndex(l => /timed out/.test(l)) + 1;
    expect(line).toBeGreaterThan(0);
    // Relative to the working folder (the CI workspace) when inside it, else absolute.
    const rel = relative(process.cwd(), log);
    const where = (rel.startsWith('..') ? log : rel).split('\\').join('/');

    const gh = await run('run', tripped, '--format', 'github', '--fail-on', 'invalid');
    const errors = gh.stdout.split('\n').filter(l => l.startsWith('::error '));
    expect(errors[0]).toMatch(
      new RegExp(
        `^::error file=${where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},line=${line},title=.*Load generator saturation::`,
      ),
    );
    expect(errors).toHaveLength(2); // the check, then the verdict
    expect(errors[1]).toMatch(/^::error title=loadtest-lens run::.*invalid/);
    // Without --fail-on the run does not fail (exit 0): the check is a warning.
    const soft = await run('run', tripped, '--format', 'github');
    expect(soft.code).toBe(0);
    expect(soft.stdout).not.toContain('::error');
    expect(soft.stdout).toMatch(/^::warning file=.*,line=\d+,title=.*Load generator saturation::/m);

    const j = await junit(
      (await run('run', tripped, '--format', 'junit', '--fail-on', 'invalid')).stdout,
    );
    expect([j.$['tests'], j.$['failures']]).toEqual(['8', '1']);
    const failed = j.testsuite.flatMap(s => s.testcase).filter(c => c.failure);
    expect(failed.map(c => c.$['name'])).toEqual(['Load generator saturation']);

    const s = await run('run', tripped, '--format', 'sarif', '--fail-on', 'invalid');
    const sarif = JSON.parse(s.stdout) as Sarif;
    expect(errorsOf(sarifValidator(), sarif)).toEqual([]);
    const results = sarif.runs[0]!.results;
    expect(results.map(r => [r.ruleId, r.level])).toEqual([['generatorSaturation', 'error']]);
    expect(results[0]!.locations![0]!.physicalLocation.region).toEqual({ startLine: line });

    const md = await run('run', tripped, '--format', 'markdown', '--fail-on', 'invalid');
    expect(md.stdout).toContain('**Verdict: ❌');
    expect(md.stdout.match(/^\| ❌ fail \|/gm)).toHaveLength(1);
    expect(md.stdout.match(/^\| ✅ pass \|/gm)).toHaveLength(7);
  });

  it('run --json matches docs/schemas/run.schema.json', async () => {
    const doc = JSON.parse((await run('run', SAMPLE, '--json')).stdout) as unknown;
    expect(errorsOf(docsValidator('run'), doc)).toEqual([]);
    expect(errorsOf(docsValidator('run'), { ...(doc as object), version: 2 })).not.toEqual([]);
  });

  it('a format it does not know, or two formats, is a usage error (2)', async () => {
    expect((await run('run', SAMPLE, '--format', 'xml')).code).toBe(2);
    expect((await run('run', SAMPLE, '--format', 'github', '--json')).code).toBe(2);
  });
});

describe('compare <run> <run> --format', () => {
  it('exit 1 on the regression in every format, 0 with --fail-on never', async () => {
    for (const format of FORMATS) {
      expect((await run('compare', base, slower, '--format', format)).code, format).toBe(1);
      const never = await run('compare', base, slower, '--format', format, '--fail-on', 'never');
      expect(never.code, format).toBe(0);
    }
  });

  it('junit: the media-node CPU fails; --fail-on never fails nothing', async () => {
    const t = await junit((await run('compare', base, slower, '--format', 'junit')).stdout);
    const failed = t.testsuite.flatMap(s => s.testcase).filter(c => c.failure);
    expect(failed.map(c => c.$['name'])).toContain('CPU media nodes');
    const never = await run('compare', base, slower, '--format', 'junit', '--fail-on', 'never');
    expect((await junit(never.stdout)).$['failures']).toBe('0');
  });

  it('sarif is valid; --out - prints run-compare.json, valid against its schema', async () => {
    const s = JSON.parse((await run('compare', base, slower, '--format', 'sarif')).stdout) as Sarif;
    expect(errorsOf(sarifValidator(), s)).toEqual([]);
    expect(s.runs[0]!.results.some(r => r.level === 'error')).toBe(true);
    const out = await run('compare', base, slower, '--out', '-');
    expect(out.code).toBe(1);
    expect(errorsOf(docsValidator('run-compare'), JSON.parse(out.stdout))).toEqual([]);
    expect(out.stderr).toContain('CPU media nodes');
    expect((await run('compare', base, slower, '--out', '-', '--format', 'junit')).code).toBe(2);
  });
});

describe('compare <root> <root> --format markdown', () => {
  it("rows carry the sample's failure rates and users from its ground truth", async () => {
    interface Truth {
      tests: { name: string; users: { attempts: { failure?: { lines: unknown[] } }[] }[] }[];
    }
    const truth = JSON.parse(readFileSync(`${DEMO}.truth.json`, 'utf8')) as Truth;
    const out = join(root, 'demo-cmp');
    const r = await run(
      'compare',
      DEMO,
      DEMO,
      '--out',
      out,
      '--format',
      'markdown',
      '--knee-resamples',
      '0',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('**Verdict: ✅ no regression beyond the thresholds**');
    for (const t of truth.tests) {
      // Failure rate: users with a "failed N times" line over the users started (all of them).
      const failed = t.users.filter(u => u.attempts.some(a => (a.failure?.lines.length ?? 0) > 0));
      const rate = `${((100 * failed.length) / t.users.length).toFixed(1)} %`;
      const scope = `${t.name} → ${t.name}`;
      // Its outcome is pass or, with these few users, skip (underpowered): the figures are checked.
      expect(r.stdout).toContain(` | ${scope} | Failure rate | ${rate} | ${rate} |`);
      const users = `${t.users.length} users`;
      expect(r.stdout).toContain(`| ✅ pass | ${scope} | Users reached | ${users} | ${users} |`);
    }
  });
});
