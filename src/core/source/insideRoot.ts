/**
 * The one check for a file the host opens because a webview named it (issue 11): the file must
 * exist and, once every symbolic link is followed, lie inside the opened result root. `../`
 * segments, absolute paths elsewhere and symlinks leading out are refused; nothing is decoded,
 * so `%2F` or `..%2F` stay literal characters of a name.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** True when `file` is `root` itself or below it (both already resolved, no links left). */
export function isWithin(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * The real path of `file` (absolute, or relative to `root`) when it exists inside `root` after
 * following links; undefined otherwise. Never throws.
 */
export async function resolveInsideRoot(root: string, file: string): Promise<string | undefined> {
  if (file.length === 0 || file.includes('\0') || root.includes('\0')) return undefined;
  try {
    const realRoot = await realpath(root);
    const real = await realpath(resolve(realRoot, file));
    return isWithin(realRoot, real) ? real : undefined;
  } catch {
    return undefined;
  }
}
