// Options of the generator of today's runs (openvidu-loadtest HEAD, `browser: emulated`).
import type { ValidityClass } from '../../core/model/validity';

export interface RunGenOptions {
  seed: string;
  /** `participants` elements of the one test case, each a scenario: "4" (N:N) or "2:6" (N:M). */
  scenarios: string[];
  topology: 'N:N' | 'N:M';
  /** Rooms per scenario. */
  sessions: number;
  browser: 'emulated' | 'custom-emulated';
  /** RTC engine behind OpenVidu 3: pion exports every platform metric, mediasoup only some. */
  engine: 'pion' | 'mediasoup';
  mediaNodes: number;
  workers: number;
  /** Start of the run, ISO UTC. */
  start: string;
  /** Controller JVM zone: abbreviation Java prints and its offset in minutes. */
  zone: { abbr: string; offsetMinutes: number };
  /** Seconds between two rooms' `lk load-test` chunks. */
  secondsBetweenSessions: number;
  /** Seconds the full load is held before the report (secondsBeforeTestFinished). */
  holdSeconds: number;
  secondsBetweenTestCases: number;
  /** Participants one media node carries at 100 % CPU. */
  mediaCapacity: number;
  /** Text report: every scenario appended ([FB]), only the last ([M] overwrite bug), or none. */
  txt: 'all' | 'last' | 'none';
  /** Write the Elasticsearch exports (platform-metrics.ndjson, metricbeat.ndjson). */
  metricsExport: boolean;
  /** Validity classes this run must trip. */
  trips: ValidityClass[];
  /**
   * Platform shifts of a candidate against a baseline (1 = none), recorded in the truth: media-node
   * CPU above its idle 4 % is multiplied by `cpu`; the media traffic (bandwidth and packets in and
   * out) by `bitrate`.
   */
  factors: { cpu: number; bitrate: number };
}

export function defaultRunOptions(): RunGenOptions {
  return {
    seed: 'loadtest-lens-today',
    scenarios: ['4', '8', '16'],
    topology: 'N:N',
    sessions: 4,
    browser: 'emulated',
    engine: 'pion',
    mediaNodes: 2,
    workers: 3,
    start: '2026-07-01T10:00:00.000Z',
    zone: { abbr: 'UTC', offsetMinutes: 0 },
    secondsBetweenSessions: 10,
    holdSeconds: 150,
    secondsBetweenTestCases: 20,
    mediaCapacity: 36,
    txt: 'all',
    metricsExport: true,
    trips: [],
    factors: { cpu: 1, bitrate: 1 },
  };
}
