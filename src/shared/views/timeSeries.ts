/**
 * The time series of a test: progression counts, QoE and QoS over time. The webview asks for one
 * chart at a time, cut to the visible range at its width in pixel columns (a request: the answer
 * comes back to the promise that asked), and who reported the extremes of a clicked second.
 */
import { command, event, request } from '../ipc';
import {
  qosChartOf,
  type ChartKey,
  type ChartVM,
  type SeriesIndexVM,
  type SeriesUsersVM,
} from '../viewModel';
import { isName, isWholeIn, MAX_SECONDS, parseRangeOrNull, userParams } from './checks';

export function isChartKey(v: unknown): v is ChartKey {
  return (
    typeof v === 'string' && (v === 'progression' || v === 'qoe' || qosChartOf(v) !== undefined)
  );
}

function chartQuery(m: Readonly<Record<string, unknown>>) {
  const { test, key, columns } = m;
  const range = parseRangeOrNull(m['range']);
  if (!isName(test) || !isChartKey(key) || !isWholeIn(columns, 0, 100_000) || range === undefined)
    return undefined;
  return { test, key, range, columns };
}

function usersQuery(m: Readonly<Record<string, unknown>>) {
  const { test, key, second } = m;
  return isName(test) && isChartKey(key) && isWholeIn(second, -MAX_SECONDS, MAX_SECONDS)
    ? { test, key, second }
    : undefined;
}

export const timeSeries = {
  name: 'timeseries',
  inbound: {
    /**
     * One chart cut to `range` (null = all of it) at `columns` pixel columns; asked on opening,
     * on switching charts and after every zoom or pan (finer data for the range).
     */
    seriesRequest: request('seriesRequest', chartQuery).returns<ChartVM>(),
    /** Who reported the lowest and highest values of `second` on a QoS chart. */
    seriesUsers: command('seriesUsers', usersQuery),
    /** Show a user's row in the test's connection progression (swimlane). */
    showUserInSwimlane: command('showUserInSwimlane', userParams),
  },
  events: {
    seriesIndex: event('seriesIndex').carries<{ readonly index: SeriesIndexVM }>(),
    seriesUsers: event('seriesUsers').carries<{ readonly users: SeriesUsersVM }>(),
    /** The stats.json files are read: a QoS chart answered before this can be asked again. */
    seriesQosRead: event('seriesQosRead').carries<Record<never, never>>(),
  },
} as const;
