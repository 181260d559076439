/**
 * The time-series panel of one test, titled `<test> — time series`: progression counts, QoE
 * progression and QoS over time, one chart at a time. The webview asks for a chart, a range and
 * a width in pixel columns; the host answers from a per-test source built once (connection_stats
 * from the shared summary, and, on the first QoS chart, every stats.json read on the workers and
 * reduced to per-second groups). Zooming asks again for the visible range, so the webview always
 * gets at most two rows per pixel column. The panel's zoom is linked with the other views of
 * the test (zoomLink.ts).
 */
import * as vscode from 'vscode';
import {
  chartVM,
  qosSource,
  seriesUsersVM,
  seriesIndex,
  timeSeriesSource,
  type QosSource,
  type TimeSeriesSource,
} from '../core/viewmodel/timeSeries';
import type { WebviewMessage } from '../shared/protocol';
import { qosChartOf } from '../shared/viewModel';
import type { ViewServices } from './services';
import { TestPanels } from './testPanels';
import { failureText, TestViewSession } from './testView';

type SeriesRequest = Extract<WebviewMessage, { type: 'seriesRequest' }>;

export class TimeSeriesSession extends TestViewSession {
  private source: Promise<TimeSeriesSource | undefined> | undefined;
  private qos: Promise<QosSource> | undefined;
  private qosDone: QosSource | undefined;
  private latest: SeriesRequest | undefined;

  constructor(panel: vscode.WebviewPanel, root: string, test: string, services: ViewServices) {
    super(panel, root, test, services, 'timeseries');
  }

  protected rootChanged(): void {
    this.source = this.qos = this.qosDone = undefined;
    void this.sendIndex();
  }

  protected async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.sendIndex();
      case 'seriesRequest':
        if (message.test === this.test) await this.answer(message);
        return;
      case 'seriesUsers':
        if (message.test === this.test && this.qosDone)
          this.post({
            type: 'seriesUsers',
            users: seriesUsersVM(this.qosDone, this.test, message.key, message.second),
          });
        return;
      case 'showUserInSwimlane':
        if (message.test === this.test)
          await vscode.commands.executeCommand(
            'loadtestLens.revealUserInSwimlane',
            this.root,
            this.test,
            message.session,
            message.user,
          );
        return;
      default:
        return; // messages of other views mean nothing here
    }
  }

  private sourceOf(): Promise<TimeSeriesSource | undefined> {
    this.source ??= (async () => {
      const summary = await this.services.store.get(this.root);
      const test = summary.tests.find(t => t.name === this.test);
      if (!test) return undefined;
      const stats = await this.services.store.connectionStats(this.root, this.test);
      return timeSeriesSource(test, stats?.rows ?? []);
    })();
    this.source.catch(() => (this.source = undefined));
    return this.source;
  }

  private async sendIndex(): Promise<void> {
    this.post({ type: 'loading', message: `Analysing ${this.test}…` });
    try {
      const source = await this.sourceOf();
      if (!source) {
        this.post({
          type: 'error',
          message: `No test named "${this.test}" in this root any more.`,
        });
        return;
      }
      this.post({ type: 'seriesIndex', index: seriesIndex(source) });
      this.sendLinkedRange();
    } catch (err) {
      this.post({ type: 'error', message: failureText(err, this.test) });
    }
  }

  /** Reads the stats.json files once, keeping only the per-second groups. */
  private qosOf(origin: number | undefined): Promise<QosSource> {
    this.qos ??= this.services.store
      .qosTables(this.root, this.test)
      .then(
        tables => qosSource(tables, origin),
        (err: unknown) => ({ groups: new Map(), empty: failureText(err, this.test) }),
      )
      .then(q => (this.qosDone = q));
    return this.qos;
  }

  private async answer(request: SeriesRequest): Promise<void> {
    this.latest = request;
    let source: TimeSeriesSource | undefined;
    try {
      source = await this.sourceOf();
    } catch (err) {
      this.post({ type: 'error', message: failureText(err, this.test) });
      return;
    }
    if (!source) return;
    const cut = {
      key: request.key,
      columns: request.columns,
      ...(request.range ? { range: [request.range.start, request.range.end] as const } : {}),
    };
    const qos = qosChartOf(request.key) ? this.qosDone : undefined;
    this.post({ type: 'seriesChart', seq: request.seq, chart: chartVM(source, cut, qos) });
    if (!qosChartOf(request.key) || this.qosDone) return;
    await this.qosOf(source.origin);
    // The stats are read: answer again if the webview still waits for a QoS chart.
    if (this.latest === request) await this.answer(request);
  }
}

/** The time-series panels, one per root and test. */
export function timeSeriesPanels(services: ViewServices): TestPanels<TimeSeriesSession> {
  return new TestPanels(
    'loadtestLens.timeSeries',
    'time series',
    services.extensionUri,
    (panel, root, test) => new TimeSeriesSession(panel, root, test, services),
  );
}

/** From the command palette: a root's test picked by the user. */
export async function pickTest(services: ViewServices, root: string): Promise<string | undefined> {
  const summary = await services.store.get(root);
  const picked = await vscode.window.showQuickPick(
    summary.tests.map(t => ({ label: t.name, description: `${t.userCount} users` })),
    { placeHolder: 'Test to draw over time' },
  );
  return picked?.label;
}
