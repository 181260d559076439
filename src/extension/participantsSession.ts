/**
 * The participants overview panel of one test: per-user traffic, events and connection states,
 * a user × time heatmap, traffic shares and failure uniqueness (src/core/viewmodel/participants.ts).
 * The QoS tables are read once; every heatmap is computed from them at once and the tables are
 * then dropped, so a `heatmapQuery` only picks one.
 */
import type * as vscode from 'vscode';
import { heatmapVM, participantsInput, participantsVM } from '../core/viewmodel/participants';
import type { WebviewMessage } from '../shared/protocol';
import type { HeatmapMetricVM, HeatmapVM, ParticipantsVM } from '../shared/viewModel';
import type { ViewServices } from './services';
import { TestPanels } from './testPanels';
import { failureText, TestViewSession } from './testView';

const METRICS: readonly HeatmapMetricVM[] = ['state', 'bitrate', 'jitter', 'qoe'];

interface Built {
  readonly participants: ParticipantsVM;
  readonly heatmaps: ReadonlyMap<HeatmapMetricVM, HeatmapVM>;
}

export class ParticipantsSession extends TestViewSession {
  private built: Promise<Built | undefined> | undefined;
  private metric: HeatmapMetricVM = 'state';

  constructor(panel: vscode.WebviewPanel, root: string, test: string, services: ViewServices) {
    super(panel, root, test, services, 'participants');
  }

  protected rootChanged(): void {
    this.built = undefined;
    void this.send();
  }

  protected async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.send();
      case 'heatmapQuery':
        this.metric = message.metric;
        return this.sendHeatmap();
      default:
        return;
    }
  }

  private async build(): Promise<Built | undefined> {
    const summary = await this.services.store.get(this.root);
    const test = summary.tests.find(t => t.name === this.test);
    if (!test) return undefined;
    const store = this.services.store;
    const rows = (await store.connectionStats(this.root, this.test))?.rows ?? [];
    const input = participantsInput(test, rows, await store.qosTables(this.root, this.test));
    return {
      participants: participantsVM(input),
      heatmaps: new Map(METRICS.map(m => [m, heatmapVM(input, m)])),
    };
  }

  private async send(): Promise<void> {
    this.post({ type: 'loading', message: `Reading the participants of ${this.test}…` });
    try {
      this.built ??= this.build();
      const built = await this.built;
      if (!built) {
        this.post({
          type: 'error',
          message: `No test named "${this.test}" in this root any more.`,
        });
        return;
      }
      this.post({ type: 'participants', participants: built.participants });
      await this.sendHeatmap();
    } catch (err) {
      this.built = undefined;
      this.post({ type: 'error', message: failureText(err, this.test) });
    }
  }

  private async sendHeatmap(): Promise<void> {
    const heatmap = (await this.built?.catch(() => undefined))?.heatmaps.get(this.metric);
    if (heatmap) this.post({ type: 'heatmap', heatmap });
  }
}

/** The participants panels, one per root and test. */
export function participantsPanels(services: ViewServices): TestPanels<ParticipantsSession> {
  return new TestPanels(
    'loadtestLens.participants',
    'participants',
    services.extensionUri,
    (panel, root, test) => new ParticipantsSession(panel, root, test, services),
  );
}
