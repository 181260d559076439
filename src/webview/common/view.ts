/**
 * How every view's main module starts: the link to the host and the `#app` element it draws
 * into, and one wiring of the host's messages that every view handles alike (`loading` keeps
 * data already shown, `error` replaces it), the theme redraw and the `ready` that asks the host
 * for the first data.
 */
import type { Contract } from '../../shared/ipc';
import type { CommonEvent } from '../../shared/views/common';
import { showError, showLoading } from './dom';
import { connectHost, onThemeChange, type EventOf, type HostLink } from './host';

/** The link to the host (once per page) and the element the view draws into. */
export function viewPage<C extends Contract>(
  contract: C,
): { readonly host: HostLink<C>; readonly app: HTMLElement } {
  return { host: connectHost(contract), app: document.getElementById('app') as HTMLElement };
}

export interface ViewStart<C extends Contract> {
  readonly host: HostLink<C>;
  readonly app: HTMLElement;
  /** Whether the view shows data already (a `loading` message then leaves it in place). */
  readonly hasData: () => boolean;
  /** Every other message of the host. */
  readonly onMessage: (message: EventOf<C>) => void;
  /** Redraws the canvases in the new theme's colours (absent: the CSS alone follows it). */
  readonly onThemeChange?: () => void;
}

/** Handles the messages every view shares, passes on the rest, then tells the host it is ready. */
export function startView<C extends Contract>(view: ViewStart<C>): void {
  view.host.onMessage(m => {
    const shared = m as CommonEvent;
    if (shared.type === 'loading') showLoading(view.app, shared.message, view.hasData());
    else if (shared.type === 'error') showError(view.app, shared.message);
    else view.onMessage(m);
  });
  if (view.onThemeChange) onThemeChange(view.onThemeChange);
  view.host.ready();
}
