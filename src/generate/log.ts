// The loadtest-controller console log (`logs/<test>.log`), Spring Boot 2.x pattern for 2024 and
// the ISO-with-offset pattern of the current tool (FORMATS §2).
import type { Generation, TestSpec } from './options';
import type { FailureLine, LogEntry, LogLevel, RootPlan, TestPlan, UserPlan } from './model';
import { sessionName, userName } from './failures';
import { logTime2024, logTimeCurrent, parseOffset } from './time';
import type { Rng } from './prng';

const PKG = 'io.openvidu.loadtest';

/** Java logger (class) of each part of the controller, per generation. */
export const LOGGERS = {
  app: () => `${PKG}.LoadTestApplication`,
  controller: (g: Generation) =>
    g === '2024'
      ? `${PKG}.controller.LoadTestController`
      : `${PKG}.services.core.LoadTestTopologyOrchestrator`,
  client: () => `${PKG}.services.BrowserEmulatorClient`,
  websocket: () => `${PKG}.services.WebSocketClient`,
  sleeper: () => `${PKG}.services.Sleeper`,
  results: (g: Generation) =>
    g === '2024' ? `${PKG}.utils.DataIO` : `${PKG}.utils.ResultExporter`,
  config: () => `${PKG}.config.LoadTestConfig`,
} satisfies Record<string, (g: Generation) => string>;

export type LoggerKey = keyof typeof LOGGERS;

export interface OffsetLine {
  offset: number;
  logger: LoggerKey;
  message: string;
}

/** Logback `%logger{39}`: shorten leading package segments to one letter until it fits. */
export function abbreviateLogger(name: string, target = 39): string {
  if (name.length <= target) return name;
  const parts = name.split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    parts[i] = (parts[i] ?? '').slice(0, 1);
    if (parts.join('.').length <= target) break;
  }
  return parts.join('.');
}

/** Logback `%-40.40logger{39}`: abbreviate, left-align in 40, keep the last 40 chars. */
function loggerField(name: string): string {
  const short = abbreviateLogger(name);
  return short.length > 40 ? short.slice(-40) : short.padEnd(40);
}

/** One formatted log line (no newline). */
export function formatLogLine(
  e: LogEntry,
  format: Generation,
  offsetMinutes: number,
  pid: number,
): string {
  const level = e.level.padStart(5);
  if (format === '2024') {
    const thread = (e.thread.length > 15 ? e.thread.slice(-15) : e.thread).padStart(15);
    return `${logTime2024(e.at, offsetMinutes)} ${level} ${pid} --- [${thread}] ${loggerField(e.logger)} : ${e.message}`;
  }
  return `${logTimeCurrent(e.at, offsetMinutes)} ${level} ${pid} --- [${e.thread}] ${loggerField(e.logger)} : ${e.message}`;
}

/** Application start-up lines; the config block is printed right after `Started …`. */
export function startupLines(
  format: Generation,
  pid: number,
  rng: Rng,
): { lines: OffsetLine[]; testStartOffset: number } {
  const java = format === '2024' ? '11.0.23' : '21.0.7';
  const version = format === '2024' ? '1.0.0' : '3.0.0';
  const startedIn = rng.range(2.2, 4.1);
  const lines: OffsetLine[] = [
    {
      offset: 0,
      logger: 'app',
      message: `Starting LoadTestApplication v${version} using Java ${java} with PID ${pid} (/opt/openvidu-loadtest/loadtest-controller/target/loadtest-controller-${version}.jar started by root in /opt/openvidu-loadtest/loadtest-controller)`,
    },
    {
      offset: 4,
      logger: 'app',
      message:
        format === '2024'
          ? 'No active profile set, falling back to default profiles: default'
          : 'No active profile set, falling back to 1 default profile: "default"',
    },
    {
      offset: Math.round(startedIn * 1000),
      logger: 'app',
      message: `${STARTED_PREFIX}${startedIn.toFixed(3)} seconds (${format === '2024' ? 'JVM' : 'process'} running for ${(startedIn + 0.6).toFixed(3)})`,
    },
  ];
  return { lines, testStartOffset: Math.round(startedIn * 1000) + 400 };
}

const STARTED_PREFIX = 'Started LoadTestApplication in ';

export function testHeaderLines(
  format: Generation,
  spec: TestSpec,
  sessions: number,
): { offset: number; message: string }[] {
  const word = format === '2024' ? 'typology' : 'topology';
  const lines = [
    {
      offset: 0,
      message: `Starting test with ${spec.subscribers > 0 ? 'N:M' : 'N:N'} session ${word}`,
    },
  ];
  lines.push({ offset: 2, message: `The number of session that will be created are ${sessions}` });
  lines.push({
    offset: 3,
    message:
      spec.subscribers > 0
        ? `Each session will be composed by ${spec.publishers + spec.subscribers} users. ${spec.publishers} Publisher and ${spec.subscribers} Subscribers`
        : `Each session will be composed by ${spec.publishers} USERS. All of them will be PUBLISHERS`,
  });
  return lines;
}

/** `Creating PUBLISHER 'User7' in session LoadTestSession3`, the worker choice, the request. */
export function creationLines(u: UserPlan, workerIp: string): OffsetLine[] {
  return [
    {
      offset: 0,
      logger: 'controller',
      message: `Creating ${u.role} '${userName(u.user)}' in session ${sessionName(u.session)}`,
    },
    { offset: 1, logger: 'client', message: `Selected worker: ${workerIp}` },
    {
      offset: 2,
      logger: 'client',
      message: `Creating participant ${u.user} in session ${u.session}`,
    },
  ];
}

/** The cause line (WebSocket ERROR or HTTP WARN) just before `Participant … failed N times`. */
export function failureLogLines(
  u: UserPlan,
  line: FailureLine,
  workerIp: string,
  eventJson: string | null,
  rng: Rng,
): { offset: number; level: LogLevel; logger: LoggerKey; message: string }[] {
  const from = `ws://${workerIp}:5001/events`;
  const cause =
    line.via === 'http'
      ? {
          level: 'WARN' as const,
          logger: 'client' as const,
          message: `Error: {"timestamp":"${new Date(line.at).toISOString()}","status":500,"error":"Internal Server Error","path":"/openvidu-browser/streamManager"}`,
        }
      : {
          level: 'ERROR' as const,
          logger: 'websocket' as const,
          message: `Received ${line.via === 'exception' ? 'exception' : 'sessionDisconnected'} from ${from}: ${eventJson ?? '{}'}`,
        };
  return [
    { offset: -rng.int(1, 3), ...cause },
    {
      offset: 0,
      level: 'ERROR',
      logger: 'client',
      message: `Participant ${userName(u.user)} in session ${sessionName(u.session)} failed ${line.attempts} times`,
    },
  ];
}

/**
 * `LoadTestConfig.printInfo()` as the controller prints it for a local run (WORKER_URL_LIST set):
 * [2024] `System.out.printf("%-25s%3s%n", …)` lines (db1ae485, lines 420–509: an empty line
 * before each section, `-------- -------------------- --------` after the monitoring and QoE
 * sections, no closing line), or [current] the same through `log.info("Key: {}", …)`
 * (d6a49f73, lines 601–690: an empty line after each header too, no secret or password,
 * `Grafana Host:`). RETRY_TIMES is not printed.
 */
export function configBlock(plan: RootPlan, test: TestPlan): string[] {
  const o = plan.options;
  const printf = o.format === '2024';
  const kv = (k: string, v: string | number | boolean): string =>
    printf ? `${k.padEnd(25)}${String(v).padStart(3)}` : `${k.trimEnd()} ${v}`;
  /** A section header: `printf("\n"); printf("--- X ---"); printf("\n")`, or three log.info. */
  const section = (name: string): string[] =>
    printf ? ['', `--- ${name} ---`] : ['', `--- ${name} ---`, ''];
  const url =
    test.spec.family === 'livekit'
      ? 'wss://livekit.loadtest.example.com'
      : 'https://openvidu.loadtest.example.com';
  return [
    '-------- Load Test Parameters --------',
    kv('OpenVidu URL:', url),
    ...(printf ? [kv('OpenVidu SECRET:', test.secrets.openviduSecret)] : []),
    kv('Session Name Prefix:', 'LoadTestSession'),
    kv('Username Prefix:', 'User'),
    kv('Seconds between users:', o.secondsBetweenParticipants),
    kv('Seconds between sessions:', 0),
    kv('Is manual participant allocation:', true),
    kv('Users per worker:', o.usersPerWorker),
    ...(o.retryMode ? ['Controller started in RETRY MODE'] : []),
    ...section('WORKER PARAMETERS'),
    'RUNNING TESTS IN DEVELOPMENT (LOCAL)',
    ...(printf ? [] : ['']),
    kv('Worker List:', `[${test.workers.map(w => w.ip).join(', ')}]`),
    ...section('MONITORING PARAMETERS'),
    kv('Kibana Host:', 'https://kibana.loadtest.example.com'),
    kv('ElasticSearch Host:', 'https://elastic.loadtest.example.com'),
    kv('ElasticSearch Username:', 'elastic'),
    printf
      ? kv('ElasticSearch Password:', test.secrets.elasticsearchPassword)
      : kv('Grafana Host:', 'https://grafana.loadtest.example.com'),
    '-------- -------------------- --------',
    ...section('QOE ANALYSIS PARAMETERS'),
    kv('QoE recordings:', o.qoe),
    kv('QoE analysis will be run in-situ:', false),
    kv('Video padding duration:', 1),
    kv('Video fragment duration:', 15),
    '-------- -------------------- --------',
    ...section('MISCELANEOUS PARAMETERS'),
    kv('Use batches for inserting users: ', true),
    kv('Maximum number of in flight requests (batch): ', test.batchSize),
    kv('Wait for user or batch insertion completion: ', true),
  ];
}

/** The whole log file, streamed in chunks. */
export function* logChunks(plan: RootPlan, test: TestPlan): Generator<string> {
  const format = plan.options.format;
  const offset = parseOffset(plan.options.logTz);
  let buf = '';
  for (const e of test.log) {
    buf += formatLogLine(e, format, offset, test.pid) + '\n';
    if (e.message.startsWith(STARTED_PREFIX)) {
      for (const [i, text] of configBlock(plan, test).entries()) {
        if (format === '2024') buf += text + '\n';
        else {
          const entry: LogEntry = {
            at: e.at + 1 + i,
            level: 'INFO',
            logger: LOGGERS.config(),
            thread: 'main',
            message: text,
          };
          buf += formatLogLine(entry, format, offset, test.pid) + '\n';
        }
      }
    }
    if (buf.length > 64_000) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
