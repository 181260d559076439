/**
 * The time-series view of one test: progression counts, QoE progression and QoS over time, one
 * chart at a time. The webview asks for a chart, a range and a width in pixel columns (a request);
 * the host answers from a per-test source built once (connection_stats from the shared summary,
 * and, on the first QoS chart, every stats.json read on the workers and reduced to per-second
 * groups, after which `seriesQosRead` tells the page to ask again). Zooming asks again for the
 * visible range, so the webview always gets at most two rows per pixel column.
 */
import {
  chartVM,
  qosSource,
  seriesUsersVM,
  seriesIndex,
  timeSeriesSource,
  type QosSource,
  type TimeSeriesSource,
} from '../../core/viewmodel/timeSeries';
import type { ParamsOf } from '../../shared/ipc';
import { timeSeries } from '../../shared/views/timeSeries';
import { qosChartOf, type ChartVM } from '../../shared/views/timeSeries';
import type { ViewContext, ViewKind } from '../host/view';
import { swimlaneView } from './swimlane';
import { failureText, goneText, perTest, type TestArgs } from './testArgs';
import * as vscode from 'vscode';
import { testFrom } from './commands';

type ChartQuery = ParamsOf<typeof timeSeries.inbound.seriesRequest>;

class TimeSeriesHandler {
  private source: Promise<TimeSeriesSource | undefined> | undefined;
  private qos: Promise<QosSource> | undefined;
  private qosDone: QosSource | undefined;

  constructor(
    private readonly context: ViewContext<typeof timeSeries>,
    private readonly args: TestArgs,
  ) {}

  readonly on = {
    seriesRequest: (query: ChartQuery) => this.chart(query),
    seriesUsers: (query: ParamsOf<typeof timeSeries.inbound.seriesUsers>) => {
      if (this.qosDone)
        this.context.post({
          type: 'seriesUsers',
          users: seriesUsersVM(this.qosDone, this.args.test, query.key, query.second),
        });
    },
    showUserInSwimlane: ({ session, user }: { session: string; user: string }) => {
      this.context.open(swimlaneView, { ...this.args, reveal: { session, user } });
    },
  };

  rootChanged(): void {
    this.source = this.qos = this.qosDone = undefined;
    void this.ready();
  }

  private sourceOf(): Promise<TimeSeriesSource | undefined> {
    const { root, test } = this.args;
    const store = this.context.services.store;
    this.source ??= (async () => {
      const summary = await store.get(root);
      const found = summary.tests.find(t => t.name === test);
      if (!found) return undefined;
      const stats = await store.connectionStats(root, test);
      return timeSeriesSource(found, stats?.rows ?? []);
    })();
    this.source.catch(() => (this.source = undefined));
    return this.source;
  }

  async ready(): Promise<void> {
    const { test } = this.args;
    this.context.post({ type: 'loading', message: vscode.l10n.t('Analysing {0}…', test) });
    try {
      const source = await this.sourceOf();
      if (!source) return this.context.post({ type: 'error', message: goneText(test) });
      this.context.post({ type: 'seriesIndex', index: seriesIndex(source) });
      this.context.sendLinkedRange();
    } catch (err) {
      this.context.post({ type: 'error', message: failureText(err, test) });
    }
  }

  /** Reads the stats.json files once, keeping only the per-second groups; tells the page. */
  private readQos(origin: number | undefined): void {
    const { root, test } = this.args;
    this.qos ??= this.context.services.store
      .qosTables(root, test)
      .then(
        tables => qosSource(tables, origin),
        (err: unknown) => ({ groups: new Map(), empty: failureText(err, test) }),
      )
      .then(q => {
        this.qosDone = q;
        this.context.post({ type: 'seriesQosRead' });
        return q;
      });
  }

  /** The chart asked for; a QoS chart asked before the stats are read says it is reading them. */
  private async chart(query: ChartQuery): Promise<ChartVM> {
    const source = await this.sourceOf();
    if (!source) throw new Error(goneText(this.args.test));
    const cut = {
      key: query.key,
      columns: query.columns,
      ...(query.range ? { range: [query.range.start, query.range.end] as const } : {}),
    };
    const isQos = qosChartOf(query.key) !== undefined;
    if (isQos && !this.qosDone) this.readQos(source.origin);
    return chartVM(source, cut, isQos ? this.qosDone : undefined);
  }
}

export const timeSeriesView: ViewKind<typeof timeSeries, TestArgs> = {
  contract: timeSeries,
  viewType: 'loadtestLens.timeSeries',
  ...perTest('Time series'),
  commands: env => [
    vscode.commands.registerCommand('loadtestLens.openTimeSeries', async (arg: unknown) => {
      const args = await testFrom(env, arg, 'Test to draw over time');
      if (args) env.host.open(timeSeriesView, args);
    }),
  ],
  create: (context, args) => new TimeSeriesHandler(context, args),
};
