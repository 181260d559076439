/**
 * The run view of today's controller run: the host sends the view model; the webview asks to
 * recompute a scenario with a steady window or a fleet-sizing target, and to open the run's files.
 */
import { bare, command, event } from '../ipc';
import type { RunViewVM } from '../runView';
import { isWholeIn, parseRangeOrNull } from './checks';

function runQuery(m: Readonly<Record<string, unknown>>) {
  const steady = parseRangeOrNull(m['steady']);
  const target = m['target'];
  if (!isWholeIn(m['scenario'], 1, 10_000) || steady === undefined) return undefined;
  if (steady && steady.start < 0) return undefined;
  if (target !== null && !isWholeIn(target, 1, 10_000_000)) return undefined;
  return { scenario: m['scenario'], steady, target: target as number | null };
}

export const run = {
  name: 'run',
  inbound: {
    /**
     * Recompute scenario `scenario` (its index) with a steady window the user set (seconds from
     * its start; null = detect it) and a fleet-sizing target (null = none).
     */
    runQuery: command('runQuery', runQuery),
    /** Open the run's stats/ (per-user data) in the notebook views. */
    openRunPerUser: bare('openRunPerUser'),
    /** Open `files[file]` of the run's model (at `line`). */
    openRunFile: command('openRunFile', m => {
      const { file, line } = m;
      if (!isWholeIn(file, 0, 10_000)) return undefined;
      if (line === undefined) return { file };
      return isWholeIn(line, 1, 2 ** 40) ? { file, line } : undefined;
    }),
  },
  events: {
    runView: event('runView').carries<{ readonly run: RunViewVM }>(),
  },
} as const;
