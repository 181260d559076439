/**
 * The one webview host: every Load Test Lens panel and custom editor is hosted here. It owns the
 * registry of open panels (one per view and key; asking again reveals), their HTML under the
 * strict CSP, the validation of every message against the view's contract (a message the view
 * does not have is dropped and logged), requests answered by id, linked zoom, exports, the
 * tracking of the root a view reads (Problems, watcher, summary changes), where new panels open
 * (one group beside the editor the user came from) and their restoration after a window reload
 * (a WebviewPanelSerializer per view type, from the arguments the page keeps in its state).
 */
import * as vscode from 'vscode';
import {
  InboundTable,
  REPLY,
  type Contract,
  type Inbound,
  type WireMessage,
} from '../../shared/ipc';
import { common, type ExportFile } from '../../shared/views/common';
import { saveExportWithDialog } from '../exportDialog';
import { trackView, watchFolder, type ViewServices } from '../services';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import type { ZoomLinkMember } from '../zoomLink';
import { PageStart } from './pageStart';
import type { PanelMemory } from './panelMemory';
import { columnForNewView } from './placement';
import type { AnyViewKind, ViewContext, ViewHandler, ViewKind } from './view';

/** One open panel: its view, key, handler and what it holds. */
interface Hosted {
  readonly kind: AnyViewKind;
  readonly key: string;
  readonly panel: vscode.WebviewPanel;
  /* eslint-disable-next-line @typescript-eslint/no-explicit-any -- any view's handler */
  readonly handler: ViewHandler<any, any>;
  /** Whether the host created the panel (a custom editor's belongs to VS Code). */
  readonly owned: boolean;
  /** The test whose time views share their zoom with this one. */
  readonly zoomTest: string | undefined;
  /** Loads the page again if it does not start. */
  readonly start: PageStart;
}

export class WebviewHost implements vscode.Disposable {
  private readonly hosted: Hosted[] = [];
  /** Open panels the host created, most recently active first (where new views go). */
  private readonly recent: vscode.WebviewPanel[] = [];
  /**
   * The column each panel was opened in, as the host asked for it: VS Code sets a new panel's
   * `viewColumn` only once its window has placed it, and a view opened before that (a second
   * click on a loaded machine) must still join the first one's group, not open beside it.
   */
  private readonly askedColumn = new WeakMap<vscode.WebviewPanel, number>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly services: ViewServices,
    private readonly log: (line: string) => void,
    /** The arguments of the panels the host opened, for restores whose page saved none. */
    private readonly memory: PanelMemory,
  ) {}

  /** Restores the panels of `kinds` after a window reload. */
  registerSerializers(kinds: readonly AnyViewKind[]): void {
    for (const kind of kinds)
      this.subscriptions.push(
        vscode.window.registerWebviewPanelSerializer(kind.viewType, {
          deserializeWebviewPanel: async (panel, state) => this.restore(kind, panel, state),
        }),
      );
  }

  private restore(kind: AnyViewKind, panel: vscode.WebviewPanel, state: unknown): void {
    this.log(`[host] restoring a ${kind.viewType} panel after a reload`);
    const args = this.restoredArgs(kind, panel, state);
    if (args === undefined) {
      this.log(
        `[host] could not restore a ${kind.viewType} panel ("${panel.title}"): its page saved no valid state and the host remembers no single view of that title`,
      );
      panel.dispose();
      return;
    }
    // A tab VS Code restores only when shown: the view may have been opened again meanwhile.
    const open = this.hosted.find(h => h.kind === kind && h.key === kind.key(args));
    if (open) {
      panel.dispose();
      open.panel.reveal(open.panel.viewColumn);
      return;
    }
    this.adopt(kind, panel, args, { owned: true, replace: () => this.replace(kind, panel, args) });
  }

  /**
   * The arguments of a panel VS Code restores: from the state its page saved, else (a tab hidden
   * before its page started saves none) from what the host remembers of the panel's title.
   */
  private restoredArgs(kind: AnyViewKind, panel: vscode.WebviewPanel, state: unknown): unknown {
    const saved = typeof state === 'object' && state !== null ? (state as { view?: unknown }) : {};
    const fromPage: unknown = kind.checkArgs(saved.view);
    if (fromPage !== undefined) return fromPage;
    const remembered: unknown = kind.checkArgs(this.memory.recall(kind.viewType, panel.title));
    if (remembered !== undefined)
      this.log(`[host] "${panel.title}" saved no state: restored from the host's memory`);
    return remembered;
  }

  /** Opens the view of `args`, or reveals (and updates) the open one with the same key. */
  open<C extends Contract, A>(kind: ViewKind<C, A>, args: A): ViewHandler<C, A> {
    const key = kind.key(args);
    const open = this.hosted.find(h => h.kind === kind && h.key === key);
    if (open) {
      open.panel.reveal(open.panel.viewColumn);
      open.handler.update?.(args);
      return open.handler as ViewHandler<C, A>;
    }
    const column = columnForNewView(
      this.recent.map(p => ({ column: p.viewColumn ?? this.askedColumn.get(p) })),
    );
    const panel = this.createPanel(kind, args, column);
    return this.adopt(kind, panel, args, {
      owned: true,
      replace: () => this.replace(kind, panel, args),
    });
  }

  /** A new panel of `kind` in `column` ('beside': one group right of the active one). */
  private createPanel<C extends Contract, A>(
    kind: ViewKind<C, A>,
    args: A,
    column: vscode.ViewColumn | 'beside',
  ): vscode.WebviewPanel {
    // Beside the active group, as VS Code places ViewColumn.Beside: one column to its right.
    const asked =
      column === 'beside' ? (vscode.window.tabGroups.activeTabGroup?.viewColumn ?? 0) + 1 : column;
    const panel = vscode.window.createWebviewPanel(
      kind.viewType,
      kind.title(args),
      {
        viewColumn: column === 'beside' ? vscode.ViewColumn.Beside : column,
        preserveFocus: false,
      },
      {
        ...webviewOptions(this.services.extensionUri),
        retainContextWhenHidden: !!kind.retainContextWhenHidden,
      },
    );
    this.askedColumn.set(panel, asked);
    return panel;
  }

  /**
   * Opens the view of a panel whose page never started in a new panel where it was, and closes
   * the stuck one (PageStart): a new panel gets a new frame. Replaced once only.
   */
  private replace<C extends Contract, A>(
    kind: ViewKind<C, A>,
    stuck: vscode.WebviewPanel,
    args: A,
  ): void {
    const column = stuck.viewColumn ?? this.askedColumn.get(stuck) ?? vscode.ViewColumn.Active;
    const panel = this.createPanel(kind, args, column);
    stuck.dispose();
    this.adopt(kind, panel, args, { owned: true });
  }

  /**
   * Hosts a view in a panel VS Code made (a custom editor). `reopen` closes the panel and opens
   * the editor again, for a page that never starts (PageStart); none: it is not replaced.
   */
  attach<C extends Contract, A>(
    kind: ViewKind<C, A>,
    panel: vscode.WebviewPanel,
    args: A,
    reopen?: () => void,
  ): ViewHandler<C, A> {
    return this.adopt(kind, panel, args, { owned: false, replace: reopen });
  }

  /** Whether a view of `kind` with the key of `args` is open. */
  isOpen<C extends Contract, A>(kind: ViewKind<C, A>, args: A): boolean {
    const key = kind.key(args);
    return this.hosted.some(h => h.kind === kind && h.key === key);
  }

  private adopt<C extends Contract, A>(
    kind: ViewKind<C, A>,
    panel: vscode.WebviewPanel,
    args: A,
    /**
     * owned: the host created the panel; replace: opens the view again in a new panel if its
     * page never starts (PageStart), none for a panel already opened again.
     */
    { owned, replace }: { owned: boolean; replace?: (() => void) | undefined },
  ): ViewHandler<C, A> {
    const subscriptions: vscode.Disposable[] = [];
    const webview = panel.webview;
    panel.title = kind.title(args);
    webview.options = webviewOptions(this.services.extensionUri);
    const start = new PageStart({
      load: () => {
        webview.html = webviewHtml(
          webview,
          this.services.extensionUri,
          kind.contract.name,
          panel.title,
          args,
        );
      },
      visible: () => panel.visible,
      retrying: attempt =>
        this.log(
          `[host] the ${kind.contract.name} page did not start: loading it again (${attempt})`,
        ),
      replace: replace
        ? () => {
            this.log(
              `[host] the ${kind.contract.name} page did not start: opening "${panel.title}" again in a new panel`,
            );
            replace();
          }
        : undefined,
    });
    start.begin();
    const post = (message: WireMessage): void => void webview.postMessage(message);
    const root = kind.root?.(args);
    const test = kind.zoomTest?.(args);
    const link: ZoomLinkMember | undefined =
      root !== undefined && test !== undefined
        ? this.services.zoomLink.join(root, test, range => post({ type: 'linkedRange', range }))
        : undefined;
    const context: ViewContext<C> = {
      panel,
      services: this.services,
      post,
      sendLinkedRange: () => {
        const range = link?.current();
        if (range) post({ type: 'linkedRange', range });
      },
      open: (other, otherArgs) => this.open(other, otherArgs),
    };
    const handler = kind.create(context, args);
    const hosted: Hosted = {
      start,
      kind,
      key: kind.key(args),
      panel,
      handler,
      owned,
      zoomTest: test,
    };
    this.hosted.push(hosted);
    // kept: a disposed panel's title cannot be read (VS Code throws "Webview is disposed")
    const title = panel.title;
    if (owned) {
      this.recent.unshift(panel);
      this.memory.remember(kind.viewType, title, args);
    }
    const table = new InboundTable(common.inbound, kind.contract.inbound);
    const watched = root ?? kind.watch?.(args);
    if (root !== undefined) subscriptions.push(trackView(this.services, root));
    else if (watched !== undefined) subscriptions.push(watchFolder(this.services, watched));
    if (watched !== undefined)
      subscriptions.push(
        this.services.store.onDidChange(changed => {
          if (changed === undefined || changed === watched)
            void (handler.rootChanged ? handler.rootChanged() : handler.ready());
        }),
      );
    subscriptions.push(
      webview.onDidReceiveMessage(raw => void this.receive(hosted, table, link, raw)),
      panel.onDidChangeViewState(() => {
        if (panel.active && owned)
          this.recent.unshift(...this.recent.splice(this.recent.indexOf(panel), 1));
        handler.activeChanged?.(panel.active);
      }),
    );
    panel.onDidDispose(() => {
      if (owned) this.memory.forget(kind.viewType, title, args);
      this.hosted.splice(this.hosted.indexOf(hosted), 1);
      const at = this.recent.indexOf(panel);
      if (at >= 0) this.recent.splice(at, 1);
      link?.dispose();
      start.dispose();
      subscriptions.forEach(s => s.dispose());
      handler.dispose?.();
    });
    return handler;
  }

  /** A message from a page: validated against its view's contract, then answered. */
  private async receive(
    hosted: Hosted,
    table: InboundTable,
    link: ZoomLinkMember | undefined,
    raw: unknown,
  ): Promise<void> {
    const message = table.parse(raw);
    if (!message) {
      const type =
        typeof raw === 'object' && raw !== null
          ? String((raw as { type?: unknown }).type)
          : typeof raw;
      this.log(
        `[host] dropped a message the ${hosted.kind.contract.name} view does not have, or malformed: ${type.slice(0, 80)}`,
      );
      return;
    }
    try {
      const result = await this.dispatch(hosted, link, message);
      if (message.id !== undefined)
        void hosted.panel.webview.postMessage({ type: REPLY, inReplyTo: message.id, result });
    } catch (err) {
      this.log(`[host] ${hosted.kind.contract.name}: ${message.key} failed: ${String(err)}`);
      if (message.id !== undefined)
        void hosted.panel.webview.postMessage({
          type: REPLY,
          inReplyTo: message.id,
          error: String(err),
        });
    }
  }

  /** The messages every view has are answered here; the rest by the view's handler. */
  private async dispatch(
    hosted: Hosted,
    link: ZoomLinkMember | undefined,
    message: Inbound,
  ): Promise<unknown> {
    const { descriptor, params } = message;
    if (descriptor === common.inbound.ready) {
      this.log(`[host] the ${hosted.kind.contract.name} page is ready: ${hosted.panel.title}`);
      hosted.start.ready();
      return hosted.handler.ready();
    }
    if (descriptor === common.inbound.visibleRange) {
      const { test, range } = params as {
        test: string;
        range: Parameters<ZoomLinkMember['report']>[0];
      };
      if (test === hosted.zoomTest) link?.report(range);
      return undefined;
    }
    if (descriptor === common.inbound.exportFile) return saveExportWithDialog(params as ExportFile);
    const handle = (hosted.handler.on as Record<string, (p: unknown) => unknown>)[message.key];
    return handle?.(params);
  }

  dispose(): void {
    for (const h of [...this.hosted]) if (h.owned) h.panel.dispose();
    this.subscriptions.forEach(s => s.dispose());
  }
}
