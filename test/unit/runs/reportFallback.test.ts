// The page the controller writes instead of its report when rendering throws (v4.1.0 on), made
// by its own code (test/fixtures/real/report-fallback, made with the report-locales driver and
// -Dfallback; README there), with the default reportOutput (html only: no results-<ts>.txt).
// Every test case must be read from the text reports it holds, to the values the driver was
// given (the CASES of reportLocales.test.ts, the README's "Chosen values"), with a warning.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fallbackReport } from '../../../src/core/runs/reportHtml';
import { listRuns, loadRun } from '../../../src/core/runs/run';

const ROOT = join(__dirname, '../../fixtures/real/report-fallback');

const CASES = [
  { sessions: 4, perSession: '8', participants: 32, workers: 2, seconds: 300 },
  { sessions: 64, perSession: '16', participants: 1024, workers: 52, seconds: 1200 },
  { sessions: 4, perSession: '8', participants: 32, workers: 2, seconds: 300 },
];
/** The driver's start offsets from 2026-07-01T10:00:00Z (RUN_START). */
const STARTS = [0, 320_000, 1_540_000].map(ms => Date.parse('2026-07-01T10:00:00Z') + ms);

describe.each(['en-US', 'es-ES', 'fr-FR'])('report-fallback/%s', locale => {
  const dir = join(ROOT, locale);

  it('is the fallback page, its error and its three text reports', () => {
    const page = readdirSync(dir).find(n => n.startsWith('report-'))!;
    const f = fallbackReport(readFileSync(join(dir, page), 'utf8'));
    expect(f?.error).toMatch(/^Cannot invoke "java\.util\.Calendar\.getTime\(\)"/);
    expect(f?.text.match(/----- Test Case Report /g)).toHaveLength(3);
    expect(f?.line).toBe(1);
  });

  it('reads every test case from it, with one warning', async () => {
    const [files] = await listRuns(dir);
    expect(files?.results).toBeUndefined();
    const run = await loadRun(files!);
    expect(
      run.scenarios.map(s => [
        s.report.participantsPerSession,
        s.report.sessionsCreated,
        s.report.sessionsCompleted,
        s.report.participantsCreated,
        s.report.workersUsed,
        s.report.stopReason,
        s.report.userStarts.length,
        s.report.start,
      ]),
    ).toEqual(
      CASES.map((c, i) => [
        c.perSession,
        c.sessions,
        c.sessions,
        c.participants,
        c.workers,
        'Test finished',
        c.participants,
        STARTS[i],
      ]),
    );
    const warning = run.diagnostics.find(d => d.code === 'report.fallback');
    expect(warning?.severity).toBe('warning');
    expect(warning?.line).toBe(1);
    expect(run.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    expect(run.diagnostics.filter(d => d.code.startsWith('number.'))).toEqual([]);
  });

  it('points each test case at its header line in the page', async () => {
    const [files] = await listRuns(dir);
    const run = await loadRun(files!);
    const lines = readFileSync(files!.report!, 'utf8').split('\n');
    for (const s of run.scenarios) {
      const source = s.report.sources[0]!;
      expect(source.file).toBe(files!.report);
      expect(lines[source.line! - 1]).toContain('----- Test Case Report');
    }
  });
});

describe('a report that is not a fallback page', () => {
  it('is not taken for one', () => {
    const page = join(__dirname, '../../fixtures/real/report-locales/en-US');
    const name = readdirSync(page).find(n => n.startsWith('report-'))!;
    expect(fallbackReport(readFileSync(join(page, name), 'utf8'))).toBeUndefined();
  });
});
