import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseControllerLogText,
  parseLogStamp,
  readControllerLog,
} from '../../../src/core/ingest/controllerLog';

// Line shapes from FORMATS.md §2.1 (Spring Boot 2.x default pattern) and §2.2.
const LOG_2024 = [
  '-------- Load Test Parameters --------',
  'OpenVidu URL:            https://ov.example',
  '2024-06-20 12:15:00.100  INFO 4695 --- [           main] i.o.l.controller.LoadTestController      : Starting test with N:N session typology',
  "2024-06-20 12:15:01.000  INFO 4695 --- [           main] i.o.l.controller.LoadTestController      : Starting session 'LoadTestSession1'",
  '2024-06-20 12:16:10.250 ERROR 4695 --- [ctor-http-nio-3] i.o.l.services.BrowserEmulatorClient     : Participant User2 in session LoadTestSession1 failed 1 times',
  '2024-06-20 12:16:40.500 ERROR 4695 --- [ctor-http-nio-3] i.o.l.services.BrowserEmulatorClient     : Participant User2 in session LoadTestSession1 failed 2 times',
  '2024-06-20 12:20:00.000  INFO 4695 --- [           main] i.o.l.utils.DataIO                       : Saved result in a /opt/openvidu-loadtest/results.txt',
  '2024-06-20 12:20:05.000  INFO 4695 --- [           main] i.o.l.controller.LoadTestController      : Starting test with N:N session typology',
  '',
].join('\n');

describe('controller log', () => {
  it('finds the first start and end lines and every failure with line and byte offset', () => {
    const log = parseControllerLogText(LOG_2024, '/r/logs/t.log');
    expect(log.start?.line).toBe(3);
    expect(log.start?.wallClock).toBe(Date.UTC(2024, 5, 20, 12, 15, 0, 100));
    expect(log.start?.offsetMinutes).toBeUndefined();
    expect(log.end?.line).toBe(7);
    expect(log.failures.map(f => [f.user, f.session, f.attempts, f.stamp.line])).toEqual([
      ['User2', 'LoadTestSession1', 1, 5],
      ['User2', 'LoadTestSession1', 2, 6],
    ]);
    const lines = LOG_2024.split('\n');
    const expectedOffset = lines.slice(0, 4).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    expect(log.failures[0]?.stamp.offset).toBe(expectedOffset);
    // The second "Starting test with" (line 8) is a second test case in the same log: said.
    expect(log.diagnostics.map(d => [d.code, d.line])).toEqual([['log.moreTestCases', 8]]);
  });

  it('reads the current ISO format with its offset and the new end line', () => {
    const s = parseLogStamp(
      '2026-03-20T12:53:18.123+01:00  INFO 1 --- [main] i.o.l.s.c.LoadTestTopologyOrchestrator   : Starting test with N:N session topology',
      1,
      0,
    );
    expect(s).toMatchObject({
      wallClock: Date.UTC(2026, 2, 20, 12, 53, 18, 123),
      offsetMinutes: 60,
    });
    const log = parseControllerLogText(
      '2026-03-20T12:53:18.123+01:00  INFO 1 --- [main] i.o.l.s.c.LoadTestTopologyOrchestrator   : Starting test with N:N session topology\n' +
        '2026-03-20T13:00:00.000+01:00  INFO 1 --- [main] i.o.l.utils.ResultExporter   : Saved result in /tmp/results-1.txt\n',
      'f',
    );
    expect(log.end?.wallClock).toBe(Date.UTC(2026, 2, 20, 13, 0, 0, 0));
  });

  it('strips ANSI colours and reports missing start/end lines (notebook crash C2)', () => {
    const log = parseControllerLogText(
      '\x1b[2m2024-06-20 12:16:10.250\x1b[0m \x1b[31mERROR\x1b[0m 1 --- [x] y : Participant User9 in session LoadTestSession4 failed 3 times\n',
      'f',
    );
    expect(log.failures[0]).toMatchObject({
      user: 'User9',
      session: 'LoadTestSession4',
      attempts: 3,
    });
    expect(log.diagnostics.map(d => d.code)).toEqual(['log.noStartLine', 'log.noEndLine']);
  });

  it('says when the log ends inside its last line (copied while written, or cut)', async () => {
    // Cut inside the second failure line, before its count: that failure is not counted.
    const cut = LOG_2024.slice(0, LOG_2024.indexOf('failed 2 times') + 'failed '.length);
    const dir = mkdtempSync(join(tmpdir(), 'ltl-log-cut-'));
    const file = join(dir, 't.log');
    writeFileSync(file, cut);
    for (const log of [parseControllerLogText(cut, file), await readControllerLog(file)]) {
      expect(log.failures.map(f => f.attempts)).toEqual([1]);
      const found = log.diagnostics.filter(d => d.code === 'log.noFinalLineEnd');
      expect(found.map(d => [d.severity, d.line])).toEqual([['warning', 6]]);
    }
    // Whole, with LF or CRLF: no such finding.
    writeFileSync(file, LOG_2024.replace(/\n/g, '\r\n'));
    for (const log of [parseControllerLogText(LOG_2024, file), await readControllerLog(file)])
      expect(log.diagnostics.filter(d => d.code === 'log.noFinalLineEnd')).toEqual([]);
  });

  it('streams a file with CRLF endings to the same result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ltl-log-'));
    const file = join(dir, 't.log');
    writeFileSync(file, LOG_2024.replace(/\n/g, '\r\n'));
    const log = await readControllerLog(file);
    expect(log.failures.map(f => f.attempts)).toEqual([1, 2]);
    expect(log.lines).toBe(8);
    const expectedOffset = LOG_2024.split('\n')
      .slice(0, 4)
      .reduce((n, l) => n + Buffer.byteLength(l) + 2, 0);
    expect(log.failures[0]?.stamp.offset).toBe(expectedOffset);
  });

  it('turns an unreadable file into a diagnostic', async () => {
    const log = await readControllerLog('/nonexistent/dir/t.log');
    expect(log.diagnostics.some(d => d.code === 'file.missing')).toBe(true);
  });
});

describe('configuration block', () => {
  // [2024] System.out block (FORMATS.md §2.3), with the secrets the real tool prints in clear.
  const BLOCK_2024 = [
    '2024-06-20 12:00:04.061  INFO 1 --- [           main] i.openvidu.loadtest.LoadTestApplication  : Started LoadTestApplication in 4.061 seconds',
    '-------- Load Test Parameters --------',
    'OpenVidu URL:            https://ov.example.com',
    'OpenVidu SECRET:         MY_SECRET_abc',
    'Is manual participant allocation:true',
    'Controller started in RETRY MODE',
    '--- MONITORING PARAMETERS ---',
    'Elasticsearch password:  es-pass',
    '--------------------------------------',
    '2024-06-20 12:00:04.461  INFO 1 --- [           main] i.o.l.services.BrowserEmulatorClient     : Pinging to 10.0.0.1 ...',
  ].join('\n');

  it('reads keys, values and sections, and never keeps a secret', () => {
    const log = parseControllerLogText(BLOCK_2024, 'f');
    expect(log.config.map(e => [e.section, e.key, e.value, e.line])).toEqual([
      ['', 'OpenVidu URL', 'https://ov.example.com', 3],
      ['', 'OpenVidu SECRET', '•••••• (redacted)', 4],
      ['', 'Is manual participant allocation', 'true', 5],
      ['', 'Controller started in RETRY MODE', '', 6],
      ['MONITORING PARAMETERS', 'Elasticsearch password', '•••••• (redacted)', 8],
    ]);
    expect(JSON.stringify(log)).not.toMatch(/MY_SECRET_abc|es-pass/);
  });

  it('reads the [HEAD] block logged with a prefix, and ends a 2024 block without closing line at the next log line', () => {
    const head = [
      '2026-07-01T12:00:03.591+02:00  INFO 1 --- [main] i.o.loadtest.config.LoadTestConfig       : -------- Load Test Parameters --------',
      '2026-07-01T12:00:03.593+02:00  INFO 1 --- [main] i.o.loadtest.config.LoadTestConfig       : LiveKit API key:         devkey',
      '2026-07-01T12:00:03.594+02:00  INFO 1 --- [main] i.o.loadtest.config.LoadTestConfig       : Session Name Prefix:     LoadTestSession',
      '2026-07-01T12:00:03.617+02:00  INFO 1 --- [main] i.o.loadtest.config.LoadTestConfig       : --------------------------------------',
    ].join('\n');
    expect(parseControllerLogText(head, 'f').config.map(e => [e.key, e.value])).toEqual([
      ['LiveKit API key', '•••••• (redacted)'],
      ['Session Name Prefix', 'LoadTestSession'],
    ]);
    const unclosed = BLOCK_2024.replace('--------------------------------------\n', '');
    const log = parseControllerLogText(unclosed, 'f');
    expect(log.config.map(e => e.key).at(-1)).toBe('Elasticsearch password');
  });
});
