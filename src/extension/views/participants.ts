/**
 * The participants view of one test: per-user traffic, events and connection states, a user ×
 * time heatmap, traffic shares and failure uniqueness (src/core/viewmodel/participants.ts). The
 * QoS tables are read once; every heatmap is computed from them at once and the tables are then
 * dropped, so a `heatmapQuery` only picks one.
 */
import { heatmapVM, participantsInput, participantsVM } from '../../core/viewmodel/participants';
import { participants } from '../../shared/views/participants';
import type { HeatmapMetricVM, HeatmapVM, ParticipantsVM } from '../../shared/views/participants';
import type { ViewContext, ViewKind } from '../host/view';
import { failureText, goneText, perTest, type TestArgs } from './testArgs';
import * as vscode from 'vscode';
import { testFrom } from './commands';

const METRICS: readonly HeatmapMetricVM[] = ['state', 'bitrate', 'jitter', 'qoe'];

interface Built {
  readonly participants: ParticipantsVM;
  readonly heatmaps: ReadonlyMap<HeatmapMetricVM, HeatmapVM>;
}

async function build(
  context: ViewContext<typeof participants>,
  { root, test }: TestArgs,
): Promise<Built | undefined> {
  const store = context.services.store;
  const summary = await store.get(root);
  const found = summary.tests.find(t => t.name === test);
  if (!found) return undefined;
  const rows = (await store.connectionStats(root, test))?.rows ?? [];
  const input = participantsInput(found, rows, await store.qosTables(root, test));
  return {
    participants: participantsVM(input),
    heatmaps: new Map(METRICS.map(m => [m, heatmapVM(input, m)])),
  };
}

export const participantsView: ViewKind<typeof participants, TestArgs> = {
  contract: participants,
  viewType: 'loadtestLens.participants',
  ...perTest('Participants'),
  commands: env => [
    vscode.commands.registerCommand('loadtestLens.openParticipants', async (arg: unknown) => {
      const args = await testFrom(env, arg, 'Test whose participants to open');
      if (args) env.host.open(participantsView, args);
    }),
  ],
  create(context, args) {
    let built: Promise<Built | undefined> | undefined;
    let metric: HeatmapMetricVM = 'state';
    const sendHeatmap = async (): Promise<void> => {
      const heatmap = (await built?.catch(() => undefined))?.heatmaps.get(metric);
      if (heatmap) context.post({ type: 'heatmap', heatmap });
    };
    const send = async (): Promise<void> => {
      context.post({
        type: 'loading',
        message: vscode.l10n.t('Reading the participants of {0}…', args.test),
      });
      try {
        built ??= build(context, args);
        const done = await built;
        if (!done) return context.post({ type: 'error', message: goneText(args.test) });
        context.post({ type: 'participants', participants: done.participants });
        await sendHeatmap();
      } catch (err) {
        built = undefined;
        context.post({ type: 'error', message: failureText(err, args.test) });
      }
    };
    return {
      ready: send,
      rootChanged: () => {
        built = undefined;
        void send();
      },
      on: {
        heatmapQuery: query => {
          metric = query.metric;
          return sendHeatmap();
        },
      },
    };
  },
};
