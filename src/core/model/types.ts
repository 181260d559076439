/** Media server a test ran against, read from the test name (the notebook does the same). */
export type Platform = 'kurento' | 'mediasoup' | 'pion' | 'unknown';

/** Event family of the browser emulator page: OpenVidu 2 (`public/app.js`) or LiveKit (`public-lk/app.js`). */
export type EventFamily = 'openvidu2' | 'livekit';

export type Role = 'publisher' | 'subscriber';

/** Media-node samples, columnar. Times are epoch milliseconds (UTC); missing values are NaN. */
export interface NodeSeries {
  readonly time: Float64Array;
  readonly cpu: Float64Array;
  readonly memory: Float64Array;
}

/** One `Participant X in session Y failed N times` line of the controller log. */
export interface LogFailure {
  readonly user: string;
  readonly session: string;
  readonly attempts: number;
  /** Epoch ms (UTC) after applying the log's time zone. */
  readonly time: number;
  /** 1-based line number in the log. */
  readonly line: number;
  /** Byte offset of the start of the line, for opening huge logs at the line. */
  readonly offset: number;
  /** Cause the log itself gives (the browser exception it forwarded), when it gives one. */
  readonly cause?: 'ice' | 'exception' | 'disconnected' | 'no browser event';
}
