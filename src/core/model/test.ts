/**
 * A test (one result folder of openvidu-loadtest): the media server it ran against, the event
 * family of its browser page, its media node's samples, and where its counts come from. The
 * analysed test itself, `TestSummary`, is built in core/analysis/testSummary.ts (it carries
 * ingest's time zone, configuration and file locations, so it stays beside them).
 */

/** Media server a test ran against, read from the test name (the notebook does the same). */
export type Platform = 'kurento' | 'mediasoup' | 'pion' | 'unknown';

/** Event family of the browser emulator page: OpenVidu 2 (`public/app.js`) or LiveKit (`public-lk/app.js`). */
export type EventFamily = 'openvidu2' | 'livekit';

/** Media-node samples, columnar. Times are epoch milliseconds (UTC); missing values are NaN. */
export interface NodeSeries {
  readonly time: Float64Array;
  readonly cpu: Float64Array;
  readonly memory: Float64Array;
}

/** Where a count comes from: the users' stats folders, the controller log, or nowhere (unknown, 0). */
/** The time span of the run a test's log describes (epoch ms, both ends included). */
export interface RunWindow {
  readonly from: number;
  readonly to: number;
}

/** A time in the run's window; one not known (undefined, NaN) is kept: nothing puts it outside. */
export function inRunWindow(window: RunWindow, time: number | undefined): boolean {
  return time === undefined || Number.isNaN(time) || (time >= window.from && time <= window.to);
}

export type CountSource = 'stats' | 'log' | 'none';

/** Where each headline count of a test comes from. */
export interface CountSources {
  readonly users: CountSource;
  readonly sessions: CountSource;
  readonly connected: CountSource;
  readonly failures: CountSource;
}
