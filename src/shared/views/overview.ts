/**
 * The overview of a result root (custom editor or panel): its tests, the selected test's media
 * node series, and links to the test's other views and files.
 */
import { command, event } from '../ipc';
import { isName, testParams } from './checks';
import type { Point } from './common';

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
  /** Where users, sessions, connected and failures come from: `stats`, the controller `log`, or `none` (unknown). */
  readonly sources?: {
    readonly users: 'stats' | 'log' | 'none';
    readonly sessions: 'stats' | 'log' | 'none';
    readonly connected: 'stats' | 'log' | 'none';
    readonly failures: 'stats' | 'log' | 'none';
  };
  /** The controller log generation recognised (docs/controller-logs.md). */
  readonly logGeneration?: string;
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

/** The row's connected count is known: from the users' events, or a log that names connections. */
export function connectedKnown(t: Pick<TestRowVM, 'sources'>): boolean {
  return t.sources?.connected !== 'none';
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

export interface NodeSeriesVM {
  readonly test: string;
  /** Epoch ms the x values count from. */
  readonly origin: number;
  readonly cpu: readonly Point[];
  readonly memory: readonly Point[];
  /** Start and end of the test, seconds since origin, for marking the window. */
  readonly window?: readonly [number, number];
}

/** Files of a test the webview may ask the host to open; the host resolves them inside the root. */
export type TestFileKind = 'log' | 'medianode';

export const overview = {
  name: 'overview',
  inbound: {
    selectTest: command('selectTest', testParams),
    openTestFile: command('openTestFile', m =>
      isName(m['test']) && (m['kind'] === 'log' || m['kind'] === 'medianode')
        ? { test: m['test'], kind: m['kind'] as TestFileKind }
        : undefined,
    ),
    openSwimlane: command('openSwimlane', testParams),
    openTimeSeries: command('openTimeSeries', testParams),
    /** Statistics of a test, or of every test (`test` null). */
    openStats: command('openStats', m =>
      m['test'] === null || isName(m['test']) ? { test: m['test'] } : undefined,
    ),
    openParticipants: command('openParticipants', testParams),
    /** The test against the previous run of its configuration (the run history). */
    compareWithPrevious: command('compareWithPrevious', testParams),
    /** The test against a run picked by the user. */
    compareWith: command('compareWith', testParams),
  },
  events: {
    overview: event('overview').carries<{ readonly overview: OverviewVM }>(),
    nodeSeries: event('nodeSeries').carries<{
      readonly series: NodeSeriesVM | null;
      readonly test: string;
    }>(),
  },
} as const;
