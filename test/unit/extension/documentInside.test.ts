/**
 * The navigation commands open files only inside the opened root (issue 19): `documentInside`
 * resolves links and refuses anything that leaves the root before VS Code is asked to open it.
 * Hostile roots (links to a key, to a folder outside) are built here in a tmp dir.
 */
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const opened: string[] = [];
vi.mock('vscode', () => ({
  Uri: { file: (path: string) => ({ fsPath: path }) },
  workspace: {
    openTextDocument: async (uri: { fsPath: string }) => {
      opened.push(uri.fsPath);
      return { uri };
    },
  },
  l10n: {
    t: (message: string, ...args: string[]) =>
      message.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? ''),
  },
}));
const { documentInside } = await import('../../../src/extension/navigation');

describe('documentInside', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'ltl-nav-')));
  const root = join(base, 'root');
  mkdirSync(join(root, 'logs'), { recursive: true });
  mkdirSync(join(root, 'stats', 't', 's1', 'u1'), { recursive: true });
  writeFileSync(join(root, 'logs', 't.log'), 'x\n');
  writeFileSync(join(root, 'stats', 't', 's1', 'u1', 'events.json'), '[]');
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'id_rsa'), 'PRIVATE');
  writeFileSync(join(base, 'outside', 'events.json'), '[]');
  symlinkSync(join(base, 'outside', 'id_rsa'), join(root, 'logs', 'evil.log'));
  symlinkSync(join(base, 'outside'), join(root, 'stats', 't', 's1', 'u2'));
  symlinkSync(join(root, 'logs', 't.log'), join(root, 'logs', 'alias.log'));

  beforeEach(() => {
    opened.length = 0;
  });

  it.each([
    ['a log linked to a file outside', 'logs/evil.log'],
    ['a user folder linked outside', 'stats/t/s1/u2/events.json'],
    ['a path climbing out', '../outside/id_rsa'],
    ['an absolute path elsewhere', join(base, 'outside', 'id_rsa')],
    ['a missing file', 'logs/none.log'],
  ])('refuses %s and never asks VS Code to open it', async (_, file) => {
    await expect(documentInside(root, join(root, file))).rejects.toThrow(/not opened/);
    expect(opened).toEqual([]);
  });

  it('opens files inside, links that stay inside at their real path', async () => {
    await documentInside(root, join(root, 'logs', 't.log'));
    await documentInside(root, join(root, 'logs', 'alias.log'));
    expect(opened).toEqual([join(root, 'logs', 't.log'), join(root, 'logs', 't.log')]);
  });
});
