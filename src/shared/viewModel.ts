/**
 * View models: the finished, plain-JSON data a webview draws. Built in the extension host from
 * the core's analysis (src/core/viewmodel); the webview never computes analysis itself.
 */

export interface TestRowVM {
  readonly name: string;
  readonly platform: string;
  readonly family?: 'openvidu2' | 'livekit';
  readonly users: number;
  readonly sessions: number;
  readonly publishers: number;
  readonly subscribers: number;
  readonly connected: number;
  /** `failed N times` lines in the controller log. */
  readonly failures: number;
  readonly failedUsers: number;
  readonly durationSeconds?: number;
  /** Epoch ms (UTC) of the test start; origin of the chart's time axis. */
  readonly start?: number;
  readonly timeSource: 'log' | 'events' | 'none';
  /** e.g. `+02:00 (inferred from events)`. */
  readonly timezone: string;
  readonly hasNodeSeries: boolean;
  readonly errors: number;
  readonly warnings: number;
}

export interface DiagnosticVM {
  readonly severity: 'error' | 'warning' | 'info';
  readonly test?: string;
  /** Path relative to the root. */
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

export interface OverviewVM {
  readonly rootName: string;
  readonly tests: readonly TestRowVM[];
  readonly selected?: string;
  readonly diagnostics: readonly DiagnosticVM[];
}

/** [seconds since test start, value] pairs, missing values left out (the notebook's dropna). */
export type Point = readonly [number, number];

export interface NodeSeriesVM {
  readonly test: string;
  /** Epoch ms the x values count from. */
  readonly origin: number;
  readonly cpu: readonly Point[];
  readonly memory: readonly Point[];
  /** Start and end of the test, seconds since origin, for marking the window. */
  readonly window?: readonly [number, number];
}
