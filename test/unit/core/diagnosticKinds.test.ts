/** The diagnostic kinds not exercised elsewhere, each with the input that raises it. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeRoot } from '../../../src/core/analysis/rootSummary';
import { parseBatches } from '../../../src/core/ingest/batches';
import { parseControllerLogText } from '../../../src/core/ingest/controllerLog';
import { parseMedianodeCsv } from '../../../src/core/ingest/medianodeCsv';

describe('diagnostic kinds', () => {
  it('batches.badEntry for an entry without valid counts', () => {
    const r = parseBatches('{"t":{"startingParticipants":"2","batchSize":4}}', 'f');
    expect(r.diagnostics.map(d => [d.code, d.jsonPath])).toEqual([['batches.badEntry', '["t"]']]);
  });

  it('csv.syntax for a quote that never closes', () => {
    const r = parseMedianodeCsv('@timestamp,cpu,memory\n2024-06-20T10:15:00Z,"0.1,0.2\n', 'f');
    expect(r.diagnostics.map(d => d.code)).toContain('csv.syntax');
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
