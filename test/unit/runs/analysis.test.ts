// Steady window, true duration, geometry, sizing and links, against the generator's plan
// (its timeline is the truth) and hand-worked cases.
import { describe, expect, it } from 'vitest';
import {
  classifyStopReason,
  expectedGeometry,
  fleetSizing,
  steadyWindow,
  trueDuration,
  deepLinks,
} from '../../../src/core/runs/analysis';
import { summarizeRun } from '../../../src/core/runs/summary';
import { PROMETHEUS_STEP_MS } from '../../../src/generate/runs/plan';
import { generatedRun } from './runs';

describe('a generated three-scenario run', () => {
  it('becomes three scenarios named by run, index, topology and participants', async () => {
    const { run } = await generatedRun();
    expect(run.scenarios.map(s => s.name)).toEqual([
      '2026-07-01_10-00-00 #1 N:N 4',
      '2026-07-01_10-00-00 #2 N:N 8',
      '2026-07-01_10-00-00 #3 N:N 16',
    ]);
    expect(run.scenarios.map(s => s.report.userStarts.length)).toEqual([16, 32, 64]);
    expect(run.diagnostics.filter(d => d.severity !== 'info')).toEqual([]);
  });

  it('finds the steady window within one Prometheus step of the plan, and the true duration', async () => {
    const { run, truth } = await generatedRun();
    run.scenarios.forEach((s, i) => {
      const t = truth.scenarios[i]!;
      const w = steadyWindow(s, run.config)!;
      expect(w.basis).toBe('detected');
      // The plateau starts when the last room is full and ends at the report (then all leave).
      // (95 % of the peak may be reached a second or two before the last join.)
      expect(Math.abs(w.start - t.fullAt)).toBeLessThan(PROMETHEUS_STEP_MS);
      expect(t.lastLeave - w.end).toBeGreaterThan(0);
      expect(t.lastLeave - w.end).toBeLessThanOrEqual(PROMETHEUS_STEP_MS);
      const d = trueDuration(s, run.config)!;
      expect(d.firstJoin).toBe(t.firstJoin);
      expect(d.lastLeave - t.lastLeave).toBeGreaterThanOrEqual(0);
      expect(d.lastLeave - t.lastLeave).toBeLessThan(PROMETHEUS_STEP_MS);
      expect(d.reportedSeconds).toBe(Math.floor((t.paddedEnd - t.firstJoin + 2000) / 1000));
    });
  });

  it('lets the user set the steady window', async () => {
    const { run } = await generatedRun();
    const s = run.scenarios[0]!;
    const w = steadyWindow(s, run.config, { from: 40, to: 100 })!;
    expect([w.basis, w.start - s.windowStart!, w.end - s.windowStart!]).toEqual([
      'user',
      40_000,
      100_000,
    ]);
    const summary = summarizeRun(run, { steady: { from: 40, to: 100 } });
    const participants = summary.scenarios[0]!.headlines.find(h => h.name === 'participants')!;
    expect(participants.steady!.n).toBe(2); // samples at 60 s and 90 s
  });

  it('reads the HTML dates in the zone the text report gives (CEST, +120 min)', async () => {
    const { run, truth } = await generatedRun({ zone: { abbr: 'CEST', offsetMinutes: 120 } });
    expect([run.htmlZone, run.htmlOffsetFrom]).toEqual([
      { kind: 'offset', offsetMinutes: 120 },
      'text report',
    ]);
    expect(run.scenarios[0]!.report.users[0]!.join).toBe(truth.scenarios[0]!.firstJoin);
  });

  it('keeps every scenario when the text report kept only the last (the [M] overwrite bug)', async () => {
    const { run } = await generatedRun({ txt: 'last' });
    expect(run.scenarios.map(s => s.report.userStarts.length)).toEqual([0, 0, 64]);
    expect(run.scenarios.map(s => s.report.users.length)).toEqual([16, 32, 64]);
  });

  it('rebuilds the platform series from the report sparklines when nothing was exported', async () => {
    const { run, truth } = await generatedRun({
      metricsExport: false,
      txt: 'none',
      trips: ['refusedWhileFinished'],
    });
    const s = run.scenarios[2]!;
    const p = s.series.find(x => x.name === 'participants')!;
    expect([p.origin, p.approximate]).toEqual(['sparkline', false]);
    // 0.1 px of 32 px is 0.3 % of the range: the peak comes back to the participant.
    expect(Math.round(Math.max(...p.points.map(x => x.v)))).toBe(truth.scenarios[2]!.platformPeak);
    const check = summarizeRun(run).scenarios[2]!.validity.checks.find(
      c => c.cls === 'refusedWhileFinished',
    )!;
    expect(check.status).toBe('invalid');
    expect(check.evidence[0]!.text).toMatch(/report sparkline/);
  });

  it('reports a damaged report and still reads the rest of the run', async () => {
    const { run, dir } = await generatedRun({ trips: [] });
    const { writeFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { listRuns, loadRun } = await import('../../../src/core/runs/run');
    const report = readdirSync(dir).find(n => n.startsWith('report-'))!;
    writeFileSync(join(dir, report), '<html><body>truncated');
    writeFileSync(join(dir, 'config.yaml'), 'testcases: [oops\n');
    const again = await loadRun((await listRuns(dir))[0]!);
    expect(again.diagnostics.map(d => d.code)).toEqual(
      expect.arrayContaining(['report.empty', 'config.yaml']),
    );
    expect(again.scenarios.map(s => s.report.userStarts.length)).toEqual(
      run.scenarios.map(s => s.report.userStarts.length),
    );
  });
});

describe('hand-worked figures', () => {
  it('geometry of each topology', () => {
    expect(expectedGeometry('N:N', '8')).toEqual({ publishers: 8, subscribers: 0, perRoom: 8 });
    expect(expectedGeometry('N:M', '3:40')).toEqual({
      publishers: 3,
      subscribers: 40,
      perRoom: 43,
    });
    expect(expectedGeometry('TEACHING', '1:30')).toEqual({
      publishers: 1,
      subscribers: 30,
      perRoom: 31,
    });
    expect(expectedGeometry('N:N', 'many')).toBeUndefined();
  });

  it('classifies every stop reason the controller writes', () => {
    const kinds = [
      'Test finished',
      'Max participant errors reached (3)',
      'Participant User3-LoadTestSession1 failed after 5 retries',
      'Participant User3-LoadTestSession1 failed to reconnect after 2 attempts',
      'No response from worker',
      'LOADTEST mode requires a LiveKit platform configuration',
      'Failed launching load-test chunk on worker https://10.0.0.1:5000',
      'No more workers available',
      'An unexpected error occurred: NullPointerException',
      'Null response from BrowserEmulatorClient',
    ].map(t => classifyStopReason(t)!.kind);
    expect(kinds).toEqual([
      'finished',
      'participantErrors',
      'participantErrors',
      'participantErrors',
      'workerFailure',
      'configuration',
      'workerFailure',
      'workerCapacity',
      'unexpected',
      'workerFailure',
    ]);
  });

  it('sizes the worker fleet from participants per worker and worker CPU', () => {
    // 60 participants on 3 workers = 20 per worker at 40 % max CPU → 2 % per participant;
    // at 80 % a worker takes 40 → 1000 participants need 25 workers; in emulated mode also
    // one worker per room: 1000 / 4 per room = 250 rooms → 250 workers.
    const report = {
      index: 1,
      topology: 'N:N',
      participantsPerSession: '4',
      participantsCreated: 60,
      workersUsed: 3,
      userStarts: [],
      users: [],
      platform: [],
      sources: [],
      workerCpu: [{ worker: 'All Workers', avg: 30, max: 40, source: { file: 'r' } }],
    };
    const chrome = fleetSizing(
      report,
      {
        topology: 'N:N',
        participants: '4',
        sessions: 15,
        browser: 'chrome',
        simulcast: false,
        startingParticipants: 0,
      },
      1000,
    );
    expect(chrome).toMatchObject({
      participantsPerWorker: 20,
      cpuPerParticipant: 2,
      participantsPerWorkerAtTarget: 40,
      workersNeeded: 25,
    });
    const emulated = fleetSizing(
      report,
      {
        topology: 'N:N',
        participants: '4',
        sessions: 15,
        browser: 'emulated',
        simulcast: false,
        startingParticipants: 0,
      },
      1000,
    );
    expect(emulated).toMatchObject({ workersNeeded: 250, minimumWorkersForRooms: 250 });
  });

  it('moves the reported Kibana window to the true test window', () => {
    const s = {
      name: 'x',
      report: {
        index: 1,
        kibanaUrl:
          "https://k/app/kibana#/dashboard/d?_g=(time:(from:'2026-07-01 10:00:00Z',to:'2026-07-01 10:05:00Z'))",
        userStarts: [],
        users: [],
        workerCpu: [],
        platform: [],
        sources: [],
      },
      series: [],
      healthErrors: [],
      connections: [],
      log: [],
    };
    const links = deepLinks(s, undefined, {
      firstJoin: Date.UTC(2026, 6, 1, 10, 0, 2),
      lastLeave: Date.UTC(2026, 6, 1, 10, 3, 0),
      seconds: 178,
      lastLeaveFrom: 'platform participants',
    });
    expect(links.kibanaTrue).toBe(
      "https://k/app/kibana#/dashboard/d?_g=(time:(from:'2026-07-01T10:00:02.000Z',to:'2026-07-01T10:03:00.000Z'))",
    );
  });
});

describe('other generated shapes', () => {
  it('an N:M run: 2 publishers + 6 subscribers per room, fan-out from the track counters', async () => {
    const { run, truth } = await generatedRun({ topology: 'N:M', scenarios: ['2:6'], sessions: 3 });
    const s = summarizeRun(run).scenarios[0]!;
    expect(s.geometry.geometry).toEqual({ publishers: 2, subscribers: 6, perRoom: 8 });
    expect(s.geometry.participantsExpected).toBe(truth.scenarios[0]!.expectedParticipants);
    expect(s.geometry.rooms.map(r => r.observed)).toEqual([8, 8, 8]);
    expect(run.scenarios[0]!.report.users.filter(u => u.role === 'SUBSCRIBER')).toHaveLength(18);
    expect(s.validity.verdict).toBe('valid');
  });

  it('mediasoup exports no traffic counters: the clean run is suspect for its zero counters only', async () => {
    const { run } = await generatedRun({ engine: 'mediasoup', scenarios: ['4'] });
    const s = summarizeRun(run).scenarios[0]!;
    expect(s.validity.verdict).toBe('suspect');
    const failing = s.validity.checks.filter(c => c.status !== 'pass' && c.status !== 'skipped');
    expect(failing.map(c => c.cls)).toEqual(['zeroCounters']);
    expect(s.validity.checks.find(c => c.cls === 'noForwarding')!.status).toBe('skipped');
  });
});

describe('runs with per-user data', () => {
  it('a real-browser run (events.json with events) is not room-level: the notebook views apply', async () => {
    const { dir } = await generatedRun({ scenarios: ['4'] });
    const { readdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { listRuns, loadRun } = await import('../../../src/core/runs/run');
    const room = readdirSync(join(dir, 'stats'))[0]!;
    const user = readdirSync(join(dir, 'stats', room))[0]!;
    writeFileSync(
      join(dir, 'stats', room, user, 'events.json'),
      '[{"event":"connectionStart","participant":"User1","session":"LoadTestSession1","timestamp":"2026-07-01T10:00:03.000Z"}]',
    );
    const run = await loadRun((await listRuns(dir))[0]!);
    expect(run.perUserStats).toEqual({ statsDir: join(dir, 'stats'), users: 1 });
    expect(summarizeRun(run).scenarios[0]!.roomLevel).toBe(false);
    const emulated = await loadRun(
      (await listRuns((await generatedRun({ scenarios: ['4'] })).dir))[0]!,
    );
    expect(emulated.perUserStats).toBeUndefined();
    expect(summarizeRun(emulated).scenarios[0]!.roomLevel).toBe(true);
  });
});
