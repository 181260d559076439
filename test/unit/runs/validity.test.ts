// Every validity class has a generated run built to trip it and a clean run that does not.
import { beforeAll, describe, expect, it } from 'vitest';
import { summarizeRun, type RunSummary } from '../../../src/core/runs/summary';
import { assessValidity, VALIDITY_CLASSES } from '../../../src/core/runs/validity';
import { type ValidityClass, type CheckStatus } from '../../../src/core/model/validity';
import type { ScenarioData } from '../../../src/core/runs/run';
import { generatedRun, scenario } from './runs';

const statusOf = (s: RunSummary, cls: ValidityClass): CheckStatus[] =>
  s.scenarios.map(x => x.validity.checks.find(c => c.cls === cls)!.status);

/** What each trip must make of its own check (zero counters and host-wide CPU are data-quality warnings). */
const TRIPPED: Record<ValidityClass, CheckStatus> = {
  environment: 'invalid',
  generatorSaturation: 'invalid',
  refusedWhileFinished: 'invalid',
  geometry: 'invalid',
  noForwarding: 'invalid',
  zeroCounters: 'suspect',
  hostWideCpu: 'suspect',
  stopReason: 'invalid',
};

describe('run validity on generated runs', () => {
  let clean: RunSummary;
  const tripped = new Map<ValidityClass, RunSummary>();
  beforeAll(async () => {
    clean = summarizeRun((await generatedRun()).run);
    for (const cls of VALIDITY_CLASSES)
      tripped.set(cls, summarizeRun((await generatedRun({ trips: [cls] })).run));
  }, 60_000);

  it('a clean run passes every check and is valid', () => {
    expect(clean.verdict).toBe('valid');
    for (const cls of VALIDITY_CLASSES)
      expect(statusOf(clean, cls), cls).toEqual(['pass', 'pass', 'pass']);
  });

  for (const cls of VALIDITY_CLASSES) {
    it(`the ${cls} trip fails its check in every scenario, with evidence`, () => {
      const s = tripped.get(cls)!;
      expect(statusOf(s, cls)).toEqual(s.scenarios.map(() => TRIPPED[cls]));
      expect(s.verdict).toBe(TRIPPED[cls] === 'invalid' ? 'invalid' : 'suspect');
      for (const sc of s.scenarios)
        expect(sc.validity.checks.find(c => c.cls === cls)!.evidence.length).toBeGreaterThan(0);
    });
  }

  it('points at the file and element of the evidence', () => {
    const env = tripped
      .get('environment')!
      .scenarios[0]!.validity.checks.find(c => c.cls === 'environment')!;
    const fromErrors = env.evidence.find(e => e.file?.endsWith('errors.json'));
    expect(fromErrors).toMatchObject({ index: 0 });
    expect(fromErrors!.text).toMatch(/^TLS \/ certificate/);
    expect(
      env.evidence.some(
        e =>
          e.line === 4 &&
          e.file!.endsWith('controller.log') &&
          /No connection to OpenVidu Server/.test(e.text),
      ),
    ).toBe(true);
    const gen = tripped
      .get('generatorSaturation')!
      .scenarios[0]!.validity.checks.find(c => c.cls === 'generatorSaturation')!;
    expect(gen.summary).toMatch(/the knee you see is the generator’s/);
    expect(gen.evidence.some(e => /request timeout/.test(e.text) && e.line !== undefined)).toBe(
      true,
    );
  });
});

const series = (name: string, values: number[], extra: object = {}) => ({
  name,
  unit: '',
  origin: 'elasticsearch' as const,
  approximate: false,
  points: values.map((v, i) => ({ t: i * 30_000, v })),
  ...extra,
});

describe('validity edge cases built by hand', () => {
  const check = (s: ScenarioData, cls: ValidityClass) =>
    assessValidity(s, undefined).checks.find(c => c.cls === cls)!;

  it('an ICE failure only at full load is suspect, one during the ramp-up is invalid', () => {
    const participants = series('participants', [0, 2, 4, 4, 4, 4, 4, 0]);
    const err = (t: number) => ({
      event: 'EMULATED_PARTICIPANT_HEALTH_ERROR',
      reason: 'ICE connection failed',
      room: 'LoadTestSession1',
      identity: 'u',
      t,
      at: { file: '/r/e.json', index: 0 },
    });
    // Four rooms, one failing: not widespread, so only its timing decides.
    const users = [1, 2, 3, 4].map(i => ({
      user: 'User1',
      session: `LoadTestSession${i}`,
      role: 'PUBLISHER',
      retries: 0,
      attempts: [],
    }));
    expect(
      check(
        scenario({ series: [participants], healthErrors: [err(150_000)], report: { users } }),
        'environment',
      ).status,
    ).toBe('suspect');
    expect(
      check(
        scenario({ series: [participants], healthErrors: [err(10_000)], report: { users } }),
        'environment',
      ).status,
    ).toBe('invalid');
  });

  it('a worker peaking at 90 % is suspect, all workers averaging 80 % invalid', () => {
    const cpu = (avg: number, max: number) => [
      { worker: 'All Workers', avg, max, source: { file: '/r' } },
    ];
    expect(
      check(scenario({ report: { workerCpu: cpu(50, 89.9) } }), 'generatorSaturation').status,
    ).toBe('pass');
    expect(
      check(scenario({ report: { workerCpu: cpu(50, 90) } }), 'generatorSaturation').status,
    ).toBe('suspect');
    expect(
      check(scenario({ report: { workerCpu: cpu(80, 95) } }), 'generatorSaturation').status,
    ).toBe('invalid');
    expect(check(scenario(), 'generatorSaturation').status).toBe('skipped');
  });

  it('fan-out: out/in below 0.4 × subscribed/published is invalid, at 0.4 × it passes', () => {
    const base = [
      series('tracks_published', [10, 10]),
      series('tracks_subscribed', [30, 30]),
      series('bandwidth_in', [100, 100]),
    ];
    // Expected fan-out 3×; 0.4 × 3 = 1.2.
    expect(
      check(scenario({ series: [...base, series('bandwidth_out', [119, 119])] }), 'noForwarding')
        .status,
    ).toBe('invalid');
    expect(
      check(scenario({ series: [...base, series('bandwidth_out', [120, 120])] }), 'noForwarding')
        .status,
    ).toBe('pass');
    expect(
      check(
        scenario({
          series: [...base, series('bandwidth_out', [119, 119])],
          config: {
            topology: 'N:N',
            participants: '2',
            sessions: 1,
            browser: 'emulated',
            simulcast: true,
            startingParticipants: 0,
          },
        }),
        'noForwarding',
      ).status,
    ).toBe('skipped');
  });

  it('a stop reason is classified: workers exhausted invalidates, participant errors do not on their own', () => {
    expect(
      check(scenario({ report: { stopReason: 'No more workers available' } }), 'stopReason').status,
    ).toBe('invalid');
    expect(
      check(
        scenario({
          report: { stopReason: 'Failed launching load-test chunk on worker https://w1' },
        }),
        'stopReason',
      ).status,
    ).toBe('invalid');
    expect(
      check(
        scenario({ report: { stopReason: 'Max participant errors reached (1)' } }),
        'stopReason',
      ).status,
    ).toBe('pass');
    expect(check(scenario({ report: { stopReason: 'Something new' } }), 'stopReason').status).toBe(
      'suspect',
    );
  });

  it('geometry of an N:M room: 2 publishers + 6 subscribers expected', () => {
    const users = Array.from({ length: 7 }, (_, i) => ({
      user: `User${i + 1}`,
      session: 'LoadTestSession1',
      role: i < 2 ? 'PUBLISHER' : 'SUBSCRIBER',
      retries: 0,
      attempts: [],
    }));
    const c = check(
      scenario({ report: { topology: 'N:M', participantsPerSession: '2:6', users } }),
      'geometry',
    );
    expect(c.status).toBe('invalid');
    expect(c.evidence[0]!.text).toBe('LoadTestSession1: 7 of 8 participants');
  });
});
