/**
 * A user's `errors.json`: what its browser reported through the browser-emulator's
 * `POST /events/errors` (events.controller.ts, 2024 and today), one element per report. The
 * notebook does not read it.
 *
 * - [2024] `sendError(err, USER_ID, SESSION_ID)` (public/lib/browser-emulator-connector.js) posts
 *   the error's own fields plus `participant`, `session` and an ISO `timestamp`: an OpenVidu error
 *   keeps its `name` and `message`; a DOM exception has no own fields, so only the three remain.
 *   The recorder posts bare strings (`Error stopping recording: …`), which get no envelope.
 * - [2026] structured health errors: `type`, `source`, `reason` (FORMATS.md §1.2.3).
 */
import type { Diagnostic } from '../model/diagnostic';
import { parseJsonArray } from './jsonArray';

export interface BrowserError {
  /** Position of the element in the file's array. */
  readonly index: number;
  /** Epoch ms of the report; undefined when it has none (a bare string). */
  readonly time?: number;
  /** `name: message`, `type (reason)`, the string itself, or a note that it says nothing. */
  readonly text: string;
}

export interface BrowserErrorsFile {
  readonly errors: BrowserError[];
  readonly diagnostics: Diagnostic[];
}

/** The envelope sendError adds; an element with nothing else says only that an error happened. */
const ENVELOPE = new Set(['participant', 'session', 'timestamp', '@timestamp']);
const TEXT_KEYS = ['name', 'type', 'code', 'message', 'reason', 'error'] as const;
export const NO_DETAIL = 'an error without details (a browser exception has no fields to send)';

function shortText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The readable part of one report. */
export function errorText(element: unknown): string {
  const bare = shortText(element);
  if (bare !== undefined) return bare;
  if (typeof element !== 'object' || element === null) return NO_DETAIL;
  const o = element as Record<string, unknown>;
  const parts = TEXT_KEYS.map(k => shortText(o[k])).filter((t): t is string => t !== undefined);
  if (parts.length > 0) return parts.join(': ');
  const other = Object.keys(o).filter(k => !ENVELOPE.has(k));
  return other.length > 0 ? JSON.stringify(o) : NO_DETAIL;
}

function timeOf(element: unknown): number | undefined {
  if (typeof element !== 'object' || element === null) return undefined;
  const o = element as Record<string, unknown>;
  const t = o['timestamp'] ?? o['@timestamp'];
  const ms = typeof t === 'string' ? Date.parse(t) : typeof t === 'number' ? t : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

export function parseBrowserErrors(text: string, file: string): BrowserErrorsFile {
  const { elements, indexes, diagnostics } = parseJsonArray(text, file);
  const errors = elements.map((e, k) => {
    const time = timeOf(e);
    return {
      index: indexes[k] as number,
      text: errorText(e),
      ...(time === undefined ? {} : { time }),
    };
  });
  return { errors, diagnostics };
}
