/**
 * Which log lines belong to one emulated user, to highlight them around a failure line. The
 * controller names a user in several ways: `Participant User7 in session LoadTestSession3`,
 * `Creating PUBLISHER 'User7' in session LoadTestSession3`, `Creating participant 7 in session 3`
 * and in JSON payloads `"participant":"User7","session":"LoadTestSession3"`. A line belongs to
 * the user when it names both the user and its session (by name, or by number in the
 * `participant N in session M` form).
 */
import { trailingNumber } from '../source/naming';

/** The user and session as the log writes them (`User7`, `LoadTestSession3`). */
export interface LogUser {
  readonly user: string;
  readonly session: string;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A word: not preceded or followed by a letter, digit, `_` or `-` (so User1 ≠ User12). */
function word(text: string): string {
  return `(?<![\\w-])${escape(text)}(?![\\w-])`;
}

/** A test of "this line names this user in this session". */
export function userLineMatcher(who: LogUser): (line: string) => boolean {
  const named = [new RegExp(word(who.user)), new RegExp(word(who.session))];
  const u = trailingNumber(who.user);
  const s = trailingNumber(who.session);
  const numbered =
    u === undefined || s === undefined
      ? undefined
      : new RegExp(`participant ${u} in session ${s}(?!\\d)`, 'i');
  return line => named.every(r => r.test(line)) || (numbered?.test(line) ?? false);
}

/**
 * Line numbers in `[firstLine, firstLine + lines.length)` that name the user, nearest the target
 * first considered, at most `radius` lines away from it, in ascending order.
 */
export function userLinesAround(
  lines: readonly string[],
  firstLine: number,
  target: number,
  who: LogUser,
  radius: number,
): number[] {
  const matches = userLineMatcher(who);
  const found: number[] = [];
  const from = Math.max(firstLine, target - radius);
  const to = Math.min(firstLine + lines.length - 1, target + radius);
  for (let n = from; n <= to; n++) {
    if (n !== target && matches(lines[n - firstLine] as string)) found.push(n);
  }
  return found;
}
