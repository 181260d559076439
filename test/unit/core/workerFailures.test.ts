/**
 * Failures gathered on one worker (src/core/analysis/workerFailures.ts). The p-values are scipy
 * 1.10's fisher_exact(table, alternative='greater') (Debian's python3-scipy), times the number
 * of workers (Bonferroni); the logs are written line by line in the 2024 controller's format
 * (test/fixtures/real/controller-logs/2024.log: `Selected worker: <host>` then `Creating
 * participant N in session M` on one pool thread, BrowserEmulatorClient l.379–380 at db1ae485).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { failureConcentration, type WorkerUser } from '../../../src/core/analysis/workerFailures';
import { readControllerLog } from '../../../src/core/ingest/controllerLog';

/** `n` users created in turn on `workers` (user i on workers[i % k], at line i + 1). */
function inTurn(
  workers: readonly string[],
  n: number,
  failed: (i: number) => boolean,
): WorkerUser[] {
  return Array.from({ length: n }, (_, i) => ({
    worker: workers[i % workers.length]!,
    line: i + 1,
    failed: failed(i),
  }));
}

describe('failureConcentration', () => {
  it('names a worker whose users failed far beyond those created alongside them', () => {
    // C holds users 2, 5, …, 59 (lines 3–60); 8 of them fail, and A's user 30. Alongside: the
    // 38 A and B users of lines 3–60. scipy: fisher_exact([[8, 12], [1, 37]]) = 0.000465290510833777.
    const failedC = new Set([2, 5, 8, 11, 14, 17, 20, 23]);
    const c = failureConcentration(inTurn(['A', 'B', 'C'], 60, i => failedC.has(i) || i === 30));
    expect([c?.worker, c?.users, c?.failedUsers, c?.alongside, c?.alongsideFailed]).toEqual([
      'C',
      20,
      8,
      38,
      1,
    ]);
    expect(c?.lines).toEqual([3, 60]);
    expect(Math.abs(c!.p - 3 * 0.000465290510833777)).toBeLessThan(1e-12);
  });

  it('says nothing when workers were filled one after the other (worker and load mixed)', () => {
    // A: lines 1–20, B: 21–40, C: 41–60; the last 8 users fail, as when the load grows.
    const users = ['A', 'B', 'C'].flatMap((worker, w) =>
      Array.from({ length: 20 }, (_, i) => ({
        worker,
        line: 20 * w + i + 1,
        failed: w === 2 && i >= 12,
      })),
    );
    expect(failureConcentration(users)).toBeUndefined();
  });

  it('says nothing when the adjustment for the number of workers takes it over 1 %', () => {
    // F holds users 5, 11, …, 59 (lines 6–60); 4 of them fail. Alongside: the 45 other users of
    // lines 6–60, 2 of them failed. scipy: fisher_exact([[4, 6], [2, 43]]) = 0.007569936537750074,
    // under 1 % alone but 0.045 × 6 workers.
    const failedF = new Set([5, 11, 17, 23]);
    const users = inTurn(
      ['A', 'B', 'C', 'D', 'E', 'F'],
      60,
      i => failedF.has(i) || i === 6 || i === 12,
    );
    const alongside = users.filter(u => u.worker !== 'F' && u.line >= 6);
    expect([alongside.length, alongside.filter(u => u.failed).length]).toEqual([45, 2]);
    expect(failureConcentration(users)).toBeUndefined();
  });

  it('says nothing for fewer than three failed users, or a rate under twice the others', () => {
    expect(failureConcentration(inTurn(['A', 'B'], 200, i => i === 0 || i === 2))).toBeUndefined();
    // Everyone fails a lot: A's 60 % is not twice B's 40 %.
    expect(
      failureConcentration(inTurn(['A', 'B'], 200, i => (i % 2 === 0 ? i % 10 < 6 : i % 10 < 5))),
    ).toBeUndefined();
  });

  it('needs two workers', () => {
    expect(failureConcentration(inTurn(['A'], 20, () => true))).toBeUndefined();
  });
});

const WORKERS = ['172.31.10.1', '172.31.10.2', '172.31.10.3'];

/** A 2024-format log: 30 sessions of 2 users, session s on WORKERS[(s − 1) % 3]. */
function log2024(failed: ReadonlySet<string>): string {
  const stamp = (s: number) =>
    `2024-06-20 12:${String(15 + Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`;
  const line = (s: number, level: string, thread: string, logger: string, message: string) =>
    `${stamp(s)} ${level.padStart(5)} 1278 --- [${thread.padStart(15)}] ${logger.padEnd(40)} : ${message}`;
  const LTC = 'i.o.l.controller.LoadTestController';
  const BEC = 'i.o.l.services.BrowserEmulatorClient';
  const out = [line(0, 'INFO', 'main', LTC, 'Starting test with N:N session typology')];
  let t = 1;
  for (let s = 1; s <= 30; s++) {
    out.push(line(t, 'INFO', 'main', LTC, `Starting session 'LoadTestSession${s}'`));
    for (let u = 1; u <= 2; u++) {
      const thread = `pool-${s}-thread-${u}`;
      out.push(
        line(
          t,
          'INFO',
          'main',
          LTC,
          `Creating PUBLISHER 'User${u}' in session LoadTestSession${s}`,
        ),
      );
      out.push(line(t, 'INFO', thread, BEC, `Selected worker: ${WORKERS[(s - 1) % 3]}`));
      out.push(line(t, 'INFO', thread, BEC, `Creating participant ${u} in session ${s}`));
      t++;
    }
  }
  for (const key of failed) {
    const [u, s] = key.split('@');
    out.push(
      line(t++, 'ERROR', 'lient-AsyncIO-1', BEC, `Participant ${u} in session ${s} failed 1 times`),
    );
  }
  out.push(line(t + 5, 'INFO', 'main', 'i.o.l.utils.DataIO', 'Saved result in a /opt/results.txt'));
  return out.join('\n') + '\n';
}

function root(log: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ltl-worker-failures-'));
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'logs', 'test.log'), log);
  return dir;
}

/** Session s starts at line 2 + 7 (s − 1); its User1 is created on the next line, User2 3 later. */
const userLine = (s: number, u: number) => 2 + 7 * (s - 1) + (u === 1 ? 1 : 4);

describe("a test whose failures gather on one of the log's workers", () => {
  // Both users of sessions 3, 6, 9, 12 (worker .3) fail, and User1 of session 4 (worker .1).
  const failed = new Set([
    'User1@LoadTestSession4',
    ...[3, 6, 9, 12].flatMap(s => [`User1@LoadTestSession${s}`, `User2@LoadTestSession${s}`]),
  ]);

  it('reads each user’s worker from the log', async () => {
    const dir = root(log2024(failed));
    const log = await readControllerLog(join(dir, 'logs', 'test.log'));
    const workers = new Map(log.users.map(u => [`${u.user}@${u.session}`, u.worker]));
    expect(workers.get('User2@LoadTestSession10')).toBe('172.31.10.1');
    expect(workers.get('User1@LoadTestSession11')).toBe('172.31.10.2');
    expect(workers.get('User2@LoadTestSession30')).toBe('172.31.10.3');
    expect(log.users.every(u => u.worker !== undefined)).toBe(true);
    expect(log.users.find(u => u.user === 'User1' && u.session === 'LoadTestSession3')?.line).toBe(
      userLine(3, 1),
    );
  });

  it('is a warning naming the worker, with its counts, at its first user’s line', async () => {
    const summary = await summarizeRoot(root(log2024(failed)), { logTimezone: 'auto' });
    const finding = summary.tests[0]!.diagnostics.find(d => d.code === 'failures.oneWorker');
    expect(finding?.severity).toBe('warning');
    // Alongside worker .3's users (sessions 3–30): the 36 users of sessions 4–29 on the other
    // workers, one of them failed. scipy: fisher_exact([[8, 12], [1, 35]]) = 0.0006207628849138285.
    const [first, last] = [userLine(3, 1), userLine(30, 2)];
    expect(finding?.message).toBe(
      `8 of the 20 users created on worker 172.31.10.3 failed (40.0 %), against 1 of the 36 users the other workers received meanwhile (lines ${first}–${last}, 2.8 %; one-sided Fisher's exact test, p = 0.0019 after Bonferroni for 3 workers). That machine (its CPU, network or browsers) rather than the media server may be why they failed.`,
    );
    expect(3 * 0.0006207628849138285).toBeCloseTo(0.0019, 4);
    expect(finding?.line).toBe(first);
  });

  it('counts a worker line without a worker as a line not understood', async () => {
    const text = log2024(new Set()).replace('Selected worker: 172.31.10.2', 'Selected worker: ');
    const dir = root(text);
    const log = await readControllerLog(join(dir, 'logs', 'test.log'));
    const skipped = log.diagnostics.find(d => d.code === 'log.skippedLines');
    expect(skipped?.message).toMatch(/^1 line\(s\) .* a worker line/);
    // Session 2's User1 (the line edited) has no worker; the others keep theirs.
    const noWorker = log.users
      .filter(u => u.worker === undefined)
      .map(u => `${u.user}@${u.session}`);
    expect(noWorker).toEqual(['User1@LoadTestSession2']);
  });

  it('says nothing when the failures are spread over the workers', async () => {
    const spread = new Set([
      'User1@LoadTestSession1',
      'User1@LoadTestSession12',
      'User2@LoadTestSession25',
    ]);
    const summary = await summarizeRoot(root(log2024(spread)), { logTimezone: 'auto' });
    expect(summary.tests[0]!.diagnostics.map(d => d.code)).not.toContain('failures.oneWorker');
  });
});
