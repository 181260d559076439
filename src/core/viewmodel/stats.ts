/**
 * The statistics view (the notebook's cells 19–21 as tables and plots): for one test or every test
 * of a root pooled, the CPU-band tables of each section (`calculate_connection_data`), the
 * comparison cases of the chosen section (`get_cases` + `make_comparisons`, raw and IQR-cleaned,
 * with the default profile's intervals) plus a case the user picks, each with its box/violin
 * distributions, metric-against-CPU scatter and a generated plain-language reading, and the
 * connection-start durations per role, per batch and against CPU. Every figure comes from the
 * analysis core (src/core/analysis/downstream, src/core/stats); this file only arranges them.
 */
import {
  calculateConnectionData,
  dropDuplicatePasses,
  getCases,
  isSubscriber,
  makeComparisons,
  SECTION_NAMES,
  SECTION_SPECS,
  sectionRows,
  sectionsFor,
  type BandStats,
  type BasicsRow,
  type ComparisonCase,
  type ComparisonRow,
  type IntervalCell,
  type SectionName,
  type StatCell,
} from '../analysis/downstream';
import { bandStats, metricValue, selectsRow } from '../analysis/downstream/cpuBands';
import { caseOf } from '../analysis/downstream/cases';
import type { ConnectionStatsRow } from '../analysis/types';
import type {
  AssumptionVM,
  BandTableVM,
  BasicsRowVM,
  CaseVM,
  CpuRangeVM,
  DistributionVM,
  IntervalVM,
  StartsVM,
  StatIntervalVM,
  StatsVM,
  StatTestRowVM,
  StatValueVM,
} from '../../shared/views/stats';
import { distributionOf, scatterOf } from './distribution';
import { plainReading } from './statsReading';
import { pushAll } from '../../shared/arrays';

/** Scatter points per group at most (evenly thinned beyond). */
export const STATS_MAX_POINTS = 3000;
/** Notes listed at most. */
const MAX_NOTES = 50;
/** Significance level of the assumption checks. */
const ALPHA = 0.05;

export const SECTION_TITLES: Record<SectionName, string> = {
  qoe_vmaf: 'QoE (VMAF)',
  qoe_visqol: 'QoE (ViSQOL)',
  connection_start: 'Connection start duration',
  connection_start_publishers: 'Connection start duration, publishers',
  connection_start_subscribers: 'Connection start duration, subscribers',
};

export interface StatsTestInput {
  readonly name: string;
  /** The test's `connection_stats` rows (default profile). */
  readonly rows: readonly ConnectionStatsRow[];
}

export interface StatsRequest {
  readonly section?: SectionName;
  readonly custom?: { readonly x: CpuRangeVM; readonly y: CpuRangeVM } | null;
  /**
   * CPU thresholds (setting `cpuBands`, ascending, 0–1). The notebook's [0.8, 0.9, 0.95] (or
   * none) keeps its bands and cases exactly; others give the same structure on these thresholds.
   */
  readonly cpuBands?: readonly number[];
}

export const NOTEBOOK_CPU_BANDS: readonly number[] = [0.8, 0.9, 0.95];

function isNotebookBands(t: readonly number[] | undefined): boolean {
  return !t || t.length === 0 || t.join() === NOTEBOOK_CPU_BANDS.join();
}

/**
 * The notebook's band structure on other thresholds t₀ < t₁ < …: Full test, `< tᵢ` for each,
 * then for i ≥ 1 `tᵢ₋₁ <= CPU < tᵢ` and `>= tᵢ` (with [0.8, 0.9, 0.95] exactly the notebook's
 * eight bands, in its order); a single threshold gives Full, `< t`, `>= t`.
 */
export function configuredRanges(t: readonly number[]): CpuRangeVM[] {
  const below = t.map((x): CpuRangeVM => [0, x]);
  const above =
    t.length === 1
      ? [[t[0], null] as CpuRangeVM]
      : t.slice(1).flatMap((x, i): CpuRangeVM[] => [
          [t[i] as number, x],
          [x, null],
        ]);
  return [...below, ...above];
}

/** The cases of configured thresholds: `< t vs >= t` for each but the lowest (all of one). */
export function configuredCases(t: readonly number[]): [CpuRangeVM, CpuRangeVM][] {
  return (t.length === 1 ? t : t.slice(1)).map(x => [
    [0, x],
    [x, null],
  ]);
}

/** `calculate_connection_data`'s table on configured thresholds (the default profile's labels). */
function configuredBandTable(
  rows: readonly ConnectionStatsRow[],
  section: SectionName,
  thresholds: readonly number[],
): BandStats[] {
  const spec = SECTION_SPECS[section];
  const selected = rows.filter(r => selectsRow(spec, r));
  const values = (keep: (r: ConnectionStatsRow) => boolean) =>
    selected.filter(keep).map(r => metricValue(r, spec.metric));
  return [
    bandStats(
      'Full test',
      values(() => true),
    ),
    ...configuredRanges(thresholds).map(range =>
      bandStats(
        `Median ${rangeLabel(range)}`,
        values(r => inRange(r.cpu_median, range)),
      ),
    ),
  ];
}

export interface StatsInput {
  readonly root: string;
  /** The test shown, or null for every test pooled. */
  readonly test: string | null;
  readonly tests: readonly StatsTestInput[];
}

/** A section's rows pooled over the tests that have it (each test filtered by its own roles). */
function pooledRows(
  tests: readonly StatsTestInput[],
  section: SectionName,
): ConnectionStatsRow[] | undefined {
  const having = tests.filter(t => sectionsFor(t.name, 'default').includes(section));
  if (having.length === 0) return undefined;
  return having.flatMap(t => [...sectionRows(t.name, section, t.rows, 'default')]);
}

function bandRow(b: BandStats): BandTableVM['rows'][number] {
  return {
    threshold: b.threshold,
    n: b.n,
    median: b.median,
    mean: b.mean,
    min: b.min,
    max: b.max,
    std: b.std,
  };
}

/** `low <= CPU < high`, `CPU < high`, `CPU >= low`. */
export function rangeLabel(range: CpuRangeVM): string {
  const [low, high] = range;
  if (high === null) return `CPU >= ${low}`;
  if (low <= 0) return `CPU < ${high}`;
  return `${low} <= CPU < ${high}`;
}

function inRange(cpu: number, [low, high]: CpuRangeVM): boolean {
  return cpu >= low && (high === null || cpu < high);
}

/** A case of two CPU ranges the user picked, built as `get_cases` builds its bands. */
export function customCase(
  rows: readonly ConnectionStatsRow[],
  section: SectionName,
  x: CpuRangeVM,
  y: CpuRangeVM,
): ComparisonCase {
  const spec = SECTION_SPECS[section];
  const selected = rows
    .filter(r => selectsRow(spec, r))
    .sort((a, b) => a.cpu_median - b.cpu_median);
  const pick = (range: CpuRangeVM) => selected.filter(r => inRange(r.cpu_median, range));
  return caseOf(
    { X: rangeLabel(x), Y: rangeLabel(y), metric: spec.label },
    pick(x),
    pick(y),
    spec.metric,
  );
}

const BASICS_KEYS = [
  'len(X)',
  'len(Y)',
  'mean(X)',
  'mean(Y)',
  'median(X)',
  'median(Y)',
  'std(X)',
  'std(Y)',
  'mean diff',
  'median diff',
  'std diff',
  'mean diff %',
  'median diff %',
  'std diff %',
  'len(outliers(X))',
  'len(outliers(Y))',
] as const;

function basicsRows(raw: BasicsRow, clean: BasicsRow): BasicsRowVM[] {
  return BASICS_KEYS.map(key => ({ key, raw: raw[key], clean: clean[key] }));
}

const NOT_COMPUTABLE = 'not computable';

function numberValue(row: ComparisonRow, statKey: string, pKey?: string): StatValueVM {
  const statistic = row[statKey];
  const pvalue = pKey ? row[pKey] : undefined;
  if (typeof statistic !== 'number' || Number.isNaN(statistic)) return { missing: NOT_COMPUTABLE };
  if (pKey === undefined) return { statistic };
  return typeof pvalue === 'number' && !Number.isNaN(pvalue)
    ? { statistic, pvalue }
    : { statistic };
}

function cellDetail(cell: Record<string, unknown>): string | undefined {
  const cv = cell['critical_values'];
  if (Array.isArray(cv)) return `critical values ${cv.map(v => Number(v).toFixed(3)).join(', ')}`;
  return undefined;
}

function cellValue(row: ComparisonRow, key: string): StatValueVM {
  const cell = row[key] as StatCell | undefined;
  if (!cell || typeof cell !== 'object') return { missing: NOT_COMPUTABLE };
  if ('statistic' in cell) {
    const detail = cellDetail(cell);
    if (Number.isNaN(cell.statistic)) return { missing: NOT_COMPUTABLE };
    return {
      statistic: cell.statistic,
      ...(Number.isNaN(cell.pvalue) ? {} : { pvalue: cell.pvalue }),
      ...(detail ? { detail } : {}),
    };
  }
  return { missing: 'message' in cell ? cell.message : cell.error };
}

function pOf(row: ComparisonRow, key: string): { pvalue: number; holds: boolean } | null {
  const v = cellValue(row, key);
  if ('missing' in v || v.pvalue === undefined) return null;
  return { pvalue: v.pvalue, holds: v.pvalue >= ALPHA };
}

function assumption(
  label: string,
  key: string,
  raw: ComparisonRow,
  clean: ComparisonRow,
): AssumptionVM {
  return { label, raw: pOf(raw, key), clean: pOf(clean, key) };
}

function assumptionsOf(raw: ComparisonRow, clean: ComparisonRow) {
  const normalX = assumption('Normality of X (Shapiro–Wilk)', 'Shapiro X', raw, clean);
  const normalY = assumption('Normality of Y (Shapiro–Wilk)', 'Shapiro Y', raw, clean);
  const equalVar = assumption('Equal variance (Brown–Forsythe)', 'Brown-Forsythe', raw, clean);
  const equalSpread = assumption('Equal spread (Fligner–Killeen)', 'Fligner', raw, clean);
  return { parametric: [normalX, normalY, equalVar], rank: [equalSpread] };
}

/** Every statistic and p-value of the notebook's `comparisons` table, raw and clean. */
function testRows(raw: ComparisonRow, clean: ComparisonRow): StatTestRowVM[] {
  const a = assumptionsOf(raw, clean);
  const flat = (
    key: string,
    label: string,
    s: string,
    p: string | undefined,
    as: AssumptionVM[],
  ) => ({
    key,
    label,
    raw: numberValue(raw, s, p),
    clean: numberValue(clean, s, p),
    assumptions: as,
  });
  const cell = (key: string, label: string) => ({
    key,
    label,
    raw: cellValue(raw, key),
    clean: cellValue(clean, key),
    assumptions: [],
  });
  return [
    flat('MWU', 'Mann–Whitney U', 'U (MWU)', 'p-value (MWU)', a.rank),
    flat(
      'rank-biserial',
      'Effect size: rank-biserial r (MWU)',
      'effect size (MWU, rank-biserial correlation)',
      undefined,
      a.rank,
    ),
    flat('t-test', "Student's t-test", 't (t-test)', 'p-value (t-test)', a.parametric),
    flat(
      'cohen-d',
      "Effect size: Cohen's d (t-test)",
      "effect size (t-test, Cohen's d)",
      undefined,
      a.parametric,
    ),
    cell('Shapiro X', 'Shapiro–Wilk, X'),
    cell('Shapiro Y', 'Shapiro–Wilk, Y'),
    cell('Brown-Forsythe', 'Brown–Forsythe (Levene, median)'),
    cell('Fligner', 'Fligner–Killeen'),
    cell('K-S', 'Kolmogorov–Smirnov'),
    cell('Anderson-Darling', 'Anderson–Darling (k-sample)'),
    cell('Kruskal-Wallis', 'Kruskal–Wallis H'),
    cell('Pearson X', 'Pearson r, X vs CPU'),
    cell('Pearson Y', 'Pearson r, Y vs CPU'),
  ];
}

function intervalValue(cell: unknown): StatIntervalVM {
  const c = cell as IntervalCell | undefined;
  if (!c) return { missing: NOT_COMPUTABLE };
  if ('low' in c)
    return { estimate: c.estimate, low: c.low, high: c.high, level: c.level, method: c.method };
  return { missing: c.message };
}

const INTERVALS: ReadonlyArray<readonly [string, string]> = [
  ['mean diff CI', 'Mean difference X − Y'],
  ['median diff CI', 'Median difference X − Y'],
  ['shift (Hodges-Lehmann)', 'Shift X − Y (Hodges–Lehmann)'],
  ["effect size (t-test, Cohen's d) CI", "Cohen's d"],
  ['effect size (MWU, rank-biserial correlation) CI', 'Rank-biserial r (Cliff’s delta)'],
];

function intervalRows(raw: ComparisonRow, clean: ComparisonRow): IntervalVM[] {
  return INTERVALS.map(([key, label]) => ({
    key,
    label,
    raw: intervalValue(raw[key]),
    clean: intervalValue(clean[key]),
  }));
}

function readingOf(
  metric: string,
  c: ComparisonCase,
  basics: BasicsRow | undefined,
  row: ComparisonRow | undefined,
): string {
  const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
  return plainReading({
    metric,
    x: c.X,
    y: c.Y,
    nX: basics ? basics['len(X)'] : c['len(X)'],
    nY: basics ? basics['len(Y)'] : c['len(Y)'],
    medianX: basics ? basics['median(X)'] : NaN,
    medianY: basics ? basics['median(Y)'] : NaN,
    rankBiserial: num(row?.['effect size (MWU, rank-biserial correlation)']),
    pvalue: num(row?.['p-value (MWU)']),
  });
}

function caseVM(
  c: ComparisonCase,
  metric: string,
  qoe: boolean,
  custom: boolean,
  notes: string[],
): CaseVM {
  const made = makeComparisons([c], 'default', { qoe });
  pushAll(
    notes,
    made.diagnostics.map(d => d.message),
  );
  const [raw, clean] = [made.comparisons[0], made.comparisonsClean[0]];
  const [basics, basicsClean] = [made.basics[0], made.basicsClean[0]];
  const computed = raw && clean && basics && basicsClean;
  return {
    id: custom ? 'custom' : `${c.X}|${c.Y}`,
    X: c.X,
    Y: c.Y,
    custom,
    groups: [distributionOf(c.X, c.XSeries), distributionOf(c.Y, c.YSeries)],
    scatter: [
      scatterOf(c.XSeriesCPU, c.XSeries, STATS_MAX_POINTS, c.XUsers),
      scatterOf(c.YSeriesCPU, c.YSeries, STATS_MAX_POINTS, c.YUsers),
    ],
    basics: computed ? basicsRows(basics, basicsClean) : [],
    tests: computed ? testRows(raw, clean) : [],
    intervals: computed ? intervalRows(raw, clean) : [],
    reading: {
      raw: readingOf(metric, c, basics, raw),
      clean: readingOf(`${metric} without outliers`, c, basicsClean, clean),
    },
  };
}

function byBatch(rows: readonly ConnectionStatsRow[]): DistributionVM[] {
  const groups = new Map<number, number[]>();
  for (const r of rows) {
    const list = groups.get(r.batch);
    if (list) list.push(r.total_duration);
    else groups.set(r.batch, [r.total_duration]);
  }
  return [...groups.entries()]
    .sort((a, b) => (Number.isNaN(a[0]) ? 1 : Number.isNaN(b[0]) ? -1 : a[0] - b[0]))
    .map(([batch, values]) =>
      distributionOf(Number.isNaN(batch) ? 'No batch' : `Batch ${batch}`, values),
    );
}

/** Connection-start durations (starts that connected) per role, per batch and against CPU. */
export function startsVM(rows: readonly ConnectionStatsRow[] | undefined): StartsVM | null {
  const starts = (rows ?? []).filter(r => r.type === 'connectionStart');
  if (starts.length === 0) return null;
  const subscriber = (r: ConnectionStatsRow) => isSubscriber(r.index, r.user, 'default');
  const pubs = starts.filter(r => !subscriber(r));
  const subs = starts.filter(subscriber);
  const duration = (list: readonly ConnectionStatsRow[]) => list.map(r => r.total_duration);
  const cpu = (list: readonly ConnectionStatsRow[]) => list.map(r => r.cpu_median);
  const users = (list: readonly ConnectionStatsRow[]) => list.map(r => r.full_user);
  const roles = [
    ...(pubs.length ? [distributionOf('Publishers', duration(pubs))] : []),
    ...(subs.length ? [distributionOf('Subscribers', duration(subs))] : []),
  ];
  return {
    roles,
    batches: byBatch(starts),
    scatter: [
      scatterOf(cpu(pubs), duration(pubs), STATS_MAX_POINTS, users(pubs)),
      scatterOf(cpu(subs), duration(subs), STATS_MAX_POINTS, users(subs)),
    ],
  };
}

function sectionRowCount(rows: readonly ConnectionStatsRow[], section: SectionName): number {
  const spec = SECTION_SPECS[section];
  return rows.filter(r => selectsRow(spec, r)).length;
}

/** The statistics view model; `request` picks the section and the user's case. */
export function statsVM(input: StatsInput, request: StatsRequest = {}): StatsVM {
  const tests = input.tests.map(t => ({ name: t.name, rows: dropDuplicatePasses(t.rows) }));
  const pooled = new Map<SectionName, ConnectionStatsRow[]>();
  for (const s of SECTION_NAMES) {
    const rows = pooledRows(tests, s);
    if (rows) pooled.set(s, rows);
  }
  const sections = [...pooled.entries()].map(([name, rows]) => ({
    name,
    title: SECTION_TITLES[name],
    rows: sectionRowCount(rows, name),
  }));
  const thresholds = isNotebookBands(request.cpuBands) ? undefined : request.cpuBands;
  const bandTables: BandTableVM[] = sections.map(s => {
    const rows = pooled.get(s.name) ?? [];
    const data = calculateConnectionData(rows, SECTION_SPECS[s.name], 'default');
    const table = thresholds ? configuredBandTable(rows, s.name, thresholds) : data.table;
    return { section: s.name, title: s.title, label: data.label, rows: table.map(bandRow) };
  });
  const wanted = sections.find(s => s.name === request.section);
  const section = (wanted ?? sections.find(s => s.rows > 0) ?? sections[0])?.name ?? 'qoe_vmaf';
  const rows = pooled.get(section) ?? [];
  const spec = SECTION_SPECS[section];
  const qoe = spec.type === 'QOE';
  const data = calculateConnectionData(rows, spec, 'default');
  const metric = SECTION_TITLES[section];
  const notes: string[] = [];
  const preset = thresholds
    ? configuredCases(thresholds).map(([x, y]) => customCase(rows, section, x, y))
    : getCases(data, spec.metric, qoe);
  const cases = preset.map(c => caseVM(c, metric, qoe, false, notes));
  const custom = request.custom ?? null;
  if (custom)
    cases.push(caseVM(customCase(rows, section, custom.x, custom.y), metric, qoe, true, notes));
  return {
    test: input.test,
    root: input.root,
    tests: tests.map(t => t.name),
    sections,
    section,
    metric: data.label,
    bandTables,
    cases,
    custom,
    starts: startsVM(pooled.get('connection_start')),
    notes: notes.slice(0, MAX_NOTES),
  };
}
