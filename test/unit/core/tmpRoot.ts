/** Small result roots written file by file for the tests, and the real controller-log fixtures. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A new folder and a writer of files (and their folders) inside it. */
export function tmpRoot(prefix: string): {
  readonly dir: string;
  put(rel: string, text: string): void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    put(rel, text) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    },
  };
}

/** Path of a log of test/fixtures/real/controller-logs (e.g. `2024.log`, `cases/2024.log`). */
export function realLogPath(name: string): string {
  return join(__dirname, '..', '..', 'fixtures', 'real', 'controller-logs', name);
}

/** A log of test/fixtures/real/controller-logs (e.g. `2024.log`, `with-config/2024.log`). */
export function realLog(name: string): string {
  return readFileSync(realLogPath(name), 'utf8');
}

/**
 * The users of the run of controller-logs/2024.log (each test case of cases/2024.log), each with
 * a second of the run at which the tests put its events.
 */
export const REAL_LOG_USERS = [
  ['LoadTestSession1', 'User1', 1],
  ['LoadTestSession1', 'User2', 3],
  ['LoadTestSession2', 'User1', 7],
  ['LoadTestSession2', 'User2', 10],
] as const;

/** A logs-only root: `logs/<test>.log` holding a real controller log, no stats/. */
export function logsOnlyRoot(test: string, log: string): string {
  const root = tmpRoot('ltl-logs-only-');
  root.put(`logs/${test}.log`, realLog(log));
  return root.dir;
}

/**
 * One stats.json element (the browser-emulator's `webrtcStats` envelope) holding one
 * inbound-rtp audio report of its time.
 */
export function audioSample(
  user: string,
  session: string,
  timestamp: string,
  packetsReceived: number,
  packetsLost: number,
): object {
  const inbound = {
    id: 'IA1',
    timestamp: Date.parse(timestamp),
    type: 'inbound-rtp',
    kind: 'audio',
    packetsReceived,
    packetsLost,
  };
  return {
    webrtcStats: [
      {
        event: 'stats',
        tag: 'stats',
        peerId: user,
        connectionId: 'c',
        timestamp,
        data: { audio: { inbound: [inbound], outbound: [] }, video: { inbound: [], outbound: [] } },
      },
    ],
    timestamp,
    user,
    session,
  };
}
