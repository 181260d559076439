/**
 * The virtualised read-only log view, for logs larger than VS Code lets extensions open as
 * documents. The host keeps only a sparse line index (one streaming pass) and answers the
 * webview's requests for windows of lines, read by byte offset from the file; the webview holds a
 * few windows at a time. Lines naming the followed user are marked. One view per file; showing
 * the file again moves its view to the new target.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import {
  buildSparseIndex,
  readWindow,
  type KnownLine,
  type SparseLineIndex,
} from '../../core/navigate/lineWindow';
import { userLineMatcher, type LogUser } from '../../core/navigate/userLines';
import { resolveInsideRoot } from '../../core/source/insideRoot';
import { isName, isWholeIn } from '../../shared/views/checks';
import { logView, type LogLinesVM } from '../../shared/views/logView';
import type { ViewContext, ViewKind } from '../host/view';
import { checkRoot } from './testArgs';

export interface LogTarget {
  /** The opened result root: the log is read only when it lies inside (symlink policy). */
  readonly root: string;
  readonly file: string;
  /** The line to select (1-based). */
  readonly line: number;
  /** Whose lines to highlight. */
  readonly who?: LogUser;
  /** Lines whose byte offset is known (the ingest's failure index): reads start there. */
  readonly known?: readonly KnownLine[];
}

/** A target restored from a page's state (its known offsets are not kept: they are a cache). */
function checkArgs(raw: unknown): LogTarget | undefined {
  const root = checkRoot(raw);
  const { file, line, who } = (raw ?? {}) as Record<string, unknown>;
  if (root === undefined || !isName(file) || !isWholeIn(line, 1, 2 ** 40)) return undefined;
  const { user, session } = (who ?? {}) as Record<string, unknown>;
  return isName(user) && isName(session)
    ? { root, file, line, who: { user, session } }
    : { root, file, line };
}

/** The target's file once resolved inside its root; a rejection names it otherwise. */
async function fileInside(target: LogTarget): Promise<string> {
  const file = await resolveInsideRoot(target.root, target.file);
  if (file) return file;
  throw new Error(vscode.l10n.t('not a file inside the result root {0}', target.root));
}

/** What tells a file's version: its size and modification time (`undefined`: unreadable). */
async function versionOf(file: string): Promise<string | undefined> {
  try {
    const s = await stat(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

class LogViewHandler {
  /** The log's real path inside the root; rejects when it is not there. */
  private readonly file: Promise<string>;
  private index: Promise<SparseLineIndex>;
  /** The file's version the index was built from (taken before the pass). */
  private indexed: Promise<string | undefined>;
  private matcher: ((line: string) => boolean) | undefined;

  constructor(
    private readonly context: ViewContext<typeof logView>,
    private target: LogTarget,
  ) {
    this.file = fileInside(target);
    this.indexed = this.file.then(versionOf, () => undefined);
    this.index = this.indexFile();
    this.matcher = target.who ? userLineMatcher(target.who) : undefined;
  }

  private indexFile(): Promise<SparseLineIndex> {
    const index = this.file.then(file => buildSparseIndex(file));
    index.catch(() => undefined); // reported when the page asks
    return index;
  }

  /**
   * Something under the root changed: the log is indexed again and redrawn only if it is this
   * file (a redraw would drop the reader's place and what they typed for nothing).
   */
  rootChanged(): void {
    void this.reindexIfChanged();
  }

  private async reindexIfChanged(): Promise<void> {
    const file = await this.file.catch(() => undefined);
    const now = file === undefined ? undefined : await versionOf(file);
    if (now !== undefined && now === (await this.indexed)) return;
    this.indexed = Promise.resolve(now);
    this.index = this.indexFile();
    await this.ready();
  }

  readonly on = {
    readLines: ({ first, count }: { first: number; count: number }) => this.lines(first, count),
  };

  /** Follows another target in the same file (the index is kept). */
  update(target: LogTarget): void {
    this.target = target;
    this.matcher = target.who ? userLineMatcher(target.who) : undefined;
    void this.ready();
  }

  async ready(): Promise<void> {
    try {
      const index = await this.index;
      const who = this.target.who;
      this.context.post({
        type: 'logView',
        log: {
          file: vscode.workspace.asRelativePath(this.target.file),
          lines: index.lines,
          bytes: index.bytes,
          target: Math.min(Math.max(1, this.target.line), Math.max(1, index.lines)),
          ...(who ? { who: vscode.l10n.t('{0} in {1}', who.user, who.session) } : {}),
        },
        ...(vscode.l10n.bundle ? { l10n: vscode.l10n.bundle } : {}),
      });
    } catch (err) {
      this.context.post({
        type: 'error',
        message: vscode.l10n.t('Cannot read {0}: {1}', this.target.file, String(err)),
      });
    }
  }

  private async lines(first: number, count: number): Promise<LogLinesVM> {
    const index = await this.index;
    const window = await readWindow(await this.file, index, first, count, this.target.known);
    const matches = this.matcher;
    const marked = matches
      ? window.lines.flatMap((l, i) => (matches(l) ? [window.firstLine + i] : []))
      : [];
    return { firstLine: window.firstLine, lines: window.lines, marked };
  }
}

export const logViewView: ViewKind<typeof logView, LogTarget> = {
  contract: logView,
  viewType: 'loadtestLens.logView',
  checkArgs,
  key: a => a.file,
  title: a => vscode.l10n.t('{0} (large log)', basename(a.file)),
  create: (context, target) => new LogViewHandler(context, target),
};
