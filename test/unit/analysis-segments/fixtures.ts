// Tiny hand-written test inputs for the segment analysis: times are given in seconds after T0.
import type { ControllerLog, LogStamp } from '../../../src/core/ingest/controllerLog';
import type { UserEvent } from '../../../src/core/ingest/events';
import type { TestData, UserData } from '../../../src/core/ingest/ingestRoot';
import type { QoeFile } from '../../../src/core/ingest/qoe';
import type { NodeSeries } from '../../../src/core/model/test';

/** 2024-06-20T10:00:00Z. */
export const T0 = Date.UTC(2024, 5, 20, 10, 0, 0);
export const at = (s: number): number => T0 + s * 1000;

/** `[seconds, key]`: key `name-connection` gets split back into event and connection. */
export type EventSpec = readonly [number, string];

export function events(specs: readonly EventSpec[]): UserEvent[] {
  return specs
    .map(([s, key], index) => {
      const dash = key.indexOf('-');
      const event = dash < 0 ? key : key.slice(0, dash);
      const connection = dash < 0 ? undefined : key.slice(dash + 1);
      return { event, key, connection, time: at(s), index };
    })
    .sort((a, b) => a.time - b.time || a.index - b.index);
}

export function user(session: number, userNo: number, specs: readonly EventSpec[]): UserData {
  return {
    location: {
      dirName: `User${userNo}`,
      dir: `/r/stats/t/LoadTestSession${session}/User${userNo}`,
    },
    sessionDir: `LoadTestSession${session}`,
    events: { events: events(specs), unknown: {}, diagnostics: [] },
  };
}

/** A log stamp written `s` seconds after T0 in local time `offsetHours` east of UTC, no zone in the line. */
export function stamp(s: number, offsetHours = 2, line = 1): LogStamp {
  return { wallClock: at(s) + offsetHours * 3_600_000, line, offset: 0 };
}

export interface LogSpec {
  readonly start?: number;
  readonly end?: number;
  readonly failures?: ReadonlyArray<
    readonly [seconds: number, user: number, session: number, attempts: number]
  >;
  readonly offsetHours?: number;
}

export function log(spec: LogSpec): ControllerLog {
  const h = spec.offsetHours ?? 2;
  return {
    config: [],
    start: spec.start === undefined ? undefined : stamp(spec.start, h, 1),
    end: spec.end === undefined ? undefined : stamp(spec.end, h, 99),
    failures: (spec.failures ?? []).map(([s, u, sess, attempts], i) => ({
      user: `User${u}`,
      session: `LoadTestSession${sess}`,
      attempts,
      stamp: stamp(s, h, 10 + i),
    })),
    users: [],
    sessions: [],
    exceptions: [],
    skipped: 0,
    lines: 100,
    bytes: 1000,
    diagnostics: [],
  };
}

/** CPU samples `[seconds, cpu]`. */
export function node(samples: ReadonlyArray<readonly [number, number]>): NodeSeries {
  return {
    time: Float64Array.from(samples, ([s]) => at(s)),
    cpu: Float64Array.from(samples, ([, c]) => c),
    memory: Float64Array.from(samples, () => 0.5),
  };
}

/** A QoE file: `userFrom` recording `userTo`, cuts `[cut_index, vmaf, visqol]` on 0–1. */
export function qoe(
  session: number,
  userFrom: number,
  userTo: number,
  cuts: ReadonlyArray<readonly [number, number, number]>,
): QoeFile {
  return {
    prefix: 'v',
    session: `LoadTestSession${session}`,
    userFrom: `User${userFrom}`,
    userTo: `User${userTo}`,
    file: `/r/qoe/t/v-LoadTestSession${session}-User${userFrom}-User${userTo}_cuts.json`,
    cutIndex: Int32Array.from(cuts, c => c[0]),
    vmaf: Float64Array.from(cuts, c => c[1]),
    visqol: Float64Array.from(cuts, c => c[2]),
    diagnostics: [],
  };
}

export function testData(
  name: string,
  parts: { users: UserData[]; log?: ControllerLog; node?: NodeSeries; qoe?: QoeFile[] },
): TestData {
  return {
    location: {
      root: '/r',
      name,
      logFile: `/r/logs/${name}.log`,
      medianodeCsv: `/r/dfs_final/${name}-medianode.csv`,
    },
    users: parts.users,
    log: parts.log,
    node: parts.node ? { series: parts.node, diagnostics: [] } : undefined,
    qoe: parts.qoe ?? [],
    diagnostics: [],
  };
}
