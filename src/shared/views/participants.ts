/**
 * The participants overview of a test: per-user traffic, events and states, and a user × time
 * heatmap of the metric the user picks (`heatmapQuery`).
 */
import { command, event } from '../ipc';
import type { HeatmapMetricVM, HeatmapVM, ParticipantsVM } from '../viewModel';
import { oneOf } from './checks';

const HEATMAP_METRICS: readonly HeatmapMetricVM[] = ['bitrate', 'jitter', 'qoe', 'state'];

export const participants = {
  name: 'participants',
  inbound: {
    heatmapQuery: command('heatmapQuery', m => {
      const metric = oneOf(HEATMAP_METRICS, m['metric']);
      return metric ? { metric } : undefined;
    }),
  },
  events: {
    participants: event('participants').carries<{ readonly participants: ParticipantsVM }>(),
    heatmap: event('heatmap').carries<{ readonly heatmap: HeatmapVM }>(),
  },
} as const;
