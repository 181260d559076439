/**
 * The time-series views at the issue's scale: a constructed test of 1,000 users × 60 minutes of
 * 1 s samples (connection_stats with joins, failures and reconnections, VMAF and ViSQOL cuts every
 * 10 s per user, six QoS tables of 3.6 M reports each, one media-node sample a second). Measured
 * in one run:
 *  - host: building the test's source (progression, QoE groups, QoS per-second groups) and each
 *    chart's view model, decimated to the chart's pixel columns;
 *  - payload: bytes of each chart message as JSON (target ≤ 5 MB, also at the widest 4000 columns);
 *  - browser (bench/views-browser.mjs, the real webview bundle in headless Chromium): time from the
 *    host's index message to the first chart drawn (target ≤ 1 s, host build included), time to
 *    switch to the QoS chart, and hover latency from a mouse move to the tooltip drawn
 *    (target ≤ 50 ms).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { ConnectionStatsRow } from '../src/core/analysis/types';
import type { TestSummary } from '../src/core/analysis/testSummary';
import { QOS_TABLE_NAMES, type QosTable, type QosTables } from '../src/core/ingest/stats';
import {
  chartVM,
  MAX_COLUMNS,
  qosSource,
  seriesIndex,
  timeSeriesSource,
} from '../src/core/viewmodel/timeSeries';
import type { ChartKey } from '../src/shared/views/timeSeries';

/** A host → webview message as it goes on the wire. */
type HostMessage = { readonly type: string } & Record<string, unknown>;

const USERS = 1000;
const SECONDS = 3600;
const TEST = 'loadtest-webrtc-2024-mediasoup-1000p';
const ORIGIN = Date.UTC(2024, 5, 20, 10, 0, 0);
const COLUMNS = 1200;
const MB = 1024 * 1024;

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function row(
  type: ConnectionStatsRow['type'],
  user: number,
  start: number,
  end: number,
  extra: Partial<ConnectionStatsRow> = {},
): ConnectionStatsRow {
  const session = String(Math.floor(user / 10) + 1);
  const u = String((user % 10) + 1);
  return {
    type,
    start_time: start,
    end_time: end,
    total_duration: end - start,
    attempt: 0,
    batch: Math.floor(user / 50),
    user: u,
    session,
    full_user: `${u}-${session}`,
    cpu_mean: NaN,
    cpu_start: NaN,
    cpu_end: NaN,
    cpu_median: NaN,
    cpu_max: NaN,
    cpu_min: NaN,
    index: TEST,
    ...extra,
  };
}

/** Joins over the first 10 minutes, 5 % of users fail once and reconnect, QoE cuts every 10 s. */
function connectionRows(): ConnectionStatsRow[] {
  const random = rng(7);
  const rows: ConnectionStatsRow[] = [];
  for (let i = 0; i < USERS; i++) {
    const join = i * 0.6;
    rows.push(row('connectionStart', i, join, join + 2));
    let connected = join + 2;
    if (random() < 0.05) {
      const fail = connected + 60 + random() * 2000;
      rows.push(row('connectionSuccess', i, connected, fail));
      rows.push(row('connectionFail', i, fail, fail + 5, { attempt: 1 }));
      rows.push(row('connectionStart', i, fail + 5, fail + 7, { attempt: 1 }));
      connected = fail + 7;
    }
    rows.push(row('connectionSuccess', i, connected, SECONDS));
    for (let t = join + 5; t + 10 <= SECONDS; t += 10) {
      const load = t / SECONDS;
      const vmaf = Math.min(1, Math.max(0, 0.95 - 0.5 * load + 0.05 * (random() - 0.5)));
      rows.push(row('QOE', i, t, t + 10, { qoe: vmaf, qoe_metric: 'vmaf' }));
      rows.push(row('QOE', i, t, t + 10, { qoe: vmaf * 0.9, qoe_metric: 'visqol' }));
    }
  }
  return rows;
}

/** What `timeSeriesSource` reads of a test summary. */
function summary(): TestSummary {
  const time = new Float64Array(SECONDS);
  const cpu = new Float64Array(SECONDS);
  const memory = new Float64Array(SECONDS);
  for (let s = 0; s < SECONDS; s++) {
    time[s] = ORIGIN + s * 1000;
    cpu[s] = Math.min(1, 0.05 + (0.9 * s) / 600) * (0.97 + 0.03 * Math.sin(s / 7));
    memory[s] = 0.2 + (0.3 * s) / SECONDS;
  }
  const partial = {
    name: TEST,
    start: ORIGIN,
    end: ORIGIN + SECONDS * 1000,
    durationSeconds: SECONDS,
    timezone: { offsetMinutes: 120, source: 'inferred' },
    node: { time, cpu, memory },
  };
  return partial as unknown as TestSummary;
}

/** One QoS table of USERS × SECONDS reports (1 s apart per user) with the charted columns. */
function qosTable(timestamps: Float64Array, seed: number, columns: Record<string, number>) {
  const random = rng(seed);
  const rows = timestamps.length;
  const number = (name: string, scale: number) => {
    const values = new Float64Array(rows);
    for (let r = 0; r < rows; r++) values[r] = scale * (0.5 + random());
    return { name, kind: 'number' as const, values };
  };
  const lossRatio = new Float64Array(rows);
  const packetsPerSecond = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    lossRatio[r] = random() * 0.02;
    packetsPerSecond[r] = 50 + random() * 50;
  }
  const table: QosTable = {
    rows,
    columns: [
      { name: 'timestamp', kind: 'number', values: timestamps },
      ...Object.entries(columns).map(([name, scale]) => number(name, scale)),
    ],
    source: new Int32Array(0),
    element: new Int32Array(0),
    offset: new Float64Array(0),
    lossRatio,
    packetsPerSecond,
  };
  return table;
}

function qosTables(): QosTables {
  const timestamps = new Float64Array(USERS * SECONDS);
  for (let u = 0; u < USERS; u++)
    for (let s = 0; s < SECONDS; s++) timestamps[u * SECONDS + s] = ORIGIN + s * 1000 + u;
  const empty = qosTable(new Float64Array(0), 0, {});
  const specs: Partial<Record<(typeof QOS_TABLE_NAMES)[number], Record<string, number>>> = {
    inbound_video: { bitrate: 1e6, jitter: 0.02 },
    inbound_audio: { bitrate: 4e4, jitter: 0.01 },
    outbound_video: { bitrate: 1.2e6 },
    outbound_audio: { bitrate: 4e4 },
    remote_inbound_video: { jitter: 0.02, roundTripTime: 0.1 },
    remote_inbound_audio: { jitter: 0.01, roundTripTime: 0.1 },
  };
  const tables = Object.fromEntries(
    QOS_TABLE_NAMES.map((n, i) => [n, specs[n] ? qosTable(timestamps, i + 1, specs[n]) : empty]),
  ) as QosTables['tables'];
  return {
    sources: [],
    tables,
    networkScores: undefined as never,
    counts: undefined as never,
    diagnostics: [],
  };
}

/** Collects the input's garbage before a timed section (the bench runs with --expose-gc). */
function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function ms(start: number): number {
  return performance.now() - start;
}

function line(label: string, value: string, target?: string): void {
  console.log(`${label.padEnd(46)} ${value.padStart(12)}${target ? `   target ${target}` : ''}`);
}

async function main(): Promise<void> {
  console.log(`test: ${USERS} users × ${SECONDS / 60} min of 1 s samples`);
  const load = loadavg()[0]!.toFixed(1);
  console.log(`machine: ${cpus().length} cores, load average ${load} (times grow with the load)`);
  let t = performance.now();
  const rows = connectionRows();
  const tables = qosTables();
  line('constructing the input (not a view cost)', `${ms(t).toFixed(0)} ms`);
  line('connection_stats rows', String(rows.length));
  line('QoS reports (6 tables)', String(6 * USERS * SECONDS));

  settle();
  t = performance.now();
  const source = timeSeriesSource(summary(), rows);
  const sourceMs = ms(t);
  line('host: progression + QoE + node source', `${sourceMs.toFixed(0)} ms`);
  settle();
  t = performance.now();
  const qos = qosSource(tables, source.origin);
  line('host: QoS per-second groups (once per test)', `${ms(t).toFixed(0)} ms`);

  const keys: ChartKey[] = ['progression', 'qoe', 'qos/inbound/jitter', 'qos/outbound/rtt'];
  const messages: Record<string, HostMessage> = {};
  let worst = 0;
  for (const key of keys) {
    t = performance.now();
    const chart = chartVM(source, { key, columns: COLUMNS }, qos);
    const chartMs = ms(t);
    const bytes = JSON.stringify({ type: 'seriesChart', seq: 0, chart }).length;
    const widest = JSON.stringify(chartVM(source, { key, columns: MAX_COLUMNS }, qos)).length;
    worst = Math.max(worst, widest);
    messages[key] = { type: 'seriesChart', seq: 0, chart };
    line(`host: chart ${key} (${COLUMNS} columns)`, `${chartMs.toFixed(1)} ms`);
    line(`payload ${key}`, `${(bytes / MB).toFixed(2)} MB`, '≤ 5 MB');
  }
  line(
    `payload, widest chart at ${MAX_COLUMNS} columns`,
    `${(worst / MB).toFixed(2)} MB`,
    '≤ 5 MB',
  );
  t = performance.now();
  chartVM(source, { key: 'qos/inbound/jitter', range: [1200, 1260], columns: COLUMNS }, qos);
  line('host: zoomed QoS chart (60 s range, exact rows)', `${ms(t).toFixed(1)} ms`);

  const dir = resolve('bench-results', 'views');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'messages.json');
  writeFileSync(
    file,
    JSON.stringify({ index: { type: 'seriesIndex', index: seriesIndex(source) }, messages }),
  );
  const browser = spawnSync(process.execPath, [join('bench', 'views-browser.mjs'), file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (browser.status !== 0) throw new Error(`views-browser.mjs failed: ${browser.stdout}`);
  const b = JSON.parse(browser.stdout) as {
    firstChartMs: number;
    qosChartMs: number;
    hoverMedianMs: number;
    hoverP95Ms: number;
    hoverMaxMs: number;
    moves: number;
  };
  line('browser: index → first chart drawn', `${b.firstChartMs.toFixed(0)} ms`);
  const progressionHost = performance.now();
  chartVM(source, { key: 'progression', columns: COLUMNS }, qos);
  const firstTotal = sourceMs + ms(progressionHost) + b.firstChartMs;
  line('first chart, host source + chart + browser', `${firstTotal.toFixed(0)} ms`, '≤ 1000 ms');
  line('browser: switch to the QoS chart, drawn', `${b.qosChartMs.toFixed(0)} ms`);
  line(
    `hover → tooltip drawn, median of ${b.moves}`,
    `${b.hoverMedianMs.toFixed(1)} ms`,
    '≤ 50 ms',
  );
  line('hover → tooltip drawn, p95', `${b.hoverP95Ms.toFixed(1)} ms`, '≤ 50 ms');
  line('hover → tooltip drawn, max', `${b.hoverMaxMs.toFixed(1)} ms`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
