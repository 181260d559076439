// Parsers of today's artefacts, on hand-written inputs whose readings are worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  JavaDateReader,
  parseJavaDate,
  parseDurationText,
  formatJavaDate,
} from '../../../src/core/runs/javaDate';
import { parseGroupedNumber, parseReportNumber } from '../../../src/core/runs/numbers';
import { parseResultsText } from '../../../src/core/runs/resultsTxt';
import { parseReportHtml, sparklineValues } from '../../../src/core/runs/reportHtml';
import { parseRunConfig } from '../../../src/core/runs/configYaml';
import { parsePlatformDocs } from '../../../src/core/runs/platformDocs';
import { parseErrorsJson } from '../../../src/core/runs/emulatorFiles';
import { REDACTED } from '../../../src/core/ingest/configBlock';

/** The instant of a Java date read on its own (no zone given by the user). */
function instant(text: string): number | undefined {
  const d = parseJavaDate(text);
  return d && new JavaDateReader('results.txt').instant(d);
}

describe('Java Date.toString', () => {
  it('reads the zone abbreviation and GMT offsets', () => {
    expect(instant('Fri Mar 20 12:53:18 GMT 2026')).toBe(Date.UTC(2026, 2, 20, 12, 53, 18));
    expect(instant('Thu Jun 20 12:15:00 CEST 2024')).toBe(Date.UTC(2024, 5, 20, 10, 15, 0));
    expect(instant('Thu Jun 20 12:15:00 GMT+05:30 2024')).toBe(Date.UTC(2024, 5, 20, 6, 45, 0));
    const unknown = parseJavaDate('Thu Jun 20 12:15:00 XYZT 2024');
    expect(unknown?.reading).toEqual({ kind: 'unknown' });
    expect(instant('Thu Jun 20 12:15:00 XYZT 2024')).toBe(Date.UTC(2024, 5, 20, 12, 15, 0));
    expect(parseJavaDate('2024-06-20 12:15:00')).toBeUndefined();
  });
  it('writes what it reads', () => {
    const t = Date.UTC(2026, 6, 1, 22, 59, 58);
    expect(formatJavaDate(t, 'CEST', 120)).toBe('Thu Jul 02 00:59:58 CEST 2026');
    expect(instant(formatJavaDate(t, 'CEST', 120))).toBe(t);
    expect(parseDurationText('1h 2m 3s')).toBe(3723);
  });
});

describe('report numbers', () => {
  it('reads thousands separators, decimal commas and scaled units', () => {
    expect(parseGroupedNumber('12,345')).toBe(12345);
    expect(parseGroupedNumber('1,234,567')).toBe(1234567);
    expect(parseGroupedNumber('12.345.678')).toBe(12345678);
    expect(parseGroupedNumber('0,52')).toBe(0.52);
    expect(parseGroupedNumber('1.234,5')).toBe(1234.5);
    expect(parseGroupedNumber('1 234')).toBe(1234);
    expect(parseReportNumber('12,345 participants')).toEqual({
      value: 12345,
      unit: 'participants',
    });
    expect(parseReportNumber('12.34 Mbps')).toEqual({ value: 12_340_000, unit: 'bps' });
    expect(parseReportNumber('980 bps')).toEqual({ value: 980, unit: 'bps' });
    expect(parseReportNumber('45.20%')).toEqual({ value: 45.2, unit: '%' });
    expect(parseReportNumber('-')).toBeUndefined();
    expect(parseReportNumber('NaN ms')).toBeUndefined();
  });
});

const HEAD_TXT = ` ----- Test Case Report Fri Mar 20 12:53:18 GMT 2026 ----- 
Browser with recording: false
OpenVidu recording: NONE
Session topology: N:N
Participants per session: 2
Number of sessions created: 2
Number of sessions completed: 1
Number of participants created: 3
Number of workers used: 1
Is manual participants allocation: true
Number of users per worker: 10
Stop reason: Participant User2-LoadTestSession2 failed after 5 retries
Test duration: 0h 3m 20s
Kibana url: https://kibana.example/app/kibana#/dashboard/x?_g=(time:(from:'2026-03-20 12:53:18Z',to:'2026-03-20 12:56:38Z'))
Video quality control and stats: None
User start times: 
Fri Mar 20 12:53:20 GMT 2026 | LoadTestSession1 | User1
Fri Mar 20 12:53:25 GMT 2026 | LoadTestSession1 | User2
Fri Mar 20 12:53:30 GMT 2026 | LoadTestSession2 | User1


   ---------------------   
`;

describe('results-<ts>.txt', () => {
  it('reads a [HEAD] block with ": " labels and the user start times', () => {
    const { scenarios, diagnostics } = parseResultsText(HEAD_TXT, '/r/results.txt');
    expect(diagnostics).toEqual([]);
    const [s] = scenarios;
    expect(s).toMatchObject({
      topology: 'N:N',
      participantsPerSession: '2',
      sessionsCreated: 2,
      sessionsCompleted: 1,
      participantsCreated: 3,
      workersUsed: 1,
      usersPerWorker: 10,
      reportedDurationSeconds: 200,
    });
    expect(s!.stopReason).toBe('Participant User2-LoadTestSession2 failed after 5 retries');
    expect(s!.start).toBe(Date.UTC(2026, 2, 20, 12, 53, 18));
    expect(s!.userStarts.map(u => [u.session, u.user, u.t, u.source.line])).toEqual([
      ['LoadTestSession1', 'User1', Date.UTC(2026, 2, 20, 12, 53, 20), 17],
      ['LoadTestSession1', 'User2', Date.UTC(2026, 2, 20, 12, 53, 25), 18],
      ['LoadTestSession2', 'User1', Date.UTC(2026, 2, 20, 12, 53, 30), 19],
    ]);
    expect(s!.kibanaUrl).toMatch(/^https:\/\/kibana\.example/);
    expect(s!.bucket).toBeUndefined();
  });

  it('reads [2024] tab-separated blocks, appended, and reports a cut file', () => {
    const text = [
      ' ----- Test Case Report Thu Jun 20 12:15:00 CEST 2024 ----- ',
      'Session typology:\tN:M',
      'Participants per session:\t2:6',
      'Number of sessions created:\t4',
      'Stop reason:\tTest finished',
      '   ---------------------   ',
      ' ----- Test Case Report Thu Jun 20 12:45:00 CEST 2024 ----- ',
      'Session typology:\tN:M',
      'Number of sessions created:\t8',
    ].join('\n');
    const { scenarios, diagnostics } = parseResultsText(text, '/r/results.txt');
    expect(
      scenarios.map(s => [
        s.index,
        s.topology,
        s.participantsPerSession,
        s.sessionsCreated,
        s.start,
      ]),
    ).toEqual([
      [1, 'N:M', '2:6', 4, Date.UTC(2024, 5, 20, 10, 15)],
      [2, 'N:M', undefined, 8, Date.UTC(2024, 5, 20, 10, 45)],
    ]);
    expect(diagnostics.map(d => [d.code, d.line])).toEqual([['results.truncated', 9]]);
  });

  it('names the file and line of what it cannot read', () => {
    const { scenarios, diagnostics } = parseResultsText('garbage\n', '/r/results.txt');
    expect(scenarios).toEqual([]);
    expect(diagnostics.map(d => [d.code, d.file, d.line])).toEqual([
      ['results.outsideBlock', '/r/results.txt', 1],
      ['results.noBlock', '/r/results.txt', undefined],
    ]);
  });
});

const HTML = `<!DOCTYPE html><html><head><title>OpenVidu Load Test Report</title>
<style>.x { color: red } </style></head><body>
<div class="meta-item"><span class="meta-label">Generated</span><span class="meta-value">2026-03-20 12:53:18</span></div>
<div class="tab-content active" id="tab-tc-1">
 <div class="section"><div class="section-header"><div class="section-title"><svg><path d="M1"/></svg> Summary</div></div>
  <div class="section-content"><table><tbody>
   <tr><td class="metric">Test Duration</td><td class="value">1h 0m 5s</td></tr>
   <tr><td class="metric">Sessions Created</td><td class="value">1,024</td></tr>
   <tr><td class="metric">Sessions Completed</td><td class="value">1,000</td></tr>
   <tr><td class="metric">Total Participants</td><td class="value">4,096</td></tr>
   <tr><td class="metric">Workers Used</td><td class="value">40</td></tr>
   <tr><td class="metric">Stop Reason</td><td class="value">Max participant errors reached (1)</td></tr>
  </tbody></table></div></div>
 <div class="section"><div class="section-header"><div class="section-title">Configuration</div></div>
  <table><tbody><tr><td class="metric">Session Topology</td><td class="value">N:N</td></tr>
  <tr><td class="metric">Participants per Session</td><td class="value">4</td></tr>
  <tr><td class="metric-key">Kibana Dashboard</td><td class="metric-value"><a href="https://k.example/app?a=1&amp;b=2">Open Dashboard</a></td></tr></tbody></table></div>
 <div class="section"><div class="section-title">Worker CPU Utilization</div>
  <table><thead><tr><th>Worker</th><th>Average CPU</th><th>Max CPU</th></tr></thead><tbody>
   <tr><td>https://10.0.0.1:5000</td><td><div class="cpu-bar"></div><span class="cpu-text">41.5%</span></td><td><span class="cpu-text">97.0%</span></td></tr>
   <tr class="all-workers"><td>All Workers</td><td><span class="cpu-text">41.5%</span></td><td><span class="cpu-text">97.0%</span></td></tr>
   <tr><td>broken</td><td>n/a</td><td>n/a</td></tr>
  </tbody></table></div>
 <div class="section"><div class="section-title">OpenVidu Platform Metrics</div>
  <table><thead><tr><th>Metric</th><th>Min</th><th>Avg</th><th>Max</th><th>Trend</th></tr></thead><tbody>
   <tr><td class="metric-name">participants<div class="metric-desc">Concurrent participants</div></td><td>0.00 participants</td><td>512.50 participants</td><td>1,024 participants</td>
    <td><svg width="260" height="36"><polyline points="0.0,34.0 130.0,18.0 260.0,2.0"/></svg></td></tr>
   <tr><td class="metric-name">bandwidth_out<div class="metric-desc">Media out</div></td><td>0 bps</td><td>1.50 Gbps</td><td>2.25 Gbps</td><td><svg><polyline points=""/></svg></td></tr>
  </tbody></table></div>
 <div class="section"><div class="section-title">User Connections <span>(2 total)</span></div>
  <table><thead><tr><th>User</th></tr></thead><tbody>
   <tr class="user-row" data-detail-id="retry-details-User1-LoadTestSession1"><td>User1</td><td>LoadTestSession1</td><td>PUBLISHER</td><td>2026-03-20 12:53:20</td><td><span class="error-count medium">2</span></td><td><button>Show</button></td></tr>
   <tr id="retry-details-User1-LoadTestSession1" class="retry-details-row"><td colspan="6"><table class="retry-attempts-table"><thead><tr><th>Attempt</th><th>Error Date</th><th>Reconnect Date</th></tr></thead><tbody>
     <tr><td>1</td><td>2026-03-20 12:54:00</td><td>2026-03-20 12:54:03</td></tr>
     <tr><td>2</td><td>2026-03-20 12:55:00</td><td>-</td></tr></tbody></table></td></tr>
   <tr class="user-row" data-detail-id="retry-details-User2-LoadTestSession1"><td>User2</td><td>LoadTestSession1</td><td>SUBSCRIBER</td><td>2026-03-20 12:53:21</td><td>0</td><td>-</td></tr>
  </tbody></table></div>
</div></body></html>`;

describe('report-<ts>.html', () => {
  const { scenarios, diagnostics } = parseReportHtml(HTML, '/r/report.html');
  const [s] = scenarios;
  it('reads the summary with thousands separators and the configuration', () => {
    expect(s).toMatchObject({
      index: 1,
      topology: 'N:N',
      participantsPerSession: '4',
      sessionsCreated: 1024,
      sessionsCompleted: 1000,
      participantsCreated: 4096,
      workersUsed: 40,
      reportedDurationSeconds: 3605,
    });
    expect(s!.stopReason).toBe('Max participant errors reached (1)');
    expect(s!.kibanaUrl).toBe('https://k.example/app?a=1&b=2');
    expect(s!.start).toBe(Date.UTC(2026, 2, 20, 12, 53, 18));
  });
  it('reads the worker CPU table and reports the row it cannot read', () => {
    expect(s!.workerCpu.map(w => [w.worker, w.avg, w.max])).toEqual([
      ['https://10.0.0.1:5000', 41.5, 97],
      ['All Workers', 41.5, 97],
    ]);
    expect(diagnostics.filter(d => d.code === 'report.badCpu').map(d => d.line)).toEqual([22]);
  });
  it('reads the platform metrics, scaled units and the sparkline values', () => {
    const [p, bw] = s!.platform;
    expect(p).toMatchObject({
      name: 'participants',
      description: 'Concurrent participants',
      unit: 'participants',
      min: 0,
      avg: 512.5,
      max: 1024,
    });
    // y = 36 − 2 − (v − min)/span · 32: 34 → 0, 18 → 512, 2 → 1024.
    expect(p!.sparkline).toEqual([0, 512, 1024]);
    expect(bw).toMatchObject({
      name: 'bandwidth_out',
      unit: 'bps',
      min: 0,
      avg: 1.5e9,
      max: 2.25e9,
      sparkline: undefined,
    });
  });
  it('reads users, roles, retries and retry attempts (not the nested rows as users)', () => {
    expect(
      s!.users.map(u => [u.user, u.session, u.role, u.join, u.retries, u.attempts.length]),
    ).toEqual([
      ['User1', 'LoadTestSession1', 'PUBLISHER', Date.UTC(2026, 2, 20, 12, 53, 20), 2, 2],
      ['User2', 'LoadTestSession1', 'SUBSCRIBER', Date.UTC(2026, 2, 20, 12, 53, 21), 0, 0],
    ]);
    expect(s!.users[0]!.attempts).toEqual([
      {
        attempt: 1,
        error: Date.UTC(2026, 2, 20, 12, 54, 0),
        reconnect: Date.UTC(2026, 2, 20, 12, 54, 3),
      },
      { attempt: 2, error: Date.UTC(2026, 2, 20, 12, 55, 0), reconnect: undefined },
    ]);
  });
  it('undoes a flat sparkline to its constant value', () => {
    expect(sparklineValues('0.0,34.0 260.0,34.0', 7, 7)).toEqual([7, 7]);
  });
  it('says when a page is not a report', () => {
    const r = parseReportHtml('<html><body><p>hello</p></body></html>', '/r/x.html');
    expect(r.diagnostics.map(d => d.code)).toEqual([
      'report.unknownPage',
      'report.noSections',
      'report.empty',
    ]);
  });
});

describe('YAML configuration', () => {
  const yaml = `platform:
  url: wss://ov.example
  apiKey: key1
  apiSecret: topsecret
session:
  secondsBetweenTestCases: 30
testcases:
  - topology: N:N
    participants: ["4", "16", "50"]
    sessions: 3
    browser: emulated
  - topology: N:M
    participants: ["2:8"]
    sessions: infinite
    simulcast: true
monitoring:
  grafana:
    host: https://grafana.example
    password: gpass
`;
  const c = parseRunConfig(yaml, '/r/config.yaml');
  it('expands every participants element into a scenario', () => {
    expect(
      c.scenarios.map(s => [s.topology, s.participants, s.sessions, s.browser, s.simulcast]),
    ).toEqual([
      ['N:N', '4', 3, 'emulated', false],
      ['N:N', '16', 3, 'emulated', false],
      ['N:N', '50', 3, 'emulated', false],
      ['N:M', '2:8', 'infinite', 'chrome', true],
    ]);
    expect(c.secondsBetweenTestCases).toBe(30);
    expect(c.grafanaHost).toBe('https://grafana.example');
  });
  it('redacts every secret and never keeps it', () => {
    const rows = new Map(c.rows.map(r => [r.path, r]));
    expect(rows.get('platform.apiSecret')?.value).toBe(REDACTED);
    expect(rows.get('platform.apiKey')?.value).toBe(REDACTED);
    expect(rows.get('monitoring.grafana.password')?.value).toBe(REDACTED);
    expect(rows.get('platform.url')?.value).toBe('wss://ov.example');
    expect(rows.get('platform.url')?.line).toBe(2);
    expect(JSON.stringify(c)).not.toMatch(/topsecret|gpass|key1/);
    expect(rows.get('advanced.maxParticipantErrors')).toMatchObject({
      value: '1',
      defaulted: true,
    });
  });
  it('reports a YAML error with its line', () => {
    const bad = parseRunConfig('platform:\n  url: [unclosed\n', '/r/c.yaml');
    expect(bad.diagnostics[0]).toMatchObject({ code: 'config.yaml', file: '/r/c.yaml' });
    expect(bad.diagnostics[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

describe('Elasticsearch exports', () => {
  it('reads platform metric documents and Metricbeat nodes, nested or flat, and skips bad lines', () => {
    const text = [
      '{"@timestamp":"2026-07-01T10:00:00Z","metric":"participants","value":3,"unit":"participants"}',
      '{"@timestamp":"2026-07-01T10:00:30Z","metric":"participants","value":"NaN","unit":"participants"}',
      'not json',
      '{"_source":{"@timestamp":"2026-07-01T10:00:30Z","metric":"participants","value":5}}',
      '{"@timestamp":"2026-07-01T10:00:10Z","host":{"name":"m1"},"fields":{"node_role":"medianode"},"system":{"cpu":{"total":{"norm":{"pct":0.25}}}}}',
      '{"@timestamp":"2026-07-01T10:00:20Z","host.name":"m1","fields.node_role":"medianode","system.cpu.total.norm.pct":0.5}',
    ].join('\n');
    const r = parsePlatformDocs(text, '/r/m.ndjson');
    expect(r.diagnostics.map(d => [d.code, d.line])).toEqual([['metrics.badLine', 3]]);
    const p = r.series.find(s => s.name === 'participants');
    expect(p?.points).toEqual([
      { t: Date.UTC(2026, 6, 1, 10, 0, 0), v: 3 },
      { t: Date.UTC(2026, 6, 1, 10, 0, 30), v: 5 },
    ]);
    const cpu = r.series.find(s => s.name === 'cpu');
    expect(cpu).toMatchObject({ node: 'm1', role: 'medianode', unit: '%' });
    expect(cpu?.points.map(x => x.v)).toEqual([25, 50]);
  });
});

describe('errors.json of today’s workers', () => {
  it('reads structured health errors and names bad elements by index', () => {
    const text =
      '[{"event":"LOAD_TEST_RUN_HEALTH_ERROR","source":"lk-load-test-healthcheck","participant":"loadtest-s1-1","session":"LoadTestSession1","timestamp":"2026-07-01T10:00:05.000Z","reason":"run-not-running"}, 42]';
    const r = parseErrorsJson(text, '/r/stats/s1/u/errors.json', 'LoadTestSession1', 'x');
    expect(r.errors.map(e => [e.event, e.reason, e.room, e.identity, e.t, e.at.index])).toEqual([
      [
        'LOAD_TEST_RUN_HEALTH_ERROR',
        'run-not-running',
        'LoadTestSession1',
        'loadtest-s1-1',
        Date.UTC(2026, 6, 1, 10, 0, 5),
        0,
      ],
    ]);
    expect(r.diagnostics.map(d => [d.code, d.jsonPath])).toEqual([['errors.notObject', '[1]']]);
  });
});

describe('[FB] node and recording lines of the text report', () => {
  const text = [
    ' ----- Test Case Report Fri Mar 20 12:53:18 GMT 2026 ----- ',
    'Session topology: N:N',
    'Stop reason: Test finished',
    'Recordings: ',
    '  ROOM_COMPOSITE | room LoadTestSession1 | EG_abc | started Fri Mar 20 12:54:00 GMT 2026 | duration 120s',
    '  TRACK | room LoadTestSession2 | NOT STARTED | error: no egress available',
    'OpenVidu nodes resource usage: ',
    '  ov-media-1 (medianode): CPU avg 28,76%, max 61,02% | MEM avg 40,00%, max 41,50% | 120 samples',
    '      openvidu: CPU avg 1,20 cores, max 2,40 cores | MEM avg 512 MB',
    '  ov-master-1 (masternode): CPU avg 28.78%, max 61.05% | MEM avg 40.00%, max 41.50% | 120 samples',
    'Test duration: 0h 3m 20s',
    '   ---------------------   ',
  ].join('\n');
  const { scenarios, diagnostics } = parseResultsText(text, '/r/results.txt');
  it('reads node usage (decimal commas too), its containers and the recordings', () => {
    // Line 8 prints decimal commas, line 10 decimal points: one JVM prints one locale, so the
    // four numbers of line 10 are flagged against the file's majority mark (read all the same).
    expect(diagnostics.map(d => [d.code, d.line])).toEqual(
      Array.from({ length: 4 }, () => ['number.localeMismatch', 10]),
    );
    const [s] = scenarios;
    expect(
      s!.nodes!.map(n => [
        n.name,
        n.role,
        n.cpuAvg,
        n.cpuMax,
        n.samples,
        n.containers.length,
        n.source.line,
      ]),
    ).toEqual([
      ['ov-media-1', 'medianode', 28.76, 61.02, 120, 1, 8],
      ['ov-master-1', 'masternode', 28.78, 61.05, 120, 0, 10],
    ]);
    expect(s!.nodes![0]!.containers[0]).toEqual({
      name: 'openvidu',
      cpuAvgCores: 1.2,
      cpuMaxCores: 2.4,
      memAvgMb: 512,
    });
    expect(s!.recordings!.map(r => r.started)).toEqual([true, false]);
    expect(s!.reportedDurationSeconds).toBe(200);
  });
  it('flags media and master nodes reading the same CPU as host-wide', async () => {
    const { assessValidity } = await import('../../../src/core/runs/validity');
    const scenario = {
      name: 'x',
      report: scenarios[0]!,
      series: [],
      healthErrors: [],
      connections: [],
      log: [],
    };
    const c = assessValidity(scenario, undefined).checks.find(x => x.cls === 'hostWideCpu')!;
    expect(c.status).toBe('suspect');
    expect(c.evidence[0]).toMatchObject({ file: '/r/results.txt', line: 8 });
    const apart = {
      ...scenario,
      report: {
        ...scenarios[0]!,
        nodes: scenarios[0]!.nodes!.map((n, i) => ({ ...n, cpuAvg: n.cpuAvg + i * 5 })),
      },
    };
    expect(assessValidity(apart, undefined).checks.find(x => x.cls === 'hostWideCpu')!.status).toBe(
      'pass',
    );
  });
});
