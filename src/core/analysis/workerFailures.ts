/**
 * Failures that one worker explains better than the media server. The controller logs which
 * worker each user's creation went to (`Selected worker: <host>` before `Creating participant N
 * in session M`, 2022 on); when the users that failed gather on one worker far beyond chance,
 * that machine (its CPU, network or browser) rather than the platform under load may be why they
 * failed, and the test's failure counts should not be read as the media server's.
 *
 * The test: for each worker, Fisher's exact test (one-sided) of its users against the other
 * workers' on failed / not failed, Bonferroni-adjusted for the number of workers; flagged when
 * the adjusted p is below ALPHA, at least MIN_FAILED of its users failed and its failure rate is
 * at least RATIO times the other workers'.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { LogUser } from '../ingest/controllerLog';
import { hypergeomSf } from '../stats/hypergeom';

/** The adjusted p below which a worker is named. */
export const ALPHA = 0.01;
/** Fewest failed users on the worker for it to be named. */
export const MIN_FAILED = 3;
/** Its failure rate must be at least this many times the other workers'. */
export const RATIO = 2;

export interface WorkerCount {
  readonly worker: string;
  readonly users: number;
  readonly failedUsers: number;
  /** Log line of the first user created on it. */
  readonly line: number;
}

/** Users and failed users per worker, for the log users whose worker is known. */
export function workerCounts(
  users: readonly LogUser[],
  failed: (u: LogUser) => boolean,
): WorkerCount[] {
  const counts = new Map<string, { users: number; failedUsers: number; line: number }>();
  for (const u of users) {
    if (u.worker === undefined) continue;
    const c = counts.get(u.worker) ?? { users: 0, failedUsers: 0, line: u.line };
    c.users++;
    if (failed(u)) c.failedUsers++;
    c.line = Math.min(c.line, u.line);
    counts.set(u.worker, c);
  }
  return [...counts].map(([worker, c]) => ({ worker, ...c }));
}

export interface Concentration {
  readonly worker: WorkerCount;
  readonly otherUsers: number;
  readonly otherFailed: number;
  /** Workers compared. */
  readonly workers: number;
  /** Fisher's exact p (one-sided), Bonferroni-adjusted for `workers`. */
  readonly p: number;
}

/** The worker whose users failed far beyond chance, if one did. */
export function failureConcentration(counts: readonly WorkerCount[]): Concentration | undefined {
  if (counts.length < 2) return undefined;
  const N = counts.reduce((s, c) => s + c.users, 0);
  const K = counts.reduce((s, c) => s + c.failedUsers, 0);
  if (K < MIN_FAILED) return undefined;
  let best: { worker: WorkerCount; p: number } | undefined;
  for (const w of counts) {
    const p = Math.min(1, hypergeomSf(w.failedUsers, N, K, w.users) * counts.length);
    if (!best || p < best.p) best = { worker: w, p };
  }
  const { worker, p } = best!;
  const otherUsers = N - worker.users;
  const otherFailed = K - worker.failedUsers;
  const rate = worker.failedUsers / worker.users;
  const otherRate = otherUsers > 0 ? otherFailed / otherUsers : 0;
  if (p >= ALPHA || worker.failedUsers < MIN_FAILED || rate < RATIO * otherRate) return undefined;
  return { worker, otherUsers, otherFailed, workers: counts.length, p };
}

const percent = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
const pText = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toPrecision(2));

/** The finding, at the log line of the worker's first user. */
export function concentrationFinding(file: string, c: Concentration): Diagnostic {
  const w = c.worker;
  const message =
    `${w.failedUsers} of the ${w.failedUsers + c.otherFailed} users that failed ran on worker ${w.worker}: ` +
    `${w.failedUsers} of its ${w.users} users (${percent(w.failedUsers, w.users)}) against ` +
    `${c.otherFailed} of ${c.otherUsers} (${percent(c.otherFailed, c.otherUsers)}) on the other ${c.workers - 1} ` +
    `worker${c.workers > 2 ? 's' : ''} (one-sided Fisher's exact test, p = ${pText(c.p)} after Bonferroni ` +
    `for ${c.workers} workers). That machine (its CPU, network or browsers) rather than the media ` +
    `server may be why they failed.`;
  return diagnostic('warning', 'failures.oneWorker', file, message, { line: w.line });
}
