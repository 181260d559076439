/**
 * The statistics of a test or of every test pooled: the host answers `statsQuery` (a section and
 * an optional comparison of two CPU ranges the user picked) with the whole view model.
 */
import { command, event } from '../ipc';
import type { CpuRangeVM, StatsSectionVM, StatsVM } from '../viewModel';
import { oneOf } from './checks';

const STATS_SECTIONS: readonly StatsSectionVM[] = [
  'qoe_vmaf',
  'qoe_visqol',
  'connection_start',
  'connection_start_publishers',
  'connection_start_subscribers',
];

/** CPU bounds a user may pick (CPU is a 0–1 share; a few cores' worth of headroom). */
const MAX_CPU_BOUND = 16;

function isBound(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_CPU_BOUND;
}

/** `[low, high)` with `high` null (no upper bound) or above `low`. */
function cpuRange(v: unknown): CpuRangeVM | undefined {
  if (!Array.isArray(v) || v.length !== 2) return undefined;
  const [low, high] = v as unknown[];
  if (!isBound(low)) return undefined;
  if (high === null) return [low, null];
  return isBound(high) && high > low ? [low, high] : undefined;
}

export interface StatsQuery {
  readonly section: StatsSectionVM;
  readonly custom: { readonly x: CpuRangeVM; readonly y: CpuRangeVM } | null;
}

function statsQuery(m: Readonly<Record<string, unknown>>): StatsQuery | undefined {
  const section = oneOf(STATS_SECTIONS, m['section']);
  if (!section) return undefined;
  if (m['custom'] === null) return { section, custom: null };
  const c = m['custom'];
  if (typeof c !== 'object' || c === null) return undefined;
  const x = cpuRange((c as Record<string, unknown>)['x']);
  const y = cpuRange((c as Record<string, unknown>)['y']);
  return x && y ? { section, custom: { x, y } } : undefined;
}

export const stats = {
  name: 'stats',
  inbound: {
    statsQuery: command('statsQuery', statsQuery),
  },
  events: {
    stats: event('stats').carries<{ readonly stats: StatsVM }>(),
  },
} as const;
