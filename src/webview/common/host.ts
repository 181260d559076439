/**
 * What every webview does with VS Code: the API handle (messages to the host, UI state kept across
 * reloads), host messages, and redrawing when the theme changes.
 */
import type { HostMessage, WebviewMessage } from '../../shared/protocol';

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** The API handle; VS Code gives it once per page, so each view's main module calls this once. */
export function vsCodeApi(): VsCodeApi {
  return acquireVsCodeApi();
}

/** Calls `handle` with every message the host posts. */
export function onHostMessage(handle: (message: HostMessage) => void): void {
  window.addEventListener('message', (event: MessageEvent<HostMessage>) => handle(event.data));
}

/** Redraws with the new colours when the VS Code theme changes (it swaps the body's classes). */
export function onThemeChange(redraw: () => void): void {
  new MutationObserver(redraw).observe(document.body, {
    attributes: true,
    attributeFilter: ['class'],
  });
}
