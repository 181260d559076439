// The messages of every view's contract in one table, for the tests that check validation of
// untrusted webview messages across all views (the host validates against one view's contract).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InboundTable, type Contract } from '../../src/shared/ipc';
import { common } from '../../src/shared/views/common';
import { compare } from '../../src/shared/views/compare';
import { failureCauses } from '../../src/shared/views/failureCauses';
import { logView } from '../../src/shared/views/logView';
import { overview } from '../../src/shared/views/overview';
import { participants } from '../../src/shared/views/participants';
import { run } from '../../src/shared/views/run';
import { stats } from '../../src/shared/views/stats';
import { swimlane } from '../../src/shared/views/swimlane';
import { timeSeries } from '../../src/shared/views/timeSeries';

export const CONTRACTS: readonly Contract[] = [
  overview,
  swimlane,
  timeSeries,
  stats,
  participants,
  compare,
  logView,
  run,
  failureCauses,
];

/** The webviews' page folders (src/webview/<name>/main.ts), the report page excepted. */
export function webviewFolders(repo: string): string[] {
  return readdirSync(join(repo, 'src', 'webview'), { withFileTypes: true })
    .filter(d => d.isDirectory() && !['common', 'report'].includes(d.name))
    .map(d => d.name)
    .sort();
}

const TABLE = new InboundTable(common.inbound, ...CONTRACTS.map(c => c.inbound));

/** Every webview → host message type of every view. */
export const INBOUND_TYPES: readonly string[] = [common, ...CONTRACTS].flatMap(c =>
  Object.values(c.inbound).map(d => d.type),
);

/** A raw message validated against every view's contract: its wire form, or undefined. */
export function parseWebviewMessage(raw: unknown): Record<string, unknown> | undefined {
  const parsed = TABLE.parse(raw);
  if (!parsed) return undefined;
  return {
    type: parsed.descriptor.type,
    ...(parsed.params as object),
    ...(parsed.id === undefined ? {} : { id: parsed.id }),
  };
}
