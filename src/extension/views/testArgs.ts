/**
 * What the views of one test share: their arguments (a result root and a test name), checked
 * when restored from a page's saved state; their key, short title and zoom group; and the text
 * a view shows when reading the test failed.
 */
import { isAbsolute } from 'node:path';
import { isName } from '../../shared/views/checks';
import { shortTitle } from '../host/placement';
import { isCancellation } from '../loadCache';

export interface TestArgs {
  readonly root: string;
  readonly test: string;
}

/** An absolute path of plausible length (a result root or a run folder from a saved state). */
export function isRoot(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length < 4096 && isAbsolute(v);
}

/** `{ root, test }` from a saved state, or undefined. */
export function checkTestArgs(raw: unknown): TestArgs | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { root, test } = raw as Record<string, unknown>;
  return isRoot(root) && isName(test) ? { root, test } : undefined;
}

/** `{ root }` (and what else a view needs) from a saved state, or undefined. */
export function checkRoot(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { root } = raw as Record<string, unknown>;
  return isRoot(root) ? root : undefined;
}

/** The parts of a ViewKind every per-test view has, for a view titled `<what> · <test>`. */
export function perTest(what: string) {
  return {
    checkArgs: checkTestArgs,
    key: (a: TestArgs) => `${a.root}\u0000${a.test}`,
    title: (a: TestArgs) => shortTitle(what, a.test),
    root: (a: TestArgs) => a.root,
    zoomTest: (a: TestArgs) => a.test,
  };
}

/** What a view says when reading or analysing a test failed. */
export function failureText(err: unknown, test: string): string {
  const cancelled = isCancellation(err);
  return cancelled
    ? 'Reading the results was cancelled. Run “Load Test Lens: Refresh” (or the Results view’s refresh button) to read them again.'
    : `Could not analyse ${test}: ${String(err)}`;
}

/** What a view of a test says when the test is no longer in its root. */
export function goneText(test: string): string {
  return `No test named "${test}" in this root any more.`;
}
