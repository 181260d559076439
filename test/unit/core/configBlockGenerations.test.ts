/**
 * The controller's start-up configuration block as each generation printed it
 * (test/fixtures/real/controller-logs/with-config, made by scripts/fixtures/controller-logs.mjs
 * from `LoadTestConfig.printInfo` of 92f9f5a2, db1ae485 and d6a49f73), followed by that
 * generation's run. The expected entries were read off the printInfo statements by hand; the run
 * after the block must read exactly as the same run without it (the fixture of the generation).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REDACTED, propertyOfLabel } from '../../../src/core/ingest/configBlock';
import { parseControllerLogText, type ControllerLog } from '../../../src/core/ingest/controllerLog';

const DIR = join(__dirname, '..', '..', 'fixtures', 'real', 'controller-logs');

function read(file: string): { text: string; log: ControllerLog } {
  const text = readFileSync(join(DIR, file), 'utf8');
  return { text, log: parseControllerLogText(text, file) };
}

type Entry = readonly [section: string, key: string, value: string];

const MONITORING = 'MONITORING PARAMETERS';
const QOE = 'QOE ANALYSIS PARAMETERS';
const MISC = 'MISCELANEOUS PARAMETERS';
const WORKER = 'WORKER PARAMETERS';
const LOCAL = 'RUNNING TESTS IN DEVELOPMENT (LOCAL)';

const QOE_ENTRIES: readonly Entry[] = [
  [QOE, 'QoE recordings', 'true'],
  [QOE, 'QoE analysis will be run in-situ', 'false'],
  [QOE, 'Video padding duration', '1'],
  [QOE, 'Video fragment duration', '15'],
];
const BATCH_ENTRIES: readonly Entry[] = [
  [MISC, 'Use batches for inserting users', 'true'],
  [MISC, 'Maximum number of in flight requests (batch)', '4'],
  [MISC, 'Wait for user or batch insertion completion', 'true'],
];

/** The printf blocks (2022, 2024): the secret and the Elasticsearch password redacted. */
function printfEntries(perWorker: string, worker: string, misc: readonly Entry[]): Entry[] {
  return [
    ['', 'OpenVidu URL', 'https://openvidu.example.com'],
    ['', 'OpenVidu SECRET', REDACTED],
    ['', 'Session Name Prefix', 'LoadTestSession'],
    ['', 'Username Prefix', 'User'],
    ['', 'Seconds between users', '1'],
    ['', 'Seconds between sessions', '2'],
    ['', 'Is manual participant allocation', 'true'],
    ['', perWorker, '10'],
    ['', 'Controller started in RETRY MODE', ''],
    [WORKER, LOCAL, ''],
    [WORKER, 'Worker List', `[${worker}]`],
    [MONITORING, 'Kibana Host', 'https://kibana.example.com'],
    [MONITORING, 'ElasticSearch Host', 'https://elastic.example.com'],
    [MONITORING, 'ElasticSearch Username', 'elastic'],
    [MONITORING, 'ElasticSearch Password', REDACTED],
    ...QOE_ENTRIES,
    ...misc,
  ];
}

const EXPECTED: Record<string, readonly Entry[]> = {
  '2022': printfEntries('Sessions per worker', 'ec2-3-250-10-5.eu-west-1.compute.amazonaws.com', [
    [MISC, 'Maximum number of in flight requests', '5'],
  ]),
  '2024': printfEntries('Users per worker', '172.31.10.5', BATCH_ENTRIES),
  // log.info lines with a prefix, no secret, no closing line: the block ends at the first line
  // of another logger (the test's start).
  '2026': [
    ['', 'OpenVidu URL', 'wss://livekit.example.com'],
    ['', 'Session Name Prefix', 'LoadTestSession'],
    ['', 'Username Prefix', 'User'],
    ['', 'Seconds between users', '1'],
    ['', 'Seconds between sessions', '2'],
    ['', 'Is manual participant allocation', 'true'],
    ['', 'Users per worker', '10'],
    ['', 'Controller started in RETRY MODE', ''],
    ['', 'Test will stop after 5 participant(s) with errors', ''],
    [WORKER, LOCAL, ''],
    [WORKER, 'Worker List', '[172.31.10.5]'],
    [MONITORING, 'Kibana Host', 'https://kibana.example.com'],
    [MONITORING, 'ElasticSearch Host', 'https://elastic.example.com'],
    [MONITORING, 'ElasticSearch Username', 'elastic'],
    [MONITORING, 'Grafana Host', 'https://grafana.example.com'],
    ...QOE_ENTRIES,
    ...BATCH_ENTRIES,
  ],
};

/** The properties keys (application.properties of the generation) its labels stand for. */
const PROPERTIES: Record<string, readonly string[]> = {
  '2022': [
    'OPENVIDU_URL',
    'SESSION_NAME_PREFIX',
    'USER_NAME_PREFIX',
    'SECONDS_TO_WAIT_BETWEEN_PARTICIPANTS',
    'SECONDS_TO_WAIT_BETWEEN_SESSIONS',
    'MANUAL_PARTICIPANTS_ALLOCATION',
    'SESSIONS_PER_WORKER',
    'WORKER_URL_LIST',
    'KIBANA_HOST',
    'ELASTICSEARCH_HOST',
    'ELASTICSEARCH_USERNAME',
    'QOE_ANALYSIS_RECORDINGS',
    'QOE_ANALYSIS_IN_SITU',
    'VIDEO_PADDING_DURATION',
    'VIDEO_FRAGMENT_DURATION',
    'MAX_REQUESTS',
  ],
};

describe.each(['2022', '2024', '2026'])('the %s start-up block', generation => {
  const { text, log } = read(`with-config/${generation}.log`);
  const bare = read(`${generation}.log`).log;
  /** Lines of the block: those before the test's start line (counted in the file's text). */
  const blockLines = text.split('\n').findIndex(l => l.includes('Starting test with'));

  it('reads every entry of the block, nothing after it, secrets redacted', () => {
    expect(log.config.map(e => [e.section, e.key, e.value])).toEqual(EXPECTED[generation]);
    expect(log.config.at(-1)?.line).toBe(blockLines);
    expect(JSON.stringify(log)).not.toMatch(/MY_SECRET|es-P4ssw0rd/);
  });

  it('reads the run after it as the same run without the block', () => {
    expect(log.generation).toBe(bare.generation);
    expect(log.start?.line).toBe((bare.start?.line ?? NaN) + blockLines);
    expect(log.end?.line).toBe((bare.end?.line ?? NaN) + blockLines);
    const failures = (l: ControllerLog, shift: number) =>
      l.failures.map(f => [f.user, f.session, f.attempts, f.cause, f.stamp.line + shift]);
    expect(failures(log, 0)).toEqual(failures(bare, blockLines));
    expect(log.users.map(u => ({ ...u, line: u.line - blockLines }))).toEqual(bare.users);
    expect(log.exceptions.length).toBe(bare.exceptions.length);
  });

  it("maps its labels to the generation's application.properties keys", () => {
    const keys = log.config.map(e => propertyOfLabel(e.key)).filter(k => k !== undefined);
    const expected = PROPERTIES[generation] ?? [
      ...(PROPERTIES['2022'] ?? []).filter(
        k => k !== 'SESSIONS_PER_WORKER' && k !== 'MAX_REQUESTS',
      ),
      'USERS_PER_WORKER',
      'BATCHES',
      'BATCHES_MAX_REQUESTS',
      'WAIT_COMPLETE',
    ];
    expect(new Set(keys)).toEqual(new Set(expected));
  });
});
