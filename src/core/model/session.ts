/**
 * The users and sessions of a test: a user's role, its `failed N times` log lines, and the
 * per-user and per-session headline the analysis builds (core/analysis/testSummary.ts).
 */

/** A user's role in its session (the domain spelling; the result files write it in upper case). */
export type Role = 'publisher' | 'subscriber';

/** One `Participant X in session Y failed N times` line of the controller log. */
export interface LogFailure {
  readonly user: string;
  readonly session: string;
  readonly attempts: number;
  /** Epoch ms (UTC) after applying the log's time zone. */
  readonly time: number;
  /** 1-based line number in the log. */
  readonly line: number;
  /** Byte offset of the start of the line, for opening huge logs at the line. */
  readonly offset: number;
  /** Cause the log itself gives (the browser exception it forwarded), when it gives one. */
  readonly cause?: 'ice' | 'exception' | 'disconnected' | 'no browser event';
  /** Epoch ms of that forwarded event on the browser's clock (events.json's), when the log has it. */
  readonly eventTime?: number;
}

/** One user of a test: who, where, its role, whether it connected, and its failures. */
export interface UserSummary {
  /** Full names from the JSON content when present (`User3`, `LoadTestSession1`), else the folder names. */
  readonly user: string;
  readonly session: string;
  readonly dir: string;
  readonly eventsFile?: string;
  readonly role: Role;
  /** `events`: the user's own events show it published; `name`: the notebook's rule on the test name and user number. */
  readonly roleSource: 'events' | 'name';
  readonly connected: boolean;
  readonly eventCount: number;
  readonly firstEvent?: number;
  readonly lastEvent?: number;
  /** The user's `failed N times` lines in the controller log. */
  readonly failures: readonly LogFailure[];
}

/** One session of a test and its users. */
export interface SessionSummary {
  readonly session: string;
  readonly users: readonly UserSummary[];
}
