/**
 * The connection-progression panel of one test: a webview panel beside the editor, titled
 * `<test> — progression`, answered from the shared summary and its connection_stats (one ingest
 * per root). One panel per root and test; asking again reveals it. Messages are validated; a
 * user's events.json is opened only by session and user number, resolved inside the root.
 */
import * as vscode from 'vscode';
import { swimlaneInput, swimlaneVM } from '../core/viewmodel/swimlane';
import { trailingNumber } from '../core/source/naming';
import type { WebviewMessage } from '../shared/protocol';
import type { ViewServices } from './services';
import { TestPanels } from './testPanels';
import { failureText, TestViewSession } from './testView';

export class SwimlaneSession extends TestViewSession {
  constructor(panel: vscode.WebviewPanel, root: string, test: string, services: ViewServices) {
    super(panel, root, test, services, 'swimlane');
  }

  protected rootChanged(): void {
    void this.send();
  }

  protected async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.send();
      case 'openUserEvents':
        if (message.test === this.test) await this.openUserEvents(message.session, message.user);
        return;
      default:
        return; // overview messages mean nothing here
    }
  }

  private async send(): Promise<void> {
    this.post({ type: 'loading', message: `Analysing ${this.test}…` });
    try {
      const summary = await this.services.store.get(this.root);
      const test = summary.tests.find(t => t.name === this.test);
      if (!test) {
        this.post({
          type: 'error',
          message: `No test named "${this.test}" in this root any more.`,
        });
        return;
      }
      const stats = await this.services.store.connectionStats(this.root, this.test);
      this.post({ type: 'swimlane', swimlane: swimlaneVM(swimlaneInput(test, stats?.rows ?? [])) });
      this.sendLinkedRange();
    } catch (err) {
      this.post({ type: 'error', message: failureText(err, this.test) });
    }
  }

  private async openUserEvents(session: string, user: string): Promise<void> {
    const summary = await this.services.store.get(this.root).catch(() => undefined);
    const test = summary?.tests.find(t => t.name === this.test);
    const found = test?.sessions
      .flatMap(s => s.users)
      .find(
        u =>
          String(trailingNumber(u.session)) === session && String(trailingNumber(u.user)) === user,
      );
    if (!found?.eventsFile) {
      void vscode.window.showWarningMessage(
        `S${session}-U${user} of ${this.test} has no events.json.`,
      );
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(found.eventsFile), {
      viewColumn: vscode.ViewColumn.Beside,
      preview: true,
    });
  }
}

/** The connection-progression panels, one per root and test. */
export function swimlanePanels(services: ViewServices): TestPanels<SwimlaneSession> {
  return new TestPanels(
    'loadtestLens.progression',
    'progression',
    services.extensionUri,
    (panel, root, test) => new SwimlaneSession(panel, root, test, services),
  );
}
