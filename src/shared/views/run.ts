/**
 * The run view of today's controller run: the host sends the view model; the webview asks to
 * recompute a scenario with a steady window or a fleet-sizing target, and to open the run's files.
 */
import { bare, command, event } from '../ipc';
import { isWholeIn, parseRangeOrNull } from './checks';
import type { TimeZoneVM } from './common';

export type ValidityVM = 'valid' | 'suspect' | 'invalid';
export type CheckStatusVM = 'pass' | 'suspect' | 'invalid' | 'skipped';

export interface EvidenceVM {
  readonly text: string;
  /** Index into `RunViewVM.files`. */
  readonly file?: number;
  readonly line?: number;
  readonly index?: number;
  /** `file:line` or `file [index]` as shown. */
  readonly where?: string;
}

export interface CheckVM {
  readonly cls: string;
  readonly title: string;
  readonly status: CheckStatusVM;
  readonly summary: string;
  readonly evidence: readonly EvidenceVM[];
}

export interface RunSeriesVM {
  /** Stable id: `name`, or `name:node` for per-node series. */
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly node?: string;
  readonly role?: string;
  /** `media`, `master`, `worker`, for per-node series. */
  readonly roleLabel?: string;
  readonly origin: 'elasticsearch' | 'metricbeat' | 'sparkline';
  readonly approximate: boolean;
  /** [seconds from the scenario start, value] */
  readonly points: readonly (readonly [number, number])[];
}

/**
 * The worker-fleet sizing advice the run view states (src/core/runs/analysis.ts `fleetSizing`,
 * worded by src/core/viewmodel/runView.ts).
 */
export interface FleetSizingVM {
  /** Participants per worker now and at the target CPU, and the workers a target needs. */
  readonly text: string;
  /** What the advice stands on (participants, workers, CPU). */
  readonly basis: string;
  /** The participant target asked for, if any. */
  readonly target?: number;
}

export interface HeadlineVM {
  readonly name: string;
  readonly unit: string;
  readonly wholeMean: number;
  readonly steadyMean?: number;
  readonly max: number;
}

export interface RoomVM {
  readonly room: string;
  readonly expected: number;
  readonly observed: number;
  /** Fewer participants observed than expected. */
  readonly short: boolean;
  readonly errors: number;
  readonly reasons: string;
}

export interface HealthErrorVM {
  readonly at?: number;
  readonly room: string;
  readonly identity: string;
  readonly event: string;
  readonly reason: string;
  readonly file: number;
  readonly index: number;
}

/** A participant the controller had to reconnect (report's User Connections, retries > 0). */
export interface RetriedUserVM {
  readonly user: string;
  readonly session: string;
  readonly role: string;
  /** Seconds from the scenario start. */
  readonly join?: number;
  readonly retries: number;
  readonly attempts: readonly {
    readonly attempt: number;
    readonly error?: number;
    readonly reconnect?: number;
  }[];
}

export interface RunScenarioVM {
  readonly index: number;
  readonly name: string;
  readonly label: string;
  readonly browser?: string;
  readonly roomLevel: boolean;
  /** Why the per-user views (progression, QoS/QoE, participants, statistics) are empty. */
  readonly perUserNotice?: string;
  readonly verdict: ValidityVM;
  readonly checks: readonly CheckVM[];
  /** Epoch ms of the scenario start (for wall-clock labels). */
  readonly origin: number;
  readonly extent: readonly [number, number];
  readonly stop?: { readonly text: string; readonly kind: string; readonly meaning: string };
  readonly duration?: {
    readonly seconds: number;
    readonly reportedSeconds?: number;
    readonly lastLeaveFrom: string;
    readonly firstJoin: number;
    readonly lastLeave: number;
  };
  readonly steady?: {
    readonly start: number;
    readonly end: number;
    readonly basis: string;
    readonly rampUp: number;
    readonly coolDown: number;
  };
  readonly participants: {
    readonly created?: number;
    readonly expected: number | null;
    readonly peak?: number;
    readonly from: string;
  };
  readonly sessions: { readonly created?: number; readonly completed?: number };
  readonly workers?: number;
  readonly headlines: readonly HeadlineVM[];
  readonly geometry: {
    readonly perRoom?: number;
    readonly roomsExpected: number | null;
    readonly observedFrom: string;
    readonly rooms: readonly RoomVM[];
  };
  readonly healthErrors: readonly HealthErrorVM[];
  /** Users with retries, most retried first (at most MAX_RETRIED_USERS), and how many users the report lists. */
  readonly retried: {
    readonly users: readonly RetriedUserVM[];
    readonly total: number;
    readonly listed: number;
  };
  readonly series: readonly RunSeriesVM[];
  /** Ids of the `series` drawn as small multiples, in order (platform metrics, then node memory). */
  readonly smallMultiples: readonly string[];
  /** Node CPU averaged per second over the nodes of each role (media, master, worker). */
  readonly cpuByRole: readonly RunSeriesVM[];
  /**
   * The degradation metrics this scenario has (quality score, loss, RTT, jitter, NACK, PLI, in
   * that order), each with its samples against the participants on the platform in the same
   * second: `[participants, value]`.
   */
  readonly degradation: readonly {
    readonly name: string;
    readonly versusLoad: readonly (readonly [number, number])[];
  }[];
  readonly sizing?: FleetSizingVM;
  /** http/https links only (src/shared/webLink.ts). */
  readonly links: {
    readonly kibanaReported?: string;
    readonly kibanaTrue?: string;
    readonly grafana?: string;
  };
  /** One note per link dropped for its scheme. */
  readonly linkNotes: readonly string[];
}

/** The run view's test cases (scenarios) side by side, one row per scenario. */
export interface ScenarioComparisonVM {
  readonly metrics: readonly string[];
  readonly rows: readonly {
    readonly scenario: string;
    readonly verdict: ValidityVM;
    readonly baseline: boolean;
    readonly cells: readonly {
      readonly value?: number;
      readonly delta?: number;
      readonly unit: string;
    }[];
  }[];
  readonly excluded: readonly { readonly scenario: string; readonly reason: string }[];
}

export interface RunViewVM {
  readonly id: string;
  readonly folder: string;
  readonly verdict: ValidityVM;
  readonly files: readonly string[];
  readonly htmlZone: string;
  /** The controller's zone (the report's dates), for wall-clock time axes. */
  readonly zone: TimeZoneVM;
  /** Users with per-user WebRTC data under stats/ (real-browser runs): the notebook views apply. */
  readonly perUserUsers?: number;
  readonly scenarios: readonly RunScenarioVM[];
  /** The test cases side by side: invalid ones left out, and with them. */
  readonly comparison: { readonly valid: ScenarioComparisonVM; readonly all: ScenarioComparisonVM };
  readonly config: readonly {
    readonly path: string;
    readonly value: string;
    readonly defaulted: boolean;
  }[];
  readonly diagnostics: readonly {
    readonly severity: string;
    readonly message: string;
    readonly where: string;
    readonly file?: number;
    readonly line?: number;
  }[];
}

function runQuery(m: Readonly<Record<string, unknown>>) {
  const steady = parseRangeOrNull(m['steady']);
  const target = m['target'];
  if (!isWholeIn(m['scenario'], 1, 10_000) || steady === undefined) return undefined;
  if (steady && steady.start < 0) return undefined;
  if (target !== null && !isWholeIn(target, 1, 10_000_000)) return undefined;
  return { scenario: m['scenario'], steady, target: target as number | null };
}

export const run = {
  name: 'run',
  inbound: {
    /**
     * Recompute scenario `scenario` (its index) with a steady window the user set (seconds from
     * its start; null = detect it) and a fleet-sizing target (null = none).
     */
    runQuery: command('runQuery', runQuery),
    /** Open the run's stats/ (per-user data) in the notebook views. */
    openRunPerUser: bare('openRunPerUser'),
    /** Compare this run with the previous run of its configuration in the workspace. */
    runCompareWithPrevious: bare('runCompareWithPrevious'),
    /** Compare this run with a run the user picks (the baseline). */
    runCompareWith: bare('runCompareWith'),
    /** Open `files[file]` of the run's model (at `line`). */
    openRunFile: command('openRunFile', m => {
      const { file, line } = m;
      if (!isWholeIn(file, 0, 10_000)) return undefined;
      if (line === undefined) return { file };
      return isWholeIn(line, 1, 2 ** 40) ? { file, line } : undefined;
    }),
  },
  events: {
    runView: event('runView').carries<{ readonly run: RunViewVM }>(),
  },
} as const;
