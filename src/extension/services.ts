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
