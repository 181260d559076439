/**
 * The runtime checks every view's messages are built from: names, session and user numbers,
 * time ranges, counts. A webview is untrusted input; these bound every value it may send.
 */

/** The longest test or file name a message may carry. */
const MAX_NAME = 512;

/** Seconds since a test start: ten years either side is far beyond any real test. */
export const MAX_SECONDS = 3.2e8;

/**
 * A visible time range in seconds since the test start, the origin every view of a test shares
 * (the controller log's start line, else the first event).
 */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

export function isName(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME;
}

/** Session and user numbers as the rows carry them: digits only, so never a path. */
export function isNumberText(v: unknown): v is string {
  return typeof v === 'string' && /^\d{1,9}$/.test(v);
}

export function isWholeIn(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** A finite, ordered range of plausible size, or undefined. */
export function parseTimeRange(v: unknown): TimeRange | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { start, end } = v as Record<string, unknown>;
  if (typeof start !== 'number' || typeof end !== 'number') return undefined;
  if (!Number.isFinite(start) || !Number.isFinite(end) || !(start < end)) return undefined;
  if (Math.abs(start) > MAX_SECONDS || Math.abs(end) > MAX_SECONDS) return undefined;
  return { start, end };
}

/** A range, null (everything), or undefined when malformed. */
export function parseRangeOrNull(v: unknown): TimeRange | null | undefined {
  return v === null ? null : parseTimeRange(v);
}

/** `{ test }` with a well-formed test name. */
export function testParams(m: Readonly<Record<string, unknown>>): { test: string } | undefined {
  return isName(m['test']) ? { test: m['test'] } : undefined;
}

/** `{ test, session, user }`: a user of a test by its session and user numbers. */
export function userParams(
  m: Readonly<Record<string, unknown>>,
): { test: string; session: string; user: string } | undefined {
  const { test, session, user } = m;
  return isName(test) && isNumberText(session) && isNumberText(user)
    ? { test, session, user }
    : undefined;
}

/** One of `values`, or undefined. */
export function oneOf<T extends string>(values: readonly T[], v: unknown): T | undefined {
  return values.find(x => x === v);
}
