/**
 * The per-user segment analysis of the notebook's cells 11–15, producing its `connection_stats`
 * rows. One function per notebook function; `connectionStatsRows` runs them all for a test.
 */
export type {
  CombinedRow,
  CpuSeconds,
  FailureRow,
  Interval,
  NotebookUser,
  QoeFragment,
  QoeSubInterval,
} from './model';
export { processUserData, eventSpan, type ScanOrder } from './users';
export { readScanOrder } from './scanOrder';
export {
  logZone,
  stampTime,
  processLogFailures,
  testWindow,
  cpuFiltered,
  cappedEnd,
  type TestWindow,
} from './window';
export {
  isPublisher,
  eventFamily,
  dropRepeatedSuccesses,
  buildCombinedOpenVidu2,
  buildCombinedLiveKit,
  liveKitPublications,
  isReconnecting,
  userFailures,
} from './combined';
export {
  getConnectionTimeIntervals,
  intersectIntervals,
  sessionIntersections,
  secondsSince,
  RECORDING_DELAY_SECONDS,
  type Intersections,
} from './intervals';
export {
  setFragStartEnd,
  placeByCutIndex,
  layQoeFragments,
  avgQoeIntervals,
  recordedDuration,
  round5,
  isClose,
  qoeScale,
} from './fragments';
export { calcStats, cpuWindow, describeCpu, NO_CPU, type CpuStats } from './calcStats';
export {
  connectionStatsRows,
  rootConnectionStats,
  buildCombined,
  drawConsPlotRows,
  transitionRows,
  batchOf,
  isSuccessEvent,
  type ConnectionStatsOptions,
  type ConnectionStatsResult,
} from './connectionStats';
