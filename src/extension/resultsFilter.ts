/**
 * Filters of the Results view: failed users only, one role, one session. Pure (no vscode) so
 * the rules are tested directly; the tree and the filter command use them.
 */
import type { UserSummary } from '../core/model/session';
import { naturalCompare } from '../core/source/naming';

export interface ResultsFilter {
  readonly failedOnly: boolean;
  readonly role?: 'publisher' | 'subscriber';
  readonly session?: string;
}

export const NO_FILTER: ResultsFilter = { failedOnly: false };

export function keepUser(filter: ResultsFilter, u: UserSummary): boolean {
  if (filter.failedOnly && u.failures.length === 0) return false;
  if (filter.role && u.role !== filter.role) return false;
  if (filter.session !== undefined && u.session !== filter.session) return false;
  return true;
}

export function isFiltered(filter: ResultsFilter): boolean {
  return filter.failedOnly || filter.role !== undefined || filter.session !== undefined;
}

/** A short description of the filter for the view's title ("failed · publishers · LoadTestSession3"). */
export function describeFilter(filter: ResultsFilter): string {
  const parts: string[] = [];
  if (filter.failedOnly) parts.push('failed');
  if (filter.role) parts.push(`${filter.role}s`);
  if (filter.session !== undefined) parts.push(filter.session);
  return parts.join(' · ');
}

export function sortedSessions(names: Iterable<string>): string[] {
  return [...new Set(names)].sort(naturalCompare);
}
