import type * as vscode from 'vscode';
import type { ProblemsPublisher } from './problems';
import type { RootWatcher } from './rootWatcher';
import type { StatusHeadline } from './statusBar';
import type { SummaryStore } from './summaryStore';
import type { ZoomLink } from './zoomLink';

/** What every view of a result root needs from the extension. */
export interface ViewServices {
  readonly extensionUri: vscode.Uri;
  readonly store: SummaryStore;
  readonly problems: ProblemsPublisher;
  readonly watcher: RootWatcher;
  readonly status: StatusHeadline;
  /** Keeps the time range of the views of one test in step. */
  readonly zoomLink: ZoomLink;
  /** Opens the results `path` is or lies in (a result root, or a controller run's folder). */
  openResults(path: string, options?: OpenOptions): Promise<boolean>;
  /** Opens the controller log at the failure of a user nearest `at` (epoch ms), beside. */
  openFailureNear(failure: FailureNear): Promise<void>;
}

/** A user's failure as a chart shows it: its test, session and user numbers, and a time. */
export interface FailureNear {
  readonly root: string;
  readonly test: string;
  readonly session: string;
  readonly user: string;
  readonly at: number;
}

export interface OpenOptions {
  /** The test to select first. */
  readonly test?: string;
  /** Open `path` as a result root even inside a controller run's folder (its per-user stats/). */
  readonly notebookOnly?: boolean;
}

/** Registers an open view of `root` (problems shown, files watched) until the returned disposable runs. */
export function trackView(services: ViewServices, root: string): vscode.Disposable {
  services.problems.attach(root);
  services.watcher.attach(root);
  return {
    dispose: () => {
      services.problems.detach(root);
      services.watcher.detach(root);
    },
  };
}

/** Watches a folder that is not a result root (a controller run's) until the disposable runs. */
export function watchFolder(services: ViewServices, folder: string): vscode.Disposable {
  services.watcher.attach(folder);
  return { dispose: () => services.watcher.detach(folder) };
}
