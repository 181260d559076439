/**
 * On-disk names of sessions and users. The 2024 browser-emulator writes
 * `LoadTestSession<N>/User<M>`; the current one shortens them to `s<N>/u<M>`, or `s-<md5[0:6]>` /
 * `u-<md5[0:6]>` for names without a trailing number (FORMATS.md §1.1,
 * `browser-emulator/src/utils/id-utils.ts`). The JSON content always carries the full names.
 */
const SESSION_DIR = /^(?:LoadTestSession(\d+)|s(\d+)|s-[0-9a-f]{6})$/;
const USER_DIR = /^(?:User(\d+)|u(\d+)|u-[0-9a-f]{6})$/;

export function isSessionDir(name: string): boolean {
  return SESSION_DIR.test(name);
}

export function isUserDir(name: string): boolean {
  return USER_DIR.test(name);
}

/**
 * `<prefix><N>`, the prefix made of an OpenVidu session id's characters (letters, digits, `_`,
 * `-`) and ending in no digit: a name a SESSION_NAME_PREFIX or USER_NAME_PREFIX would give.
 */
const PREFIXED = /^([A-Za-z_-](?:[\w-]*[A-Za-z_-])?)(\d+)$/;

/** How the folders of one level (a test's sessions, or the users of its sessions) are named. */
export interface FolderNaming {
  /** Whether a folder of this level is read as a session or user. */
  readonly reads: (name: string) => boolean;
  /** The prefix other than the browser-emulator's default that every folder read shares. */
  readonly prefix?: string;
}

/**
 * The naming of one level's folders: the browser-emulator's own names when any folder has one;
 * else the one prefix every `<prefix><N>` folder shares, if there is one (a [2024] run with
 * another SESSION_NAME_PREFIX or USER_NAME_PREFIX: its folders carry the names as they are).
 * Two prefixes side by side are no naming the tool writes: only the default names are read.
 */
export function folderNaming(level: 'session' | 'user', names: readonly string[]): FolderNaming {
  const standard = level === 'session' ? isSessionDir : isUserDir;
  if (names.some(standard)) return { reads: standard };
  const prefixes = new Set<string>();
  for (const n of names) {
    const prefix = PREFIXED.exec(n)?.[1];
    if (prefix !== undefined) prefixes.add(prefix);
  }
  const [prefix] = prefixes;
  if (prefix === undefined || prefixes.size > 1) return { reads: standard };
  return { reads: name => PREFIXED.exec(name)?.[1] === prefix, prefix };
}

/**
 * A session or user name as the notebook shortens it for its `<user>-<session>` keys (cells 5 and
 * 13): the number after the default prefix (`str.replace` of `User`, `LoadTestSession`), and the
 * trailing number of a name with another prefix, as its folder is numbered (`UserA7` is 7, where
 * the notebook's replace would give `A7` and match no user).
 */
export function strippedName(name: string, defaultPrefix: 'User' | 'LoadTestSession'): string {
  return numberText(name.startsWith(defaultPrefix) ? name.slice(defaultPrefix.length) : name);
}

/** Number in `LoadTestSession12`, `s12`, `User3`, `u3`; undefined for hashed or other names. */
export function trailingNumber(name: string): number | undefined {
  const m = /(\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** A session or user folder name as the notebook writes it: its trailing number, else the name. */
export function numberText(name: string): string {
  const n = trailingNumber(name);
  return n === undefined ? name : String(n);
}

/**
 * Natural order: `User2` before `User10`, numbers compared as numbers, the rest as text. Used
 * wherever sessions, users or tests are listed so that lists read as the tool numbered them.
 */
export function naturalCompare(a: string, b: string): number {
  const ax = a.match(/\d+|\D+/g) ?? [];
  const bx = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ax.length, bx.length); i++) {
    const x = ax[i] as string;
    const y = bx[i] as string;
    if (x === y) continue;
    const bothNumbers = /^\d/.test(x) && /^\d/.test(y);
    if (bothNumbers && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return ax.length - bx.length;
}
