// Which folders are runs of today's tool and which are notebook roots.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findRootsBelow,
  findRootFor,
  findRunFolderFor,
  findRunFoldersBelow,
  isResultRoot,
  resultKind,
} from '../../../src/core/source/resultRoot';

function folder(files: string[], dirs: string[] = []): string {
  const d = mkdtempSync(join(tmpdir(), 'ltl-kind-'));
  for (const x of dirs) mkdirSync(join(d, x), { recursive: true });
  for (const f of files) writeFileSync(join(d, f), '');
  return d;
}

describe('run folders of today’s tool', () => {
  it('a report or a results-<ts>.txt makes a run, not a notebook root', async () => {
    const run = folder(['report-2026-07-01_10-00-00.html'], ['stats/LoadTestSession1/x', 'logs']);
    expect(await resultKind(run)).toBe('run');
    expect(await isResultRoot(run)).toBe(false);
    // Its stats/ is a notebook test only when asked for (the per-user views of a real-browser run).
    expect(await findRootFor(join(run, 'stats', 'LoadTestSession1'))).toBe(join(run, 'stats'));
    expect(await findRunFolderFor(join(run, 'stats', 'LoadTestSession1', 'x'))).toBe(run);
    expect(await resultKind(folder(['results-2026-07-01_10-00-00.txt']))).toBe('run');
  });
  it('a notebook root kept inside a run folder opens as the notebook root', async () => {
    const run = folder(
      ['report-x.html'],
      ['old-root/stats/t/LoadTestSession1/User1', 'old-root/logs', 'old-root/dfs_final'],
    );
    expect(await findRunFolderFor(join(run, 'old-root'))).toBeUndefined();
    expect(await findRunFolderFor(join(run, 'old-root', 'stats', 't'))).toBeUndefined();
    expect(await findRootFor(join(run, 'old-root', 'stats', 't'))).toBe(join(run, 'old-root'));
  });

  it('a 2024 results.txt beside a notebook root leaves it a notebook root', async () => {
    const root = folder(['results.txt'], ['stats/t/LoadTestSession1/User1', 'logs', 'dfs_final']);
    expect(await resultKind(root)).toBe('root');
    expect(await resultKind(folder(['results.txt']))).toBe('run');
  });
  it('finds run folders below a workspace folder, reports in results/ too', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'ltl-ws-'));
    mkdirSync(join(ws, 'a', 'results'), { recursive: true });
    writeFileSync(join(ws, 'a', 'results', 'report-x.html'), '');
    mkdirSync(join(ws, 'b'), { recursive: true });
    writeFileSync(join(ws, 'b', 'report-y.html'), '');
    // Runs are not notebook roots, and neither are their stats/ folders.
    mkdirSync(join(ws, 'b', 'stats', 'LoadTestSession1', 'User1'), { recursive: true });
    expect(await findRootsBelow(ws, 3)).toEqual([]);
    // The run folder is the one holding results/ (config, stats and metrics sit beside it).
    expect(await findRunFoldersBelow(ws, 3)).toEqual([join(ws, 'a'), join(ws, 'b')]);
    expect(await findRunFolderFor(join(ws, 'a', 'results', 'report-x.html'))).toBe(join(ws, 'a'));
  });
});

describe('a run folder given as a relative path', () => {
  it('reads the same scenarios as its absolute path (samples/today: 3 test cases)', async () => {
    const { listRuns, loadRun } = await import('../../../src/core/runs/run');
    const { relative, resolve } = await import('node:path');
    const absolute = resolve(__dirname, '../../../samples/today');
    const given = relative(process.cwd(), absolute);
    expect(given.startsWith('/')).toBe(false);
    const [fromRelative] = await listRuns(given);
    const [fromAbsolute] = await listRuns(absolute);
    const runRelative = await loadRun(fromRelative!);
    const runAbsolute = await loadRun(fromAbsolute!);
    // samples/today.truth.json plans three scenarios (16, 32 and 64 participants).
    expect(runRelative.scenarios).toHaveLength(3);
    expect(runRelative.scenarios.map(s => s.name)).toEqual(runAbsolute.scenarios.map(s => s.name));
    expect(runRelative.diagnostics.length).toBe(runAbsolute.diagnostics.length);
  });
});
