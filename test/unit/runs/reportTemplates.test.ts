// The report-locales run written by an older controller's report code: the template of
// 2026-04-13 → 2026-06-04 (d75a54ad, master only), which has no platform metrics
// (test/fixtures/real/report-templates/README.md). Everything it has must read as the current
// template's en-US report does; what it lacks is skipped, never invented.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReportHtml } from '../../../src/core/runs/reportHtml';
import { listRuns, loadRun } from '../../../src/core/runs/run';
import { summarizeRun } from '../../../src/core/runs/summary';

const REAL = join(__dirname, '../../fixtures/real');

function report(folder: string) {
  const name = readdirSync(folder).find(n => n.startsWith('report-'))!;
  return parseReportHtml(readFileSync(join(folder, name), 'utf8'), join(folder, name));
}

describe('report-templates/2026-04-13-d75a54ad', () => {
  const folder = join(REAL, 'report-templates', '2026-04-13-d75a54ad');
  const old = report(folder);
  const now = report(join(REAL, 'report-locales', 'en-US'));

  it('reads the same test cases, users and worker CPU as the current template', () => {
    expect(old.diagnostics.filter(d => d.severity !== 'info')).toEqual([]);
    expect(old.scenarios).toHaveLength(3);
    const same = (s: (typeof old.scenarios)[number]) => ({
      label: s.label,
      topology: s.topology,
      participantsPerSession: s.participantsPerSession,
      sessionsCreated: s.sessionsCreated,
      participantsCreated: s.participantsCreated,
      workersUsed: s.workersUsed,
      reportedDurationSeconds: s.reportedDurationSeconds,
      users: s.users,
      workerCpu: s.workerCpu,
      stopReason: s.stopReason,
    });
    // where each value was read (file, line) differs between the two pages; the values may not
    const located = (v: unknown) =>
      JSON.parse(
        JSON.stringify(v, (k, x: unknown) => (k === 'file' || k === 'line' ? undefined : x)),
      );
    expect(located(old.scenarios.map(same))).toEqual(located(now.scenarios.map(same)));
    // the driver's values (report-locales README): 32, 1024 and 32 users; User3 of session 2 retried
    expect(old.scenarios.map(s => s.users.length)).toEqual([32, 1024, 32]);
    expect(old.scenarios[0]!.users.filter(u => u.retries > 0).map(u => u.user)).toEqual(['User3']);
  });

  it('has no platform metrics, and the run skips what needs them instead of judging', async () => {
    expect(old.scenarios.map(s => s.platform.length)).toEqual([0, 0, 0]);
    const [files] = await listRuns(folder);
    const summary = summarizeRun(await loadRun(files!));
    for (const s of summary.scenarios) {
      const status = (cls: string) => s.validity.checks.find(c => c.cls === cls)?.status;
      expect([status('noForwarding'), status('zeroCounters')]).toEqual(['skipped', 'skipped']);
      expect(s.validity.verdict).not.toBe('invalid');
    }
  });
});
