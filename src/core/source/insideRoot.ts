/**
 * The symbolic-link policy (docs/reliability.md "Symbolic links"), one for every reader: a path
 * is read only when, once every link is followed, it lies inside the opened folder (the result
 * root or run folder). A link that stays inside is followed like the file or folder it names; a
 * link that leads out (or to nothing) is not followed, and a `file.linkOutside` /
 * `file.linkBroken` diagnostic names the link, once.
 *
 * `resolveInsideRoot` is the single check (issue 11: files a webview names); `FolderBoundary`
 * applies it to everything one reading of a folder lists and opens. `../` segments, absolute
 * paths elsewhere and links leading out are refused; nothing is decoded, so `%2F` or `..%2F`
 * stay literal characters of a name.
 */
import { realpath } from 'node:fs/promises';
import { lstatOf } from '../util/readCalls';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { diagnostic, type Diagnostic } from '../model/diagnostic';

/** True when `file` is `root` itself or below it (both already resolved, no links left). */
export function isWithin(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** `file`'s real path when it lies inside `realRoot` (already real); undefined otherwise. */
async function realInside(realRoot: string, file: string): Promise<string | undefined> {
  if (file.length === 0 || file.includes('\0')) return undefined;
  try {
    const real = await realpath(resolve(realRoot, file));
    return isWithin(realRoot, real) ? real : undefined;
  } catch {
    return undefined;
  }
}

/** The real path of a folder, or undefined when it cannot be resolved. */
async function realFolder(root: string): Promise<string | undefined> {
  if (root.length === 0 || root.includes('\0')) return undefined;
  return realpath(root).catch(() => undefined);
}

/**
 * The real path of `file` (absolute, or relative to `root`) when it exists inside `root` after
 * following links; undefined otherwise. Never throws.
 */
export async function resolveInsideRoot(root: string, file: string): Promise<string | undefined> {
  if (file.length === 0 || file.includes('\0')) return undefined;
  const realRoot = await realFolder(root);
  if (realRoot === undefined) return undefined;
  // A relative `file` is relative to the root as given: resolve it there, not from the cwd.
  return realInside(realRoot, isAbsolute(file) ? file : resolve(root, file));
}

/** Why a link was not followed. */
export type LinkRefusal = 'outside' | 'broken';

const REFUSAL_TEXT: Record<LinkRefusal, string> = {
  outside: 'leads outside the opened folder',
  broken: 'leads to nothing that can be resolved',
};

/** The finding for a link that was not followed. */
export function linkNotFollowed(link: string, root: string, why: LinkRefusal): Diagnostic {
  return diagnostic(
    'warning',
    why === 'outside' ? 'file.linkOutside' : 'file.linkBroken',
    link,
    `This is a symbolic link that ${REFUSAL_TEXT[why]} (${root}); it was not followed and nothing behind it was read.`,
  );
}

/**
 * One reading of one folder: every path listed or opened below `root` passes `allows` first.
 * Links that are not followed are collected in `diagnostics`, each link once, however many
 * paths run through it.
 */
export class FolderBoundary {
  private realRootPromise: Promise<string | undefined> | undefined;
  private readonly refused = new Map<string, LinkRefusal>();
  readonly diagnostics: Diagnostic[] = [];

  /** The root, absolute: the paths given to the boundary are as listed, relative to the cwd. */
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private realRoot(): Promise<string | undefined> {
    return (this.realRootPromise ??= realFolder(this.root));
  }

  /**
   * The real path of `listed` (a path below the root as listed: the root as given joined with
   * names, so a relative one is relative to the cwd, like the root) when reading it stays inside
   * the root; undefined when it is missing or leaves through a link (then reported).
   */
  async resolve(listed: string): Promise<string | undefined> {
    const realRoot = await this.realRoot();
    if (realRoot === undefined) return undefined;
    const path = resolve(listed);
    const quick = await this.plainEntry(realRoot, path);
    if (quick !== null) return quick;
    const real = await realInside(realRoot, path);
    if (real !== undefined) return real;
    await this.reportLinkOn(realRoot, path);
    return undefined;
  }

  /** Real paths of the folders entries were resolved in (each folder's resolved once). */
  private readonly realFolders = new Map<string, Promise<string | undefined>>();

  /**
   * The quick answer for an entry that is not a link, in a folder already known to lie inside:
   * its real path is the folder's real path joined with its name (one `lstat` instead of a
   * `realpath`, which reads every component of the path again: a root has thousands of files in
   * a few hundred folders). Undefined when it does not exist; null when the full check must say.
   */
  private async plainEntry(realRoot: string, path: string): Promise<string | null | undefined> {
    const folder = dirname(path);
    if (folder === path || path.includes('\0')) return null;
    let realFolder = this.realFolders.get(folder);
    if (!realFolder) {
      realFolder = realInside(realRoot, folder);
      this.realFolders.set(folder, realFolder);
    }
    const inside = await realFolder;
    if (inside === undefined) return null;
    return lstatOf(path).then(
      st => (st.isSymbolicLink() ? null : join(inside, basename(path))),
      () => undefined,
    );
  }

  /** True when `path` may be read: it exists and lies inside the root once links are followed. */
  async allows(path: string): Promise<boolean> {
    return (await this.resolve(path)) !== undefined;
  }

  /** The first link on the way from the root to `path` that is not followed, reported once. */
  private async reportLinkOn(realRoot: string, path: string): Promise<void> {
    const rel = relative(this.root, path);
    if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return;
    let prefix = this.root;
    for (const part of rel.split(sep)) {
      prefix = join(prefix, part);
      if (this.refused.has(prefix)) return;
      const isLink = await lstatOf(prefix).then(
        s => s.isSymbolicLink(),
        () => undefined,
      );
      if (isLink === undefined) return; // missing: the caller reports missing files itself
      if (!isLink) continue;
      if ((await realInside(realRoot, prefix)) !== undefined) continue;
      const why: LinkRefusal = (await realpath(prefix).then(
        () => true,
        () => false,
      ))
        ? 'outside'
        : 'broken';
      this.refused.set(prefix, why);
      this.diagnostics.push(linkNotFollowed(prefix, this.root, why));
      return;
    }
  }
}
