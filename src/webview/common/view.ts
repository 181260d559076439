/**
 * How every view's main module starts: the API handle and the `#app` element it draws into, and
 * one wiring of the host's messages that every view handles alike (`loading` keeps data already
 * shown, `error` replaces it, `exportResult` goes to the export status line), the theme redraw
 * and the `ready` that asks the host for the first data.
 */
import type { HostMessage } from '../../shared/protocol';
import { showError, showLoading } from './dom';
import { handleExportResult } from './export';
import { onHostMessage, onThemeChange, vsCodeApi, type VsCodeApi } from './host';

/** The API handle (once per page) and the element the view draws into. */
export function viewPage(): { readonly vscode: VsCodeApi; readonly app: HTMLElement } {
  return { vscode: vsCodeApi(), app: document.getElementById('app') as HTMLElement };
}

export interface ViewStart {
  readonly vscode: VsCodeApi;
  readonly app: HTMLElement;
  /** Whether the view shows data already (a `loading` message then leaves it in place). */
  readonly hasData: () => boolean;
  /** Every other message of the host. */
  readonly onMessage: (message: HostMessage) => void;
  /** Redraws the canvases in the new theme's colours (absent: the CSS alone follows it). */
  readonly onThemeChange?: () => void;
}

/** Handles the messages every view shares, passes on the rest, then tells the host it is ready. */
export function startView(view: ViewStart): void {
  onHostMessage(m => {
    if (m.type === 'loading') showLoading(view.app, m.message, view.hasData());
    else if (m.type === 'error') showError(view.app, m.message);
    else if (!handleExportResult(m)) view.onMessage(m);
  });
  if (view.onThemeChange) onThemeChange(view.onThemeChange);
  view.vscode.postMessage({ type: 'ready' });
}
