/**
 * Controller logs captured through a log collector (test/fixtures/real/controller-logs/collectors,
 * made by scripts/fixtures/controller-logs.mjs): `docker compose logs` with and without `-t`
 * (compose v2's cmd/formatter/logs.go layout, the browser-emulator's pino lines between),
 * `docker logs -t`, `kubectl logs --timestamps` and `journalctl`. Each holds the run of
 * with-config/<generation>.log (whose facts controllerLogGenerations and configBlockGenerations
 * check against hand counts) after Spring Boot's start-up lines: it must read as that run, with
 * every line number pointing at the copy's own line (checked on the copy's text).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseControllerLogText,
  readControllerLog,
  type ControllerLog,
} from '../../../src/core/ingest/controllerLog';
import { LogCollector } from '../../../src/core/ingest/logCollector';
import { parseRunLog, readRunLog } from '../../../src/core/runs/runLog';
import { fixedZone } from '../../../src/shared/zone';

const DIR = join(__dirname, '..', '..', 'fixtures', 'real', 'controller-logs');

/** What a run is, whatever the line numbers. */
function run(log: ControllerLog) {
  return {
    generation: log.generation,
    config: log.config.map(c => [c.section, c.key, c.value]),
    users: log.users.map(u => `${u.user}@${u.session}`),
    sessions: log.sessions,
    failures: log.failures.map(f => [f.user, f.session, f.attempts, f.cause, f.eventTime]),
    exceptions: log.exceptions.map(e => [e.cause, e.name, e.user, e.session]),
    start: log.start && [log.start.wallClock, log.start.offsetMinutes],
    end: log.end && [log.end.wallClock, log.end.offsetMinutes],
    topology: log.topology && [log.topology.sessions, log.topology.usersPerSession],
    skipped: log.skipped,
  };
}

const COPIES = [
  [
    '2026.compose.log',
    '2026',
    '`docker compose logs`',
    'loadtest-controller-e2e',
    'browser-emulator-e2e',
  ],
  [
    '2026.compose-t.log',
    '2026',
    '`docker compose logs`',
    'loadtest-controller-e2e',
    'browser-emulator-e2e',
  ],
  ['2026.docker-t.log', '2026', '`docker logs -t`', undefined, undefined],
  ['2024.kubectl.log', '2024', '`kubectl logs --timestamps`', undefined, undefined],
  ['2024.journal.log', '2024', 'journalctl', 'loadtest-vm java', 'loadtest-vm systemd'],
] as const;

describe.each(COPIES)('%s', (copy, generation, how, source, other) => {
  const file = join(DIR, 'collectors', copy);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const bare = parseControllerLogText(
    readFileSync(join(DIR, 'with-config', `${generation}.log`), 'utf8'),
    'bare.log',
  );

  it('reads as the same run as the bare log, config block included', async () => {
    const log = await readControllerLog(file);
    expect(run(log)).toEqual(run(bare));
    expect(log.failures).toHaveLength(3);
    expect(log.config.length).toBeGreaterThan(10);
    expect(log.lines).toBe(lines.length - 1);
    expect(run(parseControllerLogText(text, file))).toEqual(run(log));
  });

  it("gives the copy's own line numbers", async () => {
    const log = await readControllerLog(file);
    for (const f of log.failures)
      expect(lines[f.stamp.line - 1]).toContain(
        `Participant ${f.user} in session ${f.session} failed ${f.attempts} times`,
      );
    expect(lines[(log.start?.line ?? 0) - 1]).toContain('Starting test with');
    expect(lines[(log.end?.line ?? 0) - 1]).toContain('Saved result in');
  });

  it('says once how it was read, and names the sources left out', async () => {
    const log = await readControllerLog(file);
    expect(log.diagnostics.filter(d => d.severity !== 'info')).toEqual([]);
    const notes = log.diagnostics.filter(d => d.code === 'log.collector');
    expect(notes).toHaveLength(1);
    const note = notes[0]!.message;
    expect(note).toContain(how);
    if (source) expect(note).toContain(`the lines of ${source} are the controller's`);
    if (other) expect(note).toContain(`the lines of ${other} were left out`);
    else expect(note).not.toContain('left out');
    // It points at the first line the controller printed (Spring Boot's start-up line).
    expect(lines[notes[0]!.line! - 1]).toContain('Starting LoadTestApplication');
  });
});

describe('bare logs', () => {
  it('are read as they are, with no collector note', async () => {
    for (const name of ['2021-01', '2021-v2', '2022', '2024', '2026']) {
      const log = await readControllerLog(join(DIR, `${name}.log`));
      expect(log.diagnostics.map(d => d.code)).not.toContain('log.collector');
    }
  });
});

describe('LogCollector', () => {
  const CONTROLLER =
    '2026-07-29T10:00:00.000+02:00  INFO 1 --- [           main] i.o.l.s.c.LoadTestTopologyOrchestrator   : Starting test with N:N session topology';
  const EMULATOR = '{"level":50,"time":1,"msg":"Participant created"}';

  it("a compose line's -t time is taken off, the controller's own ISO stamp is not", () => {
    const c = new LogCollector();
    expect(c.take(`ctl | ${CONTROLLER}`, 1)).toBe(CONTROLLER);
    expect(c.take(`ctl | 2026-07-29T08:00:00.000421000Z ${CONTROLLER}`, 2)).toBe(CONTROLLER);
    expect(c.take('ctl | \tat java.base/java.lang.Thread.run(Thread.java:1583)', 3)).toBe(
      '\tat java.base/java.lang.Thread.run(Thread.java:1583)',
    );
  });

  it("other containers' lines are left out, before and after the controller is known", () => {
    const c = new LogCollector();
    expect(c.take(`emu  | ${EMULATOR}`, 1)).toBeUndefined();
    expect(c.deciding).toBe(true);
    expect(c.take(`ctl  | ${CONTROLLER}`, 2)).toBe(CONTROLLER);
    expect(c.deciding).toBe(false);
    expect(c.take(`emu  | ${CONTROLLER}`, 3)).toBeUndefined();
    expect(c.take('Attaching to ctl, emu', 4)).toBeUndefined();
    expect(c.diagnostics('x.log').map(d => [d.code, d.line])).toEqual([['log.collector', 2]]);
  });

  it('a bare log is handed on line for line from its first controller line', () => {
    const c = new LogCollector();
    expect(c.take('-------- Load Test Parameters --------', 1)).toBe(
      '-------- Load Test Parameters --------',
    );
    expect(c.take(CONTROLLER, 2)).toBe(CONTROLLER);
    // Whatever comes after, even a line shaped like a collector's, is the controller's.
    expect(c.take(`ctl | ${EMULATOR}`, 3)).toBe(`ctl | ${EMULATOR}`);
    expect(c.diagnostics('x.log')).toEqual([]);
  });

  it("reads every journalctl time format's prefix", () => {
    const times = [
      'Jun 20 12:15:00', // short
      'Jun  5 12:15:00', // short, as syslog pads the day
      'Jun 20 12:15:00.123456', // short-precise
      '2024-06-20T12:15:00+0200', // short-iso
      '2024-06-20T12:15:00.123456+02:00', // short-iso-precise
      'Thu 2024-06-20 12:15:00 CEST', // short-full
      '1718878500.123456', // short-unix
    ];
    for (const time of times) {
      const c = new LogCollector();
      expect(c.take(`${time} vm java[1278]: ${CONTROLLER}`, 1), time).toBe(CONTROLLER);
      expect(c.take(`${time} vm systemd[1]: Stopped x.`, 2), time).toBeUndefined();
    }
  });

  it("reads kubectl's --prefix, with or without --timestamps", () => {
    const c = new LogCollector();
    const pod = '[pod/loadtest-controller-7d9f/controller]';
    expect(c.take(`[pod/browser-emulator-x/emulator] ${EMULATOR}`, 1)).toBeUndefined();
    expect(c.take(`${pod} ${CONTROLLER}`, 2)).toBe(CONTROLLER);
    expect(c.take(`${pod} 2026-07-29T08:00:00.1Z ${CONTROLLER}`, 3)).toBe(CONTROLLER);
    expect(c.take(`[pod/browser-emulator-x/emulator] ${CONTROLLER}`, 4)).toBeUndefined();
    const [note] = c.diagnostics('x.log');
    expect(note?.message).toContain('the lines of pod/loadtest-controller-7d9f/controller are');
    expect(note?.message).toContain('pod/browser-emulator-x/emulator were left out');
  });

  it('says so when no source printed a controller line', () => {
    const c = new LogCollector();
    expect(c.take(`emu | ${EMULATOR}`, 1)).toBeUndefined();
    expect(c.take(`es  | {"@timestamp":"2026-07-29T08:00:00.000Z"}`, 2)).toBeUndefined();
    const [d] = c.diagnostics('x.log');
    expect(d?.code).toBe('log.noControllerLines');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toContain('emu, es');
  });
});

describe("a run folder's docker-compose.log (e2e-tests/scripts/run-e2e-test.sh)", () => {
  it('keeps the same WARN and ERROR records as the bare log, on the copy’s lines', () => {
    const bare = readFileSync(join(DIR, 'with-config', '2026.log'), 'utf8');
    const compose = readFileSync(join(DIR, 'collectors', '2026.compose-t.log'), 'utf8');
    const composeLines = compose.split('\n');
    const zone = fixedZone(120);
    const fromBare = parseRunLog(bare, zone);
    const read = readRunLog(compose, zone, 'docker-compose.log');
    const fromCompose = read.records;
    expect(read.fromController).toBe(true);
    const strip = (r: { t?: number; level: string; message: string }) => [r.t, r.level, r.message];
    // The copy has Spring Boot's start line, which the bare log has not (runProcess uses it).
    const started = fromCompose.filter(r => r.message.startsWith('Starting LoadTestApplication'));
    expect(started).toHaveLength(1);
    expect(fromCompose.filter(r => !started.includes(r)).map(strip)).toEqual(fromBare.map(strip));
    // 2 forwarded exceptions and 3 failures (grep ' ERROR ' on the fixture), 1 refusal.
    expect(fromBare.filter(r => r.level === 'ERROR')).toHaveLength(5);
    expect(fromBare.filter(r => r.level === 'WARN')).toHaveLength(1);
    for (const r of fromCompose) expect(composeLines[r.line - 1]).toContain(r.message);
    expect(read.diagnostics.map(d => d.code)).toEqual(['log.collector']);
  });
});
