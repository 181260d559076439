/**
 * The rows of a test's QoS tables that belong to one run: those whose RTCStats report
 * `timestamp` (epoch ms) lies in a time window. Rows without a timestamp are kept (nothing says
 * they are of another run). Used when the test's events.json files also held another run's
 * events (analysis/currentRun.ts): the same files' stats.json hold that run's samples too.
 */
import { inRunWindow, type RunWindow } from '../../model/test';
import { isNumberColumn, numberAt, type Column, type ColumnTable } from './columns';
import type { IdArray, NumberArray } from './narrow';
import { QOS_TABLE_NAMES, type NetworkScores, type QosTable, type QosTables } from './model';

type TypedArray = NumberArray | IdArray;

/** `a`'s values at `rows`, in a new array of the same type (sentinels for missing kept as they are). */
function take<T extends TypedArray>(a: T, rows: Int32Array): T {
  const out = new (a.constructor as new (n: number) => T)(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = a[rows[i] as number] as number;
  return out;
}

function takeColumn(c: Column, rows: Int32Array): Column {
  return isNumberColumn(c)
    ? { ...c, values: take(c.values, rows) }
    : { ...c, ids: take(c.ids, rows) };
}

/** Indexes of the rows whose time lies in the window (or is unknown); undefined when all do. */
function rowsIn(
  rows: number,
  timeAt: (r: number) => number,
  window: RunWindow,
): Int32Array | undefined {
  const kept: number[] = [];
  for (let r = 0; r < rows; r++) {
    if (inRunWindow(window, timeAt(r))) kept.push(r);
  }
  return kept.length === rows ? undefined : Int32Array.from(kept);
}

function timeColumn(t: ColumnTable): ((r: number) => number) | undefined {
  const c = t.columns.find(col => col.name === 'timestamp');
  return c && isNumberColumn(c) ? r => numberAt(c, r) : undefined;
}

function tableIn(t: QosTable, window: RunWindow): QosTable {
  const time = timeColumn(t);
  const rows = time && rowsIn(t.rows, time, window);
  if (!rows) return t;
  return {
    rows: rows.length,
    columns: t.columns.map(c => takeColumn(c, rows)),
    source: take(t.source, rows),
    element: take(t.element, rows),
    offset: take(t.offset, rows),
    lossRatio: take(t.lossRatio, rows),
    packetsPerSecond: take(t.packetsPerSecond, rows),
  };
}

function scoresIn(s: NetworkScores, window: RunWindow): NetworkScores {
  const rows = rowsIn(s.rows, r => s.time[r] as number, window);
  if (!rows) return s;
  return {
    rows: rows.length,
    source: take(s.source, rows),
    element: take(s.element, rows),
    time: take(s.time, rows),
    inbound: take(s.inbound, rows),
    outbound: take(s.outbound, rows),
  };
}

/** `tables` with only the rows of the run in `window`; the same object when nothing is left out. */
export function qosInRun(tables: QosTables, window: RunWindow | undefined): QosTables {
  if (!window) return tables;
  const selected = Object.fromEntries(
    QOS_TABLE_NAMES.map(name => [name, tableIn(tables.tables[name], window)]),
  ) as QosTables['tables'];
  const rows = Object.fromEntries(QOS_TABLE_NAMES.map(name => [name, selected[name].rows]));
  return {
    ...tables,
    tables: selected,
    networkScores: scoresIn(tables.networkScores, window),
    counts: { ...tables.counts, rows: rows as QosTables['counts']['rows'] },
  };
}
