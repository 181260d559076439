// The run of report-locales written by JVMs whose charset cannot hold the locale's thousands
// separator (test/fixtures/real/report-charsets, made by the controller's own report code:
// scripts/fixtures/report-locales/make-fixtures.sh). `3?656 pkts/s` was read as 3.5 without a
// word, and the second test case came out invalid ("the platform never held more than 2 of the
// 1024 participants"). Every figure must be the en-US run's, with a warning that says why.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuns, loadRun } from '../../../src/core/runs/run';
import { summarizeRun } from '../../../src/core/runs/summary';

const FIXTURES = join(__dirname, '../../fixtures/real');

async function run(folder: string) {
  const [files] = await listRuns(folder);
  return loadRun(files!);
}

/** Per test case, every platform metric's min/avg/max and every check's status. */
function figures(r: Awaited<ReturnType<typeof run>>) {
  const summary = summarizeRun(r);
  return r.scenarios.map((s, i) => ({
    platform: s.report.platform.map(m => [m.name, m.min, m.avg, m.max]),
    cpu: s.report.workerCpu.map(w => [w.worker, w.avg, w.max]),
    checks: summary.scenarios[i]!.validity.checks.map(c => [c.cls, c.status]),
    verdict: summary.scenarios[i]!.validity.verdict,
  }));
}

describe.each([
  ['fr-FR-iso-8859-1', []],
  ['de-CH-windows-1252', ['file.notUtf8']],
])('report-charsets/%s', (folder, alsoWarned) => {
  it('reads every figure as the en-US run does, with a warning naming the first such number', async () => {
    const [en, lossy] = await Promise.all([
      run(join(FIXTURES, 'report-locales', 'en-US')),
      run(join(FIXTURES, 'report-charsets', folder)),
    ]);
    expect(figures(lossy)).toEqual(figures(en));
    // test case 2's participants peak at 1012 + 12 = 1024 (the driver's inputs, README)
    expect(lossy.scenarios[1]!.report.platform.find(m => m.name === 'participants')!.max).toBe(
      1024,
    );
    const warnings = lossy.diagnostics.filter(d => d.severity === 'warning');
    const lost = warnings.filter(d => d.code === 'report.lostSeparator');
    expect(lost).toHaveLength(1);
    expect(lost[0]!.file).toMatch(/report-.*\.html$/);
    expect(lost[0]!.line).toBeGreaterThan(1);
    expect(warnings.filter(d => d.code.startsWith('number.'))).toEqual([]);
    for (const code of alsoWarned) expect(warnings.map(d => d.code)).toContain(code);
  });
});
