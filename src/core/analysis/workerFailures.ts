/**
 * Failures that one worker explains better than the media server. The controller logs which
 * worker each user's creation went to (`Selected worker: <host>` before `Creating participant N
 * in session M`, 2022 on); when the users that failed gather on one worker far beyond chance,
 * that machine (its CPU, network or browser) rather than the platform under load may be why they
 * failed, and the test's failure counts should not be read as the media server's.
 *
 * Workers are often filled one after the other, so a worker's users are also the users of one
 * stretch of the ramp-up, and failures that grow with the load gather on the last worker. A
 * worker is therefore compared only with the users other workers received while it received its
 * own (between its first and last user's creation lines): with fewer than MIN_ALONGSIDE of
 * those, worker and load cannot be told apart and nothing is said.
 *
 * The test: per worker, Fisher's exact test (one-sided) of its users against those others on
 * failed / not failed, Bonferroni-adjusted for the number of workers; a worker is named when the
 * adjusted p is below ALPHA, at least MIN_FAILED of its users failed and its failure rate is at
 * least RATIO times the others'.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { hypergeomSf } from '../stats/hypergeom';
import { maxOf, minOf } from '../../shared/arrays';

/** The adjusted p below which a worker is named. */
export const ALPHA = 0.01;
/** Fewest failed users on the worker for it to be named. */
export const MIN_FAILED = 3;
/** Its failure rate must be at least this many times the others'. */
export const RATIO = 2;
/** Fewest users of other workers created alongside its own for a comparison. */
export const MIN_ALONGSIDE = 5;

/** A user with a known worker: its first creation line (the order users were created in). */
export interface WorkerUser {
  readonly worker: string;
  readonly line: number;
  readonly failed: boolean;
}

export interface Concentration {
  readonly worker: string;
  readonly users: number;
  readonly failedUsers: number;
  /** First and last creation lines of its users. */
  readonly lines: readonly [number, number];
  /** Users of the other workers created in that stretch, and how many of them failed. */
  readonly alongside: number;
  readonly alongsideFailed: number;
  /** Workers in the test. */
  readonly workers: number;
  /** Fisher's exact p (one-sided), Bonferroni-adjusted for `workers`. */
  readonly p: number;
}

function byWorker(users: readonly WorkerUser[]): Map<string, WorkerUser[]> {
  const out = new Map<string, WorkerUser[]>();
  for (const u of users) {
    const own = out.get(u.worker);
    if (own) own.push(u);
    else out.set(u.worker, [u]);
  }
  return out;
}

/** One worker against the other workers' users created alongside its own. */
function compare(
  worker: string,
  own: readonly WorkerUser[],
  all: readonly WorkerUser[],
  workers: number,
): Concentration {
  const first = minOf(own.map(u => u.line));
  const last = maxOf(own.map(u => u.line));
  const others = all.filter(u => u.worker !== worker && u.line >= first && u.line <= last);
  const failedUsers = own.filter(u => u.failed).length;
  const alongsideFailed = others.filter(u => u.failed).length;
  const N = own.length + others.length;
  const K = failedUsers + alongsideFailed;
  const p = Math.min(1, hypergeomSf(failedUsers, N, K, own.length) * workers);
  return {
    worker,
    users: own.length,
    failedUsers,
    lines: [first, last],
    alongside: others.length,
    alongsideFailed,
    workers,
    p,
  };
}

function named(c: Concentration): boolean {
  const rate = c.failedUsers / c.users;
  const otherRate = c.alongsideFailed / c.alongside;
  return (
    c.alongside >= MIN_ALONGSIDE &&
    c.failedUsers >= MIN_FAILED &&
    c.p < ALPHA &&
    rate >= RATIO * otherRate
  );
}

/** The worker whose users failed far beyond the users created alongside them, if one did. */
export function failureConcentration(users: readonly WorkerUser[]): Concentration | undefined {
  const groups = byWorker(users);
  if (groups.size < 2) return undefined;
  const found = [...groups]
    .map(([worker, own]) => compare(worker, own, users, groups.size))
    .filter(named);
  return found.reduce<Concentration | undefined>((b, c) => (!b || c.p < b.p ? c : b), undefined);
}

const percent = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
const pText = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toPrecision(2));

/** The finding, at the log line of the worker's first user. */
export function concentrationFinding(file: string, c: Concentration): Diagnostic {
  const message =
    `${c.failedUsers} of the ${c.users} users created on worker ${c.worker} failed ` +
    `(${percent(c.failedUsers, c.users)}), against ${c.alongsideFailed} of the ${c.alongside} ` +
    `users the other workers received meanwhile (lines ${c.lines[0]}–${c.lines[1]}, ` +
    `${percent(c.alongsideFailed, c.alongside)}; one-sided Fisher's exact test, p = ${pText(c.p)} ` +
    `after Bonferroni for ${c.workers} workers). That machine (its CPU, network or browsers) ` +
    `rather than the media server may be why they failed.`;
  return diagnostic('warning', 'failures.oneWorker', file, message, { line: c.lines[0] });
}
