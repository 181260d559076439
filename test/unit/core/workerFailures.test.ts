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
import { failureConcentration, type WorkerCount } from '../../../src/core/analysis/workerFailures';
import { readControllerLog } from '../../../src/core/ingest/controllerLog';

const count = (worker: string, users: number, failedUsers: number, line = 1): WorkerCount => ({
  worker,
  users,
  failedUsers,
  line,
});

describe('failureConcentration', () => {
  it('flags a worker whose users failed far beyond chance', () => {
    // C: 8 of 20 failed; A and B: 1 of 40. scipy: 0.00035220927780723986, × 3 workers.
    const c = failureConcentration([count('A', 20, 1), count('B', 20, 0), count('C', 20, 8)]);
    expect(c?.worker.worker).toBe('C');
    expect([c?.otherUsers, c?.otherFailed, c?.workers]).toEqual([40, 1, 3]);
    expect(Math.abs(c!.p - 3 * 0.00035220927780723986)).toBeLessThan(1e-12);
  });

  it('does not when the adjustment for the number of workers takes it over 1 %', () => {
    // F: 4 of 10 against 2 of 50; scipy 0.005394310386774012, × 6 workers = 0.032.
    const spread = ['A', 'B', 'C', 'D', 'E'].map((w, i) => count(w, 10, i < 2 ? 1 : 0));
    expect(failureConcentration([...spread, count('F', 10, 4)])).toBeUndefined();
  });

  it('does not for fewer than three failed users, or a rate under twice the others', () => {
    expect(failureConcentration([count('A', 2, 2), count('B', 200, 0)])).toBeUndefined();
    // Everyone fails a lot: A's 60 % is not twice the others' 40 %.
    expect(failureConcentration([count('A', 100, 60), count('B', 400, 160)])).toBeUndefined();
  });

  it('needs two workers', () => {
    expect(failureConcentration([count('A', 20, 20)])).toBeUndefined();
  });
});

/** A 2024-format log: 30 sessions of 2 users, sessions 1–10 on A, 11–20 on B, 21–30 on C. */
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
    const worker = s <= 10 ? '172.31.10.1' : s <= 20 ? '172.31.10.2' : '172.31.10.3';
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
      out.push(line(t, 'INFO', thread, BEC, `Selected worker: ${worker}`));
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

describe("a test whose failures gather on one of the log's workers", () => {
  // 8 users of sessions 21–30 (worker 3) fail, and one of session 1 (worker 1).
  const failed = new Set([
    'User1@LoadTestSession1',
    ...[21, 22, 23, 24].flatMap(s => [`User1@LoadTestSession${s}`, `User2@LoadTestSession${s}`]),
  ]);

  it('reads each user’s worker from the log', async () => {
    const dir = root(log2024(failed));
    const log = await readControllerLog(join(dir, 'logs', 'test.log'));
    const workers = new Map(log.users.map(u => [`${u.user}@${u.session}`, u.worker]));
    expect(workers.get('User2@LoadTestSession10')).toBe('172.31.10.1');
    expect(workers.get('User1@LoadTestSession11')).toBe('172.31.10.2');
    expect(workers.get('User2@LoadTestSession30')).toBe('172.31.10.3');
    expect(log.users.every(u => u.worker !== undefined)).toBe(true);
  });

  it('is a warning naming the worker, with its counts, at its first user’s line', async () => {
    const summary = await summarizeRoot(root(log2024(failed)), { logTimezone: 'auto' });
    const finding = summary.tests[0]!.diagnostics.find(d => d.code === 'failures.oneWorker');
    expect(finding?.severity).toBe('warning');
    // scipy: fisher_exact([[8, 12], [1, 39]], alternative='greater') = 0.00035220927780723986.
    expect(finding?.message).toContain(
      '8 of the 9 users that failed ran on worker 172.31.10.3: 8 of its 20 users (40.0 %) against 1 of 40 (2.5 %) on the other 2 workers',
    );
    // 3 × 0.00035220927780723986 = 0.0010566…
    expect(finding?.message).toContain('p = 0.0011 after Bonferroni for 3 workers');
    // The start line, 20 sessions of 7 lines, session 21's `Starting session`, then its first
    // user's first creation line (`Creating PUBLISHER 'User1' …`).
    expect(finding?.line).toBe(1 + 20 * 7 + 1 + 1);
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
