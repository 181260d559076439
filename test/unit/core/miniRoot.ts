/**
 * A tiny hand-written result root whose every figure is worked out by hand in the tests:
 * two tests, one per on-disk naming and log format.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const KURENTO = 'loadtest-webrtc-2024-kurento-2p';
export const PION = 'loadtest-webrtc-2024-pion-8p';

function write(root: string, rel: string, content: string): void {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function ev(
  event: string,
  user: string,
  session: string,
  timestamp: string,
  extra: Record<string, string> = {},
) {
  return { event, ...extra, participant: user, session, timestamp };
}

const LOGGER = 'i.o.l.controller.LoadTestController      :';

export function makeMiniRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'ltl-mini-'));
  const s1 = 'LoadTestSession1';
  // Kurento 2p, 2024 naming. User1/S1 publishes; User2/S1 never connects; User1/S2 publishes.
  write(
    root,
    `stats/${KURENTO}/${s1}/User1/events.json`,
    JSON.stringify([
      ev('connectionStart', 'User1', s1, '2024-06-20T10:15:02.000Z'),
      ev('streamCreated', 'User1', s1, '2024-06-20T10:15:03.000Z', {
        connection: 'local',
        connectionId: 'str_1',
      }),
    ]),
  );
  write(
    root,
    `stats/${KURENTO}/${s1}/User2/events.json`,
    JSON.stringify([ev('connectionStart', 'User2', s1, '2024-06-20T10:15:04.000Z')]),
  );
  write(
    root,
    `stats/${KURENTO}/LoadTestSession2/User1/events.json`,
    JSON.stringify([
      ev('connectionStart', 'User1', 'LoadTestSession2', '2024-06-20T10:15:10.000Z'),
      ev('streamCreated', 'User1', 'LoadTestSession2', '2024-06-20T10:15:11.500Z', {
        connection: 'local',
        connectionId: 'str_2',
      }),
    ]),
  );
  write(
    root,
    `logs/${KURENTO}.log`,
    [
      `2024-06-20 12:15:00.000  INFO 1 --- [           main] ${LOGGER} Starting test with N:N session typology`,
      `2024-06-20 12:16:00.000 ERROR 1 --- [ctor-http-nio-3] i.o.l.services.BrowserEmulatorClient     : Participant User2 in session ${s1} failed 1 times`,
      `2024-06-20 12:17:00.000 ERROR 1 --- [ctor-http-nio-3] i.o.l.services.BrowserEmulatorClient     : Participant User7 in session LoadTestSession9 failed 1 times`,
      `2024-06-20 12:20:00.000  INFO 1 --- [           main] i.o.l.utils.DataIO                       : Saved result in a /opt/results.txt`,
    ].join('\n'),
  );
  write(
    root,
    `dfs_final/${KURENTO}-medianode.csv`,
    '@timestamp,cpu,memory\n2024-06-20T10:15:00.000Z,0.10,0.20\n2024-06-20T10:15:05.000Z,0.30,\n2024-06-20T10:15:10.000Z,0.50,0.25\n',
  );
  write(
    root,
    'dfs_final/batches.json',
    JSON.stringify({ [KURENTO]: { startingParticipants: 1, batchSize: 2 } }),
  );
  // Pion 8p, current naming s<N>/u<M>, ISO log with offset; u2 is cut off mid-write.
  write(
    root,
    `stats/${PION}/s1/u1/events.json`,
    JSON.stringify([
      ev('connectionStart', 'User1', s1, '2026-07-01T09:00:00.000Z'),
      ev('LocalTrackPublished', 'User1', s1, '2026-07-01T09:00:01.000Z', { connection: 'local' }),
      ev('LocalTrackPublished', 'User1', s1, '2026-07-01T09:00:01.100Z', { connection: 'local' }),
    ]),
  );
  write(
    root,
    `stats/${PION}/s1/u2/events.json`,
    '[' +
      JSON.stringify(ev('connectionStart', 'User2', s1, '2026-07-01T09:00:05.000Z')) +
      ',{"event":"Sig',
  );
  write(
    root,
    `logs/${PION}.log`,
    `2026-07-01T10:59:58.000+02:00  INFO 1 --- [main] i.o.l.s.c.LoadTestTopologyOrchestrator   : Starting test with N:N session topology\n`,
  );
  return root;
}
