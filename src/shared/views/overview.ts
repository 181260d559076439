/**
 * The overview of a result root (custom editor or panel): its tests, the selected test's media
 * node series, and links to the test's other views and files.
 */
import { command, event } from '../ipc';
import type { NodeSeriesVM, OverviewVM } from '../viewModel';
import { isName, testParams } from './checks';

/** Files of a test the webview may ask the host to open; the host resolves them inside the root. */
export type TestFileKind = 'log' | 'medianode';

export const overview = {
  name: 'overview',
  inbound: {
    selectTest: command('selectTest', testParams),
    openTestFile: command('openTestFile', m =>
      isName(m['test']) && (m['kind'] === 'log' || m['kind'] === 'medianode')
        ? { test: m['test'], kind: m['kind'] as TestFileKind }
        : undefined,
    ),
    openSwimlane: command('openSwimlane', testParams),
    openTimeSeries: command('openTimeSeries', testParams),
    /** Statistics of a test, or of every test (`test` null). */
    openStats: command('openStats', m =>
      m['test'] === null || isName(m['test']) ? { test: m['test'] } : undefined,
    ),
    openParticipants: command('openParticipants', testParams),
  },
  events: {
    overview: event('overview').carries<{ readonly overview: OverviewVM }>(),
    nodeSeries: event('nodeSeries').carries<{
      readonly series: NodeSeriesVM | null;
      readonly test: string;
    }>(),
  },
} as const;
