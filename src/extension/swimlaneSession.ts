/**
 * The connection-progression panel of one test: a webview panel beside the editor, titled
 * `<test> — progression`, answered from the shared summary and its connection_stats (one ingest
 * per root). One panel per root and test; asking again reveals it. Messages are validated; a
 * user's events.json is opened only by session and user number, resolved inside the root.
 */
import * as vscode from 'vscode';
import {
  SWIMLANE_LIMITS,
  swimlaneInput,
  swimlaneSegmentsVM,
  swimlaneVM,
  type SwimlaneInput,
} from '../core/viewmodel/swimlane';
import { qosVariant, swimQosVM, userQosIntervals, userQosVM } from '../core/viewmodel/swimlaneQos';
import { swimKnees } from '../core/viewmodel/swimlaneKnees';
import type { QosTables } from '../core/ingest/stats';
import { resolveInsideRoot } from '../core/source/insideRoot';
import { readSettings } from './settings';
import { trailingNumber } from '../core/source/naming';
import type { TimeRange, WebviewMessage } from '../shared/protocol';
import type { SwimlaneVM } from '../shared/viewModel';
import type { ViewServices } from './services';
import { TestPanels } from './testPanels';
import { failureText, TestViewSession } from './testView';

export class SwimlaneSession extends TestViewSession {
  /** What the webview draws now, kept to answer its zoom and QoS requests. */
  private drawn: { input: SwimlaneInput; vm: SwimlaneVM } | undefined;
  /** The test's QoS tables, read on the first QoS request, dropped with the drawing. */
  private qos: Promise<QosTables | undefined> | undefined;
  /** Per-user intervals of the QoS variants asked for (the last two kept). */
  private readonly qosIntervals = new Map<string, ReturnType<typeof userQosIntervals>>();

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
      case 'swimlaneSegments':
        if (message.test === this.test) this.sendSegments(message.range);
        return;
      case 'swimlaneUserQos':
        if (message.test === this.test) await this.sendUserQos(message.session, message.user);
        return;
      case 'swimlaneQos':
        if (message.test === this.test) await this.sendQos(message.variant, message.range);
        return;
      case 'openFailureLog':
        if (message.test === this.test)
          await vscode.commands.executeCommand(
            'loadtestLens.openFailureNear',
            this.root,
            this.test,
            message.session,
            message.user,
            message.at,
          );
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
      const input = swimlaneInput(test, stats?.rows ?? []);
      const settings = readSettings();
      this.drawn = {
        input,
        vm: swimlaneVM(
          input,
          { ...SWIMLANE_LIMITS, maxPoints: settings.decimationTarget },
          { qos: settings.qosColorRanges, qoe: settings.qoeColorRanges },
        ),
      };
      this.qos = undefined;
      this.qosIntervals.clear();
      this.post({ type: 'swimlane', swimlane: this.drawn.vm });
      this.sendReveal();
      this.sendKnees(this.drawn.input);
      this.sendLinkedRange();
    } catch (err) {
      this.post({ type: 'error', message: failureText(err, this.test) });
    }
  }

  private sendSegments(range: TimeRange): void {
    if (!this.drawn) return;
    const { input, vm } = this.drawn;
    this.post({ type: 'swimlaneSegments', segments: swimlaneSegmentsVM(input, vm, range) });
  }

  /** The load knees (bootstrapped segmented regressions), after the rows so they never wait. */
  private sendKnees(input: SwimlaneInput): void {
    setTimeout(() => {
      if (this.drawn?.input !== input) return; // redrawn meanwhile: the new drawing sends its own
      try {
        this.post({
          type: 'swimlaneKnees',
          test: this.test,
          knees: swimKnees(input.rows, input.cpu),
        });
      } catch {
        // No knee line is drawn; the view is complete without it.
      }
    }, 0);
  }

  /** A user to reveal once the webview has its rows (asked from the Results view). */
  private toReveal: { readonly session: string; readonly user: string } | undefined;

  /** Highlights a user's row and opens its details: now if drawn, else after the rows are sent. */
  reveal(session: string, user: string): void {
    this.toReveal = { session, user };
    if (this.drawn) this.sendReveal();
  }

  private sendReveal(): void {
    if (!this.toReveal) return;
    this.post({ type: 'revealUser', ...this.toReveal });
    this.toReveal = undefined;
  }

  /** The stats.json tables of the test, read once (undefined when they cannot be read). */
  private qosTables(): Promise<QosTables | undefined> {
    this.qos ??= this.services.store.qosTables(this.root, this.test);
    return this.qos.catch(() => undefined);
  }

  /** The detail panel's QoS figures of a user. */
  private async sendUserQos(session: string, user: string): Promise<void> {
    const tables = await this.qosTables();
    this.post({ type: 'swimlaneUserQos', userQos: userQosVM(tables, this.test, session, user) });
  }

  /** The QoS colouring of `key` over `range`; the tables are read once, on the first request. */
  private async sendQos(key: string, range: TimeRange | null): Promise<void> {
    const variant = qosVariant(key);
    const drawn = this.drawn;
    if (!variant || !drawn) return;
    if (!this.qosIntervals.has(key)) {
      const tables = await this.qosTables();
      const origin = drawn.input.origin;
      const intervals =
        tables && origin !== undefined ? userQosIntervals(tables, variant, origin) : undefined;
      if (this.qosIntervals.size >= 2)
        this.qosIntervals.delete(this.qosIntervals.keys().next().value!);
      this.qosIntervals.set(key, intervals);
    }
    if (this.drawn !== drawn) return; // redrawn meanwhile: the webview asks again
    const intervals = this.qosIntervals.get(key);
    this.post({
      type: 'swimlaneQos',
      qos: swimQosVM(drawn.vm, variant, intervals, range, SWIMLANE_LIMITS),
    });
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
    const file = found?.eventsFile
      ? await resolveInsideRoot(this.root, found.eventsFile)
      : undefined;
    if (!file) {
      void vscode.window.showWarningMessage(
        `S${session}-U${user} of ${this.test} has no events.json inside the result root.`,
      );
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(file), {
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
