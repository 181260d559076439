/**
 * The port the ingest reads a result through: which tests it holds, and the sessions and users of
 * each. `FolderResultSource` is the implementation on a local folder (a whole root or a single
 * test's stats folder); other implementations (an archive, a remote bucket) plug in here.
 */
import { FolderBoundary } from './insideRoot';
import {
  findRootFor,
  listSessions,
  listTests,
  resultKind,
  type ResultKind,
  type SessionLocation,
  type TestLocation,
  type NamingReport,
  type UnlistedDir,
} from './resultRoot';

export interface ResultSource {
  /** The folder the source was opened on. */
  readonly path: string;
  readonly kind: ResultKind;
  /** The symlink policy of this reading: every file is checked here before it is opened. */
  readonly boundary: FolderBoundary;
  /** The tests; folders that exist but cannot be listed are added to `unlisted`. */
  tests(unlisted?: UnlistedDir[]): Promise<TestLocation[]>;
  /**
   * A test's sessions and users; folders that cannot be listed are added to `unlisted`, what the
   * names told (folders skipped, another prefix read) to `report`.
   */
  sessions(
    test: TestLocation,
    unlisted?: UnlistedDir[],
    report?: NamingReport,
  ): Promise<SessionLocation[]>;
}

export class FolderResultSource implements ResultSource {
  readonly boundary: FolderBoundary;

  constructor(
    readonly path: string,
    readonly kind: ResultKind,
  ) {
    this.boundary = new FolderBoundary(path);
  }

  tests(unlisted?: UnlistedDir[]): Promise<TestLocation[]> {
    return listTests(this.path, this.boundary, unlisted);
  }

  async sessions(
    test: TestLocation,
    unlisted?: UnlistedDir[],
    report?: NamingReport,
  ): Promise<SessionLocation[]> {
    return test.statsDir ? listSessions(test.statsDir, this.boundary, unlisted, report) : [];
  }
}

/** The source a path (folder or file) belongs to, or undefined when it is in no result. */
export async function openResultSource(path: string): Promise<FolderResultSource | undefined> {
  const root = await findRootFor(path);
  const kind = root ? await resultKind(root) : undefined;
  return root && kind ? new FolderResultSource(root, kind) : undefined;
}

/** A source on a folder given as the root, whatever it holds (findings about it come from the ingest). */
export async function folderSource(root: string): Promise<ResultSource> {
  return new FolderResultSource(root, (await resultKind(root)) ?? 'root');
}
