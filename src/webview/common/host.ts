/**
 * What every webview does with VS Code: one link to the host per page (messages of its view's
 * contract both ways, requests answered as promises), the view's persisted state (restored after a
 * window reload), and redrawing when the theme changes.
 */
import {
  RequestPort,
  type Contract,
  type EventsOf,
  type InboundOf,
  type Request,
  type WireMessage,
} from '../../shared/ipc';
import type { common, CommonEvent } from '../../shared/views/common';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What the webview keeps across reloads: the view's arguments (from the host) and its UI state. */
interface SavedState {
  /** The arguments the host opened the view with (`data-view-args` of the page's body). */
  readonly view?: unknown;
  readonly ui?: unknown;
}

/** A message the page of contract `C` may send. */
export type PostOf<C extends Contract> = InboundOf<C> | InboundOf<typeof common>;
/** A message the page of contract `C` may receive. */
export type EventOf<C extends Contract> = EventsOf<C> | CommonEvent;

export interface HostLink<C extends Contract> {
  /** Sends a command of this view (or one every view has). */
  post(message: PostOf<C>): void;
  /** Sends a request; the promise settles with the host's reply. */
  request<P, R>(descriptor: Request<P, R>, params: P): Promise<R>;
  /** Calls `handle` with every event the host posts (replies are routed to their requests). */
  onMessage(handle: (message: EventOf<C>) => void): void;
  /** Tells the host the page is ready to draw (after `onMessage`). */
  ready(): void;
  /** The UI state saved with `saveUi` before the last reload, if any. */
  savedUi<T>(): T | undefined;
  /** Keeps `ui` (plain JSON) across reloads of this panel. */
  saveUi(ui: unknown): void;
}

function savedState(api: VsCodeApi): SavedState {
  const state = api.getState();
  return typeof state === 'object' && state !== null ? (state as SavedState) : {};
}

/** The view's arguments the host wrote into the page, if any. */
function viewArgs(): unknown {
  const text = document.body.dataset['viewArgs'];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A `packed` event (src/shared/views/common.ts) parsed back; anything else as it came. */
function unpacked(data: unknown): unknown {
  const m = data as { type?: unknown; json?: unknown } | null;
  if (m?.type !== 'packed' || typeof m.json !== 'string') return data;
  try {
    return JSON.parse(m.json) as unknown;
  } catch {
    return undefined;
  }
}

/** The link to the host; VS Code gives its API once per page, so call this once per view. */
export function connectHost<C extends Contract>(_contract: C): HostLink<C> {
  const api = acquireVsCodeApi();
  const args = viewArgs();
  if (args !== undefined) api.setState({ ...savedState(api), view: args });
  const port = new RequestPort((m: WireMessage) => api.postMessage(m));
  return {
    post: message => api.postMessage(message),
    request: (descriptor, params) => port.request(descriptor, params),
    onMessage: handle =>
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (port.settle(event.data)) return;
        const data = unpacked(event.data);
        if (typeof data === 'object' && data !== null && 'type' in data) handle(data as EventOf<C>);
      }),
    ready: () => api.postMessage({ type: 'ready' }),
    savedUi: <T>() => savedState(api).ui as T | undefined,
    saveUi: ui => api.setState({ ...savedState(api), ui }),
  };
}

/** Redraws with the new colours when the VS Code theme changes (it swaps the body's classes). */
export function onThemeChange(redraw: () => void): void {
  new MutationObserver(redraw).observe(document.body, {
    attributes: true,
    attributeFilter: ['class'],
  });
}
