/** The diagnostic kinds not exercised elsewhere, each with the input that raises it. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { parseBatches } from '../../../src/core/ingest/batches';
import { parseControllerLogText } from '../../../src/core/ingest/controllerLog';
import { parseMedianodeCsv, readMedianodeCsv } from '../../../src/core/ingest/medianodeCsv';

describe('diagnostic kinds', () => {
  it('batches.badEntry for an entry without valid counts', () => {
    const r = parseBatches('{"t":{"startingParticipants":"2","batchSize":4}}', 'f');
    expect(r.diagnostics.map(d => [d.code, d.jsonPath])).toEqual([['batches.badEntry', '["t"]']]);
  });

  it('csv.syntax for a quote that never closes', () => {
    const r = parseMedianodeCsv('@timestamp,cpu,memory\n2024-06-20T10:15:00Z,"0.1,0.2\n', 'f');
    expect(r.diagnostics.map(d => d.code)).toContain('csv.syntax');
  });

  it('csv.noFinalLineEnd for a CPU file that ends inside its last row (read whole or streamed)', async () => {
    const whole =
      '@timestamp,cpu,memory\n2024-06-20T10:15:00Z,0.10,0.20\n2024-06-20T10:15:05Z,0.30,0.2331\n';
    // Cut two bytes before the end: the last memory value reads 0.23, not 0.2331.
    const cut = whole.slice(0, -3);
    const dir = mkdtempSync(join(tmpdir(), 'ltl-csv-cut-'));
    const file = join(dir, 't-medianode.csv');
    writeFileSync(file, cut);
    for (const r of [parseMedianodeCsv(cut, file), await readMedianodeCsv(file)]) {
      expect(r.series.memory[1]).toBe(0.23);
      expect(r.diagnostics.map(d => [d.code, d.severity, d.line])).toEqual([
        ['csv.noFinalLineEnd', 'warning', 3],
      ]);
    }
    // Whole, or ending with CRLF: no finding.
    writeFileSync(file, whole.replace(/\n/g, '\r\n'));
    for (const r of [parseMedianodeCsv(whole, file), await readMedianodeCsv(file)])
      expect(r.diagnostics).toEqual([]);
  });

  it('log.badTimestamp for a failure line whose time the log pattern does not allow', () => {
    const r = parseControllerLogText(
      '20-06-2024 12:16 ERROR 1 --- [x] y : Participant User1 in session LoadTestSession1 failed 1 times',
      'f',
    );
    expect(r.failures).toEqual([]);
    expect(r.diagnostics.map(d => [d.code, d.line])).toContainEqual(['log.badTimestamp', 1]);
  });

  it('layout.noStats and layout.noLog for tests known from one part only', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ltl-kinds-'));
    mkdirSync(join(root, 'stats', 'only-stats', 'LoadTestSession1', 'User1'), { recursive: true });
    writeFileSync(
      join(root, 'stats', 'only-stats', 'LoadTestSession1', 'User1', 'events.json'),
      '[]',
    );
    mkdirSync(join(root, 'logs'));
    writeFileSync(join(root, 'logs', 'only-log.log'), '');
    const summary = await summarizeRoot(root, { logTimezone: 'auto' });
    const codes = (test: string) =>
      summary.tests.find(t => t.name === test)?.diagnostics.map(d => d.code);
    expect(codes('only-stats')).toContain('layout.noLog');
    expect(codes('only-log')).toContain('layout.noStats');
  });
});
