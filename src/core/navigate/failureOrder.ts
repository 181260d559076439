/**
 * Next / previous failure: the failures of a test in log order, and stepping through them from
 * a current position (wrapping around at both ends).
 */
import type { LogFailure } from '../model/session';

/** Failures sorted by log line (ties by session and user, so the order is stable). */
export function failuresInLogOrder(failures: readonly LogFailure[]): LogFailure[] {
  return [...failures].sort(
    (a, b) => a.line - b.line || a.session.localeCompare(b.session) || a.user.localeCompare(b.user),
  );
}

/**
 * The failure after (`step` = 1) or before (`step` = -1) the one at log line `currentLine`;
 * from no current line, the first (or last). Wraps around. Undefined when there are none.
 */
export function stepFailure(
  ordered: readonly LogFailure[],
  currentLine: number | undefined,
  step: 1 | -1,
): LogFailure | undefined {
  if (ordered.length === 0) return undefined;
  if (currentLine === undefined) return step === 1 ? ordered[0] : ordered[ordered.length - 1];
  if (step === 1) return ordered.find(f => f.line > currentLine) ?? ordered[0];
  for (let i = ordered.length - 1; i >= 0; i--) {
    const f = ordered[i] as LogFailure;
    if (f.line < currentLine) return f;
  }
  return ordered[ordered.length - 1];
}
