/**
 * The virtualised log view: the host sends what the file is, the webview asks for windows of
 * lines (a request answered with the lines and which of them name the followed user).
 */
import { event, request } from '../ipc';
import { isWholeIn } from './checks';

/** What the log view shows: a window onto a log too large to open as a document. */
export interface LogViewVM {
  /** The file, relative to the workspace, for the heading. */
  readonly file: string;
  readonly lines: number;
  readonly bytes: number;
  /** The line to select and scroll to (1-based). */
  readonly target: number;
  /** Whose lines are highlighted (`User7 in LoadTestSession3`), when following a user. */
  readonly who?: string;
}

/** Lines `firstLine …` of the log, and which of them name the user being followed. */
export interface LogLinesVM {
  readonly firstLine: number;
  readonly lines: readonly string[];
  readonly marked: readonly number[];
}

/** The most lines the log view may ask for at once. */
export const MAX_LOG_WINDOW = 500;

export const logView = {
  name: 'logview',
  inbound: {
    /** Lines `first … first+count-1`. */
    readLines: request('readLines', m =>
      isWholeIn(m['first'], 1, 2 ** 40) && isWholeIn(m['count'], 1, MAX_LOG_WINDOW)
        ? { first: m['first'], count: m['count'] }
        : undefined,
    ).returns<LogLinesVM>(),
  },
  events: {
    logView: event('logView').carries<{
      readonly log: LogViewVM;
      /** The extension's translated strings (`vscode.l10n.bundle`), absent in English. */
      readonly l10n?: { readonly [message: string]: string };
    }>(),
  },
} as const;
