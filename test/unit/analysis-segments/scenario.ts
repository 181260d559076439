// The hand-made OV2 scenario most tests share (times in seconds after T0; the log in +02:00):
//   log: Starting test at 0, Saved result at 100; "User2 in session 1 failed 1 times" at 30
//   User1 (publisher): connectionStart 1, streamCreated-local 3, streamPlaying-local 4
//   User2 (publisher): connectionStart 10, streamCreated-local 12, streamPlaying-local 13,
//                      connectionStart 32 (retry), streamCreated-local 34
//   CPU: 0→0.1, 5→0.2, 20→0.4, 40→0.6, 60→0.8, 95→0.9
//   QoE: User1 records User2, cuts 0, 1, 3 (a gap at 2): vmaf .8 .9 .5, visqol .6 .7 .4
import type { BatchConfig, BatchesFile } from '../../../src/core/ingest/batches';
import { log, node, qoe, testData, user, type LogSpec } from './fixtures';

export const OV2_NAME = 'loadtest-webrtc-2024-kurento-2p';
export const BATCH: BatchConfig = { startingParticipants: 2, batchSize: 1 };
/** A dfs_final/batches.json holding the scenario's test. */
export const BATCHES: BatchesFile = { tests: new Map([[OV2_NAME, BATCH]]), diagnostics: [] };

export const USER1 = user(1, 1, [
  [1, 'connectionStart'],
  [3, 'streamCreated-local'],
  [4, 'streamPlaying-local'],
]);
export const USER2 = user(1, 2, [
  [10, 'connectionStart'],
  [12, 'streamCreated-local'],
  [13, 'streamPlaying-local'],
  [32, 'connectionStart'],
  [34, 'streamCreated-local'],
]);
export const LOG: LogSpec = { start: 0, end: 100, failures: [[30, 2, 1, 1]] };
export const CPU: ReadonlyArray<readonly [number, number]> = [
  [0, 0.1],
  [5, 0.2],
  [20, 0.4],
  [40, 0.6],
  [60, 0.8],
  [95, 0.9],
];
export const QOE = qoe(1, 1, 2, [
  [0, 0.8, 0.6],
  [1, 0.9, 0.7],
  [3, 0.5, 0.4],
]);

export function ov2Scenario(
  overrides: {
    log?: LogSpec;
    cpu?: ReadonlyArray<readonly [number, number]>;
    qoe?: (typeof QOE)[];
  } = {},
) {
  return testData(OV2_NAME, {
    users: [USER1, USER2],
    log: log(overrides.log ?? LOG),
    node: node(overrides.cpu ?? CPU),
    qoe: overrides.qoe ?? [QOE],
  });
}
