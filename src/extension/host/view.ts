/**
 * What a view is to the host: a {@link ViewKind} (its contract, how its panels are named, keyed
 * and restored, and a factory of its handler) and a {@link ViewHandler} (one per open panel: a
 * function per message of its contract, checked complete by the compiler). A view module in
 * src/extension/views/ exports one kind; the table in src/extension/views/index.ts lists them.
 */
import type * as vscode from 'vscode';
import type { Contract, EventsOf, ParamsOf, ResultOf } from '../../shared/ipc';
import type { CommonEvent } from '../../shared/views/common';
import type { ViewServices } from '../services';
import type { CommandEnv } from '../views/commands';

/** A function per inbound message of the contract, keyed as in the contract. */
export type Handlers<C extends Contract> = {
  readonly [K in keyof C['inbound']]: (
    params: ParamsOf<C['inbound'][K]>,
  ) => Promise<ResultOf<C['inbound'][K]>> | ResultOf<C['inbound'][K]>;
};

/** What the host gives a view's handler. */
export interface ViewContext<C extends Contract> {
  readonly panel: vscode.WebviewPanel;
  readonly services: ViewServices;
  /** Posts an event of this view (or one every view has) to its webview. */
  post(message: EventsOf<C> | CommonEvent): void;
  /** Sends the time range the test's other views show, if they zoomed (linked zoom). */
  sendLinkedRange(): void;
  /** Opens (or reveals) another view, e.g. a link from this one. */
  open<C2 extends Contract, A2>(kind: ViewKind<C2, A2>, args: A2): ViewHandler<C2, A2>;
}

/** One open panel of a view. */
export interface ViewHandler<C extends Contract, A> {
  readonly on: Handlers<C>;
  /** The page loaded (the first time, after a reload, or shown again): send what it draws. */
  ready(): Promise<void> | void;
  /** The root's summary was dropped (Refresh, a changed file, a setting). Default: `ready`. */
  rootChanged?(): void;
  /** The view was asked for again with `args` of the same key (another test, another line). */
  update?(args: A): void;
  /** The panel became active or inactive. */
  activeChanged?(active: boolean): void;
  dispose?(): void;
}

export interface ViewKind<C extends Contract, A> {
  readonly contract: C;
  /** The view type of its panels (package.json's `onWebviewPanel:` activation events). */
  readonly viewType: string;
  /** Arguments restored from a webview's saved state (untrusted): checked, or undefined. */
  checkArgs(raw: unknown): A | undefined;
  /** Asking for a view with the key of an open one reveals that one (and updates it). */
  key(args: A): string;
  /** A short tab title. */
  title(args: A): string;
  /** The result root the view reads: its Problems and files are tracked while the view is open. */
  root?(args: A): string | undefined;
  /**
   * A folder the view reads that is not a result root (a controller run's): watched while the
   * view is open, its changes drop the store's copy and redraw the view.
   */
  watch?(args: A): string | undefined;
  /** The test whose time views share their zoom, if the view has a time axis. */
  zoomTest?(args: A): string | undefined;
  /** Whether the panel keeps its page while hidden (default: false, it is reloaded). */
  readonly retainContextWhenHidden?: boolean;
  create(context: ViewContext<C>, args: A): ViewHandler<C, A>;
  /** The view's commands (ids declared in package.json), registered at activation. */
  commands?(env: CommandEnv): vscode.Disposable[];
}

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- the view table holds every kind */
export type AnyViewKind = ViewKind<any, any>;
