/**
 * The statistics view's tables as one long CSV (one value a line), so a spreadsheet can pivot
 * them: band tables, and per case the basics, tests and intervals, raw and without outliers.
 */
import type { CsvCell } from '../common/export';
import type { StatIntervalVM, StatsVM, StatValueVM } from '../../shared/views/stats';

export const STATS_CSV_HEADER = ['table', 'group', 'row', 'pass', 'field', 'value'] as const;

type Row = readonly CsvCell[];

function valueRows(c: string, row: string, pass: string, v: StatValueVM): Row[] {
  if ('missing' in v) return [['tests', c, row, pass, 'missing', v.missing]];
  return [
    ['tests', c, row, pass, 'statistic', v.statistic],
    ...(v.pvalue === undefined ? [] : [['tests', c, row, pass, 'pvalue', v.pvalue] as Row]),
  ];
}

function intervalRows(c: string, row: string, pass: string, v: StatIntervalVM): Row[] {
  if ('missing' in v) return [['intervals', c, row, pass, 'missing', v.missing]];
  return (['estimate', 'low', 'high', 'level'] as const)
    .map((f): Row => ['intervals', c, row, pass, f, v[f]])
    .concat([['intervals', c, row, pass, 'method', v.method]]);
}

export function statsCsvRows(vm: StatsVM): Row[] {
  const rows: Row[] = [];
  for (const t of vm.bandTables)
    for (const b of t.rows)
      for (const f of ['n', 'median', 'mean', 'min', 'max', 'std'] as const)
        rows.push(['bands', t.title, b.threshold, '', f, b[f]]);
  for (const c of vm.cases) {
    const group = `${c.X} vs ${c.Y}`;
    for (const b of c.basics)
      rows.push(
        ['basics', group, b.key, 'raw', 'value', b.raw],
        ['basics', group, b.key, 'clean', 'value', b.clean],
      );
    for (const t of c.tests)
      rows.push(
        ...valueRows(group, t.label, 'raw', t.raw),
        ...valueRows(group, t.label, 'clean', t.clean),
      );
    for (const i of c.intervals)
      rows.push(
        ...intervalRows(group, i.label, 'raw', i.raw),
        ...intervalRows(group, i.label, 'clean', i.clean),
      );
    rows.push(
      ['reading', group, '', 'raw', 'text', c.reading.raw],
      ['reading', group, '', 'clean', 'text', c.reading.clean],
    );
  }
  return rows;
}
