/**
 * The large-log view when something under its root changes (the root watcher): it is drawn
 * again only when its own file changed, then with a fresh line index; a change elsewhere leaves
 * the page as it is (a redraw would drop the reader's place and what they typed).
 */
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => ({
  workspace: { asRelativePath: (p: string) => p },
  l10n: {
    t: (message: string, ...args: string[]) =>
      message.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? ''),
    bundle: undefined,
  },
}));
const { logViewView } = await import('../../../src/extension/views/logView');

/** Waits until `check` holds (the handler works asynchronously). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise(r => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('the log view on a root change', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'ltl-logview-')));
  mkdirSync(join(root, 'logs'));
  const file = join(root, 'logs', 't.log');
  writeFileSync(file, 'a\nb\nc\n');
  const posted: { type: string; log?: { lines: number } }[] = [];
  const context = { post: (m: (typeof posted)[number]) => void posted.push(m) };
  const handler = logViewView.create(context as never, { root, file, line: 2 });

  it('posts the log once when the page is ready', async () => {
    await handler.ready();
    expect(posted.map(m => [m.type, m.log?.lines])).toEqual([['logView', 3]]);
  });

  it('does not redraw when its file is unchanged', async () => {
    handler.rootChanged?.();
    await new Promise(r => setTimeout(r, 200));
    expect(posted).toHaveLength(1);
  });

  it('indexes the file again and redraws when it changed', async () => {
    appendFileSync(file, 'd\ne\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    handler.rootChanged?.();
    await until(() => posted.length === 2);
    expect(posted[1]?.log?.lines).toBe(5);
  });
});
