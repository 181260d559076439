/**
 * Everything Load Test Lens says about a scenario of today's run, in one serialisable object:
 * the CLI prints it (text or JSON) and the run view draws it.
 */
import {
  classifyStopReason,
  deepLinks,
  fleetSizing,
  headlines,
  participantsCurve,
  roomGeometry,
  steadyWindow,
  trueDuration,
  type DeepLinks,
  type FleetSizing,
  type Headline,
  type RoomGeometry,
  type SteadyWindow,
  type StopReason,
  type TrueDuration,
} from './analysis';
import { offsetAt, zoneName } from '../../shared/zone';
import type { ConfigRow } from './configYaml';
import type { HealthError } from '../model/run';
import type { RunData, ScenarioData } from './run';
import { assessValidity } from './validity';
import { type ValidityReport } from '../model/validity';

export interface ScenarioSummary {
  readonly name: string;
  readonly index: number;
  readonly label: string;
  readonly browser?: string;
  /** True when no per-user WebRTC data exists (emulated modes). */
  readonly roomLevel: boolean;
  readonly validity: ValidityReport;
  readonly stop?: StopReason;
  readonly duration?: TrueDuration;
  readonly steady?: SteadyWindow;
  readonly participantsFrom: 'platform' | 'joins' | 'none';
  readonly sessions: { readonly created?: number; readonly completed?: number };
  readonly participantsCreated?: number;
  readonly workersUsed?: number;
  readonly geometry: RoomGeometry;
  readonly headlines: readonly Headline[];
  readonly sizing?: FleetSizing;
  readonly links: DeepLinks;
  readonly healthErrors: readonly HealthError[];
}

export interface SummaryOptions {
  /** A steady window set by the user, seconds from the scenario start. */
  readonly steady?: { readonly from: number; readonly to: number };
  /** Participants to size the worker fleet for. */
  readonly targetParticipants?: number;
  readonly targetWorkerCpu?: number;
}

/** Room-level: no user of the run has per-user WebRTC data (the emulated modes write none). */
export function isRoomLevel(run: RunData, s: ScenarioData): boolean {
  if (run.perUserStats) return false;
  const browser = s.config?.browser ?? '';
  return (
    browser.includes('emulated') ||
    (s.report.users.every(u => u.retries === 0) && s.connections.length === 0 && browser === '')
  );
}

export function summarizeScenario(
  run: RunData,
  s: ScenarioData,
  options: SummaryOptions = {},
): ScenarioSummary {
  const steady = steadyWindow(s, run.config, options.steady);
  const duration = trueDuration(s, run.config);
  const geometry = roomGeometry(s);
  const r = s.report;
  return {
    name: s.name,
    index: r.index,
    label:
      r.label ??
      `Test Case ${r.index}: ${r.topology ?? s.config?.topology ?? '?'} — ${r.participantsPerSession ?? s.config?.participants ?? '?'} participants`,
    browser: s.config?.browser,
    roomLevel: isRoomLevel(run, s),
    validity: assessValidity(s, run.config, steady, geometry),
    stop: classifyStopReason(r.stopReason),
    duration,
    steady,
    participantsFrom: participantsCurve(s).from,
    sessions: { created: r.sessionsCreated, completed: r.sessionsCompleted },
    participantsCreated: r.participantsCreated,
    workersUsed: r.workersUsed,
    geometry,
    headlines: headlines(s, steady),
    sizing: fleetSizing(r, s.config, options.targetParticipants, options.targetWorkerCpu),
    links: deepLinks(s, run.config, duration),
    healthErrors: s.healthErrors,
  };
}

export interface RunSummary {
  readonly folder: string;
  readonly id: string;
  readonly verdict: ValidityReport['verdict'];
  readonly scenarios: readonly ScenarioSummary[];
  readonly config: readonly ConfigRow[];
  readonly files: RunData['files'];
  /**
   * The controller's zone: its name (`+08:00`, `Asia/Shanghai`), the offset in force at the first
   * test case's start, where it came from and why.
   */
  readonly htmlZone: {
    readonly zone: string;
    readonly offsetMinutes: number;
    readonly from: RunData['htmlOffsetFrom'];
    readonly why: string;
  };
  readonly diagnostics: RunData['diagnostics'];
}

const ORDER = { valid: 0, suspect: 1, invalid: 2 } as const;

/** Options for all scenarios, or per scenario (by its index) as the run view sets them. */
export function summarizeRun(
  run: RunData,
  options: SummaryOptions | ((index: number) => SummaryOptions) = {},
): RunSummary {
  const optionsOf = typeof options === 'function' ? options : () => options;
  const scenarios = run.scenarios.map(s => summarizeScenario(run, s, optionsOf(s.report.index)));
  const verdict = scenarios.reduce<ValidityReport['verdict']>(
    (w, s) => (ORDER[s.validity.verdict] > ORDER[w] ? s.validity.verdict : w),
    'valid',
  );
  return {
    folder: run.folder,
    id: run.id,
    verdict: scenarios.length === 0 ? 'invalid' : verdict,
    scenarios,
    config: run.config?.rows ?? [],
    files: run.files,
    htmlZone: {
      zone: zoneName(run.htmlZone),
      offsetMinutes: offsetAt(run.htmlZone, run.scenarios[0]?.windowStart ?? 0),
      from: run.htmlOffsetFrom,
      why: run.htmlZoneWhy,
    },
    diagnostics: run.diagnostics,
  };
}
