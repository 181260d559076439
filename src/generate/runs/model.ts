// The simulated timeline of a today's-format run, before it is written as files.
export interface RoomPlan {
  readonly session: string;
  /** `lk load-test` run id (the chunk's identity, stats/<room>/<identity>/). */
  readonly identity: string;
  readonly worker: string;
  readonly launch: number;
  /** Participants the controller records for the room (report tables). */
  readonly recorded: number;
  /** Participants that actually reach the platform. */
  readonly connected: number;
  readonly publishers: number;
  /** Worker CPU % sampled at launch (report's Worker CPU table). */
  readonly workerCpu: number;
}

export interface ScenarioPlan {
  readonly index: number;
  readonly participants: string;
  readonly perRoom: number;
  readonly publishersPerRoom: number;
  readonly start: number;
  /** Time the report is built (end of hold). */
  readonly reportAt: number;
  /** The tool's padded end: reportAt + secondsBetweenTestCases + 10 s. */
  readonly paddedEnd: number;
  /** Last participant gone from the platform. */
  readonly lastLeave: number;
  /** Last room full: start of the plateau. */
  readonly fullAt: number;
  readonly rooms: readonly RoomPlan[];
  readonly sessionsCreated: number;
  readonly sessionsCompleted: number;
  readonly stopReason: string;
  /** Peak participants the platform holds. */
  readonly platformCap: number;
}

export interface RunTruth {
  readonly runId: string;
  readonly trips: readonly string[];
  /** The platform shifts the run was generated with (`RunGenOptions.factors`). */
  readonly factors: { readonly cpu: number; readonly bitrate: number };
  readonly scenarios: readonly {
    readonly index: number;
    readonly expectedParticipants: number;
    /** Start of the test case (the controller's report start). */
    readonly start: number;
    readonly platformPeak: number;
    readonly firstJoin: number;
    readonly lastLeave: number;
    readonly fullAt: number;
    readonly reportAt: number;
    readonly paddedEnd: number;
    readonly stopReason: string;
  }[];
}
