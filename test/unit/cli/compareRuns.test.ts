// `loadtest-lens compare` on two of today's run folders: verdicts per matching test case, exit
// codes (1 on a regression with --fail-on regression, the default; 2 on bad input), #N, JSON
// with its schema, and `run --compare` printing the same verdicts.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { collect } from './collect';

const root = mkdtempSync(join(tmpdir(), 'ltl-cmp-runs-'));
let base = '';
let same = '';
let slower = '';
let other = '';

async function generate(name: string, ...args: string[]): Promise<string> {
  const dir = join(root, name);
  const { io, out } = collect();
  const argv = ['generate-today', '--out', dir, '--scenarios', '4', '--hold', '600', ...args];
  expect(await main(argv, io), out.stderr).toBe(0);
  return dir;
}

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { out, io } = collect();
  const code = await main(argv, io);
  return { code, ...out };
}

beforeAll(async () => {
  base = await generate('base');
  same = await generate('same', '--seed', 'another');
  slower = await generate(
    'slower',
    '--seed',
    'candidate',
    '--cpu-factor',
    '1.25',
    '--truth',
    join(root, 'slower-truth.json'),
  );
  other = await generate('other', '--scenarios', '8');
}, 120_000);

describe('loadtest-lens compare <run> <run>', () => {
  it('an unchanged pair → 0, no regression', async () => {
    const r = await run('compare', base, same, '--fail-on', 'regression');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}CPU media nodes .* no detectable change$/m);
    expect(r.stdout).not.toMatch(/regressed|improved/);
  });

  it('a candidate generated with more media CPU → 1, naming the metric', async () => {
    const truth = JSON.parse(readFileSync(join(root, 'slower-truth.json'), 'utf8')) as {
      factors: { cpu: number };
    };
    expect(truth.factors.cpu).toBe(1.25);
    const r = await run('compare', base, slower, '--fail-on', 'regression');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}CPU media nodes .* regressed \(beyond threshold\)$/m);
    expect(r.stderr).toContain(
      'regression beyond threshold: Test Case 1: N:N — 4 participants cpu medianode',
    );
    expect((await run('compare', base, slower)).code).toBe(1);
    expect((await run('compare', base, slower, '--fail-on', 'never')).code).toBe(0);
  });

  it('two test cases (#N) → compared; an unknown one → 2', async () => {
    expect((await run('compare', `${base}#1`, `${slower}#1`)).code).toBe(1);
    const r = await run('compare', `${base}#9`, slower);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${base} has no test case 9 (it has 1)`);
  });

  it('no matching test case → 2, saying which did not match', async () => {
    const r = await run('compare', base, other);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(
      'not compared: baseline base/2026-07-01_10-00-00 Test Case 1: N:N — 4 participants: no candidate test case with N:N 4 × 4 sessions (candidate has N:N 8 × 4 sessions)',
    );
    expect(r.stderr).toContain('no test case of the baseline matches one of the candidate');
  });

  it('bad usage → 2', async () => {
    expect((await run('compare', base, same, '--fail-on', 'sometimes')).code).toBe(2);
    expect((await run('compare', base, same, '--knee-resamples', '3')).code).toBe(2);
  });

  it('--json and --out carry the schema and version', async () => {
    const out = join(root, 'json-out');
    const r = await run('compare', base, slower, '--json', '--out', out, '--fail-on', 'never');
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout) as { schema: string; version: number };
    expect([printed.schema, printed.version]).toEqual(['loadtest-lens/run-compare', 1]);
    expect(JSON.parse(readFileSync(join(out, 'run-compare.json'), 'utf8'))).toEqual(printed);
  });
});

describe('loadtest-lens run --compare with several runs', () => {
  it('prints the verdicts, not differences of averages', async () => {
    const r = await run('run', base, slower, '--compare');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Runs compared on their steady windows');
    expect(r.stdout).toMatch(/^ {2}CPU media nodes .* regressed \(beyond threshold\)$/m);
    expect(r.stdout).not.toContain('Scenarios compared (participants: peak');
  });
});
