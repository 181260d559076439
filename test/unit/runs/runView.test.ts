// The run view's model: times relative to the scenario start, files as indexes inside the run,
// and what the charts draw (CPU per role, metrics against the participants) computed by the host.
import { describe, expect, it } from 'vitest';
import {
  retriedUsers,
  runViewVM,
  sizingVM,
  MAX_RETRIED_USERS,
} from '../../../src/core/viewmodel/runView';
import { summarizeRun } from '../../../src/core/runs/summary';
import { generatedRun, scenario } from './runs';

const T0 = Date.UTC(2026, 2, 20, 12, 0, 0);

describe('retried users', () => {
  it('lists users with retries, most retried first, with attempt times from the start', () => {
    const user = (n: number, retries: number, attempts = 0) => ({
      user: `User${n}`,
      session: 'LoadTestSession1',
      role: 'PUBLISHER',
      join: T0 + n * 1000,
      retries,
      attempts: Array.from({ length: attempts }, (_, i) => ({
        attempt: i + 1,
        error: T0 + 60_000,
        reconnect: i === 0 ? T0 + 63_000 : undefined,
      })),
    });
    const report = {
      index: 1,
      userStarts: [],
      workerCpu: [],
      platform: [],
      sources: [],
      users: [user(1, 0), user(2, 1, 1), user(3, 2, 2)],
    };
    const r = retriedUsers(report, T0);
    expect([r.total, r.listed]).toEqual([2, 3]);
    expect(r.users.map(u => [u.user, u.retries, u.join])).toEqual([
      ['User3', 2, 3],
      ['User2', 1, 2],
    ]);
    expect(r.users[0]!.attempts).toEqual([
      { attempt: 1, error: 60, reconnect: 63 },
      { attempt: 2, error: 60, reconnect: undefined },
    ]);
  });
  it(`keeps at most ${MAX_RETRIED_USERS} and counts the rest`, () => {
    const users = Array.from({ length: MAX_RETRIED_USERS + 5 }, (_, i) => ({
      user: `User${i}`,
      session: 's',
      role: 'PUBLISHER',
      retries: 1,
      attempts: [],
    }));
    const r = retriedUsers(
      { index: 1, userStarts: [], workerCpu: [], platform: [], sources: [], users },
      T0,
    );
    expect([r.total, r.users.length]).toEqual([MAX_RETRIED_USERS + 5, MAX_RETRIED_USERS]);
  });
});

describe('run view model of a generated run', () => {
  it('names files inside the run by index and puts times on the scenario clock', async () => {
    const { run, truth } = await generatedRun({ scenarios: ['4'], trips: ['environment'] });
    const vm = runViewVM(run, summarizeRun(run));
    expect(vm.files.every(f => !f.startsWith('/') && !f.startsWith('..'))).toBe(true);
    const s = vm.scenarios[0]!;
    const env = s.checks.find(c => c.cls === 'environment')!;
    const fromErrors = env.evidence.find(
      e => e.file !== undefined && vm.files[e.file]!.endsWith('errors.json'),
    )!;
    expect(fromErrors.where).toMatch(/^stats\/LoadTestSession1\/.+\/errors\.json \[0\]$/);
    expect(s.duration!.firstJoin).toBe((truth.scenarios[0]!.firstJoin - s.origin) / 1000);
    expect(s.healthErrors).toHaveLength(1);
    expect(s.healthErrors[0]!.at).toBe((truth.scenarios[0]!.firstJoin + 3000 - s.origin) / 1000);
    expect(JSON.stringify(vm)).not.toMatch(/s3cr3t|grafana-pass|es-pass|minio-secret/);
  });
});

describe('fleet sizing in the run view', () => {
  const sizing = {
    participantsPerWorker: 20,
    workerCpuMax: 40,
    workerCpuAvg: 30,
    cpuPerParticipant: 2,
    targetCpu: 80,
    participantsPerWorkerAtTarget: 40,
    basis: '60 participants on 3 workers',
  };
  it('states participants per worker now and at the target CPU', () => {
    expect(sizingVM(sizing)).toEqual({
      text: '20.0 participants per worker at 40.0 % worker CPU (max) → about 40 per worker at 80 %.',
      basis: '60 participants on 3 workers',
      target: undefined,
    });
  });
  it('adds the workers a target needs, and the rooms in emulated mode', () => {
    const vm = sizingVM({
      ...sizing,
      target: 1000,
      workersNeeded: 250,
      minimumWorkersForRooms: 250,
    });
    expect(vm.text).toBe(
      '20.0 participants per worker at 40.0 % worker CPU (max) → about 40 per worker at 80 %. 1000 participants need 250 workers (emulated mode: one worker per room, 250 rooms).',
    );
    expect(vm.target).toBe(1000);
  });
});

describe('run view model of a hand-built scenario: what the charts draw, computed by the host', () => {
  const secs = (...pairs: [number, number][]) => pairs.map(([s, v]) => ({ t: T0 + s * 1000, v }));
  const platform = (name: string, points: { t: number; v: number }[]) => ({
    name,
    unit: 'u',
    origin: 'elasticsearch' as const,
    approximate: false,
    points,
  });
  const node = (name: string, host: string, role: string, points: { t: number; v: number }[]) => ({
    name,
    unit: '%',
    node: host,
    role,
    origin: 'metricbeat' as const,
    approximate: false,
    points,
  });
  const user = (n: number, session: string) => ({
    user: `User${n}`,
    session,
    role: 'PUBLISHER',
    retries: 0,
    attempts: [],
  });

  async function handBuilt() {
    const { run } = await generatedRun({ scenarios: ['4'] });
    const data = scenario({
      windowStart: T0,
      windowEnd: T0 + 600_000,
      // Two participants per room (N:N "2"): room A has both, room B one.
      report: { users: [user(1, 'A'), user(2, 'A'), user(3, 'B')] },
      series: [
        platform('participants', secs([0, 0], [30, 4], [60, 8])),
        platform('rtt_p95', secs([30, 120], [60, 200])),
        platform('quality_score', secs([0, 5], [30, 4.5], [60, 3.5])),
        platform('packet_out_of_order', secs([30, 1])),
        node('cpu', 'm1', 'medianode', secs([0, 10], [30, 30])),
        node('cpu', 'm2', 'medianode', secs([0, 20], [30, 50])),
        node('cpu', 'w1', 'browseremulator', secs([0, 70])),
        node('memory', 'm1', 'medianode', secs([0, 40])),
        node('memory', 'w1', 'browseremulator', secs([0, 60])),
      ],
    });
    const handRun = { ...run, scenarios: [data] };
    return runViewVM(handRun, summarizeRun(handRun)).scenarios[0]!;
  }

  it('averages node CPU per role, labelled with the node count', async () => {
    const s = await handBuilt();
    // media: (10 + 20) / 2 = 15 at 0 s, (30 + 50) / 2 = 40 at 30 s; one worker: its own 70.
    expect(s.cpuByRole.map(c => [c.label, c.points])).toEqual([
      [
        'CPU media (mean of 2 nodes)',
        [
          [0, 15],
          [30, 40],
        ],
      ],
      ['CPU worker', [[0, 70]]],
    ]);
  });
  it('gives each degradation metric, in menu order, against the participants', async () => {
    const s = await handBuilt();
    // 0 s has no participants (0); 30 s has 4, 60 s has 8.
    expect(s.degradation).toEqual([
      {
        name: 'quality_score',
        versusLoad: [
          [4, 4.5],
          [8, 3.5],
        ],
      },
      {
        name: 'rtt_p95',
        versusLoad: [
          [4, 120],
          [8, 200],
        ],
      },
    ]);
  });
  it('chooses the small multiples: labelled platform metrics in order, then media memory', async () => {
    const s = await handBuilt();
    expect(s.smallMultiples).toEqual(['participants', 'rtt_p95', 'quality_score', 'memory:m1']);
  });
  it('marks the rooms with fewer participants than the topology asks for', async () => {
    const s = await handBuilt();
    expect(s.geometry.rooms.map(r => [r.room, r.observed, r.expected, r.short])).toEqual([
      ['A', 2, 2, false],
      ['B', 1, 2, true],
    ]);
  });
});
