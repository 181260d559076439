// Runs the notebook's own code (test/oracle/notebook_upstream.py) and compares its
// connection_stats.csv with our rows of the `notebook` profile.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { InlineRunner } from '../../../src/core/pipeline/runner';
import { ingestRoot, type RootData } from '../../../src/core/ingest/ingestRoot';
import {
  CONNECTION_STATS_COLUMNS,
  type ConnectionStatsRow,
} from '../../../src/core/analysis/types';
import { readScanOrder, rootConnectionStats } from '../../../src/core/analysis/segments';
import type { ScanOrder } from '../../../src/core/analysis/segments';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, '../../oracle/notebook_upstream.py');

export const INSTALL_HINT =
  `${PYTHON} cannot import pandas/scipy, so the notebook oracle cannot run. Install Debian's ` +
  'packages (the notebook versions: pandas 1.5.3, scipy 1.10.1) as root with ' +
  '`apt-get update && apt-get install -y python3-pandas python3-scipy`, or run scripts/oracle.sh once (it installs them).';

/** Throws with the install hint when the oracle's Python has no pandas. */
export function requirePandas(): void {
  const r = spawnSync(PYTHON, ['-c', 'import pandas, scipy'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${INSTALL_HINT}\n${r.stderr ?? r.error?.message ?? ''}`);
}

/** The notebook's connection_stats.csv for these tests of a root, as parsed rows. */
export async function runOracle(
  root: string,
  tests: readonly string[],
  out: string,
): Promise<Record<string, string>[]> {
  const r = spawnSync(PYTHON, [SCRIPT, root, out, ...tests], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`The notebook oracle failed:\n${r.stderr}`);
  const text = await readFile(out, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.meta.fields?.join(',') !== CONNECTION_STATS_COLUMNS.join(','))
    throw new Error(`Oracle columns differ: ${parsed.meta.fields?.join(',')}`);
  return parsed.data;
}

export async function ingest(root: string): Promise<RootData> {
  return ingestRoot(root, { runner: new InlineRunner() });
}

/** Our `notebook` rows, with the notebook's directory scan order for B5's labels. */
export async function ourNotebookRows(data: RootData): Promise<ConnectionStatsRow[]> {
  const scanOrders = new Map<string, ScanOrder>();
  for (const t of data.tests)
    if (t.location.statsDir)
      scanOrders.set(t.location.name, await readScanOrder(t.location.statsDir));
  return rootConnectionStats(data, 'notebook', { scanOrders }).rows;
}

const TEXT_COLUMNS = new Set(['type', 'user', 'session', 'full_user', 'qoe_metric', 'index']);

/** 1e-9 relative, with a 1e-12 absolute floor for values that should be 0. */
function sameNumber(ours: number, theirs: number): boolean {
  if (Number.isNaN(ours) || Number.isNaN(theirs)) return Number.isNaN(ours) && Number.isNaN(theirs);
  return Math.abs(ours - theirs) <= 1e-9 * Math.max(Math.abs(ours), Math.abs(theirs)) + 1e-12;
}

function cell(row: ConnectionStatsRow, column: (typeof CONNECTION_STATS_COLUMNS)[number]): unknown {
  return (row as unknown as Record<string, unknown>)[column];
}

/** Differences between our rows and the oracle's, at most `limit` of them, as readable lines. */
export function differences(
  ours: readonly ConnectionStatsRow[],
  theirs: readonly Record<string, string>[],
  limit = 20,
): string[] {
  const out: string[] = [];
  if (ours.length !== theirs.length)
    out.push(`row count: ours ${ours.length}, notebook ${theirs.length}`);
  const n = Math.min(ours.length, theirs.length);
  for (let i = 0; i < n && out.length < limit; i++) {
    const a = ours[i] as ConnectionStatsRow;
    const b = theirs[i] as Record<string, string>;
    for (const c of CONNECTION_STATS_COLUMNS) {
      const mine = cell(a, c);
      const text = b[c] ?? '';
      const same = TEXT_COLUMNS.has(c)
        ? String(mine ?? '') === text
        : sameNumber(typeof mine === 'number' ? mine : NaN, text === '' ? NaN : Number(text));
      if (!same)
        out.push(
          `row ${i} (${b['full_user']} ${b['type']}) ${c}: ours ${String(mine)}, notebook ${text}`,
        );
    }
  }
  return out;
}
