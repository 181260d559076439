/**
 * Every message between the extension host and a Load Test Lens webview, both directions.
 * Messages from a webview are untrusted input: `parseWebviewMessage` validates them at runtime
 * before the host acts on them.
 */
import type { NodeSeriesVM, OverviewVM, SwimlaneVM } from './viewModel';

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'loading'; readonly message: string }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'overview'; readonly overview: OverviewVM }
  | { readonly type: 'nodeSeries'; readonly series: NodeSeriesVM | null; readonly test: string }
  | { readonly type: 'swimlane'; readonly swimlane: SwimlaneVM };

/** Files of a test the webview may ask the host to open; the host resolves them inside the root. */
export type TestFileKind = 'log' | 'medianode';

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'selectTest'; readonly test: string }
  | { readonly type: 'openTestFile'; readonly test: string; readonly kind: TestFileKind }
  /** Overview → host: open the connection-progression swimlane of a test. */
  | { readonly type: 'openSwimlane'; readonly test: string }
  /** Swimlane → host: open a user's events.json (session and user numbers as in its row). */
  | {
      readonly type: 'openUserEvents';
      readonly test: string;
      readonly session: string;
      readonly user: string;
    };

const MAX_NAME = 512;

function isName(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME;
}

/** Session and user numbers as the rows carry them: digits only, so never a path. */
function isNumberText(v: unknown): v is string {
  return typeof v === 'string' && /^\d{1,9}$/.test(v);
}

/** The message if it is a well-formed `WebviewMessage`, else undefined. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'selectTest':
      return isName(m['test']) ? { type: 'selectTest', test: m['test'] } : undefined;
    case 'openTestFile':
      return isName(m['test']) && (m['kind'] === 'log' || m['kind'] === 'medianode')
        ? { type: 'openTestFile', test: m['test'], kind: m['kind'] }
        : undefined;
    case 'openSwimlane':
      return isName(m['test']) ? { type: 'openSwimlane', test: m['test'] } : undefined;
    case 'openUserEvents':
      return isName(m['test']) && isNumberText(m['session']) && isNumberText(m['user'])
        ? { type: 'openUserEvents', test: m['test'], session: m['session'], user: m['user'] }
        : undefined;
    default:
      return undefined;
  }
}
