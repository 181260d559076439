/**
 * A test's stats folder given where a root is read (`<root>/stats/<test>`): read as that test of
 * its root, so its log (failures, window), CPU, QoE and batches count, as the extension does; a
 * copy of the folder on its own is read alone and says what it lacks.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { collect } from './collect';
import { KURENTO, PION, makeMiniRoot } from '../core/miniRoot';

/** The mini root's Kurento test as summary prints it: its 2 failure lines are in the log only. */
const KURENTO_LINE =
  '    kurento, 2 sessions, 3 users (3 publishers, 0 subscribers), 2 connected, 2 failure lines from 2 users';

interface Side {
  readonly root: string;
  readonly test: string;
}

describe('a test folder inside a root', () => {
  const root = makeMiniRoot();
  const folder = join(root, 'stats', KURENTO);

  it('summary reads the test from its root: the failures of the log count', async () => {
    const { out, io } = collect();
    expect(await main(['summary', folder], io)).toBe(0);
    expect(out.stdout).toContain(`${root}\n  ${KURENTO}\n${KURENTO_LINE}`);
    expect(out.stdout).not.toContain(PION);
    expect(out.stderr).toContain(
      `${folder} is the stats folder of test "${KURENTO}"; reading that test of the result root ${root}`,
    );
    expect(out.stderr).not.toContain('has no logs/');
  });

  it('a copy of the folder on its own is read alone, and says what it lacks', async () => {
    const alone = join(mkdtempSync(join(tmpdir(), 'ltl-alone-')), KURENTO);
    cpSync(folder, alone, { recursive: true });
    const { out, io } = collect();
    expect(await main(['summary', alone], io)).toBe(0);
    expect(out.stdout).toContain('0 failure lines from 0 users');
    expect(out.stderr).toContain(`has no logs/${KURENTO}.log`);
    const a = collect();
    const dir = mkdtempSync(join(tmpdir(), 'ltl-alone-out-'));
    expect(await main(['analyze', alone, '--out', join(dir, 'o')], a.io)).toBe(0);
    expect(a.out.stderr).toContain(
      'No dfs_final/batches.json was read (the test folder was opened alone)',
    );
  });

  it('analyze writes that test only; with --tests it is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ltl-testfolder-'));
    const { io } = collect();
    expect(await main(['analyze', folder, '--out', join(dir, 'a')], io)).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'a', 'summary.json'), 'utf8')) as {
      root: string;
      tests: Array<{ name: string }>;
    };
    expect(summary.tests.map(t => t.name)).toEqual([KURENTO]);
    const bad = collect();
    expect(await main(['analyze', folder, '--out', join(dir, 'b'), '--tests', PION], bad.io)).toBe(
      2,
    );
    expect(bad.out.stderr).toContain(`give its root ${root} with --tests`);
    expect(bad.out.stderr).not.toContain('reading that test');
  });

  it('compare pairs a test folder with the same test of a root', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ltl-testfolder-'));
    const { out, io } = collect();
    const code = await main(
      [
        'compare',
        root,
        folder,
        '--out',
        join(dir, 'c'),
        '--knee-resamples',
        '0',
        '--fail-on',
        'never',
      ],
      io,
    );
    expect(code).toBe(0);
    const verdict = JSON.parse(readFileSync(join(dir, 'c', 'verdict.json'), 'utf8')) as {
      comparisons: Array<{ baseline: Side; candidate: Side }>;
    };
    const side = { root, test: KURENTO };
    expect(verdict.comparisons.map(p => [p.baseline, p.candidate])).toEqual([[side, side]]);
    expect(out.stderr).toContain(`reading that test of the result root ${root}`);
    const bad = collect();
    expect(
      await main(['compare', root, folder, '--out', join(dir, 'd'), '--tests', KURENTO], bad.io),
    ).toBe(2);
  });
});
