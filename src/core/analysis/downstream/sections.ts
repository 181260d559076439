/**
 * Everything the notebook computes from one test's `connection_stats` rows (its cells 16+):
 * progression counts, QoE progression, and the five comparison sections (CPU-band table,
 * basics and comparisons, raw and clean).
 */
import type { ConnectionStatsRow, Profile, QoeMetric, SegmentType } from '../types';
import { getCases } from './cases';
import { makeComparisons, type MadeComparisons, type SectionDiagnostic } from './comparisons';
import { removeNoConnections, removeNoConnectionsSubs } from './connectionStarts';
import {
  calculateConnectionData,
  selectsRow,
  type BandStats,
  type MetricColumn,
  type SectionRow,
} from './cpuBands';
import { processEventsDf, type Progression } from './progression';
import { qoeProgression, type QoePoint } from './qoeProgression';
import { hasSubscribers } from './roles';
import { readBackAsPandas } from './pandasFloat';

export const SECTION_NAMES = [
  'qoe_vmaf',
  'qoe_visqol',
  'connection_start',
  'connection_start_publishers',
  'connection_start_subscribers',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** One comparison section as a task of the worker pool (src/core/pipeline/tasks.ts). */
export interface SectionTask {
  readonly kind: 'section';
  readonly section: SectionName;
  /** The section's rows (`sectionRows`), only the fields it reads. */
  readonly rows: readonly SectionRow[];
  readonly profile: Profile;
}

/** Runs section tasks: the worker pool or this thread (src/core/pipeline/runner.ts). */
export interface SectionRunner {
  run(task: SectionTask, signal?: AbortSignal): Promise<SectionResult>;
}

export interface SectionResult extends MadeComparisons {
  readonly section: SectionName;
  /** The metric's label in the CPU-band table's column names. */
  readonly label: string;
  readonly cpuThresholds: BandStats[];
}

export interface TestDownstream {
  readonly test: string;
  readonly profile: Profile;
  readonly progression: Progression;
  readonly qoeProgression: Record<QoeMetric, QoePoint[]>;
  readonly sections: SectionResult[];
  /** Rows dropped as exact duplicates before the analysis (default profile, B8). */
  readonly duplicateRowsDropped: number;
}

export interface SectionSpec {
  readonly type: SegmentType;
  readonly metric: MetricColumn;
  readonly label: string;
  readonly qoeMetric?: QoeMetric;
}

const CONNECTION_START_LABEL = 'connection start duration (seconds)';

export const SECTION_SPECS: Record<SectionName, SectionSpec> = {
  qoe_vmaf: { type: 'QOE', metric: 'qoe', label: 'VMAF', qoeMetric: 'vmaf' },
  qoe_visqol: { type: 'QOE', metric: 'qoe', label: 'VISQOL', qoeMetric: 'visqol' },
  connection_start: {
    type: 'connectionStart',
    metric: 'total_duration',
    label: CONNECTION_START_LABEL,
  },
  connection_start_publishers: {
    type: 'connectionStart',
    metric: 'total_duration',
    label: CONNECTION_START_LABEL,
  },
  connection_start_subscribers: {
    type: 'connectionStart',
    metric: 'total_duration',
    label: CONNECTION_START_LABEL,
  },
};

/** The rows a section starts from (the notebook filters connection starts first). */
export function sectionRows(
  test: string,
  section: SectionName,
  rows: readonly ConnectionStatsRow[],
  profile: Profile,
): readonly ConnectionStatsRow[] {
  switch (section) {
    case 'connection_start':
      return removeNoConnections(rows, profile);
    case 'connection_start_publishers':
      return removeNoConnectionsSubs(test, rows, 'publishers', profile);
    case 'connection_start_subscribers':
      return removeNoConnectionsSubs(test, rows, 'subscribers', profile);
    default:
      return rows;
  }
}

/** One comparison section: `get_cases` + `make_comparisons` on the section's rows. */
export function analyzeSection(
  test: string,
  section: SectionName,
  rows: readonly ConnectionStatsRow[],
  profile: Profile,
): SectionResult {
  return analyzeSectionRows(section, sectionRows(test, section, rows, profile), profile);
}

/** `analyzeSection` on rows `sectionRows` already narrowed (the unit of work a worker runs). */
export function analyzeSectionRows(
  section: SectionName,
  rows: readonly SectionRow[],
  profile: Profile,
): SectionResult {
  const spec = SECTION_SPECS[section];
  const data = calculateConnectionData(rows, spec, profile);
  const qoe = spec.type === 'QOE';
  const cases = getCases(data, spec.metric, qoe);
  return {
    section,
    label: spec.label,
    cpuThresholds: data.table,
    ...makeComparisons(cases, profile, { qoe }),
  };
}

/** Non-QOE rows that repeat an earlier row exactly (the notebook's second pass, B8). */
export function dropDuplicatePasses(rows: readonly ConnectionStatsRow[]): ConnectionStatsRow[] {
  const seen = new Set<string>();
  return rows.filter(r => {
    if (r.type === 'QOE') return true;
    const key = `${r.type}|${r.full_user}|${r.start_time}|${r.end_time}|${r.attempt}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sectionsFor(test: string, profile: Profile): SectionName[] {
  return SECTION_NAMES.filter(
    s => !s.startsWith('connection_start_') || hasSubscribers(test, profile),
  );
}

/** The rows cells 16+ start from: exact repeats dropped (default) or read back as pandas would. */
function downstreamRows(
  input: readonly ConnectionStatsRow[],
  profile: Profile,
): readonly ConnectionStatsRow[] {
  return profile === 'default' ? dropDuplicatePasses(input) : readBackAsPandas(input);
}

/** Everything of `TestDownstream` but the comparison sections. */
function testParts(
  test: string,
  input: readonly ConnectionStatsRow[],
  rows: readonly ConnectionStatsRow[],
  profile: Profile,
): Omit<TestDownstream, 'sections'> {
  return {
    test,
    profile,
    progression: processEventsDf(test, rows, profile),
    qoeProgression: {
      vmaf: qoeProgression(test, rows, 'vmaf', profile),
      visqol: qoeProgression(test, rows, 'visqol', profile),
    },
    duplicateRowsDropped: input.length - rows.length,
  };
}

/** All of the notebook's cells 16+ for one test. */
export function analyzeTestDownstream(
  test: string,
  input: readonly ConnectionStatsRow[],
  profile: Profile,
): TestDownstream {
  const rows = downstreamRows(input, profile);
  const sections = sectionsFor(test, profile).map(s => analyzeSection(test, s, rows, profile));
  return { ...testParts(test, input, rows, profile), sections };
}

/** The fields of `r` a section reads. */
function sectionRow(r: ConnectionStatsRow): SectionRow {
  return {
    type: r.type,
    qoe_metric: r.qoe_metric,
    cpu_median: r.cpu_median,
    total_duration: r.total_duration,
    qoe: r.qoe,
    full_user: r.full_user,
  };
}

/**
 * The rows of a section that `calculateConnectionData` reads, in order, with only the fields it
 * reads: all a worker needs (the other fields of each row would be cloned to it for nothing).
 */
function rowsToSend(
  test: string,
  section: SectionName,
  rows: readonly ConnectionStatsRow[],
  profile: Profile,
): SectionRow[] {
  const spec = SECTION_SPECS[section];
  const out: SectionRow[] = [];
  for (const r of sectionRows(test, section, rows, profile))
    if (selectsRow(spec, r)) out.push(sectionRow(r));
  return out;
}

/**
 * `analyzeTestDownstream` with its comparison sections (the bootstrap intervals, most of the
 * time) run as tasks of `runner`, so that the sections of all tests share the worker pool. Same
 * result: a section is computed by the same function on the same rows, wherever it runs.
 */
export async function analyzeTestDownstreamOn(
  runner: SectionRunner,
  test: string,
  input: readonly ConnectionStatsRow[],
  profile: Profile,
  signal?: AbortSignal,
): Promise<TestDownstream> {
  const rows = downstreamRows(input, profile);
  const sections = Promise.all(
    sectionsFor(test, profile).map(section =>
      runner.run(
        { kind: 'section', section, rows: rowsToSend(test, section, rows, profile), profile },
        signal,
      ),
    ),
  );
  const parts = testParts(test, input, rows, profile);
  return { ...parts, sections: await sections };
}

export type { SectionDiagnostic };
