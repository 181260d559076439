/**
 * Who is a subscriber and which tests have subscribers, as the downstream cells decide it
 * (notebook) and as the test's name says it (default).
 */
import type { Profile } from '../types';
import { parseTestName } from '../testName';

/** Users 1..P of a session publish; the rest subscribe (default profile). */
function publishersPerSession(test: string): number | undefined {
  const info = parseTestName(test);
  return info.subscribersPerSession ? info.publishersPerSession : undefined;
}

/**
 * Notebook (cell 17 and the subscriber cells, B14): `"0s" in name and int(user) > 3`.
 * Default: the test's name has `<S>s` with S > 0 and the user number is above `<P>p`.
 */
export function isSubscriber(test: string, user: string, profile: Profile): boolean {
  const n = Number(user);
  if (profile === 'notebook') return test.includes('0s') && Math.trunc(n) > 3;
  const p = publishersPerSession(test);
  return p !== undefined && n > p;
}

/** Tests that get the `connection_start_publishers/subscribers` sections. */
export function hasSubscribers(test: string, profile: Profile): boolean {
  if (profile === 'notebook') return test.includes('0s');
  return publishersPerSession(test) !== undefined;
}
