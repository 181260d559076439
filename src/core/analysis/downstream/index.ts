// The notebook's cells 16+: everything computed from `connection_stats` (see docs/analyze.md).
export {
  processEventsDf,
  PROGRESSION_KINDS,
  type Progression,
  type ProgressionKind,
  type ProgressionPoint,
} from './progression';
export {
  calculateConnectionData,
  BANDS,
  type BandStats,
  type ConnectionData,
  type BandKey,
} from './cpuBands';
export { removeNoConnections, removeNoConnectionsSubs, type RoleGroup } from './connectionStarts';
export { getCases, type ComparisonCase } from './cases';
export {
  makeComparisons,
  type BasicsRow,
  type ComparisonRow,
  type IntervalCell,
  type MadeComparisons,
  type SectionDiagnostic,
  type StatCell,
} from './comparisons';
export { qoeProgression, pythonFloorDiv, type QoePoint } from './qoeProgression';
export { isSubscriber, hasSubscribers } from './roles';
export {
  analyzeTestDownstream,
  analyzeTestDownstreamOn,
  analyzeSection,
  dropDuplicatePasses,
  sectionsFor,
  sectionRows,
  SECTION_SPECS,
  type SectionSpec,
  SECTION_NAMES,
  type SectionName,
  type SectionResult,
  type TestDownstream,
} from './sections';
export {
  separateStats,
  planStats,
  runStatsPlan,
  separateStatsRaises,
  avgQosIntervals,
  type QosInterval,
  type StatsPlan,
} from './qos';
export { pandasParseFloat, csvRoundTrip, readBackAsPandas } from './pandasFloat';
