/**
 * Writes a planned run as today's controller and workers would: `report-<ts>.html` (the
 * structure of `report.mustache`), `results-<ts>.txt` (`ResultReport.toString`, ": " labels),
 * `config.yaml`, `controller.log` (Spring Boot 4 format), `stats/<room>/<id>/*.json` and the
 * Elasticsearch exports `platform-metrics.ndjson` / `metricbeat.ndjson`.
 */
import { formatDurationText, formatJavaDate, formatReportDate } from '../../core/runs/javaDate';
import { formatMetricValue } from '../../core/runs/numbers';
import type { ScenarioPlan } from './model';
import { METRIC_DESCRIPTIONS, nodePoints, platformPoints, type PlatformPoint } from './metrics';
import type { RunPlan } from './plan';
import { maxOf, minOf, pushAll } from '../../shared/arrays';

const KIBANA = 'https://kibana.loadtest.example.org';
const GRAFANA = 'https://grafana.loadtest.example.org';
const DASHBOARD = '50f1fb30-5cd4-11eb-9110-07abbbcad76a';

function esc(text: string | number): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function kibanaUrl(s: ScenarioPlan): string {
  // LoadTestService: "yyyy-MM-dd HH:mm:ss" in the JVM zone + a literal Z (the image runs in UTC).
  const fmt = (t: number): string => `${formatReportDate(t, 0)}Z`;
  return `${KIBANA}/app/kibana#/dashboard/${DASHBOARD}?_g=(time:(from:'${fmt(s.start)}',to:'${fmt(s.paddedEnd)}'))`;
}

interface UserRow {
  user: string;
  session: string;
  role: string;
  join: number;
}

/** recordLoadTestParticipants: every user of a chunk shares its launch time (+1 ms per clash). */
function userRows(s: ScenarioPlan, topology: string): UserRow[] {
  const rows: UserRow[] = [];
  for (const r of s.rooms) {
    for (let u = 0; u < r.recorded; u++) {
      rows.push({
        user: `User${u + 1}`,
        session: r.session,
        role: topology === 'N:N' || u < r.publishers ? 'PUBLISHER' : 'SUBSCRIBER',
        join: r.launch + u,
      });
    }
  }
  return rows;
}

function durationOf(s: ScenarioPlan): string {
  return formatDurationText((s.paddedEnd - s.start) / 1000);
}

function sparkline(values: number[]): string {
  if (values.length < 2) return '';
  const min = minOf(values);
  const max = maxOf(values);
  const span = max - min === 0 ? 1 : max - min;
  const stepX = 260 / (values.length - 1);
  return values
    .map((v, i) => `${(i * stepX).toFixed(1)},${(36 - 2 - ((v - min) / span) * 32).toFixed(1)}`)
    .join(' ');
}

function section(title: string, body: string): string {
  return `            <div class="section">
                <div class="section-header" onclick="toggleSection(this)">
                    <div class="section-title">
                        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><path d="M3 3v18h18"/></svg>
                        ${title}
                    </div>
                    <div class="section-toggle"><svg width="16" height="16" viewBox="0 0 24 24"><path d="M6 9l6 6 6-6"/></svg></div>
                </div>
                <div class="section-content">
                    <div class="table-container">
${body}
                    </div>
                </div>
            </div>`;
}

function kvTable(id: string, rows: [string, string][], extra = ''): string {
  return `                        <table id="${id}"><tbody>
${rows.map(([k, v]) => `                                <tr><td class="metric">${esc(k)}</td><td class="value">${esc(v)}</td></tr>`).join('\n')}${extra}
                        </tbody></table>`;
}

function cpuColor(v: number): string {
  return v < 50 ? 'low' : v < 80 ? 'medium' : 'high';
}

function cpuCell(v: number): string {
  const text = `${v.toFixed(1)}%`;
  return `<td><div class="cpu-bar-container"><div class="cpu-bar"><div class="cpu-bar-fill ${cpuColor(v)}" style="width: ${text}"></div></div><span class="cpu-text">${text}</span></div></td>`;
}

function workerCpuTable(s: ScenarioPlan): string {
  const byWorker = new Map<string, number[]>();
  const all: number[] = [];
  for (const r of s.rooms) {
    // One CPU sample per synthetic participant of the chunk (recordLoadTestParticipants).
    const samples = Array.from({ length: r.recorded }, () => r.workerCpu);
    byWorker.set(r.worker, [...(byWorker.get(r.worker) ?? []), ...samples]);
    pushAll(all, samples);
  }
  const row = (name: string, v: number[], cls = ''): string =>
    `                                <tr${cls}><td>${esc(name)}</td>${cpuCell(v.reduce((a, b) => a + b, 0) / v.length)}${cpuCell(maxOf(v))}</tr>`;
  const rows = [...byWorker.entries()].map(([w, v]) => row(w, v));
  rows.push(row('All Workers', all, ' class="all-workers"'));
  return `                        <table>
                            <thead><tr><th>Worker</th><th>Average CPU</th><th>Max CPU</th></tr></thead>
                            <tbody>
${rows.join('\n')}
                            </tbody>
                        </table>`;
}

function metricsTable(points: PlatformPoint[]): string {
  const rows = Object.entries(METRIC_DESCRIPTIONS).map(([metric, [unit, description]]) => {
    const values = points.filter(p => p.metric === metric).map(p => p.value);
    const avg = values.reduce((a, b) => a + b, 0) / values.length;
    return `                                <tr>
                                    <td class="metric-name">${metric}<div class="metric-desc">${esc(description)}</div></td>
                                    <td>${esc(formatMetricValue(minOf(values), unit))}</td>
                                    <td>${esc(formatMetricValue(avg, unit))}</td>
                                    <td>${esc(formatMetricValue(maxOf(values), unit))}</td>
                                    <td class="metric-spark"><svg width="260" height="36" viewBox="0 0 260 36" xmlns="http://www.w3.org/2000/svg"><polyline points="${sparkline(values)}"/></svg></td>
                                </tr>`;
  });
  return `                        <table>
                            <thead><tr><th>Metric</th><th>Min</th><th>Avg</th><th>Max</th><th>Trend</th></tr></thead>
                            <tbody>
${rows.join('\n')}
                            </tbody>
                        </table>`;
}

function usersTable(rows: UserRow[], index: number, offset: number): string {
  const body = rows
    .map(u => {
      const id = `retry-details-${u.user}-${u.session}`;
      return `                                <tr class="user-row" data-detail-id="${id}">
                                    <td>${u.user}</td><td>${u.session}</td><td>${u.role}</td><td>${formatReportDate(u.join, offset)}</td>
                                    <td>0</td>
                                    <td>-</td>
                                </tr>`;
    })
    .join('\n');
  return `                        <table id="user-connections-table-${index}">
                            <thead><tr><th onclick="sortUserTable(this, 0, ${index})">User <span class="sort-icon">↕</span></th><th>Session</th><th>Type</th><th>Join Date</th><th>Retries</th><th>Retry Details</th></tr></thead>
                            <tbody id="userTableBody-${index}">
${body || '                                <tr><td colspan="6" class="no-data">No participants</td></tr>'}
                            </tbody>
                        </table>`;
}

function statCard(label: string, value: string): string {
  return `                <div class="stat-card"><div class="stat-icon"></div><div class="stat-info"><div class="stat-label">${label}</div><div class="stat-value">${value}</div></div></div>`;
}

function tabLabel(plan: RunPlan, s: ScenarioPlan): string {
  return `${plan.options.topology} — ${s.participants} participant${s.participants === '1' ? '' : 's'}`;
}

export function renderHtml(plan: RunPlan): string {
  const o = plan.options;
  const offset = o.zone.offsetMinutes;
  const multi = plan.scenarios.length > 1;
  const tabs = plan.scenarios.map(s => {
    const users = userRows(s, o.topology);
    const points = platformPoints(s, o);
    const summary: [string, string][] = [
      ['Test Duration', durationOf(s)],
      ['Sessions Created', String(s.sessionsCreated)],
      ['Sessions Completed', String(s.sessionsCompleted)],
      ['Total Participants', String(users.length)],
      ['Workers Used', String(Math.min(o.workers, s.rooms.length))],
      ['Users per Worker', '10'],
      ['Stop Reason', s.stopReason],
    ];
    const config: [string, string][] = [
      ['Session Topology', o.topology],
      ['Participants per Session', s.participants],
      ['Browser Recording', 'false'],
      ['Users per Worker', '10'],
    ];
    const kibana = `\n                                <tr><td class="metric-key">Kibana Dashboard</td><td class="metric-value"><a href="${esc(kibanaUrl(s))}" target="_blank" class="kibana-link">Open Dashboard</a></td></tr>`;
    return `        <div class="tab-content${multi ? '' : ' active'}" id="tab-tc-${s.index}">
            <div class="stats-bar">
${statCard('Sessions', `${s.sessionsCompleted}<span style="font-size:14px;color:var(--text-muted)">/ ${s.sessionsCreated}</span>`)}
${statCard('Participants', String(users.length))}
${statCard('Workers', String(Math.min(o.workers, s.rooms.length)))}
${statCard('Duration', durationOf(s))}
            </div>
${section('Summary', kvTable(`summary-table-${s.index}`, summary))}
${section('Configuration', kvTable(`configuration-table-${s.index}`, config, kibana))}
${section('Worker CPU Utilization', workerCpuTable(s))}
${section('OpenVidu Platform Metrics', metricsTable(points))}
${section(`User Connections <span style="font-size:13px;font-weight:400;color:var(--text-muted)">(${users.length} total)</span>`, usersTable(users, s.index, offset))}
        </div>`;
  });
  const tabBar = multi
    ? `        <div class="section"><div class="tab-bar" id="tabBar">
                <button class="tab-btn active" data-tab="overview"><span class="tab-label">Overview</span></button>
${plan.scenarios.map(s => `                <button class="tab-btn" data-tab="tc-${s.index}"><span class="tab-label">Test Case ${s.index}: ${esc(tabLabel(plan, s))}</span>${s.stopReason !== 'Test finished' ? `<span class="tab-subtitle">${esc(s.stopReason)}</span>` : ''}</button>`).join('\n')}
        </div></div>
        <div class="tab-content active" id="tab-overview">
${section(
  'Comparison Table',
  `<table class="overview-table"><thead><tr><th>#</th><th>Test Case</th><th>Topology</th><th>Per Session</th><th>Sessions (Created/Completed)</th><th>Participants</th><th>Workers</th><th>Duration</th><th>Stop Reason</th></tr></thead><tbody>
${plan.scenarios.map(s => `<tr data-tc-index="${s.index}" onclick="switchToTab('tc-${s.index}')"><td>${s.index}</td><td>${esc(tabLabel(plan, s))}</td><td>${o.topology}</td><td>${s.participants}</td><td>${s.sessionsCreated}/${s.sessionsCompleted}</td><td>${userRows(s, o.topology).length}</td><td>${Math.min(o.workers, s.rooms.length)}</td><td>${durationOf(s)}</td><td>${esc(s.stopReason)}</td></tr>`).join('\n')}
</tbody></table>`,
)}
        </div>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="UTF-8">
    <title>OpenVidu Load Test Report</title>
    <link href="https://fonts.googleapis.com/css2?family=Tomorrow:wght@400;600&display=swap" rel="stylesheet">
    <style>:root { --bg-primary: #0f172a; --text-muted: #94a3b8; } .retry-details-row { display: none; }</style>
</head>
<body>
    <div class="container">
        <div class="header"><div class="header-content">
            <div class="logo-section"><h1 class="header-title">OpenVidu Load Test Report</h1></div>
            <div class="header-meta">
                <div class="meta-item"><span class="meta-label">Generated</span><span class="meta-value">${formatReportDate(plan.scenarios[0]!.start, offset)}</span></div>
${multi ? `                <div class="meta-item"><span class="meta-label">Test Cases</span><span class="meta-value">${plan.scenarios.length}</span></div>` : ''}
            </div>
        </div></div>
${tabBar}
${tabs.join('\n')}
    </div>
    <script>function toggleSection(h) { h.parentElement.classList.toggle('collapsed'); }</script>
</body>
</html>
`;
}

function textBlock(plan: RunPlan, s: ScenarioPlan): string {
  const o = plan.options;
  const z = o.zone;
  const users = userRows(s, o.topology).sort((a, b) => a.join - b.join);
  const starts = users
    .map(u => `${formatJavaDate(u.join, z.abbr, z.offsetMinutes)} | ${u.session} | ${u.user}`)
    .join('\n');
  return [
    ` ----- Test Case Report ${formatJavaDate(s.start, z.abbr, z.offsetMinutes)} ----- `,
    'Browser with recording: false',
    'OpenVidu recording: NONE',
    `Session topology: ${o.topology}`,
    `Participants per session: ${s.participants}`,
    `Number of sessions created: ${s.sessionsCreated}`,
    `Number of sessions completed: ${s.sessionsCompleted}`,
    `Number of participants created: ${users.length}`,
    `Number of workers used: ${Math.min(o.workers, s.rooms.length)}`,
    'Is manual participants allocation: true',
    'Number of users per worker: 10',
    `Stop reason: ${s.stopReason}`,
    `Test duration: ${durationOf(s)}`,
    `Kibana url: ${kibanaUrl(s)}`,
    'Video quality control and stats: None',
    `User start times: \n${starts}\n`,
    '',
    '   ---------------------   ',
  ].join('\n');
}

export function renderText(plan: RunPlan): string {
  const scenarios = plan.options.txt === 'last' ? plan.scenarios.slice(-1) : plan.scenarios;
  return scenarios.map(s => textBlock(plan, s)).join('\n') + '\n';
}

export function renderConfig(plan: RunPlan): string {
  const o = plan.options;
  return `# yaml-language-server: $schema=../schema/openvidu-loadtest-schema.json
platform:
  url: wss://openvidu.loadtest.example.org
  apiKey: APIkey-${o.seed.length}x
  apiSecret: s3cr3t-${o.seed}-do-not-leak

session:
  secondsBetweenSessions: ${o.secondsBetweenSessions}
  secondsBeforeTestFinished: ${o.holdSeconds}
  secondsBetweenTestCases: ${o.secondsBetweenTestCases}

testcases:
  - topology: "${o.topology}"
    participants: [${o.scenarios.map(p => `"${p}"`).join(', ')}]
    sessions: ${o.sessions}
    browser: ${o.browser}
    resolution: 640x480
    videoCodec: vp8
    description: "${o.engine} capacity ramp"

workers:
  urls:
${Array.from({ length: o.workers }, (_, i) => `    - 10.0.1.${11 + i}`).join('\n')}

distribution:
  usersPerWorker: 10

monitoring:
  elasticsearch:
    host: https://es.loadtest.example.org
    username: elastic
    password: es-pass-${o.seed}
  kibana:
    host: ${KIBANA}
  grafana:
    host: ${GRAFANA}
    username: admin
    password: grafana-pass-${o.seed}
    datasourceUid: openvidu-prometheus

storage:
  bucket: loadtest-results
  accessKey: AKIAEXAMPLE
  secretKey: minio-secret-${o.seed}

advanced:
  reportOutput: [html${o.txt !== 'none' ? ', txt' : ''}]
`;
}

function logLine(
  t: number,
  offset: number,
  level: string,
  logger: string,
  message: string,
): string {
  const d = new Date(t + offset * 60_000).toISOString().slice(0, 23);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const zone =
    offset === 0
      ? 'Z'
      : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${d}${zone} ${level.padStart(5)} 1 --- [${'main'.padStart(15)}] ${logger.padEnd(40).slice(0, 40)} : ${message}`;
}

/** The worker as launchLoadTest prints it: its host (the URL is built around it). */
function workerHost(worker: string): string {
  try {
    return new URL(worker).hostname;
  } catch {
    return worker;
  }
}

export function renderLog(plan: RunPlan, resultsPath: string): string {
  const o = plan.options;
  const z = o.zone.offsetMinutes;
  const trips = new Set(o.trips);
  const lines: string[] = [];
  const orch = 'i.o.l.s.c.LoadTestTopologyOrchestrator';
  const client = 'i.o.l.s.BrowserEmulatorClient';
  for (const s of plan.scenarios) {
    lines.push(
      logLine(
        s.start,
        z,
        'INFO',
        orch,
        // An N:N or N:M test case logs the usual start line in LOADTEST mode too (d6a49f73).
        `Starting test with ${o.topology} session topology`,
      ),
    );
    s.rooms.forEach((r, i) => {
      const subscribers = r.recorded - r.publishers;
      const counts = `${r.publishers} video publishers and ${subscribers} subscribers`;
      lines.push(
        logLine(
          r.launch - 500,
          z,
          'INFO',
          'i.o.l.s.core.LoadTestModeOrchestrator',
          `[LOADTEST mode] Starting session '${r.session}' with ${counts}`,
        ),
      );
      lines.push(
        logLine(
          r.launch - 400,
          z,
          'INFO',
          client,
          `Launching load-test chunk on worker ${workerHost(r.worker)} for room ${r.session} (${r.publishers} video publishers, 0 audio publishers, ${subscribers} subscribers)`,
        ),
      );
      if (trips.has('environment') && i === 0) {
        lines.push(
          logLine(
            r.launch + 4000,
            z,
            'ERROR',
            client,
            'Error: No connection to OpenVidu Server. This may be a certificate error at wss://openvidu.loadtest.example.org',
          ),
        );
      }
      if (trips.has('generatorSaturation')) {
        lines.push(
          logLine(
            r.launch + 1500,
            z,
            'WARN',
            client,
            `Request to worker ${r.worker} failed: java.net.SocketTimeoutException: Read timed out`,
          ),
        );
      }
    });
    if (trips.has('stopReason'))
      lines.push(
        logLine(s.reportAt - 1000, z, 'ERROR', client, 'No more workers available. Exiting'),
      );
    lines.push(logLine(s.lastLeave, z, 'INFO', client, 'Participants disconnected'));
    if (o.txt !== 'none')
      lines.push(
        logLine(
          s.reportAt + 200,
          z,
          'INFO',
          'i.o.l.utils.ResultExporter',
          `Saved result in ${resultsPath}`,
        ),
      );
  }
  return lines.join('\n') + '\n';
}

export function renderPlatformNdjson(plan: RunPlan): string {
  return (
    plan.scenarios
      .flatMap(s => platformPoints(s, plan.options))
      .map(p =>
        JSON.stringify({
          '@timestamp': new Date(p.t).toISOString(),
          metric: p.metric,
          value: Number(p.value.toFixed(4)),
          unit: p.unit,
          source: 'grafana-prometheus',
        }),
      )
      .join('\n') + '\n'
  );
}

export function renderMetricbeatNdjson(plan: RunPlan): string {
  return (
    plan.scenarios
      .flatMap(s => nodePoints(s, plan.options))
      .map(p =>
        JSON.stringify({
          '@timestamp': new Date(p.t).toISOString(),
          host: { name: p.host },
          fields: { node_role: p.role },
          system: {
            cpu: { total: { norm: { pct: Number(p.cpu.toFixed(4)) } } },
            memory: { actual: { used: { pct: Number(p.memory.toFixed(4)) } } },
          },
        }),
      )
      .join('\n') + '\n'
  );
}

/** errors.json of each chunk: `[]`, or the health errors a trip plants. */
export function renderChunkErrors(plan: RunPlan, s: ScenarioPlan, roomIndex: number): string {
  const trips = new Set(plan.options.trips);
  const r = s.rooms[roomIndex]!;
  const base = {
    source: 'lk-load-test-healthcheck',
    participant: r.identity,
    session: r.session,
    runId: r.identity,
    handleId: `h-${r.launch}`,
  };
  const errors: object[] = [];
  if (trips.has('environment') && roomIndex === 0) {
    errors.push({
      event: 'LOAD_TEST_RUN_HEALTH_ERROR',
      ...base,
      timestamp: new Date(r.launch + 3000).toISOString(),
      reason: 'fatal-log-indicator',
      logs: 'could not connect Pub 0: failed to connect: tls: failed to verify certificate: x509: certificate signed by unknown authority',
    });
  }
  if (trips.has('geometry') && roomIndex === s.rooms.length - 1) {
    errors.push({
      event: 'LOAD_TEST_RUN_HEALTH_ERROR',
      ...base,
      timestamp: new Date(r.launch + 8000).toISOString(),
      reason: 'run-not-running',
      logs: 'lk load-test exited with status 1',
    });
  }
  if (trips.has('refusedWhileFinished') && roomIndex === s.rooms.length - 1) {
    errors.push({
      event: 'REAL_PARTICIPANT_WEBHOOK_ERROR',
      source: 'lk-webhook',
      participant: `${r.identity}_sub_1`,
      session: r.session,
      timestamp: new Date(r.launch + 6000).toISOString(),
      reason: 'webhook-participant_connection_aborted',
    });
  }
  return errors.length === 0 ? '[]' : `[${errors.map(e => JSON.stringify(e)).join(',')}]`;
}
