/**
 * The connection progression (swimlane) of one test, answered from the shared summary and its
 * connection_stats (one ingest per root): rows of users, finer segments of a zoomed range, the
 * QoS colouring of a variant, a user's QoS figures and the load knees. A user's events.json is
 * opened only by session and user number, resolved inside the root.
 */
import * as vscode from 'vscode';
import {
  SWIMLANE_LIMITS,
  swimlaneInput,
  swimlaneSegmentsVM,
  swimlaneVM,
  type SwimlaneInput,
} from '../../core/viewmodel/swimlane';
import {
  qosVariant,
  swimQosVM,
  userQosIntervals,
  userQosVM,
} from '../../core/viewmodel/swimlaneQos';
import { swimKnees } from '../../core/viewmodel/swimlaneKnees';
import type { QosTables } from '../../core/ingest/stats';
import { resolveInsideRoot } from '../../core/source/insideRoot';
import { trailingNumber } from '../../core/source/naming';
import type { TimeRange } from '../../shared/views/checks';
import { swimlane } from '../../shared/views/swimlane';
import { packed } from '../../shared/views/common';
import type { SwimlaneVM } from '../../shared/views/swimlane';
import type { ViewContext, ViewKind } from '../host/view';
import { readSettings } from '../settings';
import { failureText, goneText, perTest, type TestArgs } from './testArgs';
import { nodeOf, testFrom } from './commands';
import { numberText } from '../../core/source/naming';

/** A user by session and user number, as in its row. */
interface UserRef {
  readonly session: string;
  readonly user: string;
}

export interface SwimlaneArgs extends TestArgs {
  /** A user whose row to highlight and whose details to open (from the Results view). */
  readonly reveal?: UserRef;
}

class SwimlaneHandler {
  /** What the webview draws now, kept to answer its zoom and QoS requests. */
  private drawn: { input: SwimlaneInput; vm: SwimlaneVM } | undefined;
  /** The test's QoS tables, read on the first QoS request, dropped with the drawing. */
  private qos: Promise<QosTables | undefined> | undefined;
  /** Per-user intervals of the QoS variants asked for (the last two kept). */
  private readonly qosIntervals = new Map<string, ReturnType<typeof userQosIntervals>>();
  /** A user to reveal once the webview has its rows. */
  private toReveal: UserRef | undefined;

  constructor(
    private readonly context: ViewContext<typeof swimlane>,
    private readonly args: SwimlaneArgs,
  ) {
    this.toReveal = args.reveal;
  }

  readonly on = {
    openUserEvents: (u: UserRef) => this.openUserEvents(u),
    swimlaneSegments: ({ range }: { range: TimeRange }) => this.sendSegments(range),
    swimlaneUserQos: (u: UserRef) => this.sendUserQos(u),
    swimlaneQos: ({ variant, range }: { variant: string; range: TimeRange | null }) =>
      this.sendQos(variant, range),
    openFailureLog: (u: UserRef & { at: number }) =>
      this.context.services.openFailureNear({ root: this.args.root, test: this.args.test, ...u }),
  };

  /** Asked again (from the Results view): reveal the user now if drawn, else once drawn. */
  update(args: SwimlaneArgs): void {
    if (!args.reveal) return;
    this.toReveal = args.reveal;
    if (this.drawn) this.sendReveal();
  }

  async ready(): Promise<void> {
    const { root, test } = this.args;
    const { store } = this.context.services;
    this.context.post({ type: 'loading', message: vscode.l10n.t('Analysing {0}…', test) });
    try {
      const summary = await store.get(root);
      const found = summary.tests.find(t => t.name === test);
      if (!found) return this.context.post({ type: 'error', message: goneText(test) });
      const stats = await store.connectionStats(root, test);
      const input = swimlaneInput(found, stats?.rows ?? []);
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
      this.context.post(packed({ type: 'swimlane', swimlane: this.drawn.vm }));
      this.sendReveal();
      this.sendKnees(this.drawn.input);
      this.context.sendLinkedRange();
    } catch (err) {
      this.context.post({ type: 'error', message: failureText(err, test) });
    }
  }

  private sendSegments(range: TimeRange): void {
    if (!this.drawn) return;
    const { input, vm } = this.drawn;
    this.context.post({
      type: 'swimlaneSegments',
      segments: swimlaneSegmentsVM(input, vm, range),
    });
  }

  /** The load knees (bootstrapped segmented regressions), after the rows so they never wait. */
  private sendKnees(input: SwimlaneInput): void {
    setTimeout(() => {
      if (this.drawn?.input !== input) return; // redrawn meanwhile: the new drawing sends its own
      try {
        this.context.post({
          type: 'swimlaneKnees',
          test: this.args.test,
          knees: swimKnees(input.rows, input.cpu),
        });
      } catch {
        // No knee line is drawn; the view is complete without it.
      }
    }, 0);
  }

  private sendReveal(): void {
    if (!this.toReveal) return;
    this.context.post({ type: 'revealUser', ...this.toReveal });
    this.toReveal = undefined;
  }

  /** The stats.json tables of the test, read once (undefined when they cannot be read). */
  private qosTables(): Promise<QosTables | undefined> {
    this.qos ??= this.context.services.store.qosTables(this.args.root, this.args.test);
    return this.qos.catch(() => undefined);
  }

  /** The detail panel's QoS figures of a user. */
  private async sendUserQos({ session, user }: UserRef): Promise<void> {
    const tables = await this.qosTables();
    this.context.post({
      type: 'swimlaneUserQos',
      userQos: userQosVM(tables, this.args.test, session, user),
    });
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
    this.context.post({
      type: 'swimlaneQos',
      qos: swimQosVM(drawn.vm, variant, intervals, range, SWIMLANE_LIMITS),
    });
  }

  private async openUserEvents({ session, user }: UserRef): Promise<void> {
    const { root, test } = this.args;
    const summary = await this.context.services.store.get(root).catch(() => undefined);
    const found = summary?.tests
      .find(t => t.name === test)
      ?.sessions.flatMap(s => s.users)
      .find(
        u =>
          String(trailingNumber(u.session)) === session && String(trailingNumber(u.user)) === user,
      );
    const file = found?.eventsFile ? await resolveInsideRoot(root, found.eventsFile) : undefined;
    if (!file) {
      void vscode.window.showWarningMessage(
        `S${session}-U${user} of ${test} has no events.json inside the result root.`,
      );
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(file), {
      viewColumn: vscode.ViewColumn.Beside,
      preview: true,
    });
  }
}

export const swimlaneView: ViewKind<typeof swimlane, SwimlaneArgs> = {
  contract: swimlane,
  viewType: 'loadtestLens.progression',
  ...perTest('Progression'),
  commands: env => [
    // A test node of the Results view, or picked from the palette.
    vscode.commands.registerCommand('loadtestLens.openProgression', async (arg: unknown) => {
      const args = await testFrom(env, arg, 'Test whose connection progression to open');
      if (args) env.host.open(swimlaneView, args);
    }),
    // A user node of the Results view: its row in the test's swimlane, details open.
    vscode.commands.registerCommand('loadtestLens.revealUserInSwimlane', (arg: unknown) => {
      const node = nodeOf(arg, 'user');
      if (!node) return;
      const reveal = { session: numberText(node.user.session), user: numberText(node.user.user) };
      env.host.open(swimlaneView, { root: node.root, test: node.test.name, reveal });
    }),
  ],
  create: (context, args) => new SwimlaneHandler(context, args),
};
