/**
 * The one argument parser: an unknown flag is exit 2 with one line naming it and the command's
 * usage, in every command; `--flag=value`; `--out -` is standard output (report, compare) and
 * refused where the output is a folder of tables (analyze); progress only on a terminal or with
 * --progress; the --json documents of summary, analyze and compare match docs/schemas.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { parseCommandArgs } from '../../../src/cli/args';
import { collect } from './collect';
import { docsValidator, errorsOf, sarifValidator } from './schemas';
import { makeMiniRoot } from '../core/miniRoot';

// The report page's script and style are dist/ files: a stand-in from failingFs.ts here.
vi.mock('node:fs/promises', async importOriginal =>
  (await import('./failingFs')).withFailures(await importOriginal()),
);

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `ltl-args-${prefix}-`));
let good = '';

async function run(
  argv: string[],
  isTerminal?: boolean,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { out, io } = collect();
  const code = await main(argv, isTerminal === undefined ? io : { ...io, isTerminal });
  return { code, ...out };
}

beforeAll(() => {
  good = makeMiniRoot();
});

describe('parseCommandArgs', () => {
  const specs = { '--out': 'string', '--json': 'boolean', '--seed': 'string' } as const;

  it('takes --flag value, --flag=value, negative numbers and positionals', () => {
    const a = parseCommandArgs(['r', '--out=x', '--json', '--seed', '-5', 's'], specs);
    if (typeof a === 'string') throw new Error(a);
    expect([...a.values]).toEqual([
      ['--out', 'x'],
      ['--json', true],
      ['--seed', '-5'],
    ]);
    expect(a.positionals).toEqual(['r', 's']);
  });

  it('names the flag that is unknown, lacks its value or takes none', () => {
    expect(parseCommandArgs(['--jsn'], specs)).toBe('unknown option --jsn');
    expect(parseCommandArgs(['-x'], specs)).toBe('unknown option -x');
    expect(parseCommandArgs(['--out'], specs)).toBe('--out needs a value');
    expect(parseCommandArgs(['--json=yes'], specs)).toBe('--json takes no value');
  });
});

describe('an unknown flag is exit 2, one line naming it and the usage', () => {
  const COMMANDS = [
    'analyze',
    'cache',
    'compare',
    'generate',
    'generate-today',
    'report',
    'run',
    'summary',
  ];
  it.each(COMMANDS)('%s --bogus', async command => {
    const r = await run([command, 'x', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        `^loadtest-lens ${command}: unknown option --bogus — Usage: loadtest-lens ${command}\\b[^\\n]*\\n$`,
      ),
    );
  });
});

describe('--out -', () => {
  it('report writes the page on standard output, and no file named "-"', async () => {
    const cwd = process.cwd();
    const r = await run(['report', good, '--out', '-']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(r.stdout.trimEnd().endsWith('</html>')).toBe(true);
    expect(existsSync(join(cwd, '-'))).toBe(false);
  });

  it('compare writes verdict.json on standard output (valid against its schema)', async () => {
    const r = await run(['compare', good, good, '--out', '-', '--knee-resamples', '0']);
    expect(r.code, r.stderr).toBe(0);
    expect(errorsOf(docsValidator('verdict'), JSON.parse(r.stdout))).toEqual([]);
    expect(r.stderr).toContain('verdict: standard output');
  });

  it('analyze, generate and generate-today refuse it (they write folders), creating nothing', async () => {
    for (const argv of [
      ['analyze', good, '--out', '-'],
      ['generate', '--out', '-'],
      ['generate-today', '--out', '-'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv[0]).toBe(2);
      expect(r.stderr).toMatch(/--out takes a folder/);
    }
    expect(existsSync(join(process.cwd(), '-'))).toBe(false);
  });
});

describe('schemas and formats of summary, analyze and compare on a root', () => {
  it('summary --json matches docs/schemas/summary.schema.json', async () => {
    const r = await run(['summary', good, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { schema: string; version: number };
    expect([doc.schema, doc.version]).toEqual(['loadtest-lens/summary', 1]);
    expect(errorsOf(docsValidator('summary'), doc)).toEqual([]);
  });

  it('analyze --json prints summary.json (its schema); --format sarif and junit; progress', async () => {
    const json = await run(['analyze', good, '--out', join(tmp('a'), 'o'), '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(errorsOf(docsValidator('analyze-summary'), JSON.parse(json.stdout))).toEqual([]);
    // Not a terminal, not asked: no progress lines.
    expect(json.stderr).not.toMatch(/^reading |^computing |^\[1\//m);

    const sarif = await run(['analyze', good, '--out', join(tmp('a'), 'o'), '--format', 'sarif']);
    expect(sarif.code).toBe(0);
    expect(errorsOf(sarifValidator(), JSON.parse(sarif.stdout))).toEqual([]);

    const asked = await run(['analyze', good, '--out', join(tmp('a'), 'o'), '--progress']);
    expect(asked.stderr).toMatch(/^computing connection segments/m);
    const terminal = await run(['analyze', good, '--out', join(tmp('a'), 'o')], true);
    expect(terminal.stderr).toMatch(/^\[1\/\d+\] /m);
  });

  it('compare on roots: --format github exits 0 on a root against itself', async () => {
    const out = tmp('c');
    const r = await run([
      'compare',
      good,
      good,
      '--out',
      out,
      '--format',
      'github',
      '--knee-resamples',
      '0',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^::notice title=loadtest-lens compare::no regression beyond the thresholds$/m,
    );
    expect(r.stdout).not.toContain('::error');
  });
});
