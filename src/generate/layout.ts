// Where each file of a result root goes (DESIGN.md "Input: a result root", FORMATS §1.1).
import type { Generation } from './options';

/** `LoadTestSession3` (2024) or the shortened `s3` of the current tool (content keeps full names). */
export function sessionDirName(format: Generation, session: number): string {
  return format === '2024' ? `LoadTestSession${session}` : `s${session}`;
}

/** `User7` (2024) or `u7` (current). */
export function userDirName(format: Generation, user: number): string {
  return format === '2024' ? `User${user}` : `u${user}`;
}

export type UserFile = 'events.json' | 'stats.json' | 'connections.json' | 'errors.json';

export function userFilePath(
  format: Generation,
  test: string,
  session: number,
  user: number,
  file: UserFile,
): string {
  return ['stats', test, sessionDirName(format, session), userDirName(format, user), file].join(
    '/',
  );
}

export function logPath(test: string): string {
  return `logs/${test}.log`;
}

export function medianodePath(test: string): string {
  return `dfs_final/${test}-medianode.csv`;
}

export const BATCHES_PATH = 'dfs_final/batches.json';

export function qoePath(test: string, fileName: string): string {
  return `qoe/${test}/${fileName}`;
}
