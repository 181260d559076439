/**
 * The statistics tables: CPU bands, and per case the notebook's tests (raw and outlier-cleaned)
 * with the assumptions each relies on, the effect sizes with their intervals, and the basics.
 * Every number cell carries its full-precision value in `data-value`; text is only formatted.
 */
import type {
  AssumptionVM,
  BandTableVM,
  BasicsRowVM,
  IntervalVM,
  StatIntervalVM,
  StatTestRowVM,
  StatValueVM,
} from '../../shared/views/stats';
import { el, scrollBox } from '../common/dom';

/** Four significant digits; exponent form for very large or small values; NaN as a dash. */
export function fmt(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-4)) return v.toExponential(2).replace('-', '−');
  return String(Number(v.toPrecision(4))).replace('-', '−');
}

export function numCell(v: number | undefined, extra: Record<string, string> = {}): HTMLElement {
  const attrs: Record<string, string> = { class: 'num', ...extra };
  if (v !== undefined) attrs['data-value'] = String(v);
  return el('td', attrs, fmt(v));
}

function table(
  caption: string,
  header: readonly string[],
  rows: HTMLElement[],
  attrs: Record<string, string> = {},
): HTMLElement {
  return scrollBox(
    el(
      'table',
      attrs,
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, ...header.map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows),
    ),
  );
}

export function bandTable(t: BandTableVM): HTMLElement {
  const rows = t.rows.map(r =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, r.threshold),
      numCell(r.n),
      numCell(r.median),
      numCell(r.mean),
      numCell(r.min),
      numCell(r.max),
      numCell(r.std),
    ),
  );
  return table(
    `${t.title}: ${t.label} by median CPU of the segment`,
    ['CPU band', 'n', 'median', 'mean', 'min', 'max', 'std'],
    rows,
    { class: 'band-table', 'data-section': t.section },
  );
}

type Pass = 'raw' | 'clean';

/** Why a pass has no value, over its two columns. */
function missingCells(why: string, pass: Pass): HTMLElement[] {
  return [el('td', { class: 'missing', colspan: '2', 'data-pass': pass }, why)];
}

/** A row of a two-pass table: its label, the raw pass' cells, the clean pass' cells, then `after`. */
function passRow<V>(
  row: { readonly key: string; readonly raw: V; readonly clean: V },
  label: string,
  cells: (value: V, pass: Pass) => HTMLElement[],
  ...after: HTMLElement[]
): HTMLElement {
  return el(
    'tr',
    { 'data-key': row.key },
    el('th', { scope: 'row' }, label),
    ...cells(row.raw, 'raw'),
    ...cells(row.clean, 'clean'),
    ...after,
  );
}

function valueCells(v: StatValueVM, pass: Pass): HTMLElement[] {
  if ('missing' in v) return missingCells(v.missing, pass);
  const stat = numCell(v.statistic, { 'data-pass': pass, 'data-field': 'statistic' });
  if (v.detail) stat.title = v.detail;
  return [stat, numCell(v.pvalue, { 'data-pass': pass, 'data-field': 'pvalue' })];
}

/** `✓` holds / `✗` doubtful at α = 0.05, `?` not testable. */
function mark(a: AssumptionVM['raw']): string {
  if (!a) return '?';
  return a.holds ? '✓' : '✗';
}

function pText(a: AssumptionVM['raw']): string {
  return a ? `p = ${fmt(a.pvalue)}` : 'not testable';
}

/** One line per assumption: verdict, short name, raw p and the clean pass' p. */
function assumptionList(list: readonly AssumptionVM[]): HTMLElement {
  if (list.length === 0) return el('td', { class: 'assumptions' }, '—');
  const items = list.map(a =>
    el(
      'li',
      {
        class: a.raw && !a.raw.holds ? 'doubtful' : 'holds',
        title: `${a.label}: raw ${pText(a.raw)}, without outliers ${pText(a.clean)} (✓ holds, ✗ doubtful at α = 0.05)`,
      },
      `${mark(a.raw)} ${a.label}: ${pText(a.raw)}; clean ${mark(a.clean)} ${pText(a.clean)}`,
    ),
  );
  return el('td', { class: 'assumptions' }, el('ul', {}, ...items));
}

export function testsTable(tests: readonly StatTestRowVM[]): HTMLElement {
  const rows = tests.map(t => passRow(t, t.label, valueCells, assumptionList(t.assumptions)));
  return table(
    'Tests (scipy-exact), on the raw values and without the IQR outliers',
    ['Test', 'Statistic', 'p', 'Statistic (clean)', 'p (clean)', 'Assumes (α = 0.05)'],
    rows,
    { class: 'tests-table' },
  );
}

function intervalCells(v: StatIntervalVM, pass: Pass): HTMLElement[] {
  if ('missing' in v) return missingCells(v.missing, pass);
  const ci = el(
    'td',
    { class: 'num', 'data-pass': pass, 'data-low': String(v.low), 'data-high': String(v.high) },
    `[${fmt(v.low)}, ${fmt(v.high)}] ${Math.round(v.level * 100)} % ${v.method}`,
  );
  return [numCell(v.estimate, { 'data-pass': pass, 'data-field': 'estimate' }), ci];
}

export function intervalsTable(intervals: readonly IntervalVM[]): HTMLElement {
  const rows = intervals.map(i => passRow(i, i.label, intervalCells));
  return table(
    'Effect sizes and differences with confidence intervals',
    ['Estimate', 'Value', 'Interval', 'Value (clean)', 'Interval (clean)'],
    rows,
    { class: 'intervals-table' },
  );
}

export function basicsTable(basics: readonly BasicsRowVM[]): HTMLElement {
  const rows = basics.map(b => passRow(b, b.key, (v, pass) => [numCell(v, { 'data-pass': pass })]));
  return table('Basics (the notebook’s table)', ['', 'Raw', 'Without outliers'], rows, {
    class: 'basics-table',
  });
}
