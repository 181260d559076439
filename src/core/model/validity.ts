/**
 * Validity of a controller run's test case (scenario): is it a valid measurement of the platform?
 * Checks, each of a class, pass, flag the scenario as suspect, invalidate it, or are skipped, each
 * with its evidence; the scenario's validity is the worst of them. Not a change verdict (change.ts).
 * The checks themselves are in core/runs/validity.ts.
 */

/** The kinds of check (OPENVIDU-REPORTING.md §2 gate.py, §4 gaps). */
export type ValidityClass =
  | 'environment'
  | 'generatorSaturation'
  | 'refusedWhileFinished'
  | 'geometry'
  | 'noForwarding'
  | 'zeroCounters'
  | 'hostWideCpu'
  | 'stopReason';

/** A check's outcome; `skipped` when the data it needs is absent. */
export type CheckStatus = 'pass' | 'suspect' | 'invalid' | 'skipped';
/** Whether a scenario is a valid measurement: the worst status of its checks (not a change verdict). */
export type Validity = 'valid' | 'suspect' | 'invalid';

/** What a check saw, and where (file, line or array element). */
export interface Evidence {
  readonly text: string;
  readonly file?: string;
  readonly line?: number;
  /** Element of a JSON array file. */
  readonly index?: number;
}

/** One check of a scenario with its outcome and evidence. */
export interface Check {
  readonly cls: ValidityClass;
  readonly title: string;
  readonly status: CheckStatus;
  readonly summary: string;
  readonly evidence: readonly Evidence[];
}

/** A scenario's validity and the checks it comes from. */
export interface ValidityReport {
  readonly verdict: Validity;
  readonly checks: readonly Check[];
}
