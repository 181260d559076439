/**
 * The one folder detection every CLI command uses: each kind, with its reason, on folders built
 * here (the expected kinds follow from the layout each folder is given).
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFolder } from '../../../src/core/source/resultRoot';

function folder(files: Record<string, string>, dirs: readonly string[] = []): string {
  const root = mkdtempSync(join(tmpdir(), 'ltl-detect-'));
  for (const d of dirs) mkdirSync(join(root, d), { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

describe('detectFolder', () => {
  it('a root, a test folder inside it, and one on its own', async () => {
    const root = folder({ 'stats/t1/LoadTestSession1/User1/events.json': '[]' });
    expect((await detectFolder(root)).kind).toBe('root');
    const inside = await detectFolder(join(root, 'stats', 't1'));
    expect(inside).toMatchObject({ kind: 'testFolder', enclosingRoot: root });
    expect(inside.reason).toContain(`inside the result root ${root}`);
    const alone = folder({ 'LoadTestSession1/User1/events.json': '[]' });
    expect(await detectFolder(alone)).toMatchObject({ kind: 'testFolder' });
    expect((await detectFolder(alone)).enclosingRoot).toBeUndefined();
  });

  it('a test folder of a run with its own name prefixes, but not any folders that number', async () => {
    const custom = folder({ 'Room1/Guest1/events.json': '[]', 'Room2/Guest1/stats.json': '[]' });
    expect(await detectFolder(custom)).toMatchObject({ kind: 'testFolder' });
    // Numbered folders alone are no sessions: their users' files say so.
    const versions = folder({ 'v1/build1/notes.txt': '', 'v2/build1/app.js': '' });
    expect((await detectFolder(versions)).kind).toBe('none');
    // Two prefixes side by side are not read (listSessions names them), so not detected either.
    const mixed = folder({ 'Room1/Guest1/events.json': '[]', 'Hall1/Guest1/events.json': '[]' });
    expect((await detectFolder(mixed)).kind).toBe('none');
  });

  it('a logs/ that links out of the folder is not followed, and the reason says so', async () => {
    const outside = folder({ 'a.log': 'x' });
    const path = folder({}, ['dfs_final']);
    symlinkSync(outside, join(path, 'logs'));
    const d = await detectFolder(path);
    expect(d.kind).toBe('none');
    expect(d.reason).toContain(
      'logs: This is a symbolic link that leads outside the opened folder',
    );
    // A stats/ leading out likewise: the folder is refused, saying which link was not followed.
    const other = folder({}, ['dfs_final']);
    symlinkSync(folder({ 't/LoadTestSession1/User1/events.json': '[]' }), join(other, 'stats'));
    const s = await detectFolder(other);
    expect(s.kind).toBe('none');
    expect(s.reason).toContain(
      'stats: This is a symbolic link that leads outside the opened folder',
    );
  });

  it('logs only: a logs-only root, with the count of logs', async () => {
    const d = await detectFolder(
      folder({ 'logs/a.log': 'x', 'logs/b.log': 'y', 'logs/notes.txt': '' }),
    );
    expect(d.kind).toBe('logsOnly');
    expect(d.reason).toContain('logs only (2 logs/<test>.log');
    // logs/ next to qoe/ is a (partial) root, as before
    expect((await detectFolder(folder({ 'logs/a.log': 'x' }, ['qoe']))).kind).toBe('root');
  });

  it("a run folder of today's tool", async () => {
    const d = await detectFolder(folder({ 'report-2026-07-01_10-00-00.html': '<html>' }));
    expect(d.kind).toBe('run');
  });

  it('nothing readable: missing, a file, empty, unrelated, logs/ without a .log', async () => {
    const base = folder({ 'file.txt': 'x' });
    const cases: Array<[string, string]> = [
      [join(base, 'missing'), 'does not exist'],
      [join(base, 'file.txt'), 'is not a folder'],
      [folder({}), 'is empty'],
      [folder({ 'notes.md': '' }), 'holds none of stats/'],
      [folder({ 'logs/readme.txt': '' }), 'holds none of stats/'],
    ];
    for (const [path, reason] of cases) {
      const d = await detectFolder(path);
      expect(d.kind, path).toBe('none');
      expect(d.reason, path).toContain(reason);
    }
  });
});
